import Winnow

/// Tags documents that mention any of the given words (whole words, case-insensitive), and can
/// drop the documents that mention none.
///
/// ```yaml
/// - mentions:
///     words: [river, flood]
///     drop-others: false
/// ```
/// A document mentioning `river` twice and `flood` once gets
/// `metadata.extra.mentions = "flood, river"` (source `pipeline`).
public struct MentionsStage: Stage {
    /// Options of the `mentions` stage.
    public struct Options: StageOptions {
        /// The documented options (shown by `winnow-mentions stages mentions`).
        public static let fields = [
            OptionField("words", type: "[string]", default: "(required)", help: "Words to look for, whole words, case-insensitive."),
            OptionField("drop-others", type: "bool", default: "false", help: "Drop documents that mention none of the words (reason 'no-mention')."),
        ]
        /// The words, lower-cased.
        public var words: Set<String>
        /// Whether documents without a mention are dropped.
        public var dropOthers: Bool

        /// Reads and checks the options; mistakes are reported with file, line and column.
        public init(from values: OptionValues) {
            words = Set(values.strings("words").map { $0.lowercased() })
            if words.isEmpty { values.error("words", "mentions needs 'words': a list of words to look for") }
            dropOthers = values.bool("drop-others", default: false)
        }
    }

    /// The name pipeline files use.
    public static let name = "mentions"
    /// One line for `winnow stages`.
    public static let summary = "Tags documents that mention given words (an example of a stage from outside winnow)."

    let options: Options

    /// Creates the stage for one worker.
    public init(options: Options, context: StageContext) {
        self.options = options
    }

    /// Tags (or drops) the document.
    public mutating func process(_ document: inout Document) throws -> Disposition {
        var found = Set<String>()
        for word in document.text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }) where options.words.contains(String(word)) {
            found.insert(String(word))
        }
        if found.isEmpty {
            return options.dropOthers ? .drop(reason: "no-mention") : .keep
        }
        document.metadata.extra["mentions"] = .init(found.sorted().joined(separator: ", "), source: .pipeline)
        return .keep
    }
}
