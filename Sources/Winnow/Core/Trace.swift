/// What the stages removed from a document, and why.
///
/// Every stage that drops text records a ``Removal``; the trace keeps counts per reason always
/// and the removed text itself only when the run asks for it (`keepText`), so that a run over a
/// large corpus does not carry every page's boilerplate around.
public struct Trace: Sendable, Hashable, Codable {
    /// One removal: which stage removed what, by which rule or score, for which reason.
    public struct Removal: Sendable, Hashable, Codable {
        /// The stage that removed the text.
        public var stage: String
        /// The reason, a short kebab-case word such as `navigation`, `copyright` or `rule`.
        public var reason: String
        /// The rule, pattern or score that decided, for people tuning a pipeline.
        public var detail: String?
        /// The removed text (possibly shortened), when the trace keeps text.
        public var text: String?
        /// The kind of the removed block, when a whole block went.
        public var kind: Block.Kind?
        /// Where the removed text stood in reading order: the ``Block/origin`` of the removed
        /// block, or of the block a removed line came from (nil when the reader did not number
        /// blocks).
        public var position: Int?
        /// For a removed line, its index among the lines of its block when it was removed.
        public var line: Int?

        /// Creates a removal record.
        public init(stage: String, reason: String, detail: String? = nil, text: String? = nil, kind: Block.Kind? = nil, position: Int? = nil, line: Int? = nil) {
            self.stage = stage
            self.reason = reason
            self.detail = detail
            self.text = text
            self.kind = kind
            self.position = position
            self.line = line
        }
    }

    /// Whether removals keep the removed text.
    public var keepText: Bool
    /// The removals in the order they happened (only kept when `keepText` is true).
    public private(set) var removals: [Removal] = []
    /// How many removals there were, per reason.
    public private(set) var counts: [String: Int] = [:]
    /// Decisions stages explain (the main container chosen...), kept only when `keepText` is true.
    public private(set) var notes: [String] = []

    /// Creates an empty trace.
    public init(keepText: Bool = false) {
        self.keepText = keepText
    }

    /// Records one removal.
    public mutating func record(_ removal: Removal) {
        counts[removal.reason, default: 0] += 1
        guard keepText else { return }
        var removal = removal
        if let text = removal.text, text.count > 2_000 {
            removal.text = String(text.prefix(2_000)) + "…"
        }
        removals.append(removal)
    }

    /// Records one removal made by `stage` for `reason`; `position` and `line` place it in
    /// reading order (see ``Removal/position``).
    public mutating func record(stage: String, reason: String, detail: String? = nil, text: String? = nil, kind: Block.Kind? = nil, position: Int? = nil, line: Int? = nil) {
        record(Removal(stage: stage, reason: reason, detail: detail, text: keepText ? text : nil, kind: kind, position: position, line: line))
    }

    /// Records a decision, when the trace keeps text.
    public mutating func note(_ text: @autoclosure () -> String) {
        if keepText { notes.append(text()) }
    }

    /// The total number of removals.
    public var total: Int { counts.values.reduce(0, +) }
}
