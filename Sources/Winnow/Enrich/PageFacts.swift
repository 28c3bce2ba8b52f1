/// The site's name: `og:site_name`, the JSON-LD `WebSite` or publisher, `application-name`.
enum SiteName {
    /// The site name the page states, or nil.
    static func find(_ evidence: PageEvidence, article: ArticleNode) -> Metadata.Field<String>? {
        if let name = evidence.meta(["og:site_name"])?.value, plausible(name) { return .init(name, source: .openGraph) }
        if let site = article.nodes(ofType: ["WebSite"]).first, let name = JSONLD.string(site.properties["name"]), plausible(name) {
            return .init(name, source: .jsonLD)
        }
        if let publisher = article.properties?["publisher"], let name = article.name(of: publisher)?.name, plausible(name) {
            return .init(name, source: .jsonLD)
        }
        if let name = evidence.meta(["application-name", "apple-mobile-web-app-title", "twitter:site"])?.value, plausible(name), !name.hasPrefix("@") {
            return .init(name, source: .meta)
        }
        return nil
    }

    /// Whether a text can be a site name: short, not a URL.
    static func plausible(_ name: String) -> Bool {
        name.count <= 80 && !name.contains("://") && name.contains(where: \.isLetter)
    }
}

/// The page's canonical URL, description, section, tags, main image and captions.
enum PageFacts {
    /// `<link rel="canonical">`, `og:url`, or the JSON-LD `url` / `mainEntityOfPage`.
    static func canonicalURL(_ evidence: PageEvidence, article: ArticleNode) -> Metadata.Field<String>? {
        if let href = evidence.canonical, isAbsolute(href) { return .init(href, source: .dom) }
        if let url = evidence.meta(["og:url"])?.value, isAbsolute(url) { return .init(url, source: .openGraph) }
        for key in ["url", "mainEntityOfPage"] {
            let value = article.properties?[key]
            if let url = JSONLD.string(value) ?? (value as? [String: Any]).flatMap({ JSONLD.string($0["@id"]) ?? JSONLD.string($0["url"]) }), isAbsolute(url) {
                return .init(url, source: .jsonLD)
            }
        }
        return nil
    }

    /// Whether a URL is absolute (http or https).
    static func isAbsolute(_ url: String) -> Bool {
        url.hasPrefix("http://") || url.hasPrefix("https://")
    }

    /// The JSON-LD `description`, `og:description` or `<meta name="description">`.
    static func description(_ evidence: PageEvidence, article: ArticleNode) -> Metadata.Field<String>? {
        if let text = article.string("description"), text.count >= 10 { return .init(text, source: .jsonLD) }
        if let text = evidence.meta(["og:description"])?.value, text.count >= 10 { return .init(text, source: .openGraph) }
        if let text = evidence.meta(["description", "twitter:description", "dc.description"])?.value, text.count >= 10 { return .init(text, source: .meta) }
        return nil
    }

    /// The JSON-LD `articleSection` or `article:section`.
    static func section(_ evidence: PageEvidence, article: ArticleNode) -> Metadata.Field<String>? {
        if let text = article.string("articleSection"), text.count <= 60 { return .init(text, source: .jsonLD) }
        if let text = evidence.meta(["article:section", "section", "parsely-section", "sailthru.section"])?.value, text.count <= 60 {
            return .init(text, source: evidence.meta["article:section"] != nil ? .openGraph : .meta)
        }
        return nil
    }

    /// The JSON-LD `keywords`, `article:tag` tags or `<meta name="keywords">`, without duplicates.
    static func tags(_ evidence: PageEvidence, article: ArticleNode) -> Metadata.Field<[String]>? {
        if let value = article.properties?["keywords"] {
            let tags = unique(JSONLD.strings(value).flatMap(split))
            if !tags.isEmpty { return .init(tags, source: .jsonLD) }
        }
        if let values = evidence.meta["article:tag"] {
            let tags = unique(values)
            if !tags.isEmpty { return .init(tags, source: .openGraph) }
        }
        if let value = evidence.meta(["news_keywords", "keywords", "parsely-tags", "sailthru.tags"])?.value {
            let tags = unique(split(value))
            if !tags.isEmpty { return .init(tags, source: .meta) }
        }
        return nil
    }

    /// Comma-separated tags.
    static func split(_ text: String) -> [String] {
        text.split(separator: ",").map { Enrichment.clean(String($0)) }.filter { !$0.isEmpty && $0.count <= 80 }
    }

    /// The values in order, each once (compared without case), at most 50.
    static func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return Array(values.filter { seen.insert($0.lowercased()).inserted }.prefix(50))
    }

    /// An agency line ("Source: Reuters", "Quelle: dpa") among the short elements of the main
    /// content, which the stripper may have removed as boilerplate (source `text`: a line of the page).
    static func agency(_ evidence: PageEvidence) -> Metadata.Field<String>? {
        guard let first = evidence.keptSorted.first, let last = evidence.keptSorted.last else { return nil }
        let page = evidence.page
        var seen: Set<Int> = []
        for index in first..<min(page.count, last + 120) where page.nodes[index].kind == .text && !page.nodes[index].isWhitespace {
            guard page.nodes[index].text.utf8.count <= 80, let parent = page.parent(of: index), seen.insert(parent).inserted,
                  page.hasShortText(parent, maxBytes: 240, containing: 0x3A) else { continue }
            let text = page.textContent(of: parent)
            guard text.count <= 60, text.contains(":") else { continue }
            if case .agency(let name)? = TextFacts.fact(in: Substring(text)), AuthorNames.isPlausibleAgency(name), !evidence.inChrome(parent) {
                return .init(name, source: .text)
            }
        }
        return nil
    }

    /// `og:image`, the JSON-LD `image`, or `twitter:image`.
    static func image(_ evidence: PageEvidence, article: ArticleNode) -> Metadata.Field<String>? {
        if let url = evidence.meta(["og:image", "og:image:url", "og:image:secure_url"])?.value, isAbsolute(url) { return .init(url, source: .openGraph) }
        if let value = article.properties?["image"] {
            for item in JSONLD.list(value) {
                let url = JSONLD.string(item) ?? article.jsonLD.resolve(item).flatMap { JSONLD.string($0["url"]) ?? JSONLD.string($0["contentUrl"]) }
                if let url, isAbsolute(url) { return .init(url, source: .jsonLD) }
            }
        }
        if let url = evidence.meta(["twitter:image", "twitter:image:src", "thumbnail"])?.value, isAbsolute(url) { return .init(url, source: .meta) }
        return nil
    }

    /// The texts of the page's `<figcaption>` elements outside its chrome, each once, at most 20.
    static func captions(_ evidence: PageEvidence) -> Metadata.Field<[String]>? {
        var captions: [String] = []
        for node in evidence.figcaptions where !evidence.inChrome(node) {
            let text = Enrichment.clean(evidence.page.textContent(of: node))
            if text.count >= 3, text.count <= 600 { captions.append(text) }
        }
        let result = unique(captions).prefix(20)
        return result.isEmpty ? nil : .init(Array(result), source: .dom)
    }
}
