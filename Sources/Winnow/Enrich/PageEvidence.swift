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
    /// Elements whose class names a forum post, and elements whose class names a price
    /// (``PageKindRules/classSays(_:)``), for the page's shape.
    var postClasses = 0
    var priceClasses = 0
    /// Elements whose class holds "username" (as `contains("username")` finds it), in document order.
    var usernameElements: [Int] = []
    /// Elements with a `data-username` attribute (posts that carry their poster), in document order.
    var dataUsernameElements: [Int] = []
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
        titleTag = page.title.map(Enrichment.cleanText).flatMap { $0.isEmpty ? nil : $0 }
        var chromeEnd: [Int32] = [], articleEnd: [Int32] = []
        var factsByName: [String: ClassFacts] = [:]  // pages repeat the same class names on many elements
        var factsByClass = [String: NameFacts](minimumCapacity: 256)  // the same for ASCII class names alone
        for index in page.nodes.indices {
            let node = page.nodes[index]
            guard node.kind == .element else { continue }
            while let last = chromeEnd.last, last <= Int32(index) { chromeEnd.removeLast() }
            while let last = articleEnd.last, last <= Int32(index) { articleEnd.removeLast() }
            var className: String?, id: String?, itemprop: String?, rel: String?  // the first of each, in one look
            for attribute in node.attributes {
                switch attribute.name {
                case "class": if className == nil { className = attribute.value }
                case "id": if id == nil { id = attribute.value }
                case "itemprop": if itemprop == nil { itemprop = attribute.value }
                case "rel": if rel == nil { rel = attribute.value }
                case "data-username": if dataUsernameElements.last != index { dataUsernameElements.append(index) }
                default: break
                }
            }
            let facts: ClassFacts
            if className == nil && id == nil {
                facts = .none
            } else if let names = Self.asciiNameFacts(className: className, id: id, cache: &factsByClass) {
                facts = ClassFacts(names)
                if names.post { postClasses += 1 }
                if names.price { priceClasses += 1 }
                if names.username { usernameElements.append(index) }
            } else {
                if let className {
                    let says = PageKindRules.classSays(className)
                    if says.post { postClasses += 1 }
                    if says.price { priceClasses += 1 }
                    if ByteSearch.containsAsFoundation(className, AuthorFinder.usernameBytes) { usernameElements.append(index) }
                }
                let classID = ((className ?? "") + " " + (id ?? "")).lowercased()
                if let known = factsByName[classID] {
                    facts = known
                } else {
                    facts = ClassFacts(classID)
                    if factsByName.count < 4_096 { factsByName[classID] = facts }
                }
            }
            if node.tag == .article || node.tag == .main { articleEnd.append(node.subtreeEnd) }
            if Self.isChrome(node, facts: facts, inArticle: !articleEnd.isEmpty), !holdsMainContent(index) { chromeEnd.append(node.subtreeEnd) }
            switch node.tag {
            case .meta:
                guard let content = node.attribute("content"),
                      let key = node.attribute("property") ?? node.attribute("name") ?? node.attribute("itemprop") ?? node.attribute("http-equiv")
                else { break }
                let value = Enrichment.clean(content)
                guard !value.isEmpty else { break }
                // RDFa lists several properties in one attribute ("dc:creator twitter:site_name").
                if key.utf8.contains(0x20) {
                    for name in key.lowercased().split(separator: " ") { meta[String(name), default: []].append(value) }
                } else {
                    meta[key.lowercased(), default: []].append(value)
                }
            case .link:
                let rel = (node.attribute("rel") ?? "").lowercased()
                if canonical == nil, rel.split(separator: " ").contains("canonical"), let href = node.attribute("href"), !href.isEmpty {
                    canonical = Enrichment.clean(href)
                }
            case .h1:
                let text = Enrichment.cleanText(Self.headingText(of: index, in: page))
                if !text.isEmpty { headings.append((index, text, !chromeEnd.isEmpty)) }
            case .time:
                dateElements.append(index)
            case .figcaption:
                figcaptions.append(index)
            default:
                break
            }
            if let property = itemprop {
                for name in property.lowercased().split(separator: " ") { itemprops[String(name), default: []].append(index) }
            }
            if node.tag != .time, node.tag != .html, node.tag != .body, facts.dateWord {
                dateElements.append(index)
            }
            // Not "authority", "authorize" ("Authority_control", a library catalogue's box).
            if (facts.bylineWord && !Self.namesAuthority(className: className, id: id)) || rel?.lowercased() == "author" {
                bylineElements.append(index)
            }
        }
    }

    /// Whether a class or id says "authority" or "authorize" (whose "author" is no byline's).
    static func namesAuthority(className: String?, id: String?) -> Bool {
        for name in [className, id].compactMap({ $0 }) where name.utf8.count >= 9 {
            let lower = name.lowercased()
            if lower.contains("authorit") || lower.contains("authoriz") || lower.contains("authoris") { return true }
        }
        return false
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
        isChrome(node, facts: classID.isEmpty ? .none : ClassFacts(classID), inArticle: inArticle)
    }

    /// ``isChrome(_:classID:inArticle:)`` with what the names say already read.
    static func isChrome(_ node: HTMLNode, facts: ClassFacts, inArticle: Bool) -> Bool {
        switch node.tag {
        case .nav, .footer, .aside: return true
        case .body, .html, .main, .article: return false
        default: break
        }
        if facts.ownHeader { return false }
        if node.tag == .header {
            return !inArticle && (node.depth <= 4 || facts.headerWord)
        }
        // Inside <article> or <main>, a block named only "...header" (`layout__header`,
        // `post-hero-header`) is the content's own header, like a <header> there.
        if inArticle, facts.headerToken, !facts.otherChromeToken, !facts.headerWord { return false }
        return facts.chromeToken
    }

    /// An element's class and id, lowercased, joined by a space ("" when it has neither).
    static func classID(_ node: HTMLNode) -> String {
        if node.className == nil && node.id == nil { return "" }
        return ((node.className ?? "") + " " + (node.id ?? "")).lowercased()
    }

    /// The facts of an element's class and id when both are ASCII (or absent), read apart and
    /// merged, the class's from `cache`: what ``ClassFacts`` reads in the two joined by a space
    /// (no word it looks for holds a space, so none spans the two), with what the class alone
    /// says of posts, prices and user names; nil for other names.
    static func asciiNameFacts(className: String?, id: String?, cache: inout [String: NameFacts]) -> NameFacts? {
        var names = NameFacts()
        if var id {
            guard let facts = id.withUTF8({ bytes in bytes.allSatisfy { $0 < 0x80 } ? NameFacts(ascii: bytes) : nil }) else { return nil }
            names = facts
        }
        if var className {
            if let known = cache[className] {
                names.merge(known)
            } else {
                guard var facts = className.withUTF8({ bytes in bytes.allSatisfy { $0 < 0x80 } ? NameFacts(ascii: bytes) : nil }) else { return nil }
                (facts.post, facts.price) = PageKindRules.classSays(className)
                facts.username = ByteSearch.containsAsFoundation(className, AuthorFinder.usernameBytes)
                if cache.count < 4_096 { cache[className] = facts }
                names.merge(facts)
            }
        }
        return names
    }

    /// What one ASCII name (a class attribute or an id) says, before ``ClassFacts`` draws its
    /// flags: the word lists found, as ``wordPhrases``' bits, and its chrome tokens. Two names'
    /// facts merge by OR-ing these, the raw bits (a date word in one and "update" in the other
    /// make no date word).
    struct NameFacts {
        var found: UInt8 = 0
        var chromeToken = false
        var headerToken = false
        var otherChromeToken = false
        /// For a class attribute: whether it names a forum post, and a price
        /// (``PageKindRules/classSays(_:)``); an id's are false, so a merge keeps the class's.
        var post = false
        var price = false
        /// For a class attribute: whether it holds "username" (``AuthorFinder/forumPoster(_:siteName:)``).
        var username = false

        init() {}

        /// Reads ASCII bytes as they are: every test ignores ASCII case.
        init(ascii bytes: UnsafeBufferPointer<UInt8>) {
            var found: UInt8 = 0
            PageEvidence.wordPhrases.forEachMatch(in: bytes) { found |= $0 }
            self.found = found
            // A token is a chrome word, `word-`/`word_` and more, or `-word`/`_word` at the end.
            // No chrome word holds `-` or `_`, so these are: the token without separators is a
            // word, or its part before the first separator is, or its part after the last is.
            let space = UInt8(ascii: " "), dash = UInt8(ascii: "-"), underscore = UInt8(ascii: "_")
            var start = 0
            while start < bytes.count {
                if bytes[start] == space {
                    start += 1
                    continue
                }
                var end = start, firstSeparator = -1, lastSeparator = -1
                while end < bytes.count, bytes[end] != space {
                    if bytes[end] == dash || bytes[end] == underscore {
                        if firstSeparator < 0 { firstSeparator = end }
                        lastSeparator = end
                    }
                    end += 1
                }
                if firstSeparator < 0 {
                    readChromeWord(bytes, start, end)
                } else {
                    readChromeWord(bytes, start, firstSeparator)
                    readChromeWord(bytes, lastSeparator + 1, end)
                }
                start = end
            }
        }

        /// Notes the chrome word `bytes[start..<end]` is (ignoring ASCII case), if any.
        private mutating func readChromeWord(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
            let count = end - start
            guard count >= 3 else { return }
            for (index, word) in PageEvidence.chromeWordBytes.enumerated() where word.count == count {
                var same = true
                for offset in 0..<count where ByteSearch.lower(bytes[start + offset]) != word[offset] {
                    same = false
                    break
                }
                guard same else { continue }
                chromeToken = true
                if index == PageEvidence.headerWordIndex { headerToken = true } else { otherChromeToken = true }
            }
        }

        /// Adds what `other` says.
        mutating func merge(_ other: NameFacts) {
            found |= other.found
            chromeToken = chromeToken || other.chromeToken
            headerToken = headerToken || other.headerToken
            otherChromeToken = otherChromeToken || other.otherChromeToken
            post = post || other.post
            price = price || other.price
            username = username || other.username
        }
    }

    /// What an element's class and id names say, read once per distinct name string.
    struct ClassFacts {
        /// An article's own header or meta line (`entry-header`, `post-meta`): never chrome.
        var ownHeader = false
        /// A word that makes a `<header>` the site's (`site`, `masthead`, `global`, `nav`, `top`).
        var headerWord = false
        /// A token naming chrome: a chrome word alone or as a `-`/`_` part at either end.
        var chromeToken = false
        /// A chrome token made of the word "header".
        var headerToken = false
        /// A chrome token made of another chrome word.
        var otherChromeToken = false
        /// A date word (and no "update").
        var dateWord = false
        /// A byline or author word.
        var bylineWord = false

        /// Nothing said.
        static let none = ClassFacts()

        init() {}

        /// The flags of names read apart and merged (``NameFacts``).
        init(_ names: NameFacts) {
            self.init(found: names.found)
            chromeToken = names.chromeToken
            headerToken = names.headerToken
            otherChromeToken = names.otherChromeToken
        }

        /// The word-list flags of `found`, ``wordPhrases``' bits.
        private init(found: UInt8) {
            ownHeader = found & 1 != 0
            headerWord = found & 2 != 0
            dateWord = found & 4 != 0 && found & 16 == 0
            bylineWord = found & 8 != 0
        }

        /// Reads `classID` (lowercased class and id).
        init(_ classID: String) {
            let bytes = Array(classID.utf8)
            var found: UInt8 = 0  // the word lists found, a bit each (see `wordPhrases`)
            PageEvidence.wordPhrases.forEachMatch(in: classID) { found |= $0 }
            self.init(found: found)
            if bytes.allSatisfy({ $0 < 0x80 }) {  // ASCII: bytes compare as the characters do
                func hasSuffix(_ token: ArraySlice<UInt8>, _ suffix: [UInt8]) -> Bool {
                    token.count >= suffix.count && token.suffix(suffix.count).elementsEqual(suffix)
                }
                for token in bytes.split(separator: UInt8(ascii: " ")) {
                    for (index, word) in PageEvidence.chromeWordBytes.enumerated() {
                        let matches = token.elementsEqual(word)
                            || token.starts(with: PageEvidence.chromePrefixBytes[2 * index]) || token.starts(with: PageEvidence.chromePrefixBytes[2 * index + 1])
                            || hasSuffix(token, PageEvidence.chromeSuffixBytes[2 * index]) || hasSuffix(token, PageEvidence.chromeSuffixBytes[2 * index + 1])
                        guard matches else { continue }
                        chromeToken = true
                        if PageEvidence.chromeWords[index] == "header" { headerToken = true } else { otherChromeToken = true }
                    }
                }
                return
            }
            for token in classID.split(whereSeparator: { $0 == " " }) {
                for (index, word) in PageEvidence.chromeWords.enumerated() {
                    let matches = token == word || token.hasPrefix(PageEvidence.chromePrefixes[2 * index]) || token.hasPrefix(PageEvidence.chromePrefixes[2 * index + 1])
                        || token.hasSuffix(PageEvidence.chromeSuffixes[2 * index]) || token.hasSuffix(PageEvidence.chromeSuffixes[2 * index + 1])
                    guard matches else { continue }
                    chromeToken = true
                    if word == "header" { headerToken = true } else { otherChromeToken = true }
                }
            }
        }
    }

    /// Class fragments of an article's own header or meta line.
    static let ownHeaderWords = ["article-header", "entry-header", "post-header", "page-header", "story-header", "article__header", "entry-meta", "post-meta", "article-meta"]
    /// Words that make a `<header>` the site's.
    static let headerWords = ["site", "masthead", "global", "nav", "top"]
    /// The word lists ``ClassFacts`` reads, found in one pass: own header 1, header word 2, date
    /// word 4, byline word 8, "update" 16.
    static let wordPhrases = PhraseSet(
        ownHeaderWords.map { ($0, UInt8(1)) } + headerWords.map { ($0, UInt8(2)) } + dateWords.map { ($0, UInt8(4)) }
            + bylineWords.map { ($0, UInt8(8)) } + [("update", UInt8(16))])
    /// `word-` and `word_` for every chrome word.
    static let chromePrefixes = chromeWords.flatMap { [$0 + "-", $0 + "_"] }
    /// `-word` and `_word` (which covers `__word`) for every chrome word.
    static let chromeSuffixes = chromeWords.flatMap { ["-" + $0, "_" + $0] }
    static let chromeWordBytes = chromeWords.map { Array($0.utf8) }
    /// The index of "header" in ``chromeWords``.
    static let headerWordIndex = chromeWords.firstIndex(of: "header")!
    static let chromePrefixBytes = chromePrefixes.map { Array($0.utf8) }
    static let chromeSuffixBytes = chromeSuffixes.map { Array($0.utf8) }

    /// The first meta content for any of `keys`, in the keys' order.
    func meta(_ keys: [String]) -> (key: String, value: String)? {
        for key in keys {
            if let value = meta[key]?.first { return (key, value) }
        }
        return nil
    }

    /// A heading's text as readers see it: without its buttons ("Copy item path") and hidden
    /// parts (a bookmark tooltip's "Stay organized with collections").
    static func headingText(of index: Int, in page: HTMLDocument) -> String {
        page.textContent(of: index) { $0.tag == .button || ($0.kind == .element && $0.hasAttribute("hidden")) }
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
    ///
    /// With `headline`, a header-like element that also holds the main headline (a hero
    /// `<header>`, a `post-header` or `hero-header-col` block) is the article's own header, not
    /// chrome; `<nav>`, `<footer>` and `<aside>` stay chrome.
    func inChrome(_ node: Int, headline: Int? = nil) -> Bool {
        let ancestors = page.ancestors(of: node)
        let inArticle = ancestors.contains { page.nodes[$0].tag == .article || page.nodes[$0].tag == .main }
        for ancestor in ancestors {
            let element = page.nodes[ancestor]
            if Self.isChrome(element, classID: Self.classID(element), inArticle: inArticle), !holdsMainContent(ancestor) {
                if let headline, element.tag != .nav, element.tag != .footer, element.tag != .aside, page.subtree(of: ancestor).contains(headline) { continue }
                // An <aside> or a <footer> inside the <article> holds the post's own facts (its
                // date, its author).
                if headline != nil, element.tag == .aside || element.tag == .footer, page.ancestors(of: ancestor).contains(where: { page.nodes[$0].tag == .article }) { continue }
                return true
            }
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
