/// Removes boilerplate and keeps the main content, for HTML and plain text alike.
///
/// One stage, two methods: the document's kind decides. HTML pages are judged on their tree
/// (``HTMLStripper``); plain text, such as a page's visible text saved by a scraper, on the
/// evidence of its lines (``TextStripper``). Both keep the same modes and record every removal in
/// the document's trace with its reason.
public struct StripStage: Stage {
    /// How much to keep when in doubt.
    public enum Mode: String, Sendable, CaseIterable {
        /// Keep only what is clearly main content.
        case precision
        /// The best balance of precision and recall.
        case balanced
        /// Keep everything that may be content.
        case recall
    }

    /// Options of the `strip` stage.
    public struct Options: StageOptions {
        /// The documented options.
        public static let fields = [
            OptionField("mode", type: "precision|balanced|recall", default: "balanced", help: "How much to keep when in doubt: precision keeps only clear content, recall keeps anything that may be content."),
            OptionField("comments", type: "bool", default: "false", help: "Keep readers' comments below an article (forum and Q&A posts are always content)."),
            OptionField("metadata", type: "bool", default: "true", help: "Move bylines, datelines, agency lines, section labels and captions found in the text to metadata."),
        ]
        /// The mode.
        public var mode: Mode
        /// Whether comments are kept.
        public var comments: Bool
        /// Whether facts found in boilerplate go to metadata.
        public var metadata: Bool

        /// Default options.
        public init(mode: Mode = .balanced, comments: Bool = false, metadata: Bool = true) {
            self.mode = mode
            self.comments = comments
            self.metadata = metadata
        }

        /// Reads the options.
        public init(from values: OptionValues) {
            mode = Mode(rawValue: values.choice("mode", Mode.allCases.map(\.rawValue), default: "balanced")) ?? .balanced
            comments = values.bool("comments", default: false)
            metadata = values.bool("metadata", default: true)
        }
    }

    /// `strip`.
    public static let name = "strip"
    /// What the stage does.
    public static let summary = "Removes navigation, footers, related links, share bars, cookie notices, copyright lines, bylines and credits; keeps the main content."

    let options: Options

    /// Creates the stage.
    public init(options: Options, context: StageContext) {
        self.options = options
    }

    /// Strips the document according to its kind.
    public mutating func process(_ document: inout Document) throws -> Disposition {
        switch document.kind {
        case .html?:
            HTMLStripper(options: options).strip(&document)
        case .text?:
            TextStripper(options: options).strip(&document)
        case nil:
            throw DocumentError("the document has not been read", hint: "put the 'read' stage before 'strip' in the pipeline file")
        }
        return .keep
    }
}
