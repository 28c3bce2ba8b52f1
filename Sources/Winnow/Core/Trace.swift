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

        /// Creates a removal record.
        public init(stage: String, reason: String, detail: String? = nil, text: String? = nil, kind: Block.Kind? = nil) {
            self.stage = stage
            self.reason = reason
            self.detail = detail
            self.text = text
            self.kind = kind
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

    /// Records one removal made by `stage` for `reason`.
    public mutating func record(stage: String, reason: String, detail: String? = nil, text: String? = nil, kind: Block.Kind? = nil) {
        record(Removal(stage: stage, reason: reason, detail: detail, text: keepText ? text : nil, kind: kind))
    }

    /// Records a decision, when the trace keeps text.
    public mutating func note(_ text: @autoclosure () -> String) {
        if keepText { notes.append(text()) }
    }

    /// The total number of removals.
    public var total: Int { counts.values.reduce(0, +) }
}
