import WinnowHTML

/// What an HTML page says about itself, gathered in one pass for the enricher: its `<meta>` tags,
/// JSON-LD, microdata, `<link rel>` targets, headings, bylines and date elements.
struct PageEvidence {
    /// The parsed page.
    let page: HTMLDocument
    /// Meta contents by lowercased key, in document order, cleaned; blank ones left out.
    var meta: [String: [String]] = [:]
    /// The page's JSON-LD.
    var jsonLD: JSONLD
    /// The `<title>` text.
    var titleTag: String?
    /// `<link rel="canonical">`'s target.
    var canonical: String?
    /// The `<h1>` elements: node, text, and whether they sit in the page's chrome (header, nav,
    /// footer, aside, or an element whose class says so).
    var headings: [(node: Int, text: String, chrome: Bool)] = []
    /// The nodes of elements with an `itemprop` attribute, by lowercased property name.
    var itemprops: [String: [Int]] = [:]
    /// `<time>` elements and elements whose class or id says "date", in document order.
    var dateElements: [Int] = []
    /// Elements whose class, id or `rel` says "author" or "byline", in document order.
    var bylineElements: [Int] = []
    /// `<figcaption>` elements.
    var figcaptions: [Int] = []
    /// The nodes of the blocks the stripper kept, as a set, to tell main content from the rest.
    let kept: Set<Int>
    /// The same nodes in order.
    let keptSorted: [Int]

    /// Gathers the evidence of `page`; `keptNodes` are the nodes of the blocks the stripper kept.
    init(page: HTMLDocument, keptNodes: Set<Int>) {
        self.page = page
        self.kept = keptNodes
        keptSorted = keptNodes.sorted()
        jsonLD = JSONLD(scripts: page.jsonLDScripts)
        titleTag = page.title.map(Enrichment.clean).flatMap { $0.isEmpty ? nil : $0 }
        var chromeEnd: [Int32] = [], articleEnd: [Int32] = []
        for index in page.nodes.indices {
            let node = page.nodes[index]
            guard node.kind == .element else { continue }
            while let last = chromeEnd.last, last <= Int32(index) { chromeEnd.removeLast() }
            while let last = articleEnd.last, last <= Int32(index) { articleEnd.removeLast() }
            let classID = ((node.className ?? "") + " " + (node.id ?? "")).lowercased()
            if node.tag == .article || node.tag == .main { articleEnd.append(node.subtreeEnd) }
            if Self.isChrome(node, classID: classID, inArticle: !articleEnd.isEmpty), !holdsMainContent(index) { chromeEnd.append(node.subtreeEnd) }
            switch node.tag {
            case .meta:
                guard let content = node.attribute("content"),
                      let key = node.attribute("property") ?? node.attribute("name") ?? node.attribute("itemprop") ?? node.attribute("http-equiv")
                else { break }
                let value = Enrichment.clean(content)
                if !value.isEmpty { meta[key.lowercased(), default: []].append(value) }
            case .link:
                let rel = (node.attribute("rel") ?? "").lowercased()
                if canonical == nil, rel.split(separator: " ").contains("canonical"), let href = node.attribute("href"), !href.isEmpty {
                    canonical = Enrichment.clean(href)
                }
            case .h1:
                let text = Enrichment.clean(page.textContent(of: index))
                if !text.isEmpty { headings.append((index, text, !chromeEnd.isEmpty)) }
            case .time:
                dateElements.append(index)
            case .figcaption:
                figcaptions.append(index)
            default:
                break
            }
            if let property = node.attribute("itemprop") {
                for name in property.lowercased().split(separator: " ") { itemprops[String(name), default: []].append(index) }
            }
            if node.tag != .time, node.tag != .html, node.tag != .body, !classID.isEmpty,
               Self.dateWords.contains(where: { classID.contains($0) }), !classID.contains("update") {
                dateElements.append(index)
            }
            let rel = node.attribute("rel")?.lowercased() ?? ""
            if rel == "author" || Self.bylineWords.contains(where: { classID.contains($0) }) {
                bylineElements.append(index)
            }
        }
    }

    /// Class or id fragments that mark a date element.
    static let dateWords = ["date", "time", "publish", "posted", "dateline", "datum", "fecha", "data-pub"]
    /// Class or id fragments that mark a byline or author element.
    static let bylineWords = ["byline", "author", "autor", "auteur", "writer", "by-line", "posted-by", "postedby", "contributor"]
    /// Class or id fragments that mark an element of the page's chrome.
    static let chromeWords = ["header", "nav", "menu", "footer", "sidebar", "logo", "brand", "masthead", "breadcrumb", "cookie", "modal", "popup", "related", "widget"]

    /// Whether an element is site chrome rather than content: `<nav>`, `<footer>`, `<aside>`, a
    /// page-level `<header>` (not one inside `<article>` or `<main>`, nor an article's own), or an
    /// element with a class or id token such as `menu`, `site-header`, `sidebar`, `related`.
    static func isChrome(_ node: HTMLNode, classID: String, inArticle: Bool = false) -> Bool {
        switch node.tag {
        case .nav, .footer, .aside: return true
        case .body, .html, .main, .article: return false
        default: break
        }
        let ownHeader = ["article-header", "entry-header", "post-header", "page-header", "story-header", "article__header", "entry-meta", "post-meta", "article-meta"]
        if ownHeader.contains(where: { classID.contains($0) }) { return false }
        if node.tag == .header {
            return !inArticle && (node.depth <= 4 || ["site", "masthead", "global", "nav", "top"].contains { classID.contains($0) })
        }
        for token in classID.split(whereSeparator: { $0 == " " }) {
            for word in chromeWords where token == word || token.hasPrefix(word + "-") || token.hasPrefix(word + "_") || token.hasSuffix("-" + word) || token.hasSuffix("_" + word) || token.hasSuffix("__" + word) {
                return true
            }
        }
        return false
    }

    /// The first meta content for any of `keys`, in the keys' order.
    func meta(_ keys: [String]) -> (key: String, value: String)? {
        for key in keys {
            if let value = meta[key]?.first { return (key, value) }
        }
        return nil
    }

    /// The value of a microdata property at `node`: `content`, `datetime`, `href`/`src` for
    /// links and media, else the element's text.
    func itempropValue(_ node: Int) -> String? {
        let element = page.nodes[node]
        let raw = element.attribute("content") ?? element.attribute("datetime")
            ?? (element.tag == .a || element.tag == .link ? element.attribute("href") : nil)
            ?? (element.tag == .img || element.tag == .meta ? element.attribute("src") : nil)
            ?? page.textContent(of: node)
        let value = Enrichment.clean(raw)
        return value.isEmpty ? nil : value
    }

    /// Whether an `<h1>` heads the main content: kept by the stripper, or outside the chrome and
    /// just before or among the kept blocks (a stripper may leave the headline out of the text).
    func isMainHeading(_ heading: (node: Int, text: String, chrome: Bool)) -> Bool {
        if kept.contains(heading.node) { return true }
        guard !heading.chrome, let first = keptSorted.first, let last = keptSorted.last else { return false }
        return heading.node >= first - 400 && heading.node <= last
    }

    /// Whether a node lies inside an element of the page's chrome.
    func inChrome(_ node: Int) -> Bool {
        let ancestors = page.ancestors(of: node)
        let inArticle = ancestors.contains { page.nodes[$0].tag == .article || page.nodes[$0].tag == .main }
        for ancestor in ancestors {
            let element = page.nodes[ancestor]
            let classID = ((element.className ?? "") + " " + (element.id ?? "")).lowercased()
            if Self.isChrome(element, classID: classID, inArticle: inArticle), !holdsMainContent(ancestor) { return true }
        }
        return false
    }

    /// Whether an element holds much of the kept content (half of its blocks, at least two):
    /// then it is no chrome whatever its name says (broken markup often nests the whole page in
    /// a header or menu element).
    func holdsMainContent(_ node: Int) -> Bool {
        guard !keptSorted.isEmpty else { return false }
        let range = page.subtree(of: node)
        let lower = keptSorted.partitioningIndex { $0 >= range.lowerBound }
        let upper = keptSorted.partitioningIndex { $0 >= range.upperBound }
        let inside = upper - lower
        return inside >= 2 && inside * 2 >= keptSorted.count
    }
}

extension Array {
    /// The first index whose element satisfies `predicate`, for an array partitioned by it
    /// (every element failing it comes first); `count` when none does.
    func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if predicate(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
