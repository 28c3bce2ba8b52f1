import Foundation

/// One page's explain view: a self-contained HTML file showing every block in reading order,
/// kept blocks plainly and removed ones shaded by reason with the rule or score that removed
/// them, a legend, a CSS-only toggle that hides removed text, and a side panel with the
/// extracted metadata and the source of every field.
///
/// The view is built from the document's JSON (``DocumentJSON`` with its trace), so it renders
/// a page cleaned just now (``init(document:stages:outcome:)``) and a traced run's `.json`
/// outputs (``init(json:outcome:)``) alike, and shows metadata fields that stages add later
/// without changes. Removals are placed in reading order by their `position` (the block number
/// the reader gave); removals without one are listed after the blocks.
///
/// Everything from the page is escaped; the only links are `http`/`https` URLs of the metadata.
public struct ExplainPage: Sendable {
    /// What happened to the document as a whole.
    public enum Outcome: Sendable, Hashable {
        /// Every stage kept it.
        case kept
        /// A stage dropped it with a reason.
        case dropped(stage: String, reason: String)
        /// A stage failed on it.
        case failed(stage: String, message: String)
    }

    /// The document's JSON object.
    let object: [String: JSONValue]
    /// The stages that ran, when known.
    let stages: [String]
    /// The document's outcome.
    let outcome: Outcome
    /// A link back to the run report (relative), when the page is part of one.
    var backLink: String?

    /// A view of `document` as the stages left it (it should have been processed with a trace
    /// that keeps text).
    public init(document: Document, stages: [String] = [], outcome: Outcome = .kept) {
        self.object = DocumentJSON.object(document, includeTrace: true).object ?? [:]
        self.stages = stages
        self.outcome = outcome
    }

    /// A view of a document from its JSON output (a `.json` file or one `.jsonl` line).
    public init(json: Data, stages: [String] = [], outcome: Outcome = .kept) throws {
        guard let object = try JSONValue.parse(json).object else {
            throw DocumentError("the JSON is not a document object")
        }
        self.init(object: object, stages: stages, outcome: outcome)
    }

    /// A view of a parsed JSON document object.
    init(object: [String: JSONValue], stages: [String] = [], outcome: Outcome = .kept, backLink: String? = nil) {
        self.object = object
        self.stages = stages
        self.outcome = outcome
        self.backLink = backLink
    }

    /// One entry of the reading order.
    struct Item {
        /// The block's or removal's kind (`paragraph`, `heading`...), if known.
        var kind: String?
        /// The text.
        var text: String
        /// Heading level or list depth.
        var level: Int = 0
        /// For a removal: reason, stage, detail, and whether it was one line of a block.
        var removal: (reason: String, stage: String, detail: String?, isLine: Bool)?
    }

    /// The blocks and removals in reading order, and the removals that carry no position.
    func readingOrder() -> (items: [Item], unplaced: [Item]) {
        let blocks = object["blocks"]?.array ?? []
        let trace = object["trace"]
        let removals = trace?["removals"]?.array ?? []
        let positions = trace?["positions"]?.array?.compactMap(\.int)
        var keyed: [(key: [Int], item: Item)] = []
        var unplaced: [Item] = []
        let placeKept = positions?.count == blocks.count
        var keptPositions = Set<Int>()
        for (index, block) in blocks.enumerated() {
            let item = Item(kind: block["kind"]?.string, text: block["text"]?.string ?? "", level: block["level"]?.int ?? 0)
            let position = placeKept ? positions![index] : index
            keptPositions.insert(position)
            keyed.append(([position, 1, index], item))
        }
        for (index, removal) in removals.enumerated() {
            let line = removal["line"]?.int
            let reason = removal["reason"]?.string ?? "unknown", detail = removal["detail"]?.string
            let shown = Self.shownReason(reason, detail: detail)
            let item = Item(
                kind: removal["kind"]?.string, text: removal["text"]?.string ?? "",
                removal: (shown, removal["stage"]?.string ?? "?", shown == reason ? detail : [reason, detail].compactMap { $0 }.joined(separator: " · "), line != nil))
            if placeKept, let position = removal["position"]?.int {
                // A removed line goes before its block's kept remainder when it was the first line.
                let after = (line ?? 0) > 0 && keptPositions.contains(position)
                keyed.append(([position, after ? 2 : 0, index], item))
            } else {
                unplaced.append(item)
            }
        }
        keyed.sort { $0.key.lexicographicallyPrecedes($1.key) }
        return (keyed.map(\.item), unplaced)
    }

    /// The reason a removal is shown and shaded by: the stage's reason, or, when the stripper
    /// gave a generic one (`outside-main-content`, `low-text-density`) and its detail names the
    /// furniture around the block (`p=0.07 navigation from nav.menu`), that furniture's reason.
    /// The stage's own reason stays in the detail shown next to it.
    static func shownReason(_ reason: String, detail: String?) -> String {
        guard reason == "outside-main-content" || reason == "low-text-density", let detail else { return reason }
        let words = detail.split(separator: " ")
        guard words.count >= 3, words[0].hasPrefix("p="), words[2] == "from",
              words[1].allSatisfy({ $0.isASCII && ($0.isLowercase || $0 == "-") })
        else { return reason }
        return String(words[1])
    }

    /// The page as HTML.
    public func render() -> String {
        let (items, unplaced) = readingOrder()
        let id = object["id"]?.string ?? "document"
        let kind = object["kind"]?.string
        let title = object["metadata"]?["title"]?["value"]?.string
        let keptCount = items.filter { $0.removal == nil }.count
        let removedCount = items.count - keptCount + unplaced.count
        var reasons: [String: Int] = [:]
        for item in items + unplaced { if let removal = item.removal { reasons[removal.reason, default: 0] += 1 } }

        var body = "<header class=\"top\"><div class=\"wrap\">"
        body += "<p class=\"eyebrow\">winnow explain"
        if let backLink { body += " · <a href=\"\(HTMLEscaping.text(backLink))\">back to the run report</a>" }
        body += "</p>"
        body += "<h1>\(HTMLEscaping.text(title ?? id))</h1>"
        var sub = [HTMLEscaping.text(id)]
        if let kind { sub.append(kind == "text" ? "plain text" : "HTML") }
        sub.append("\(ViewPage.count(keptCount)) kept, \(ViewPage.count(removedCount)) removed")
        body += "<p class=\"sub\">\(sub.joined(separator: " · "))</p></div></header>\n"

        body += "<div class=\"layout\">\n<main id=\"main\">\n"
        switch outcome {
        case .kept: break
        case .dropped(let stage, let reason):
            body += "<p class=\"banner\" role=\"status\"><strong>Dropped</strong> by stage <code>\(HTMLEscaping.text(stage))</code>: \(HTMLEscaping.text(reason)). The blocks below are as that stage left them.</p>\n"
        case .failed(let stage, let message):
            body += "<p class=\"banner\" role=\"alert\"><strong>Failed</strong> in stage <code>\(HTMLEscaping.text(stage))</code>: \(HTMLEscaping.text(message))</p>\n"
        }
        body += "<section class=\"panel\" aria-labelledby=\"legend-heading\">\n<div class=\"controls\"><h2 id=\"legend-heading\">Legend</h2>"
        body += "<label class=\"toggle\"><input type=\"checkbox\" id=\"hide-removed\"> Hide removed text</label></div>\n"
        body += "<ul class=\"legend\">"
        body += "<li class=\"kept\"><span class=\"swatch\" aria-hidden=\"true\"></span>kept (\(ViewPage.count(keptCount)))</li>"
        for (reason, count) in reasons.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
            body += "<li class=\"g-\(ViewPage.group(of: reason))\" data-reason=\"\(HTMLEscaping.text(reason))\"><span class=\"swatch\" aria-hidden=\"true\"></span>removed: \(HTMLEscaping.text(reason)) (\(ViewPage.count(count)))</li>"
        }
        body += "</ul>\n<p class=\"note\">Kept blocks have a solid green edge. Removed blocks are shaded with a dashed edge and labelled with their reason, then the stage and the rule or score that removed them (p is the stripper's content probability).</p>\n</section>\n"

        body += "<section class=\"panel\" aria-labelledby=\"blocks-heading\">\n<h2 id=\"blocks-heading\">Blocks in reading order</h2>\n"
        if items.isEmpty {
            body += "<p class=\"empty\">The document has no blocks.</p>\n"
        } else {
            // The page's own language, so that screen readers pronounce its text right.
            let language = (object["metadata"]?["language"]?["value"]?.string).flatMap { code in
                code.count <= 12 && code.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-") }) ? code : nil
            }
            body += "<ol class=\"blocks\"\(language.map { " lang=\"\($0)\"" } ?? "")>\n"
            for item in items { body += Self.render(item) }
            body += "</ol>\n"
        }
        if !unplaced.isEmpty {
            body += "<h3>Removals without a position</h3>\n<p class=\"note\">These removals carry no reading-order position (older traces or other stages); they are listed in the order the stages made them.</p>\n<ol class=\"blocks\">\n"
            for item in unplaced { body += Self.render(item) }
            body += "</ol>\n"
        }
        body += "</section>\n</main>\n"
        body += "<aside aria-label=\"Metadata and document\">\n" + sidePanel(id: id) + "</aside>\n</div>\n"
        body += "<footer class=\"foot\">Made by winnow \(HTMLEscaping.text(WinnowVersion.current)). This page loads nothing and runs no script.</footer>"
        return ViewPage.document(title: "Explain: " + (title ?? id), bodyClass: "explain", body: body)
    }

    /// One block or removal as a list item.
    static func render(_ item: Item) -> String {
        let kind = item.kind.map { "k-" + HTMLEscaping.token($0) } ?? "k-line"
        let level = item.level > 0 ? " lv\(min(item.level, 6))" : ""
        let tag = item.kind.map { kind in kind == "heading" && item.level > 0 ? "heading \(item.level)" : kind } ?? "line"
        guard let removal = item.removal else {
            return "<li class=\"block kept \(kind)\(level)\"><span class=\"tag\">\(HTMLEscaping.text(tag))</span><p class=\"text\">\(HTMLEscaping.text(item.text))</p></li>\n"
        }
        var why = "<p class=\"why\"><span class=\"reason\">removed\(removal.isLine ? " line" : ""): \(HTMLEscaping.text(removal.reason))</span> "
        why += "<span class=\"by\">by \(HTMLEscaping.text(removal.stage))"
        if let detail = removal.detail, !detail.isEmpty { why += " · \(HTMLEscaping.text(detail))" }
        why += "</span></p>"
        let text = item.text.isEmpty ? "<p class=\"text empty\">(text not kept: run with a trace)</p>" : "<p class=\"text\">\(HTMLEscaping.text(item.text))</p>"
        return "<li class=\"block removed \(kind)\(level) g-\(ViewPage.group(of: removal.reason))\" data-reason=\"\(HTMLEscaping.text(removal.reason))\"><span class=\"tag\">\(HTMLEscaping.text(tag))</span>\(why)\(text)</li>\n"
    }

    /// The side panel: metadata with sources, the document, the stages' notes and counts.
    func sidePanel(id: String) -> String {
        var html = "<section class=\"panel\" aria-labelledby=\"metadata-heading\">\n<h2 id=\"metadata-heading\">Metadata</h2>\n"
        let metadata = object["metadata"]?.object ?? [:]
        if metadata.isEmpty {
            html += "<p class=\"empty\">No metadata was found.</p>\n"
        } else {
            html += "<dl class=\"meta\">\n"
            for key in Self.orderedKeys(metadata) {
                html += Self.field(name: key, metadata[key]!)
            }
            html += "</dl>\n"
        }
        html += "</section>\n"

        html += "<section class=\"panel\" aria-labelledby=\"document-heading\">\n<h2 id=\"document-heading\">Document</h2>\n<dl class=\"meta\">\n"
        html += "<div><dt>id</dt><dd>\(HTMLEscaping.text(id))</dd></div>\n"
        if let source = object["source"]?.object {
            if let path = source["path"]?.string { html += "<div><dt>path</dt><dd>\(HTMLEscaping.text(path))</dd></div>\n" }
            if let size = source["size"]?.int { html += "<div><dt>size</dt><dd>\(ViewPage.bytes(size))</dd></div>\n" }
            if let encoding = source["encoding"]?.string { html += "<div><dt>encoding</dt><dd>\(HTMLEscaping.text(encoding))</dd></div>\n" }
        }
        if let kind = object["kind"]?.string { html += "<div><dt>kind</dt><dd>\(HTMLEscaping.text(kind))</dd></div>\n" }
        if !stages.isEmpty { html += "<div><dt>stages</dt><dd>\(stages.map { HTMLEscaping.text($0) }.joined(separator: " → "))</dd></div>\n" }
        let status: String = switch outcome {
        case .kept: "kept"
        case .dropped(let stage, let reason): "dropped by \(stage): \(reason)"
        case .failed(let stage, _): "failed in \(stage)"
        }
        html += "<div><dt>outcome</dt><dd>\(HTMLEscaping.text(status))</dd></div>\n"
        if let fixes = object["fixes"]?.object, !fixes.isEmpty {
            let list = fixes.sorted { $0.key < $1.key }.map { "\(HTMLEscaping.text($0.key)): \($0.value.int ?? 0)" }
            html += "<div><dt>normalizer fixes</dt><dd>\(list.joined(separator: ", "))</dd></div>\n"
        }
        html += "</dl>\n</section>\n"

        let notes = object["trace"]?["notes"]?.array?.compactMap(\.string) ?? []
        if !notes.isEmpty {
            html += "<section class=\"panel\" aria-labelledby=\"notes-heading\">\n<h2 id=\"notes-heading\">Decisions</h2>\n<ul class=\"notes\">"
            for note in notes { html += "<li>\(HTMLEscaping.text(note))</li>" }
            html += "</ul>\n</section>\n"
        }
        if let counts = object["trace"]?["counts"]?.object, !counts.isEmpty {
            html += "<section class=\"panel\" aria-labelledby=\"counts-heading\">\n<h2 id=\"counts-heading\">Removals by reason</h2>\n<table><thead><tr><th scope=\"col\">reason</th><th scope=\"col\" class=\"num\">count</th></tr></thead><tbody>"
            for (reason, count) in counts.sorted(by: { ($1.value.int ?? 0, $0.key) < ($0.value.int ?? 0, $1.key) }) {
                html += "<tr><td>\(HTMLEscaping.text(reason))</td><td class=\"num\">\(ViewPage.count(count.int ?? 0))</td></tr>"
            }
            html += "</tbody></table>\n</section>\n"
        }
        return html
    }

    /// Metadata keys in a stable order: the common ones first, then the rest alphabetically.
    static func orderedKeys(_ metadata: [String: JSONValue]) -> [String] {
        let first = ["title", "authors", "published", "modified", "siteName", "url", "description", "section", "tags", "agency", "image", "captions", "pageKind", "language"]
        let known = first.filter { metadata[$0] != nil }
        return known + metadata.keys.filter { !first.contains($0) }.sorted()
    }

    /// One metadata field: `{value, source, ...}` shows its value and source; an object of such
    /// fields (`extra`) shows each; anything else shows as it is.
    static func field(name: String, _ value: JSONValue) -> String {
        if let members = value.object, members["value"] == nil, !members.isEmpty, members.values.allSatisfy({ $0["value"] != nil }) {
            return members.keys.sorted().map { field(name: name + "." + $0, members[$0]!) }.joined()
        }
        var html = "<div><dt>\(HTMLEscaping.text(name))</dt><dd>"
        if let members = value.object, let inner = members["value"] {
            html += Self.value(inner)
            for key in members.keys.sorted() where key != "value" && key != "source" {
                html += " <span class=\"source\">\(HTMLEscaping.text(key)): \(Self.plain(members[key]!))</span>"
            }
            if let source = members["source"]?.string {
                html += " <span class=\"source\">source: \(HTMLEscaping.text(source))</span>"
            }
        } else {
            html += Self.value(value)
        }
        return html + "</dd></div>\n"
    }

    /// A value as HTML: http(s) URLs as links, lists as lists, dates as their ISO text.
    static func value(_ value: JSONValue) -> String {
        switch value {
        case .string(let text):
            if let url = HTMLEscaping.safeURL(text) {
                return "<a href=\"\(url)\" rel=\"nofollow noopener noreferrer\">\(HTMLEscaping.text(text))</a>"
            }
            return HTMLEscaping.text(text)
        case .array(let values):
            if values.isEmpty { return "<span class=\"empty\">none</span>" }
            return "<ul class=\"value-list\">" + values.map { "<li>\(Self.value($0))</li>" }.joined() + "</ul>"
        case .object(let members):
            if let iso = members["iso"]?.string {
                let granularity = members["granularity"]?.string.map { " <span class=\"source\">\(HTMLEscaping.text($0))</span>" } ?? ""
                return "<time>\(HTMLEscaping.text(iso))</time>\(granularity)"
            }
            return members.keys.sorted().map { "\(HTMLEscaping.text($0)): \(Self.value(members[$0]!))" }.joined(separator: "; ")
        default:
            return plain(value)
        }
    }

    /// A scalar as escaped text.
    static func plain(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .int(let number): String(number)
        case .double(let number): ViewPage.decimal(number, 3)
        case .string(let text): HTMLEscaping.text(text)
        case .array, .object: HTMLEscaping.text(String(decoding: value.serialized(pretty: false), as: UTF8.self))
        }
    }
}
