import Foundation

/// One line of `_manifest.jsonl` (and of `_journal.jsonl`): what a run made of one input.
public struct ManifestEntry: Codable, Sendable, Hashable {
    /// The document's id (its path relative to the input folder).
    public var id: String
    /// The input file's path when it was processed.
    public var path: String
    /// The input's size in bytes.
    public var size: Int
    /// The hex SHA-256 of the input's bytes, when they could be read.
    public var sha256: String?
    /// `written`, `dropped` or `failed`.
    public var status: String
    /// The stage that dropped the document or failed.
    public var stage: String?
    /// The drop reason.
    public var reason: String?
    /// The failure message.
    public var error: String?
    /// Files written for it, relative to the output folder.
    public var outputs: [String]
    /// The hash of the pipeline that processed it.
    public var pipeline: String
    /// The winnow version that processed it.
    public var winnow: String
    /// The `dedup` stage's fingerprint of the text, when the pipeline has that stage.
    public var dedup: DedupKey?
    /// The kept document this one duplicates (dropped by `dedup`).
    public var duplicateOf: String?

    enum CodingKeys: String, CodingKey {
        case id, path, size, sha256, status, stage, reason, error, outputs, pipeline, winnow, dedup
        case duplicateOf = "duplicate-of"
    }

    /// Whether the entry records finished work (written or dropped; a failure is retried).
    public var isComplete: Bool { status == "written" || status == "dropped" }

    /// The entry for a document's outcome under a pipeline.
    init(_ outcome: DocumentOutcome, pipeline: String) {
        id = outcome.id
        path = outcome.path
        size = outcome.size
        sha256 = outcome.sha256
        status = outcome.status.name
        outputs = outcome.outputs
        self.pipeline = pipeline
        winnow = WinnowVersion.current
        dedup = outcome.dedup
        duplicateOf = outcome.duplicateOf
        switch outcome.status {
        case .dropped(let stage, let reason): self.stage = stage; self.reason = reason
        case .failed(let stage, let message): self.stage = stage; error = message
        case .written, .unchanged: break
        }
    }
}

/// The state an output folder records: `_manifest.jsonl`, overlaid by `_journal.jsonl` when the
/// last run did not end cleanly.
///
/// A run appends each finished document's entry to the journal as soon as its outputs are in
/// place, and replaces the manifest (and deletes the journal) only at its end. After a crash or
/// `kill -9`, the next run reads both, so the work done before the crash counts, and a document
/// whose outputs were not all in place is simply processed again.
struct ManifestState {
    /// Entries by id.
    var entries: [String: ManifestEntry] = [:]
    /// Whether a journal was found (the last run ended without cleaning up).
    var unclean = false
    /// JSON Lines parts that still hold lines of documents superseded by journal entries.
    var staleLines: [String: Set<String>] = [:]
    /// Outputs the journal's entries no longer list (left behind by the interrupted run).
    var staleOutputs: Set<String> = []

    static let manifestName = "_manifest.jsonl"
    static let journalName = "_journal.jsonl"

    /// Reads the state of `folder` (empty when it holds none), from the manifest and journal
    /// `names` gives (a whole-folder run's, or a shard's).
    static func load(folder: String, names: RunNames = RunNames()) -> ManifestState {
        var state = ManifestState()
        for entry in entries(in: folder + "/" + names.manifest) {
            state.entries[entry.id] = entry
        }
        let journal = folder + "/" + names.journal
        guard FileManager.default.fileExists(atPath: journal) else { return state }
        state.unclean = true
        for entry in entries(in: journal) {
            if let old = state.entries[entry.id] { state.supersede(old, by: entry.outputs) }
            state.entries[entry.id] = entry
        }
        return state
    }

    /// Notes what `old`'s outputs leave behind when the document's new outputs are `outputs`.
    mutating func supersede(_ old: ManifestEntry, by outputs: [String]) {
        let kept = Set(outputs)
        for output in old.outputs where !kept.contains(output) {
            if JSONLinesPartWriter.isPartName(output) {
                staleLines[output, default: []].insert(old.id)
            } else {
                staleOutputs.insert(output)
            }
        }
    }

    /// The entries of a JSON Lines file; a line that does not decode (a torn last line) is skipped.
    static func entries(in path: String) -> [ManifestEntry] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let decoder = JSONDecoder()
        var result: [ManifestEntry] = []
        var start = data.startIndex
        while start < data.endIndex {
            let end = data[start...].firstIndex(of: 0x0A) ?? data.endIndex
            if end > start, let entry = try? decoder.decode(ManifestEntry.self, from: data[start..<end]) {
                result.append(entry)
            }
            start = end < data.endIndex ? data.index(after: end) : end
        }
        return result
    }
}

/// Appends entries to `_journal.jsonl`, one `write(2)` per line, from any worker.
final class Journal: @unchecked Sendable {
    private let descriptor: Int32
    private let lock = NSLock()
    private let encoder: JSONEncoder

    /// Opens (creating) the journal of `folder` for appending (`names` gives its name).
    init(folder: String, names: RunNames = RunNames()) throws(DocumentError) {
        let path = folder + "/" + names.journal
        descriptor = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let code = errno
            throw DocumentError("cannot open \(path): \(String(cString: strerror(code)))", hint: "check the output folder's permissions and free space", errorCode: code)
        }
        // A line torn by a full disk or a kill ends here: start the next one on a line of its own.
        var last: UInt8 = 0
        let size = lseek(descriptor, 0, SEEK_END)
        if size > 0, pread(descriptor, &last, 1, size - 1) == 1, last != 0x0A {
            var newline: UInt8 = 0x0A
            _ = write(descriptor, &newline, 1)
        }
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    deinit { close(descriptor) }

    /// Appends one entry; a short write (disk full) is reported, and what it wrote is removed.
    func append(_ entry: ManifestEntry) throws(DocumentError) {
        guard var data = try? encoder.encode(entry) else { return }
        data.append(0x0A)
        // A line the disk cannot take whole is cut back off, so the journal never ends torn.
        let failure = lock.withLock { () -> Int32? in
            let start = lseek(descriptor, 0, SEEK_END)
            guard let failure = OutputPath.writeAll(data, to: descriptor) else { return nil }
            if start >= 0 { _ = ftruncate(descriptor, start) }
            return failure
        }
        if let failure {
            throw DocumentError(
                "cannot append to \(ManifestState.journalName): \(String(cString: strerror(failure)))",
                hint: "free space in the output folder, then run again: finished documents are kept", errorCode: failure)
        }
    }
}
