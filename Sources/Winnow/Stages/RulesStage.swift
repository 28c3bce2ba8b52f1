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
        /// All line patterns in one alternation, searched over a whole block first: a block it does
        /// not match has no line to drop (nil when a pattern's meaning could change across lines).
        var lineFilter: NSRegularExpression?

        /// Reads the options.
        public init(from values: OptionValues) {
            let caseInsensitive = values.bool("case-insensitive", default: false)
            dropLines = values.regexes("drop-lines", caseInsensitive: caseInsensitive)
            dropBlocks = values.regexes("drop-blocks", caseInsensitive: caseInsensitive)
            lineFilter = Self.filter(dropLines, caseInsensitive: caseInsensitive)
        }

        /// One regex matching a block whenever one of `patterns` matches one of its lines; nil when
        /// a pattern uses input anchors, lookbehind or back-references, whose meaning changes when
        /// the search runs over the block instead of the line.
        static func filter(_ patterns: [NSRegularExpression], caseInsensitive: Bool) -> NSRegularExpression? {
            guard patterns.count > 1 else { return nil }
            let unsafe = ["\\A", "\\z", "\\Z", "\\G", "(?<", "\\k", "(?m", "(?s", "(?-", "(?i", "(?x"]
            for pattern in patterns.map(\.pattern) {
                if unsafe.contains(where: { pattern.contains($0) }) || pattern.contains(/\\[1-9]/) { return nil }
            }
            var options: NSRegularExpression.Options = [.anchorsMatchLines]
            if caseInsensitive { options.insert(.caseInsensitive) }
            return try? NSRegularExpression(pattern: patterns.map { "(?:" + $0.pattern + ")" }.joined(separator: "|"), options: options)
        }
    }

    /// `rules`.
    public static let name = "rules"
    /// What the stage does.
    public static let summary = "Drops lines or blocks that match regular expressions (for example '^Recommended by')."

    var options: Options

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
                document.trace.record(stage: Self.name, reason: "rule", detail: "drop-blocks: \(rule.pattern)", text: block.text, kind: block.kind, position: block.origin)
                continue
            }
            if !options.dropLines.isEmpty {
                if let filter = options.lineFilter, !block.text.isEmpty,
                    filter.firstMatch(in: block.text, options: [], range: NSRange(block.text.startIndex..., in: block.text)) == nil {
                    if !block.text.allSatisfy(\.isWhitespace) { kept.append(block) }
                    continue
                }
                var lines: [Substring] = []
                for (number, line) in block.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    if let rule = Self.firstMatch(options.dropLines, in: String(line)) {
                        document.trace.record(stage: Self.name, reason: "rule", detail: "drop-lines: \(rule.pattern)", text: String(line), kind: block.kind, position: block.origin, line: number)
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
