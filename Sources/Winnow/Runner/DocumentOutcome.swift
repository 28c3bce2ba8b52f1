/// What happened to one input document in a run.
public struct DocumentOutcome: Sendable, Hashable {
    /// The end state of a document.
    public enum Status: Sendable, Hashable {
        /// Every stage kept it; the writer wrote its outputs.
        case written
        /// A stage dropped it for a reason.
        case dropped(stage: String, reason: String)
        /// A stage threw; the message says what was wrong.
        case failed(stage: String, message: String)
        /// The manifest records it as done with the same content, pipeline and winnow version:
        /// its outputs were kept and no stage ran.
        case unchanged

        /// The status as the manifest and timings name it: `written`, `dropped`, `failed`, `unchanged`.
        public var name: String {
            switch self {
            case .written: return "written"
            case .dropped: return "dropped"
            case .failed: return "failed"
            case .unchanged: return "unchanged"
            }
        }

        /// Whether a stage failed.
        public var isFailure: Bool {
            if case .failed = self { return true }
            return false
        }
    }

    /// The document's id (its path relative to the input folder).
    public var id: String
    /// The input file's path.
    public var path: String
    /// The input file's size in bytes.
    public var size: Int
    /// The hex SHA-256 of the input file, when it could be read.
    public var sha256: String?
    /// How it ended.
    public var status: Status
    /// Files written, relative to the output folder.
    public var outputs: [String]
    /// Removals per reason.
    public var removals: [String: Int]
    /// Normalizer fixes per kind.
    public var fixes: [String: Int]
    /// Seconds spent on it.
    public var seconds: Double
    /// When its processing started, in seconds since the run started.
    public var start: Double = 0
    /// The `dedup` stage's fingerprint of its text, when that stage ran.
    public var dedup: DedupKey? = nil
    /// The kept document this one duplicates, when `dedup` dropped it.
    public var duplicateOf: String? = nil
    /// Set when a stage failed because the output folder is full or read-only
    /// (``DocumentError/isOutputFailure``): the run stops and the document is left for the next.
    var outputFailure: String? = nil
}
