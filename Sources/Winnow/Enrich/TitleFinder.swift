import Foundation

/// Finds the page's own headline.
///
/// The headline a reader sees is the main `<h1>`; the page's statements about itself (JSON-LD
/// `headline`, `og:title`, `<title>`) often add the site's name or are written for search
/// engines. So:
///
/// 1. an `<h1>` outside the page's chrome that agrees with a stated title (the same words, or
///    the start of a `<title>` before its site suffix) is the headline, in the stated title's
///    letter case when the `<h1>` is all capitals;
/// 2. else the JSON-LD `headline` of the main object;
/// 3. else `og:title` (or `twitter:title`) unless it is only the site name, with a site-name
///    part removed;
/// 4. else the one `<h1>` of the content the stripper kept, when it shares a word with `<title>`
///    (an `<h1>` that shares none is a logo, a section's name or a generic heading);
/// 5. else `<title>` with its site-name part removed;
/// 6. else the page's one `<h1>` outside the chrome.
enum TitleFinder {
    /// The headline, or nil when the page states none.
    static func find(_ evidence: PageEvidence, article: ArticleNode, siteName: String?, blocks: [Block]) -> Metadata.Field<String>? {
        let siteKey = siteName.map(Enrichment.key) ?? ""
        // The part of the <title> its site-name suffix or prefix is ("Forum thread - MyBB").
        let titleSiteKey = evidence.titleTag.flatMap { siteNamePart(of: $0, siteName: siteName) }.map(Enrichment.key) ?? ""
        func isSite(_ text: String) -> Bool {
            let key = Enrichment.key(text)
            return (!siteKey.isEmpty && key == siteKey) || (!titleSiteKey.isEmpty && key == titleSiteKey) || looksLikeDomain(text)
        }
        let headline = article.isHeadlined ? (article.string("headline") ?? article.string("name")) : nil
        let og = evidence.meta(["og:title"])?.value
        let twitter = evidence.meta(["twitter:title"])?.value
        let metaTitle = evidence.meta(["title", "dc.title", "citation_title", "parsely-title", "sailthru.title"])?.value
        var stated: [(text: String, source: Metadata.Source)] = []
        if let headline { stated.append((headline, .jsonLD)) }
        if let og { stated.append((og, .openGraph)) }
        if let twitter { stated.append((twitter, .meta)) }
        if let metaTitle { stated.append((metaTitle, .meta)) }
        if let title = evidence.titleTag { stated.append((title, .dom)) }
        stated.removeAll { isSite($0.text) || $0.text.count > 400 }

        // The h1s, those of the kept content first, then others outside the chrome.
        let all = evidence.headings.map { (node: $0.node, text: withoutAnchor($0.text), chrome: $0.chrome) }
        var kept = all.filter { evidence.isMainHeading($0) }
        var others = all.filter { !evidence.isMainHeading($0) && !$0.chrome }
        // The page's only h1 outside the chrome heads its content, whatever the stripper kept.
        if kept.isEmpty, Set(others.map(\.text)).count == 1 {
            kept = others
            others = []
        }
        let headings = (kept + others).filter { !isSite($0.text) && $0.text.count <= 300 && Enrichment.key($0.text).count >= 3 }
        for heading in headings {
            let headingKey = Enrichment.key(heading.text)
            for candidate in stated {
                let whole = Enrichment.key(candidate.text)
                let trimmed = Enrichment.key(withoutSiteName(candidate.text, siteName: siteName))
                // Also a stated title that is the heading after the site's name ("Garnix Blog: ...").
                if whole == headingKey || trimmed == headingKey || (whole.hasPrefix(headingKey) && headingKey.count * 2 >= trimmed.count)
                    || (whole.hasSuffix(headingKey) && headingKey.count * 2 >= whole.count)
                    || (headingKey.hasPrefix(trimmed) && trimmed.count * 3 >= headingKey.count * 2) {
                    if isShouting(heading.text), !isShouting(candidate.text), whole == headingKey || trimmed == headingKey {
                        return .init(whole == headingKey ? candidate.text : withoutSiteName(candidate.text, siteName: siteName), source: candidate.source)
                    }
                    return .init(withoutShortTail(heading.text), source: .dom)
                }
                // A kicker before the headline in the same <h1> ("Klimaschutz: Bohren, bis es
                // heiß wird", "Nach Corona-Lockerungen Autohäuser rechnen ..."): the stated title
                // is the headline without it.
                // Not a mere "The" or a year before the same words.
                if !trimmed.isEmpty, headingKey.count > trimmed.count + 3, headingKey.hasSuffix(trimmed), trimmed.count * 2 >= headingKey.count,
                   words(withoutSiteName(candidate.text, siteName: siteName)) >= 2,
                   headingKey.dropLast(trimmed.count).filter(\.isLetter).count >= 3, !articles.contains(String(headingKey.dropLast(trimmed.count))) {
                    return .init(withoutSiteName(candidate.text, siteName: siteName), source: candidate.source)
                }
            }
        }
        // An h1 that shares no word with the page's <title> is a logo, a section's name or a
        // generic heading ("Reviews", "Latest News"), not the page's headline.
        let title = evidence.titleTag.flatMap { isSite($0) || Enrichment.key($0).count < 3 ? nil : $0 }
        // Nor one that shares no word with a stated headline or og:title the <title> confirms (a
        // blog's name above its post: "Silicon Exposed" / og:title "Open Verilog flow for ...").
        let statedHeadline = [headline, og].compactMap { $0 }.filter { stated in
            // Not a slug ("adac-kindersitztest-herbst-2018").
            !isSite(stated) && stated.contains(" ") && Enrichment.key(stated).count >= 3 && title.map { sharesWords(stated, $0) } == true
        }
        func agreesWithTitle(_ heading: String) -> Bool {
            (title.map { sharesWords(heading, $0) } ?? true) && statedHeadline.allSatisfy { sharesWords(heading, $0) }
        }
        let keptDistinct = Set(kept.map(\.text).filter { !isSite($0) && Enrichment.key($0).count >= 3 && $0.count <= 300 })
        if keptDistinct.count == 1, let only = keptDistinct.first, agreesWithTitle(only) { return .init(withoutShortTail(only), source: .dom) }
        // A headline that names the site after a separator ("10 Tips ... | CottageCare"): without it.
        if let headline, !isSite(headline), headline.count <= 400 { return .init(withoutNamedSite(headline, siteName: siteName), source: .jsonLD) }
        for (text, source) in [(og, Metadata.Source.openGraph), (twitter, .meta)] {
            if let text, !isSite(text), text.count <= 400 { return .init(withoutSiteName(text, siteName: siteName), source: source) }
        }
        // The one h1 of the kept content is the headline readers see; an h1 outside it (a
        // section name, a logo) yields to the <title>.
        let distinct = Set(headings.map(\.text))
        if distinct.count == 1, let only = distinct.first, kept.contains(where: { $0.text == only }), agreesWithTitle(only) { return .init(withoutShortTail(only), source: .dom) }
        if let title = evidence.titleTag, !isSite(title), Enrichment.key(title).count >= 3 { return .init(withoutSiteName(title, siteName: siteName), source: .dom) }
        if distinct.count == 1, let only = distinct.first { return .init(withoutShortTail(only), source: .dom) }
        if let metaTitle, !isSite(metaTitle) { return .init(metaTitle, source: .meta) }
        // A site's home or listing page is titled by the site's name ("The Verge"): that, rather than none.
        if let title = evidence.titleTag, Enrichment.key(title).count >= 3, title.count <= 400 { return .init(title, source: .dom) }
        if let og, Enrichment.key(og).count >= 3, og.count <= 400 { return .init(og, source: .openGraph) }
        return nil
    }

    /// Articles that may open a headline and not its stated title.
    static let articles: Set<String> = ["the", "a", "an", "der", "die", "das", "le", "la", "les", "el", "los", "las", "il", "lo", "de", "het", "een"]

    /// Whether two texts share a word of three letters or more (lowercased; or words of four or
    /// more of which one starts the other), or, in the scripts of East Asia written without
    /// spaces, two characters in a row.
    static func sharesWords(_ a: String, _ b: String) -> Bool {
        func words(_ text: String) -> Set<String> {
            Set(text.lowercased().split { !$0.isLetter && !$0.isNumber }.filter { $0.count >= 3 }.map(String.init))
        }
        // The same word, or one word the start of the other ("river" and "rivers").
        let first = words(a), second = words(b)
        if !first.isDisjoint(with: second) { return true }
        for word in first where word.count >= 4 {
            if second.contains(where: { $0.count >= 4 && ($0.hasPrefix(word) || word.hasPrefix($0)) }) { return true }
        }
        func pairs(_ text: String) -> Set<String> {
            let characters = Array(text.filter { $0.isLetter && ($0.unicodeScalars.first?.value ?? 0) >= 0x2E80 })
            guard characters.count >= 2 else { return [] }
            return Set((0..<(characters.count - 1)).map { String(characters[$0...($0 + 1)]) })
        }
        return !pairs(a).isDisjoint(with: pairs(b))
    }

    /// A heading without the anchor mark documentation generators append ("Models¶", "Install #").
    static func withoutAnchor(_ text: String) -> String {
        var text = Substring(text)
        while let last = text.last, last == "¶" || last == "#" || last == "🔗" || last == " " { text = text.dropLast() }
        return text.isEmpty ? "" : String(text)
    }

    /// Whether a text is written in capitals only.
    static func isShouting(_ text: String) -> Bool {
        text.contains(where: \.isLetter) && text == text.uppercased() && text != text.lowercased()
    }

    /// Separators between a title and a site name.
    static let separators = [" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » ", " // ", " / ", " ~ ", " : "]

    /// A title without its site-name part: the part naming the site when one does, else, when
    /// the title splits at a separator, the parts before the last one if the last is short
    /// (a site name or a section), else the title as it is.
    static func withoutSiteName(_ title: String, siteName: String?) -> String {
        var parts: [String] = [title]
        var used: String? = nil
        for separator in separators where title.contains(separator) {
            parts = title.components(separatedBy: separator)
            used = separator
            break
        }
        guard let separator = used, parts.count > 1 else { return title }
        if let siteName {
            let siteKey = Enrichment.key(siteName)
            let rest = parts.filter { part in
                let key = Enrichment.key(part)
                return !(key == siteKey || (!key.isEmpty && siteKey.contains(key) && key.count * 2 >= siteKey.count) || (!siteKey.isEmpty && key.contains(siteKey) && siteKey.count * 2 >= key.count))
            }
            if !rest.isEmpty, rest.count < parts.count { return rest.joined(separator: separator).trimmingCharacters(in: .whitespaces) }
        }
        // No site name known: drop a short last part ("Page title | Example News").
        let last = parts[parts.count - 1]
        let head = parts.dropLast().joined(separator: separator)
        if words(last) <= 3 || (words(last) <= 4 && words(head) >= 2) { return head.trimmingCharacters(in: .whitespaces) }
        let first = parts[0]
        let tail = parts.dropFirst().joined(separator: separator)
        if words(first) <= 3, words(tail) > words(first) + 2 { return tail.trimmingCharacters(in: .whitespaces) }
        return title
    }

    /// A heading without a short tail after a bar: the site's or a section's name, a tagline or
    /// a variant ("Best Movers in NYC 2025 | Top 19 Companies", "Hifiman Sundara | 2020
    /// Edition"), as a `<title>` loses its short last part. Not after a dash, which headlines
    /// use within themselves ("Hund vertreibt Einbrecher – Zeugenaufruf", "Dortmund - Gladbach
    /// live sehen!"); not a date, not a tail that continues in lower case, not when one word
    /// would be left, not among several bars.
    static func withoutShortTail(_ heading: String) -> String {
        // One bar: several make a list ("Letters | Coddling criminals | Tax dollars").
        let parts = heading.components(separatedBy: " | ")
        guard parts.count == 2 else { return heading }
        let head = parts[0], tail = parts[1]
        guard words(head) >= 2, (1...3).contains(words(tail)), let first = tail.first, !first.isLowercase,
              DateParsing.scan(tail) == nil, !tail.allSatisfy({ $0.isNumber || $0 == " " })
        else { return heading }
        return head
    }

    /// A title without a part that is the site's name itself; as it is when no part is.
    static func withoutNamedSite(_ title: String, siteName: String?) -> String {
        guard let siteName, !siteName.isEmpty else { return title }
        let siteKey = Enrichment.key(siteName)
        for separator in separators where title.contains(separator) {
            let parts = title.components(separatedBy: separator)
            let rest = parts.filter { Enrichment.key($0) != siteKey }
            return rest.count < parts.count && !rest.isEmpty ? rest.joined(separator: separator).trimmingCharacters(in: .whitespaces) : title
        }
        return title
    }

    /// The part `withoutSiteName` removes from the end of a title ("... - MyBB").
    static func siteNamePart(of title: String, siteName: String?) -> String? {
        let kept = withoutSiteName(title, siteName: siteName)
        guard kept != title else { return nil }
        // Only a suffix: a dropped first part is more often a section ("News | ...") or the
        // product's short name ("Beard Oil | The Best Beard Oil on Earth").
        for separator in separators where title.hasPrefix(kept + separator) {
            return String(title.dropFirst(kept.count + separator.count)).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    /// Whether a text is a bare domain name ("Bogleheads.org", "virtualbox.org"): a site's logo.
    static func looksLikeDomain(_ text: String) -> Bool {
        guard !text.contains(" "), let dot = text.lastIndex(of: "."), dot != text.startIndex else { return false }
        let tld = text[text.index(after: dot)...]
        // Not a program's name ("Node.js", "main.rs").
        if ["js", "ts", "py", "rs", "md", "sh", "go", "rb", "cs", "jsx", "tsx", "swift", "java", "html", "json", "yaml", "toml"].contains(tld.lowercased()) { return false }
        return (2...6).contains(tld.count) && tld.allSatisfy { $0.isASCII && $0.isLetter } && text[..<dot].contains(where: \.isLetter)
    }

    /// The number of words of a text.
    static func words(_ text: String) -> Int {
        text.split(whereSeparator: \.isWhitespace).count
    }
}
