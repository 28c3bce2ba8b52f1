import Foundation
import WinnowHTML
import Yams

/// One set of rules of the `rules` stage: the stage's own, or those of a site (`sites:`).
public struct RuleSet: Sendable {
    /// The option names a rule set takes (the stage takes these, `case-insensitive` and `sites`).
    static let fields = [
        OptionField("drop-elements", type: "[css]", default: "[]", help: "HTML elements matching any of these CSS selectors are removed with all they hold, before stripping (tag, *, #id, .class, [attr], [attr=v] ~= |= ^= $= *=, :not(), :first-child, :last-child, :only-child, :empty, descendant ' ', child '>', siblings '+' '~', lists ',')."),
        OptionField("drop-xpath", type: "[xpath]", default: "[]", help: "HTML nodes selected by any of these XPath 1.0 expressions (evaluated by libxml2; lowercase names) are removed with all they hold; an attribute stands for its element."),
        OptionField("keep-elements", type: "[css]", default: "[]", help: "HTML elements matching any of these CSS selectors are content: the stripper keeps every block read from them."),
        OptionField("keep-xpath", type: "[xpath]", default: "[]", help: "Like keep-elements, with XPath."),
        OptionField("select-elements", type: "[css]", default: "[]", help: "The content is in the elements matching these CSS selectors: everything else in the page's body is removed before stripping (the head stays, for metadata). A page where none matches is left whole."),
        OptionField("select-xpath", type: "[xpath]", default: "[]", help: "Like select-elements, with XPath."),
        OptionField("drop-lines", type: "[regex]", default: "[]", help: "Lines matching any of these regular expressions (ICU syntax, searched anywhere in the line; anchor with ^ and $) are removed, in HTML and text documents."),
        OptionField("drop-blocks", type: "[regex]", default: "[]", help: "Blocks whose text matches any of these regular expressions are removed whole."),
    ]

    /// Line patterns.
    public var dropLines: [NSRegularExpression] = []
    /// Block patterns.
    public var dropBlocks: [NSRegularExpression] = []
    /// All line patterns in one alternation (see ``RulesStage/Options/filter(_:caseInsensitive:)``).
    var lineFilter: NSRegularExpression?
    /// Text every line a line pattern matches holds one of (see ``RulesStage/Options/requiredLiterals(_:caseInsensitive:)``).
    var lineLiterals: [[UInt8]]?
    /// Elements to remove.
    public var dropElements: [CSSSelector] = []
    /// Nodes to remove, by XPath.
    public var dropXPath: [String] = []
    /// Elements whose blocks the stripper must keep.
    public var keepElements: [CSSSelector] = []
    /// Same, by XPath.
    public var keepXPath: [String] = []
    /// Elements that hold the content.
    public var selectElements: [CSSSelector] = []
    /// Same, by XPath.
    public var selectXPath: [String] = []

    /// An empty rule set.
    public init() {}

    /// Reads a rule set from options (the stage's top level, or a site's mapping).
    init(from values: OptionValues, caseInsensitive: Bool) {
        dropLines = values.regexes("drop-lines", caseInsensitive: caseInsensitive)
        dropBlocks = values.regexes("drop-blocks", caseInsensitive: caseInsensitive)
        lineFilter = RulesStage.Options.filter(dropLines, caseInsensitive: caseInsensitive)
        lineLiterals = RulesStage.Options.requiredLiterals(dropLines, caseInsensitive: caseInsensitive)
        dropElements = values.selectors("drop-elements")
        keepElements = values.selectors("keep-elements")
        selectElements = values.selectors("select-elements")
        dropXPath = values.xpaths("drop-xpath")
        keepXPath = values.xpaths("keep-xpath")
        selectXPath = values.xpaths("select-xpath")
    }

    /// Whether the set holds any rule on HTML elements.
    var hasElementRules: Bool {
        !dropElements.isEmpty || !dropXPath.isEmpty || !keepElements.isEmpty || !keepXPath.isEmpty || !selectElements.isEmpty || !selectXPath.isEmpty
    }

    /// Whether the set holds no rule at all.
    var isEmpty: Bool { !hasElementRules && dropLines.isEmpty && dropBlocks.isEmpty }

    /// Every XPath expression of the set.
    var xpathQueries: [String] { dropXPath + keepXPath + selectXPath }
}

/// A host pattern of `sites:`: `example.com` (that host only), `*.example.com` (example.com and
/// every host under it) or `*` (every host). Hosts compare without regard to case; a leading
/// `www.` is not special (write `*.example.com` to cover it).
public struct HostPattern: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written, lowercased.
    public let pattern: String
    /// The domain after `*.` (nil for a plain host or `*`).
    let suffix: String?

    /// Parses a pattern; nil with a reason when it is not one.
    public static func parse(_ text: String) -> Result<HostPattern, ParseProblem> {
        let pattern = text.trimmingCharacters(in: .whitespaces).lowercased()
        if pattern == "*" { return .success(HostPattern(pattern: pattern, suffix: nil)) }
        let domain = pattern.hasPrefix("*.") ? String(pattern.dropFirst(2)) : pattern
        guard !domain.isEmpty else { return .failure(ParseProblem(message: "a host pattern is empty")) }
        if let bad = domain.unicodeScalars.first(where: { !(("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "." || $0.value >= 0x80) }) {
            let hint = bad == "/" || bad == ":" ? " (write the host alone, without scheme, port or path)" : bad == "*" ? " (a '*' may only begin the pattern, as in *.example.com)" : ""
            return .failure(ParseProblem(message: "'\(text)' is not a host pattern: '\(bad)' cannot appear in a host name\(hint)"))
        }
        guard !domain.hasPrefix("."), !domain.hasSuffix("."), !domain.contains("..") else {
            return .failure(ParseProblem(message: "'\(text)' is not a host pattern: empty label between dots"))
        }
        return .success(HostPattern(pattern: pattern, suffix: pattern.hasPrefix("*.") ? domain : nil))
    }

    /// Why a pattern was refused.
    public struct ParseProblem: Error, Sendable, Hashable { public var message: String }

    /// Whether `host` (lowercase) matches.
    public func matches(_ host: String) -> Bool {
        if pattern == "*" { return true }
        if let suffix { return host == suffix || host.hasSuffix("." + suffix) }
        return host == pattern
    }

    public var description: String { pattern }
}

/// The host a document comes from, for `sites:` rules: the page's canonical link, `og:url` or
/// `<base href>` for HTML; else the first folder of its id that is a host name (crawlers such as
/// `wget --mirror` and HTTrack save pages under `example.com/...`).
enum SiteHost {
    static func host(of document: Document) -> String? {
        if let page = document.html {
            for index in 0..<page.count where page[index].isElement {
                let node = page[index]
                var candidate: String?
                if node.tag == .link, node.attribute("rel")?.lowercased().split(separator: " ").contains("canonical") == true {
                    candidate = node.attribute("href")
                } else if node.tag == .meta, node.attribute("property")?.lowercased() == "og:url" {
                    candidate = node.attribute("content")
                } else if node.tag == .base {
                    candidate = node.attribute("href")
                } else if node.tag == .body {
                    break
                }
                if let candidate, let host = URLComponents(string: candidate.trimmingCharacters(in: .whitespaces))?.host, !host.isEmpty {
                    return host.lowercased()
                }
            }
        }
        for component in document.id.split(separator: "/").dropLast() where isHostName(component) {
            return component.lowercased()
        }
        return nil
    }

    /// Whether a folder name looks like a host name: dot-separated labels of letters, digits and
    /// hyphens, ending with a label of letters (`news.example.co.uk`, not `2024.05` or `v1.2`).
    static func isHostName(_ text: Substring) -> Bool {
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let last = labels.last, last.count >= 2, last.allSatisfy({ $0.isLetter }) else { return false }
        return labels.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } }
    }
}

extension OptionValues {
    /// A list of CSS selectors; a bad one is reported at its line and column.
    func selectors(_ key: String) -> [CSSSelector] {
        guard let node = node(key) else { return [] }
        let items: [Node] = node.sequence.map(Array.init) ?? [node]
        var result: [CSSSelector] = []
        for (text, item) in zip(strings(key), items) {
            do {
                result.append(try CSSSelector(text))
            } catch {
                self.error(at: item, offset: error.offset, "'\(text)' in '\(key)' is not a valid CSS selector: \(error.message)")
            }
        }
        return result
    }

    /// A list of XPath expressions, each checked by libxml2; a bad one is reported at its line
    /// and column.
    func xpaths(_ key: String) -> [String] {
        guard let node = node(key) else { return [] }
        let items: [Node] = node.sequence.map(Array.init) ?? [node]
        var result: [String] = []
        for (text, item) in zip(strings(key), items) {
            if let problem = XPathQuery.check(text) {
                self.error(at: item, offset: problem.offset ?? 0, "'\(text)' in '\(key)' is not a usable XPath expression: \(problem.message)")
            } else {
                result.append(text)
            }
        }
        return result
    }
}
