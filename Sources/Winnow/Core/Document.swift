import Foundation
import WinnowHTML

/// The value that flows through a pipeline: one input file, as read, cleaned and described.
///
/// A document starts with its ``id`` and ``source`` only. The reader fills ``raw``, ``kind``,
/// ``html`` (for HTML pages) and ``blocks``; later stages rewrite ``blocks``, fill ``metadata``
/// and record what they removed in ``trace``; the writer records its ``outputs``.
public struct Document: Sendable {
    /// What kind of input a document is; the reader decides.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Plain text, such as a page's visible text saved by a scraper.
        case text
        /// An HTML or XHTML page.
        case html
    }

    /// Where a document came from.
    public struct Source: Sendable, Hashable, Codable {
        /// The input file's path as given to the run.
        public var path: String
        /// The file's size in bytes.
        public var size: Int
        /// The file's modification time.
        public var modified: Date?
        /// The character encoding the reader decided on, and how ("UTF-8 (valid)").
        public var encoding: String?
        /// The hex SHA-256 of the file's bytes as stored (before inflating), once read.
        public var sha256: String?

        /// Creates source information.
        public init(path: String, size: Int = 0, modified: Date? = nil, encoding: String? = nil) {
            self.path = path
            self.size = size
            self.modified = modified
            self.encoding = encoding
        }
    }

    /// The path relative to the input root, with `/` separators: `news/a.html`.
    public let id: String
    /// Where the document came from.
    public var source: Source
    /// The kind of input, once a reader has decided.
    public var kind: Kind?
    /// The file's bytes (decompressed), once read.
    public var raw: [UInt8]
    /// The parsed page, for HTML documents.
    public var html: HTMLDocument?
    /// The text, as typed blocks in reading order.
    public var blocks: [Block]
    /// Typed metadata with sources.
    public var metadata: Metadata
    /// What stages removed and why.
    public var trace: Trace
    /// How many fixes of each kind stages applied to the text (normalizer counts).
    public var fixes: [String: Int]
    /// Files written for this document, relative to the output folder.
    public var outputs: [String]
    /// Ranges of ``html`` node indices whose blocks a rule (`keep-elements`) marked as content:
    /// strippers keep every block read from them.
    public var pinned: [Range<Int>] = []
    /// The fingerprint the `dedup` stage took of the text; the run compares them at its end.
    public var dedupKey: DedupKey?

    /// Creates a document that no stage has seen yet.
    public init(id: String, source: Source, kind: Kind? = nil, raw: [UInt8] = [], blocks: [Block] = [], keepTrace: Bool = false) {
        self.id = id
        self.source = source
        self.kind = kind
        self.raw = raw
        self.html = nil
        self.blocks = blocks
        self.metadata = Metadata()
        self.trace = Trace(keepText: keepTrace)
        self.fixes = [:]
        self.outputs = []
        self.dedupKey = nil
    }

    /// The kept text: blocks separated by a blank line.
    public var text: String {
        blocks.map(\.text).joined(separator: "\n\n")
    }
}
