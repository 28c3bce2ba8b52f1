import Foundation
import WinnowHTML
import Yams

/// Site-specific fixes from the pipeline file, applied before stripping: HTML elements removed,
/// kept or selected by CSS selector or XPath, and lines or blocks dropped by regular expression,
/// for every page or for the pages of some sites.
///
/// ```yaml
/// - rules:
///     drop-elements: [".share-bar", "aside.related", "div#comments > form"]
///     drop-xpath: ["//div[starts-with(@id, 'taboola')]"]
///     drop-lines: ["^Recommended by", "^NEXT ARTICLE$"]
///     sites:
///       "*.example.com":
///         select-elements: ["article .story-body"]
///         keep-elements: [".byline"]
///       "news.example.org":
///         drop-blocks: ["^Photograph: "]
/// ```
///
/// On an HTML page the element rules act on the parsed tree: `select-*` first (the body outside
/// the selected elements goes), then `drop-*`; the blocks are then read again from what is left,
/// so a removed inline element (a credit inside a paragraph) takes only its own words. Blocks read
/// from `keep-*` elements are kept by the stripper whatever it thinks of them. `drop-lines` and
/// `drop-blocks` then apply to the blocks of HTML and text documents alike. Every removal is
/// traced with the rule that made it. The host of a page for `sites:` comes from its canonical
/// link, `og:url` or `<base>`, else from a folder of its path named like a host (``SiteHost``).
public struct RulesStage: Stage {
    /// Options of the `rules` stage.
    public struct Options: StageOptions, XPathQueryOptions {
        /// The documented options.
        public static let fields = RuleSet.fields + [
            OptionField("case-insensitive", type: "bool", default: "false", help: "Match the regular expressions without regard to case."),
            OptionField("sites", type: "{host-pattern: rules}", default: "{}", help: "Rules for the pages of some sites only, by host pattern: 'example.com' (that host), '*.example.com' (it and every host under it), '*' (all). Each takes the options above (but 'sites'), and applies on top of the stage's own."),
        ]
        /// The rules for every document.
        public var all: RuleSet
        /// The rules of sites, in the order of the file.
        public var sites: [(pattern: HostPattern, rules: RuleSet)] = []

        /// Line patterns of every document (``RuleSet/dropLines``).
        public var dropLines: [NSRegularExpression] { all.dropLines }
        /// Block patterns of every document.
        public var dropBlocks: [NSRegularExpression] { all.dropBlocks }

        /// Reads the options.
        public init(from values: OptionValues) {
            let caseInsensitive = values.bool("case-insensitive", default: false)
            all = RuleSet(from: values, caseInsensitive: caseInsensitive)
            guard let node = values.node("sites") else { return }
            guard let mapping = node.mapping else {
                values.error(at: node, "'sites' must be a mapping of host patterns to rules, such as {\"*.example.com\": {drop-elements: [\".promo\"]}}")
                return
            }
            let valid = RuleSet.fields.map(\.name) + ["case-insensitive"]
            for (key, value) in mapping {
                let text = key.scalar?.string ?? ""
                switch HostPattern.parse(text) {
                case .failure(let problem):
                    values.error(at: key, problem.message)
                case .success(let pattern):
                    guard value.null == nil else { continue }
                    guard let rules = value.mapping else {
                        values.error(at: value, "the rules of site '\(text)' must be a mapping of rule options, such as {drop-elements: [\".promo\"]}")
                        continue
                    }
                    let nested = values.nested(rules, at: key.mark)
                    for (name, nameNode) in nested.keys where !valid.contains(name) {
                        nested.error(at: nameNode, name == "sites"
                            ? "'sites' cannot be nested inside a site's rules"
                            : "unknown option '\(name)' in the rules of site '\(text)'; \(NearestName.hint(for: name, among: valid))")
                    }
                    let siteRules = RuleSet(from: nested, caseInsensitive: nested.bool("case-insensitive", default: caseInsensitive))
                    values.absorb(nested)
                    sites.append((pattern, siteRules))
                }
            }
        }

        /// Every XPath expression of the stage, for the reader to evaluate on its libxml2 tree.
        public var xpathQueries: [String] {
            var seen = Set<String>()
            return (all.xpathQueries + sites.flatMap(\.rules.xpathQueries)).filter { seen.insert($0).inserted }
        }

        /// Text one of `patterns` needs to match: each pattern's leading literal (after an optional
        /// `^`; two characters at least), or nil when a pattern has none, has an alternation or
        /// inline flags, or matching ignores case.
        static func requiredLiterals(_ patterns: [NSRegularExpression], caseInsensitive: Bool) -> [[UInt8]]? {
            guard !caseInsensitive, !patterns.isEmpty else { return nil }
            var literals: [[UInt8]] = []
            for pattern in patterns.map(\.pattern) {
                guard !pattern.contains("|"), !pattern.contains("(?") else { return nil }
                var literal = ""
                for character in pattern.drop(while: { $0 == "^" }) {
                    if "\\^$.|?*+()[]{}".contains(character) {
                        if "?*{".contains(character), !literal.isEmpty { literal.removeLast() }  // quantified: maybe absent
                        break
                    }
                    literal.append(character)
                }
                guard literal.unicodeScalars.count >= 2 else { return nil }
                literals.append(Array(literal.utf8))
            }
            return literals
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
    public static let summary = "Site fixes before stripping: drops, keeps or selects HTML elements by CSS selector or XPath, drops lines and blocks by regular expression, for all pages or by site."

    var options: Options

    /// Creates the stage.
    public init(options: Options, context: StageContext) {
        self.options = options
    }

    /// Applies the rules that concern the document.
    public mutating func process(_ document: inout Document) throws -> Disposition {
        var sets = options.all.isEmpty ? [] : [options.all]
        if !options.sites.isEmpty {
            // A page whose host is unknown gets the rules of '*' only.
            let host = SiteHost.host(of: document)
            for (pattern, rules) in options.sites where host.map(pattern.matches) ?? (pattern.pattern == "*") {
                sets.append(rules)
                document.trace.note("rules: site \(pattern) applies to \(host ?? "a page of unknown host")")
            }
        }
        guard !sets.isEmpty else { return .keep }
        if document.html != nil, sets.contains(where: \.hasElementRules) {
            try ElementRules(sets: sets).apply(to: &document)
        }
        for rules in sets where !rules.dropLines.isEmpty || !rules.dropBlocks.isEmpty {
            Self.applyPatterns(rules, to: &document)
        }
        return .keep
    }

    /// Removes matching blocks, then matching lines of the remaining blocks.
    static func applyPatterns(_ rules: RuleSet, to document: inout Document) {
        var kept: [Block] = []
        kept.reserveCapacity(document.blocks.count)
        for var block in document.blocks {
            if let rule = firstMatch(rules.dropBlocks, in: block.text) {
                document.trace.record(stage: name, reason: "rule", detail: "drop-blocks: \(rule.pattern)", text: block.text, kind: block.kind, position: block.origin)
                continue
            }
            if !rules.dropLines.isEmpty {
                // No line can match: none of the patterns' leading literals is in the block, or
                // the patterns' alternation finds nothing in it.
                let noLineMatches = rules.lineLiterals.map { literals in !literals.contains { ByteSearch.contains(block.text, $0) } } ?? false
                    || rules.lineFilter.map { !block.text.isEmpty && $0.firstMatch(in: block.text, options: [], range: NSRange(block.text.startIndex..., in: block.text)) == nil } ?? false
                if noLineMatches {
                    if !block.text.allSatisfy(\.isWhitespace) { kept.append(block) }
                    continue
                }
                var lines: [Substring] = []
                for (number, line) in block.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    if let rule = firstMatch(rules.dropLines, in: String(line)) {
                        document.trace.record(stage: name, reason: "rule", detail: "drop-lines: \(rule.pattern)", text: String(line), kind: block.kind, position: block.origin, line: number)
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
    }

    /// The first pattern that matches somewhere in `text`.
    static func firstMatch(_ patterns: [NSRegularExpression], in text: String) -> NSRegularExpression? {
        let range = NSRange(text.startIndex..., in: text)
        return patterns.first { $0.firstMatch(in: text, options: [], range: range) != nil }
    }
}

/// Options of a stage whose XPath expressions the `read` stage must evaluate on libxml2's tree
/// (``XPathQuery``); the pipeline gathers them into ``StageContext/xpathQueries``.
public protocol XPathQueryOptions {
    /// The expressions, each already checked with ``XPathQuery/check(_:)``.
    var xpathQueries: [String] { get }
}

/// The element rules of the rule sets that apply to one HTML page.
struct ElementRules {
    let sets: [RuleSet]

    /// Removes, selects and pins elements, then reads the blocks again from what is left.
    func apply(to document: inout Document) throws {
        guard let page = document.html else { return }
        func nodes(_ selectors: [CSSSelector], _ queries: [String]) throws -> [(node: Int, rule: String)] {
            var found: [(Int, String)] = []
            for selector in selectors {
                for node in selector.matches(in: page) { found.append((node, selector.source)) }
            }
            for query in queries {
                guard let matches = page.queryMatches[query] else {
                    throw DocumentError(
                        "the XPath rule '\(query)' was not evaluated on this page",
                        hint: "XPath rules need the 'read' stage of the same pipeline to parse the page; put 'read' before 'rules'")
                }
                for node in matches { found.append((Int(node), query)) }
            }
            return found
        }
        var removals: [(node: Int, detail: String)] = []
        var pins: [Int] = []
        for rules in sets {
            let selected = try nodes(rules.selectElements, rules.selectXPath)
            if !selected.isEmpty {
                let rule = Set(selected.map(\.rule)).sorted().joined(separator: ", ")
                for node in Self.outside(selected.map(\.node), in: page) { removals.append((node, "select: outside \(rule)")) }
            } else if !rules.selectElements.isEmpty || !rules.selectXPath.isEmpty {
                document.trace.note("rules: no element matches \((rules.selectElements.map(\.source) + rules.selectXPath).joined(separator: ", ")); the page is left whole")
            }
            for (node, rule) in try nodes(rules.dropElements, [])  { removals.append((node, "drop-elements: \(rule)")) }
            for (node, rule) in try nodes([], rules.dropXPath) { removals.append((node, "drop-xpath: \(rule)")) }
            pins += try nodes(rules.keepElements, rules.keepXPath).map(\.node)
        }
        if removals.isEmpty && pins.isEmpty { return }

        // The outermost removals (a removal inside another adds nothing), in document order.
        removals.sort { $0.node < $1.node }
        var roots: [(node: Int, detail: String)] = []
        for removal in removals where removal.node > 0 {
            if let last = roots.last, page.subtree(of: last.node).contains(removal.node) { continue }
            roots.append(removal)
        }
        var current = page
        var map = Array(Int32(0)..<Int32(page.count))
        if !roots.isEmpty {
            // The reading-order number of the first block read from each removed element, for
            // traces; blocks read again keep the numbers of the blocks they were.
            var originByNode: [Int: Int] = [:]
            for block in document.blocks { if let node = block.node, let origin = block.origin, originByNode[node] == nil { originByNode[node] = origin } }
            for root in roots {
                let range = page.subtree(of: root.node)
                let position = document.blocks.first { $0.node.map(range.contains) ?? false }?.origin
                let text = document.trace.keepText ? HTMLDocument.collapseWhitespace(page.textContent(of: root.node)) : nil
                if let text, text.isEmpty { continue }
                document.trace.record(stage: RulesStage.name, reason: "rule", detail: root.detail, text: text, kind: .paragraph, position: position)
            }
            (current, map) = page.removing(subtrees: roots.map(\.node))
            var blocks = HTMLBlocks.blocks(of: current)
            if document.trace.keepText {
                var oldIndex = [Int: Int]()
                for (old, new) in map.enumerated() where new >= 0 { oldIndex[Int(new)] = old }
                var last = -1
                for index in blocks.indices {
                    let origin = blocks[index].node.flatMap { oldIndex[$0] }.flatMap { originByNode[$0] } ?? last
                    blocks[index].origin = origin
                    last = origin
                }
            }
            document.html = current
            document.blocks = blocks
        }
        for pin in pins where map[pin] >= 0 {
            document.pinned.append(current.subtree(of: Int(map[pin])))
        }
    }

    /// The elements and text to remove so that only `selected` (with their ancestors, and the
    /// page's head) remain: every node outside them whose parent is an ancestor of one.
    static func outside(_ selected: [Int], in page: HTMLDocument) -> [Int] {
        var isSelected = [Bool](repeating: false, count: page.count)
        var isAncestor = [Bool](repeating: false, count: page.count)
        for node in selected {
            isSelected[node] = true
            var current = page.parent(of: node)
            while let ancestor = current, !isAncestor[ancestor] {
                isAncestor[ancestor] = true
                current = page.parent(of: ancestor)
            }
        }
        var result: [Int] = []
        var index = 1
        while index < page.count {
            let node = page[index]
            if isSelected[index] || node.tag == .head {
                index = Int(node.subtreeEnd)
            } else if isAncestor[index] {
                index += 1
            } else {
                if let parent = page.parent(of: index), isAncestor[parent] { result.append(index) }
                index = Int(node.subtreeEnd)
            }
        }
        return result
    }
}
