import Foundation
import WinnowHTML

/// Finds the authors: the JSON-LD `author` of the main object (following `@id` references into
/// `@graph`), then `<meta name="author">` and its kin, then microdata `itemprop="author"`, then
/// the page's byline element (`rel="author"`, a class or id saying "byline" or "author").
///
/// Never a site name, a publisher, a "Staff" placeholder, a date or a URL.
enum AuthorFinder {
    /// The authors the page states, or nil.
    static func find(_ evidence: PageEvidence, article: ArticleNode, siteName: String?) -> Metadata.Field<[String]>? {
        let publisher = article.properties?["publisher"].flatMap { article.name(of: $0)?.name }
        func clean(_ names: [String]) -> [String] {
            names.filter { name in publisher.map { Enrichment.key($0) != Enrichment.key(name) } ?? true }
        }
        if let value = article.properties?["author"] ?? article.properties?["creator"] {
            var names: [String] = []
            for item in JSONLD.list(value) {
                guard let found = article.name(of: item) else { continue }
                names += AuthorNames.names(in: found.name, siteName: siteName, structured: true)
            }
            names = clean(names)
            if !names.isEmpty { return .init(unique(names), source: .jsonLD) }
        }
        for key in ["author", "article:author", "dc.creator", "dc.creator.name", "dcterms.creator", "citation_author", "parsely-author", "sailthru.author", "byl", "twitter:creator:name", "og:article:author"] {
            guard let values = evidence.meta[key] else { continue }
            let names = clean(values.flatMap { AuthorNames.names(in: $0, siteName: siteName, structured: true) })
            if !names.isEmpty { return .init(unique(names), source: key.hasPrefix("article:") || key.hasPrefix("og:") ? .openGraph : .meta) }
        }
        if let nodes = evidence.itemprops["author"] ?? evidence.itemprops["creator"] {
            var names: [String] = []
            // The first author element and its siblings: later ones are often those of comments or replies.
            let parent = evidence.page.nodes[nodes[0]].parent
            for node in nodes where evidence.page.nodes[node].parent == parent {
                let inner = evidence.page.descendants(of: node).first { evidence.page.nodes[$0].attribute("itemprop")?.lowercased() == "name" }
                if let raw = evidence.itempropValue(inner ?? node) { names += AuthorNames.names(in: raw, siteName: siteName, structured: true) }
            }
            names = clean(names)
            if !names.isEmpty { return .init(unique(names), source: .microdata) }
        }
        if let names = byline(evidence, siteName: siteName).map(clean), !names.isEmpty { return .init(unique(names), source: .dom) }
        if let names = headlineByline(evidence, siteName: siteName).map(clean), !names.isEmpty { return .init(unique(names), source: .dom) }
        return nil
    }

    /// The names of the first byline element that holds a short name, outside the page's chrome.
    static func byline(_ evidence: PageEvidence, siteName: String?) -> [String]? {
        var tried = 0
        let elements = evidence.bylineElements
        for (position, node) in elements.enumerated() {
            let element = evidence.page.nodes[node]
            // The innermost byline element holds the name alone ("By <span class=author>...").
            if position + 1 < elements.count, evidence.page.subtree(of: node).contains(elements[position + 1]) { continue }
            // Skip containers of whole comment threads or author boxes with biographies.
            let text = evidence.page.textContent(of: node)
            guard !text.isEmpty, text.count <= 120 else { continue }
            let classID = ((element.className ?? "") + " " + (element.id ?? "")).lowercased()
            if classID.contains("comment") || classID.contains("avatar") || classID.contains("bio") || classID.contains("authors-list") { continue }
            if evidence.inChrome(node) { continue }
            tried += 1
            if tried > 6 { break }
            let names = AuthorNames.names(in: text, siteName: siteName)
            if !names.isEmpty, names.count <= 4 { return names }
        }
        return nil
    }

    /// A byline written near the main headline ("By Jane Doe", "Von Jana Brückner", "Text: ..."),
    /// read like a text byline from the short elements after the headline.
    static func headlineByline(_ evidence: PageEvidence, siteName: String?) -> [String]? {
        guard let headline = DateFinder.headlineNode(evidence) else { return nil }
        let page = evidence.page
        let window = max(0, headline - 40)..<min(page.count, headline + 250)
        var seen: Set<Int> = []
        for index in window where page.nodes[index].kind == .text && !page.nodes[index].isWhitespace {
            guard let parent = page.parent(of: index), seen.insert(parent).inserted else { continue }
            // The element holding the text, or its parent when the name is a link inside it.
            let holder = page.nodes[parent].tag == .a || page.nodes[parent].tag == .span || page.nodes[parent].tag == .strong ? (page.parent(of: parent) ?? parent) : parent
            guard page.hasShortText(holder, maxBytes: 400) else { continue }
            let text = page.textContent(of: holder)
            // A label on its own ("Written by", "Author") with the name in the next element.
            if text.count <= 20, Self.standaloneLabels.contains(text.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " :"))),
               let name = nextText(after: holder, in: page), name.count <= 60 {
                // Only people's names: what follows a caption may be anything.
                let cleaned = AuthorNames.names(in: name, siteName: siteName)
                if !cleaned.isEmpty, cleaned.allSatisfy(AuthorNames.isPersonName), !evidence.inChrome(holder) { return cleaned }
                continue
            }
            guard text.count <= 100, TextFacts.bylineStarts.contains(firstWordHash(text)) else { continue }
            if case .byline(let names, _)? = TextFacts.fact(in: Substring(text)) {
                let cleaned = names.flatMap { AuthorNames.names(in: $0, siteName: siteName) }
                if !cleaned.isEmpty, !evidence.inChrome(holder) { return cleaned }
            }
        }
        return nil
    }

    /// Captions that stand alone before an author's name ("Written by" / "Jane Doe").
    static let standaloneLabels: Set<String> = [
        "written by", "posted by", "published by", "reported by", "words by", "story by", "by", "author", "authors",
        "autor", "autorin", "autoren", "auteur", "auteurs", "autore", "escrito por", "geschrieben von", "von",
    ]

    /// The text of the element holding the first non-blank text after the subtree of `node`.
    static func nextText(after node: Int, in page: HTMLDocument) -> String? {
        var index = Int(page.nodes[node].subtreeEnd)
        while index < page.count, index < Int(page.nodes[node].subtreeEnd) + 8 {
            if page.nodes[index].kind == .text, !page.nodes[index].isWhitespace, let parent = page.parent(of: index) {
                guard page.hasShortText(parent, maxBytes: 240) else { return nil }
                return page.textContent(of: parent)
            }
            index += 1
        }
        return nil
    }

    /// The vocabulary hash of a text's first word, without a colon.
    static func firstWordHash(_ text: String) -> UInt64 {
        let head = text.prefix { $0 != " " && $0 != "\u{A0}" }
        var hash = TextVocabulary.emptyHash
        for scalar in head.lowercased().unicodeScalars where scalar != ":" { hash = TextVocabulary.mix(hash, scalar.value) }
        return hash
    }

    /// The names in order, each once.
    static func unique(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0.lowercased()).inserted }
    }
}
