/// Phrases that mark site furniture in short lines of any page: copyright lines, share bars,
/// calls to action, pagers, cookie notices.
enum Boilerplate {
    /// Prefixes (lowercased) of short furniture lines, with their reason.
    static let prefixes: [([UInt8], String)] = prefixesTable.map { (Array($0.0.utf8), $0.1) }
    /// The same, as written.
    static let prefixesTable: [(String, String)] = [
        ("©", "copyright"), ("(c) ", "copyright"), ("copyright", "copyright"), ("all rights reserved", "copyright"),
        ("recommended by", "recommended"), ("recommended for you", "recommended"), ("you may also like", "related-links"),
        ("related articles", "related-links"), ("related stories", "related-links"), ("related posts", "related-links"), ("related:", "related-links"),
        ("read more", "call-to-action"), ("read next", "related-links"), ("continue reading", "call-to-action"), ("click here", "call-to-action"),
        ("share this", "share"), ("share on", "share"), ("share:", "share"), ("follow us", "share"), ("tweet", "share"),
        ("sign up", "newsletter"), ("subscribe", "newsletter"), ("join our newsletter", "newsletter"), ("get our newsletter", "newsletter"),
        ("we use cookies", "cookie-notice"), ("this site uses cookies", "cookie-notice"), ("this website uses cookies", "cookie-notice"), ("accept cookies", "cookie-notice"),
        ("next article", "pager"), ("previous article", "pager"), ("next post", "pager"), ("previous post", "pager"), ("older posts", "pager"), ("newer posts", "pager"),
        ("skip to", "navigation"), ("back to top", "navigation"), ("advertisement", "ad"), ("sponsored", "ad"),
        ("log in", "form"), ("sign in", "form"), ("leave a comment", "comments"), ("leave a reply", "comments"), ("post a comment", "comments"),
        ("privacy policy", "footer"), ("terms of use", "footer"), ("terms and conditions", "footer"), ("powered by", "footer"),
    ]

    /// Phrases (lowercased) that mark furniture anywhere in a short line.
    static let fragments: [([UInt8], String)] = fragmentsTable.map { (Array($0.0.utf8), $0.1) }
    /// The same, as written.
    static let fragmentsTable: [(String, String)] = [
        ("all rights reserved", "copyright"), ("cookie", "cookie-notice"),
    ]

    /// The reason a short line is furniture, or nil.
    static func phraseReason(_ text: String) -> String? {
        let lower = ByteSearch.asciiLowercased(text)
        for (prefix, reason) in prefixes where ByteSearch.hasPrefix(lower, prefix) {
            return reason
        }
        for (fragment, reason) in fragments where ByteSearch.contains(lower, fragment) {
            return reason
        }
        return nil
    }
}
