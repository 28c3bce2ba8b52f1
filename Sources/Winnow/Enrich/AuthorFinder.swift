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
        // User names ("raoul", "hayley.p", "q_admin") the page states as its author, with the
        // source of their first statement and how many statements name them.
        var userNames: [(name: String, source: Metadata.Source, count: Int)] = []
        func stateUserName(_ raw: String, source: Metadata.Source) {
            let name = Enrichment.clean(raw)
            guard AuthorNames.isUserName(name, siteName: siteName), !namesHost(name, evidence) else { return }
            if let at = userNames.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) { userNames[at].count += 1 } else { userNames.append((name, source, 1)) }
        }
        if let value = article.properties?["author"] ?? article.properties?["creator"] {
            var names: [String] = []
            for item in JSONLD.list(value) {
                guard let found = article.name(of: item) else { continue }
                // A person who publishes their own blog is its publisher too: still the author,
                // unless the name is the site's ("Auto Zeitung" on autozeitung.de).
                let stated = AuthorNames.names(in: found.name, siteName: siteName, structured: true)
                    .filter { name in siteName.map { Enrichment.key($0.withoutDomainSuffix) != Enrichment.key(name) } ?? true }
                if stated.isEmpty, article.isPerson(item) { stateUserName(found.name, source: .jsonLD) }
                names += article.isPerson(item) ? stated : clean(stated)
            }
            if !names.isEmpty { return .init(unique(names), source: .jsonLD) }
        }
        for key in ["author", "article:author", "dc.creator", "dc.creator.name", "dcterms.creator", "citation_author", "parsely-author", "sailthru.author", "byl", "twitter:creator:name", "og:article:author"] {
            guard var values = evidence.meta[key] else { continue }
            if ["citation_author", "dc.creator", "dcterms.creator"].contains(key) { values = values.map { AuthorNames.invertedName($0) ?? $0 } }
            let names = clean(values.flatMap { AuthorNames.names(in: $0, siteName: siteName, structured: true) })
            if !names.isEmpty { return .init(unique(names), source: key.hasPrefix("article:") || key.hasPrefix("og:") ? .openGraph : .meta) }
            if key == "author", values.count == 1 { stateUserName(values[0], source: .meta) }
        }
        if let names = labelledAuthor(evidence, siteName: siteName).map(clean), !names.isEmpty { return .init(unique(names), source: .meta) }
        if let data = labelledData(evidence) { stateUserName(data, source: .meta) }
        // A user name is the author when two statements agree on it or the page shows it (the
        // poster of a thread); a login name stated once and never shown is no byline. It yields
        // to a name in the page's byline ("jane.doe" in the JSON-LD, "Jane Doe" on the page).
        if let user = userNames.first(where: { $0.count >= 2 || shown($0.name, in: evidence) }) {
            if let names = byline(evidence, siteName: siteName).map(clean), !names.isEmpty { return .init(unique(names), source: .dom) }
            return .init([user.name], source: user.source)
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
        if let name = nameBesideDate(evidence, siteName: siteName), !clean([name]).isEmpty { return .init([name], source: .dom) }
        if let names = writtenBy(evidence, siteName: siteName).map(clean), !names.isEmpty { return .init(unique(names), source: .dom) }
        if let name = forumPoster(evidence, siteName: siteName) { return .init([name], source: .dom) }
        if let name = dataUserName(evidence, siteName: siteName) { return .init([name], source: .dom) }
        return nil
    }

    /// Whether `name` is a label of the page's host ("hejfish" on www.hejfish.com): the site, not
    /// a person.
    static func namesHost(_ name: String, _ evidence: PageEvidence) -> Bool {
        guard let url = evidence.canonical ?? evidence.meta(["og:url"])?.value, let host = URLComponents(string: url)?.host?.lowercased() else { return false }
        return host.split(separator: ".").contains { $0 == Enrichment.clean(name).lowercased() }
    }

    /// Whether the page's visible text (outside scripts, styles and templates) shows `name` as a
    /// word of its own.
    static func shown(_ name: String, in evidence: PageEvidence) -> Bool {
        let page = evidence.page
        func isWord(_ character: Character?) -> Bool { character.map { $0.isLetter || $0.isNumber || $0 == "_" } ?? false }
        for node in page.nodes where node.kind == .text && !node.isWhitespace && node.text.utf8.count >= name.utf8.count {
            if node.parent >= 0, [.script, .style, .template, .noscript].contains(page.nodes[Int(node.parent)].tag) { continue }
            var from = node.text.startIndex
            while let found = node.text.range(of: name, options: .caseInsensitive, range: from..<node.text.endIndex) {
                let before = found.lowerBound > node.text.startIndex ? node.text[node.text.index(before: found.lowerBound)] : nil
                let after = found.upperBound < node.text.endIndex ? node.text[found.upperBound] : nil
                if !isWord(before) && !isWord(after) { return true }
                from = node.text.index(after: found.lowerBound)
            }
        }
        return false
    }

    /// "username", searched for with ``ByteSearch/containsAsFoundation(_:_:)`` (as `contains("username")` finds it).
    static let usernameBytes = Array("username".utf8)

    /// The user name of a thread's first post, on forum pages that mark each poster's name as
    /// `username` (phpBB, vBulletin, XenForo): the first of at least two outside the chrome.
    static func forumPoster(_ evidence: PageEvidence, siteName: String?) -> String? {
        let page = evidence.page
        var first: Int? = nil, count = 0
        for index in evidence.usernameElements {  // the elements whose class holds "username"
            guard let className = page.nodes[index].className else { continue }
            let tokens = className.lowercased().split(separator: " ")
            guard tokens.contains(where: { $0 == "username" || $0 == "username-coloured" }) else { continue }
            if inPageFurniture(index, page) { continue }
            if first == nil { first = index }
            count += 1
            if count >= 2 { break }
        }
        guard let first, count >= 2 else { return nil }
        let name = Enrichment.clean(page.textContent(of: first))
        guard (2...40).contains(name.count), !name.contains(":"), !name.contains("://"), name.split(separator: " ").count <= 3,
              !AuthorNames.placeholders.contains(name.lowercased()),
              siteName.map({ Enrichment.key($0) != Enrichment.key(name) }) ?? true,
              name.contains(where: \.isLetter) else { return nil }
        return name
    }

    /// Labels of the Twitter card's label/data pairs that name the author ("Written by").
    static let cardAuthorLabels: Set<String> = [
        "written by", "author", "authors", "by", "verfasst von", "geschrieben von", "autor", "autorin", "escrito por", "écrit par",
        "auteur", "scritto da", "autore", "geschreven door", "napisane przez",
    ]

    /// The author a Twitter card's label and data pair states (`twitter:label1` "Written by",
    /// `twitter:data1` "Jane Doe"), as publishing software writes for link previews.
    static func labelledAuthor(_ evidence: PageEvidence, siteName: String?) -> [String]? {
        guard let data = labelledData(evidence) else { return nil }
        let names = AuthorNames.names(in: data, siteName: siteName, structured: true)
        return names.isEmpty ? nil : names
    }

    /// The data of the first Twitter card pair whose label names the author, as written.
    static func labelledData(_ evidence: PageEvidence) -> String? {
        for number in 1...4 {
            guard let label = evidence.meta["twitter:label\(number)"]?.first,
                  cardAuthorLabels.contains(label.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " :"))),
                  let data = evidence.meta["twitter:data\(number)"]?.first else { continue }
            return data
        }
        return nil
    }

    /// The names of the first byline element that holds a short name, outside the page's chrome.
    static func byline(_ evidence: PageEvidence, siteName: String?) -> [String]? {
        var tried = 0
        let elements = evidence.bylineElements
        let headline = DateFinder.headlineNode(evidence)
        for (position, node) in elements.enumerated() {
            let element = evidence.page.nodes[node]
            // The innermost byline element holds the name alone ("By <span class=author>...").
            if position + 1 < elements.count, evidence.page.subtree(of: node).contains(elements[position + 1]) { continue }
            // Skip containers of whole comment threads or author boxes with biographies.
            let text = evidence.page.textContent(of: node)
            guard !text.isEmpty, text.count <= 120 else { continue }
            let classID = ((element.className ?? "") + " " + (element.id ?? "")).lowercased()
            if classID.contains("comment") || classID.contains("avatar") || classID.contains("bio") || classID.contains("authors-list") { continue }
            if evidence.inChrome(node, headline: headline) { continue }
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
        // A page without a headline: around the start of its content.
        guard let headline = DateFinder.headlineNode(evidence) ?? evidence.keptSorted.first else { return nil }
        let page = evidence.page
        let window = max(0, headline - 40)..<min(page.count, headline + 250)
        var seen: Set<Int> = []
        for index in window where page.nodes[index].kind == .text && !page.nodes[index].isWhitespace {
            guard let parent = page.parent(of: index), seen.insert(parent).inserted else { continue }
            // The element holding the text, or its parent when the name is a link inside it.
            let holder = page.nodes[parent].tag == .a || page.nodes[parent].tag == .span || page.nodes[parent].tag == .strong ? (page.parent(of: parent) ?? parent) : parent
            guard page.hasShortText(holder, maxBytes: 400) else { continue }
            let text = separatingGluedLabel(page.textContent(of: holder))
            // A label on its own ("Written by", "Author") with the name in the next element.
            if text.count <= 20, Self.standaloneLabels.contains(text.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " :"))),
               let name = nextText(after: holder, in: page), name.count <= 60 {
                // Only people's names: what follows a caption may be anything.
                let cleaned = AuthorNames.names(in: name, siteName: siteName)
                if !cleaned.isEmpty, cleaned.allSatisfy(AuthorNames.isPersonName), !evidence.inChrome(holder, headline: headline) { return cleaned }
                continue
            }
            guard text.count <= 100, TextFacts.bylineStarts.contains(firstWordHash(text)) else { continue }
            if case .byline(let names, _)? = bylineFact(text) {
                let cleaned = names.flatMap { AuthorNames.names(in: $0, siteName: siteName) }
                if !cleaned.isEmpty, !evidence.inChrome(holder, headline: headline) { return cleaned }
            }
        }
        return nil
    }

    /// A person's name written as its own element right beside the post's date, near the
    /// headline, with no label ("Kristian Larsen" / "July 13, 2025", "2025-12-17 · Trond
    /// Teigen"): the unlabelled byline of blogs and company posts.
    static func nameBesideDate(_ evidence: PageEvidence, siteName: String?) -> String? {
        guard let headline = DateFinder.headlineNode(evidence) ?? evidence.keptSorted.first else { return nil }
        let page = evidence.page
        let window = max(0, headline - 40)..<min(page.count, headline + 120)
        // The text nodes of the window that hold a letter or digit, in order (not a "·" between).
        let texts = window.filter { page.nodes[$0].kind == .text && !page.nodes[$0].isWhitespace && page.nodes[$0].text.contains { $0.isLetter || $0.isNumber } }
        func isDate(_ position: Int) -> Bool {
            guard texts.indices.contains(position) else { return false }
            let text = page.nodes[texts[position]].text
            guard text.utf8.count <= 40, text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }), let scan = DateParsing.scan(text) else { return false }
            return scan.otherWords <= 1 && scan.value.granularity != .year && scan.value.granularity != .month
        }
        for (position, index) in texts.enumerated() {
            let text = page.nodes[index].text.trimmingCharacters(in: CharacterSet(charactersIn: " ·•|,–—-").union(.whitespacesAndNewlines))
            guard text.utf8.count <= 40, isDate(position - 1) || isDate(position + 1) else { continue }
            let words = text.split(separator: " ")
            // Two or three capitalised words, none a heading's, a role's or a number.
            guard (2...3).contains(words.count), AuthorNames.isPersonName(text),
                  words.allSatisfy({ word in word.count >= 2 && word.dropFirst().contains(where: \.isLowercase) && !word.contains(where: \.isNumber) }),
                  !page.ancestors(of: index).contains(where: { [.h1, .h2, .h3, .h4, .h5, .h6, .button, .label, .option].contains(page.nodes[$0].tag) }),
                  !evidence.inChrome(index, headline: headline)
            else { continue }
            guard marksPerson(index, name: text, in: page) else { continue }
            let names = AuthorNames.names(in: text, siteName: siteName)
            if names.count == 1, names[0] == text { return text }
        }
        return nil
    }

    /// Words of link targets, icons and class names that mark a person ("/author/jane-doe",
    /// `bi-person`, `fa-pencil`, `dateAndAuthorContainer`).
    static let personMarks = PhraseSet(["author", "autor", "profile", "person", "user", "people", "pencil", "writer", "byline"].map { ($0, ()) })

    /// Whether the page marks the text node `index` as a person's name: a link to a person's
    /// page, a person icon beside it, a `title` repeating the name, or a container named for
    /// authors, within three levels.
    static func marksPerson(_ index: Int, name: String, in page: HTMLDocument) -> Bool {
        var level = 0
        var node = page.parent(of: index)
        while let current = node, level < 3 {
            let element = page.nodes[current]
            if element.attribute("title") == name { return true }
            if element.tag == .a, let href = element.attribute("href"), personMarks.contains(in: href) { return true }
            if personMarks.contains(in: (element.className ?? "") + " " + (element.id ?? "")) { return true }
            // An icon among the container's first children.
            for child in page.subtree(of: current).prefix(12) where page.nodes[child].tag == .i || page.nodes[child].tag == .svg || page.nodes[child].tag == .img {
                let icon = page.nodes[child]
                if personMarks.contains(in: (icon.className ?? "") + " " + (icon.attribute("alt") ?? "")) || icon.attribute("alt") == name { return true }
            }
            node = page.parent(of: current)
            level += 1
        }
        return false
    }

    /// A "Written by" line anywhere in the page outside its chrome and comments (an author box
    /// after the text, a byline below the tags): the most explicit label there is, so it needs no
    /// headline nearby. The first that holds people's names.
    static func writtenBy(_ evidence: PageEvidence, siteName: String?) -> [String]? {
        let page = evidence.page
        let headline = DateFinder.headlineNode(evidence)
        var tried = 0
        for index in page.nodes.indices where page.nodes[index].kind == .text && !page.nodes[index].isWhitespace {
            let raw = page.nodes[index].text
            // Most texts fail on their first byte ("w" or "W"), before any Foundation search.
            guard let first = raw.utf8.first, first | 0x20 == 0x77, (10...120).contains(raw.utf8.count),
                  raw.range(of: "written by", options: [.caseInsensitive, .anchored]) != nil,
                  let parent = page.parent(of: index) else { continue }
            tried += 1
            if tried > 4 { break }
            let holder = page.nodes[parent].tag == .span || page.nodes[parent].tag == .strong || page.nodes[parent].tag == .b ? (page.parent(of: parent) ?? parent) : parent
            guard page.hasShortText(holder, maxBytes: 200), !evidence.inChrome(holder, headline: headline),
                  !page.ancestors(of: holder).contains(where: { (page.nodes[$0].className ?? "").lowercased().contains("comment") }) else { continue }
            var text = separatingGluedLabel(page.textContent(of: holder))
            // "Written by" alone: the name is in the next element.
            if text.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " :")) == "written by", let next = nextText(after: holder, in: page), next.count <= 80 {
                text = "Written by " + next
            }
            if case .byline(let names, _)? = bylineFact(text) {
                let cleaned = names.flatMap { AuthorNames.names(in: $0, siteName: siteName) }
                if !cleaned.isEmpty, cleaned.allSatisfy(AuthorNames.isPersonName) { return cleaned }
            }
        }
        return nil
    }

    /// What separates a byline's names from a job title or a date on the same line.
    static let bylineSeparators = [" ⋅ ", " · ", " | ", " • ", " – ", " — ", " - "]

    /// The byline a line states: the whole line, else its part before a separator ("By Jane Doe
    /// ⋅ Review Editor", "by Jon Foster - 2025-09-13 Updated: ...").
    static func bylineFact(_ text: String) -> TextFacts.Fact? {
        TextFacts.fact(in: Substring(text)) ?? bylineSeparators.lazy.compactMap { separator in
            text.range(of: separator).flatMap { TextFacts.fact(in: text[..<$0.lowerBound]) }
        }.first
    }

    /// A byline whose label and name sit in separate elements without a space between them
    /// (`<span>By</span><span>Jane Doe</span>` reads "ByJane Doe", "Written by:Elise Nass"),
    /// with the space back.
    static func separatingGluedLabel(_ text: String) -> String {
        for label in ["By", "Von", "Par", "Por"] where text.hasPrefix(label) {
            let rest = text.dropFirst(label.count)
            if let next = rest.first, next.isUppercase { return label + " " + rest }
        }
        // "Written by:Elise Nass".
        let label = "written by:"
        if text.lowercased().hasPrefix(label), let next = text.dropFirst(label.count).first, next.isUppercase {
            return text.prefix(label.count) + " " + text.dropFirst(label.count)
        }
        return text
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

extension AuthorFinder {
    /// Whether a poster's element sits in a `<nav>`, `<header>`, `<footer>` or `<form>`: a
    /// signed-in user's menu or a reply form, not a post.
    static func inPageFurniture(_ index: Int, _ page: HTMLDocument) -> Bool {
        page.ancestors(of: index).contains { [.nav, .header, .footer, .form].contains(page.nodes[$0].tag) }
    }

    /// The poster of a thread's first post where the posts carry their poster's user name in a
    /// `data-username` attribute (NodeBB, Flarum): the first of at least two such elements
    /// outside the chrome.
    static func dataUserName(_ evidence: PageEvidence, siteName: String?) -> String? {
        let page = evidence.page
        var first: String? = nil, count = 0
        for index in evidence.dataUsernameElements {
            guard let value = page.nodes[index].attribute("data-username"), AuthorNames.isUserName(value, siteName: siteName) else { continue }
            if inPageFurniture(index, page) { continue }
            if first == nil { first = Enrichment.clean(value) }
            count += 1
            if count >= 2 { break }
        }
        guard let first, count >= 2, !namesHost(first, evidence) else { return nil }
        return first
    }
}

extension String {
    /// A site name without a domain ending (`autozeitung.de` → `autozeitung`).
    var withoutDomainSuffix: String {
        guard !contains(" "), let dot = lastIndex(of: "."), distance(from: dot, to: endIndex) <= 5 else { return self }
        return String(self[..<dot])
    }
}
