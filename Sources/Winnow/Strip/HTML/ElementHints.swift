import WinnowHTML

/// What an element's tag, role, class and id say about its content.
///
/// A negative hint marks site furniture (navigation, footers, sidebars, share bars, cookie
/// notices...), a positive one marks the main content (`article`, `main`, `post-content`...).
/// Hints are evidence, not verdicts: the stripper weighs them against the text inside.
struct ElementHint: Sendable, Equatable {
    /// The reason a negative hint gives for removing the element (`navigation`, `footer`...), if any.
    var negative: String?
    /// Whether the element is marked as main content.
    var positive: Bool
    /// Whether the negative evidence is strong (a `<nav>` element, `role="navigation"`) rather than a class name.
    var strong: Bool
    /// Whether the element holds comments.
    var comments: Bool
    /// Whether the element is a consent dialog laid over the page (a consent platform's box): it
    /// is furniture however much of the page's text it holds.
    var overlay = false

    /// No evidence either way.
    static let none = ElementHint(negative: nil, positive: false, strong: false, comments: false)
}

/// Reads hints from elements.
enum ElementHints {
    /// What class and id names say, by name string: pages repeat the same names on many elements.
    typealias NameCache = [String: (negative: String?, positive: Bool, consent: Bool)]

    /// The hint an element's tag, role and attributes give.
    static func hint(_ node: HTMLNode) -> ElementHint {
        var cache = NameCache()
        return hint(node, cache: &cache)
    }

    /// The hint an element gives, remembering what each class-and-id string says in `cache`.
    static func hint(_ node: HTMLNode, cache: inout NameCache) -> ElementHint {
        var hint = ElementHint.none
        switch node.tag {
        case .nav, .menu: hint.negative = "navigation"; hint.strong = true
        case .aside: hint.negative = "sidebar"; hint.strong = true
        case .footer: hint.negative = "footer"; hint.strong = true
        case .header: hint.negative = "header"
        case .form: hint.negative = "form"
        case .article, .main: hint.positive = true
        default: break
        }
        if node.attributes.isEmpty { return hint }
        if let role = node.attribute("role") {
            switch role {
            case "navigation", "menubar", "menu", "tablist": hint.negative = "navigation"; hint.strong = true
            case "banner": hint.negative = "header"; hint.strong = true
            case "contentinfo": hint.negative = "footer"; hint.strong = true
            case "complementary": hint.negative = "sidebar"
            case "search": hint.negative = "search"; hint.strong = true
            case "dialog", "alertdialog": hint.negative = "dialog"
            case "main", "article": hint.positive = true
            default: break
            }
        }
        if node.hasAttribute("hidden") || node.attribute("aria-hidden") == "true" {
            hint.negative = "hidden"
        } else if let style = node.attribute("style"),
            ByteSearch.containsAsFoundation(style, noneBytes) || ByteSearch.containsAsFoundation(style, hiddenBytes) {
            let compact = style.lowercased().filter { $0 != " " }
            if compact.contains("display:none") || compact.contains("visibility:hidden") { hint.negative = "hidden" }
        }
        if let itemprop = node.attribute("itemprop"), itemprop == "articleBody" || itemprop == "text" || itemprop == "reviewBody" || itemprop == "description" {
            hint.positive = true
        }
        var names = ""
        if let value = node.attribute("class") { names += value }
        if let value = node.attribute("id"), !isHeadingSlug(value) { names += " " + value }
        guard !names.isEmpty else { return hint }
        let said: (negative: String?, positive: Bool, consent: Bool)
        if let known = cache[names] {
            said = known
        } else {
            let lower = ByteSearch.asciiLowercased(names)
            said = (negativeReason(lower), isPositive(lower), consentPhrases.contains(in: names))
            if cache.count < 4_096 { cache[names] = said }
        }
        if said.consent {
            hint.negative = "cookie-notice"
            hint.strong = true
            hint.overlay = true
            return hint
        }
        if let reason = said.negative {
            if hint.negative == nil || !hint.strong { hint.negative = reason }
            if reason == "comments" { hint.comments = true }
        }
        if !hint.positive, said.positive { hint.positive = true }
        if hint.positive && hint.negative != nil && !hint.strong && hint.negative != "comments" {
            hint.negative = nil
        }
        return hint
    }

    /// `none` and `hidden`, as bytes.
    static let noneBytes = Array("none".utf8)
    static let hiddenBytes = Array("hidden".utf8)

    /// Whether an id is a heading's words made into an anchor (`sharing-with-a-single-developer`,
    /// `how-to-read-the-related-work`): four or more words, one of them a short function word. Such
    /// ids name a section of the text, so the words in them ("sharing", "related") say nothing
    /// about furniture.
    static func isHeadingSlug(_ id: String) -> Bool {
        guard id.utf8.count >= 12 else { return false }
        let words = id.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" })
        return words.count >= 4 && words.contains { slugFunctionWords.contains(String($0)) }
    }

    /// Short words of headings that class names of furniture do not use.
    static let slugFunctionWords: Set<String> = [
        "a", "an", "the", "of", "to", "in", "on", "with", "and", "for", "is", "are", "how", "what", "why", "when",
        "your", "from", "by", "at", "into", "vs", "or", "de", "la", "le", "les", "der", "die", "das", "und", "von",
    ]

    /// Substrings of class or id names of consent dialogs: the consent platforms' own names and
    /// the generic ones. A "cookie" alone is not one (a bakery's `cookie-card`).
    static let consentPhrases = PhraseSet([
        "onetrust", "cookiebot", "didomi", "usercentrics", "qc-cmp", "cmpbox", "sp_message_container", "truste-",
        "consent", "gdpr", "cookie-banner", "cookie-notice", "cookie-consent", "cookielaw", "cookie-law", "cookie-bar", "cookiebar",
        "cookie-notification", "cookie-popup", "cookie-modal", "cookie-dialog", "cookie-overlay", "cc-window", "cc-banner",
    ].map { ($0, true) })

    /// Substrings of class or id names that mark furniture, with their reason (earlier wins).
    /// (Names with "consent" or "gdpr" are consent dialogs: ``consentPhrases``.)
    static let negativeSubstringsTable: [(String, String)] = [
        ("cookie", "cookie-notice"),
        ("navbar", "navigation"), ("navigation", "navigation"), ("breadcrumb", "navigation"), ("menu", "navigation"),
        ("skip-link", "navigation"), ("skiplink", "navigation"), ("pagination", "pager"), ("pager", "pager"),
        ("footer", "footer"), ("masthead", "header"), ("site-header", "header"), ("topbar", "header"),
        ("sidebar", "sidebar"), ("side-bar", "sidebar"), ("sidenav", "navigation"),
        ("share", "share"), ("social", "share"), ("sharing", "share"), ("addthis", "share"),
        ("related", "related-links"), ("recommend", "recommended"), ("more-stories", "related-links"), ("read-more", "related-links"),
        ("newsletter", "newsletter"), ("subscribe", "newsletter"), ("signup", "newsletter"), ("sign-up", "newsletter"),
        ("advert", "ad"), ("sponsor", "ad"), ("promo", "ad"), ("banner", "ad"), ("adslot", "ad"), ("ad-slot", "ad"),
        ("ad-container", "ad"), ("outbrain", "recommended"), ("taboola", "recommended"), ("popup", "dialog"), ("modal", "dialog"),
        ("comment", "comments"), ("disqus", "comments"), ("copyright", "copyright"), ("byline", "byline"),
        ("author-bio", "byline"), ("tags", "tags"), ("tag-list", "tags"), ("toolbar", "navigation"), ("print", "share"),
    ]

    /// The furniture substrings, found in one pass over a name.
    static let negativePhrases = PhraseSet(negativeSubstringsTable)

    /// The positive substrings, found in one pass over a name.
    static let positivePhrases = PhraseSet(positiveTable.map { ($0, true) })

    /// Whole tokens of class or id names that mark furniture.
    static let negativeTokens: [String: String] = [
        "nav": "navigation", "ad": "ad", "ads": "ad", "adv": "ad", "meta": "byline", "header": "header",
        "hidden": "hidden", "hide": "hidden", "sr-only": "hidden", "visually-hidden": "hidden", "screen-reader-text": "hidden",
        "login": "form", "search": "search", "rss": "share", "foot": "footer", "crumbs": "navigation", "widget": "sidebar",
    ]

    /// Parts of hyphenated class or id names that mark furniture (`main-nav`, `top-ad`).
    static let negativeParts: [String: String] = [
        "nav": "navigation", "ad": "ad", "ads": "ad", "meta": "byline", "header": "header", "login": "form",
        "rss": "share", "foot": "footer", "crumbs": "navigation",
    ]

    /// The longest key of ``negativeTokens`` and of ``negativeParts``, in bytes.
    static let longestToken = negativeTokens.keys.map(\.utf8.count).max() ?? 0
    static let longestPart = negativeParts.keys.map(\.utf8.count).max() ?? 0

    /// Reasons that class names give reliably: their regions go whatever their text.
    static let reliableReasons: Set<String> = [
        "navigation", "cookie-notice", "share", "newsletter", "ad", "dialog", "pager", "comments", "recommended", "related-links",
    ]

    /// The reason furniture-like class or id names give, if any.
    static func negativeReason(_ names: [UInt8]) -> String? {
        let reason = firstNegativeReason(names)
        // Search results are a page's content; only search boxes are furniture.
        if reason == "search" && ByteSearch.contains(names, resultBytes) { return nil }
        return reason
    }

    /// `result`, as bytes.
    static let resultBytes = Array("result".utf8)

    /// The first furniture reason class or id names give.
    static func firstNegativeReason(_ names: [UInt8]) -> String? {
        if let reason = negativePhrases.firstMatch(in: String(decoding: names, as: UTF8.self)) {
            return reason
        }
        for token in names.split(whereSeparator: { $0 == 0x20 || $0 == 0x5F || $0 == 0x09 || $0 == 0x0A }) {
            // (Longer tokens and parts than the tables' are in neither: the keys are plain ASCII.)
            if token.count <= longestToken, let reason = negativeTokens[String(decoding: token, as: UTF8.self)] { return reason }
            for part in token.split(separator: 0x2D) where part.count <= longestPart {
                if let reason = negativeParts[String(decoding: part, as: UTF8.self)] { return reason }
            }
        }
        return nil
    }

    /// Substrings of class or id names that mark the main content.
    static let positiveTable = [
        "article", "content", "post-body", "postbody", "entry", "story", "main", "blog-post", "post-text", "text-body",
        "body-text", "prose", "markdown", "rich-text", "richtext", "page-body", "post_content", "description",
    ]

    /// Whether class or id names mark the main content.
    static func isPositive(_ names: [UInt8]) -> Bool {
        positivePhrases.contains(in: String(decoding: names, as: UTF8.self))
    }
}
