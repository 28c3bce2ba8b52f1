import Foundation

/// Drops lines or whole blocks that match regular expressions from the pipeline file.
///
/// ```yaml
/// - rules:
///     drop-lines: ["^Recommended by", "^NEXT ARTICLE$"]
///     drop-blocks: ["^©"]
/// ```
public struct RulesStage: Stage {
    /// Options of the `rules` stage.
    public struct Options: StageOptions {
        /// The documented options.
        public static let fields = [
            OptionField("drop-lines", type: "[regex]", default: "[]", help: "Lines matching any of these regular expressions (ICU syntax, searched anywhere in the line; anchor with ^ and $) are removed."),
            OptionField("drop-blocks", type: "[regex]", default: "[]", help: "Blocks whose text matches any of these regular expressions are removed whole."),
            OptionField("case-insensitive", type: "bool", default: "false", help: "Match without regard to case."),
        ]
        /// Line patterns.
        public var dropLines: [NSRegularExpression]
        /// Block patterns.
        public var dropBlocks: [NSRegularExpression]

        /// Reads the options.
        public init(from values: OptionValues) {
            let caseInsensitive = values.bool("case-insensitive", default: false)
            dropLines = values.regexes("drop-lines", caseInsensitive: caseInsensitive)
            dropBlocks = values.regexes("drop-blocks", caseInsensitive: caseInsensitive)
        }
    }

    /// `rules`.
    public static let name = "rules"
    /// What the stage does.
    public static let summary = "Drops lines or blocks that match regular expressions (for example '^Recommended by')."

    let options: Options

    /// Creates the stage.
    public init(options: Options, context: StageContext) {
        self.options = options
    }

    /// Removes matching blocks, then matching lines of the remaining blocks.
    public mutating func process(_ document: inout Document) throws -> Disposition {
        guard !options.dropLines.isEmpty || !options.dropBlocks.isEmpty else { return .keep }
        var kept: [Block] = []
        kept.reserveCapacity(document.blocks.count)
        for var block in document.blocks {
            if let rule = Self.firstMatch(options.dropBlocks, in: block.text) {
                document.trace.record(stage: Self.name, reason: "rule", detail: "drop-blocks: \(rule.pattern)", text: block.text, kind: block.kind)
                continue
            }
            if !options.dropLines.isEmpty {
                var lines: [Substring] = []
                for line in block.text.split(separator: "\n", omittingEmptySubsequences: false) {
                    if let rule = Self.firstMatch(options.dropLines, in: String(line)) {
                        document.trace.record(stage: Self.name, reason: "rule", detail: "drop-lines: \(rule.pattern)", text: String(line), kind: block.kind)
                    } else {
                        lines.append(line)
                    }
                }
                block.text = lines.joined(separator: "\n")
                if block.text.allSatisfy(\.isWhitespace) { continue }
            }
            kept.append(block)
        }
        document.blocks = kept
        return .keep
    }

    /// The first pattern that matches somewhere in `text`.
    static func firstMatch(_ patterns: [NSRegularExpression], in text: String) -> NSRegularExpression? {
        let range = NSRange(text.startIndex..., in: text)
        return patterns.first { $0.firstMatch(in: text, options: [], range: range) != nil }
    }
}
