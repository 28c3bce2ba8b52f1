import Foundation

/// A named, configurable step of a pipeline: it transforms a document or drops it with a reason.
///
/// A pipeline is an ordered list of stages. Each document flows through them one after the
/// other, on one worker thread:
///
/// ```
///  file ──▶ read ──▶ rules ──▶ strip ──▶ normalize ──▶ enrich ──▶ write ──▶ output folder
///              │         │         │           │            │          │
///              └─────────┴── .drop(reason) ────┴────────────┴──────────┴──▶ counted, not written
///                        └── throw ───────────────────────────────────────▶ failed, run goes on
/// ```
///
/// - **Order**: stages run in the order of the pipeline file; a stage sees what the stages before
///   it left in the ``Document``.
/// - **Outcome**: ``process(_:)`` returns ``Disposition/keep`` to pass the document on, or
///   ``Disposition/drop(reason:)`` to stop it there (the reason is counted in the run report).
///   A thrown error fails that one document: it is recorded with the stage's name and the error's
///   description, and the run goes on with the other documents.
/// - **Threads**: every worker makes its own instance of every stage, so a stage may keep mutable
///   state (buffers, caches) without locks. Stages are synchronous: the work is CPU-bound.
/// - **Options**: a stage's ``Options`` are decoded and validated when the pipeline file loads,
///   before any page is read, so `winnow validate` finds every mistake.
///
/// A minimal stage that tags documents mentioning a word:
///
/// ```swift
/// struct Mentions: Stage {
///     struct Options: StageOptions {
///         static let fields = [OptionField("word", type: "string", default: "winnow", help: "The word to look for.")]
///         var word: String
///         init(from values: OptionValues) { word = values.string("word", default: "winnow") }
///     }
///     static let name = "mentions"
///     static let summary = "Tags documents that mention a word."
///     let options: Options
///     init(options: Options, context: StageContext) { self.options = options }
///     mutating func process(_ document: inout Document) throws -> Disposition {
///         if document.text.contains(options.word) {
///             document.metadata.extra["mentions"] = .init(options.word, source: .pipeline)
///         }
///         return .keep
///     }
/// }
/// var registry = StageRegistry.builtIn
/// registry.register(Mentions.self)
/// ```
public protocol Stage: SendableMetatype {
    /// The stage's options, decoded from the pipeline file.
    associatedtype Options: StageOptions

    /// The kebab-case name that pipeline files use for the stage (`strip`, `rules`).
    static var name: String { get }
    /// One line saying what the stage does, for `winnow stages`.
    static var summary: String { get }

    /// Makes an instance for one worker; options are already validated.
    init(options: Options, context: StageContext) throws

    /// Transforms `document` in place, or drops it; a thrown error fails this document only.
    mutating func process(_ document: inout Document) throws -> Disposition

    /// Called once when the worker owning this instance has no more documents: close files,
    /// flush buffers. A thrown error is reported as a problem of the run.
    mutating func finish() throws
}

extension Stage {
    /// Does nothing.
    public mutating func finish() throws {}
}

/// What a stage knows about the run it is part of.
public struct StageContext: Sendable {
    /// The folder the inputs are read from.
    public var inputFolder: String
    /// The folder outputs are written to.
    public var outputFolder: String
    /// The folder of the pipeline file, against which relative paths in options resolve.
    public var baseFolder: String
    /// The index of the worker that owns this instance (0-based).
    public var worker: Int
    /// The number of workers.
    public var jobs: Int
    /// Whether removals keep their text in the trace (the run asked for traces).
    public var keepTrace: Bool
    /// The shard this run processes (`winnow run --shard`), nil for a whole-folder run; files a
    /// stage names itself (jsonl parts) must not collide with other shards' (see ``RunNames``).
    public var shard: Int?
    /// XPath expressions of the pipeline's stages (``XPathQueryOptions``), which the `read` stage
    /// evaluates on each HTML page's libxml2 tree (``HTMLDocument/queryMatches``).
    public var xpathQueries: [String] = []

    /// Creates a context.
    public init(inputFolder: String, outputFolder: String, baseFolder: String, worker: Int = 0, jobs: Int = 1, keepTrace: Bool = false, shard: Int? = nil) {
        self.inputFolder = inputFolder
        self.outputFolder = outputFolder
        self.baseFolder = baseFolder
        self.worker = worker
        self.jobs = jobs
        self.keepTrace = keepTrace
        self.shard = shard
    }
}

/// An error that fails one document, with what to do about it.
public struct DocumentError: Error, Sendable, CustomStringConvertible {
    /// What was wrong.
    public var message: String
    /// What the user can do, if anything.
    public var hint: String?
    /// Whether the output folder, not the document, is at fault: it is full (`ENOSPC`, a quota)
    /// or read-only. The runner then stops the run (exit code 74) instead of failing every
    /// document after it, and the document is left for the next run.
    public var isOutputFailure = false

    /// Creates a document error.
    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    /// Creates an error about writing the output folder; `code` is the `errno` of the failed
    /// call, which decides ``isOutputFailure``.
    public init(_ message: String, hint: String? = nil, errorCode code: Int32) {
        self.init(message, hint: hint)
        isOutputFailure = Self.isOutputFolderCode(code)
    }

    /// Whether an `errno` value means the output folder cannot take more (full, over quota,
    /// read-only), as opposed to a problem of one file.
    public static func isOutputFolderCode(_ code: Int32) -> Bool {
        code == ENOSPC || code == EDQUOT || code == EROFS || code == EFBIG
    }

    /// The `errno` value under a Foundation or POSIX error, if there is one.
    public static func errorCode(of error: any Error) -> Int32? {
        let error = error as NSError
        if error.domain == NSPOSIXErrorDomain { return Int32(error.code) }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return Int32(underlying.code)
        }
        if error.domain == NSCocoaErrorDomain, error.code == CocoaError.fileWriteOutOfSpace.rawValue { return ENOSPC }
        if error.domain == NSCocoaErrorDomain, error.code == CocoaError.fileWriteVolumeReadOnly.rawValue { return EROFS }
        return nil
    }

    /// The message followed by the hint.
    public var description: String {
        guard let hint else { return message }
        return "\(message) (\(hint))"
    }
}
