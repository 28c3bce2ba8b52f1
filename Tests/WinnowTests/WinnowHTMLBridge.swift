import WinnowHTML

/// Parsing for tests that build documents by hand.
enum WinnowHTMLBridge {
    /// Parses an HTML string.
    static func parse(_ html: String) throws -> HTMLDocument {
        try HTMLParser.parse(Array(html.utf8))
    }
}
