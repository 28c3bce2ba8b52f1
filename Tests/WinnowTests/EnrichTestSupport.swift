import Foundation
import WinnowHTML
@testable import Winnow

/// Builds documents as the pipeline would hand them to `enrich`, for the Enrich* tests.
enum EnrichTestSupport {
    /// A fixed file time, so that "not in the future" checks do not depend on the clock.
    static let fileTime = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    /// An HTML document read and stripped, then enriched with `fields` (default: all).
    static func enrich(html: String, fields: Set<EnrichField> = Set(EnrichField.allCases), modified: Date? = fileTime) throws -> Metadata {
        try enrich(bytes: Array(html.utf8), fields: fields, modified: modified)
    }

    /// An HTML page given as bytes in any encoding, read, stripped and enriched.
    static func enrich(bytes: [UInt8], fields: Set<EnrichField> = Set(EnrichField.allCases), modified: Date? = fileTime) throws -> Metadata {
        let page = try HTMLParser.parse(bytes)
        var document = Document(id: "page.html", source: .init(path: "/in/page.html", size: bytes.count, modified: modified), kind: .html)
        document.raw = bytes
        document.html = page
        document.blocks = HTMLBlocks.blocks(of: page)
        var strip = StripStage(options: .init(), context: context)
        _ = try strip.process(&document)
        var enrich = EnrichStage(options: .init(fields: fields), context: context)
        _ = try enrich.process(&document)
        return document.metadata
    }

    /// A text document read and stripped, then enriched.
    static func enrich(text: String) throws -> Metadata {
        var document = Document(id: "page.txt", source: .init(path: "/in/page.txt", size: text.utf8.count, modified: fileTime), kind: .text)
        document.raw = Array(text.utf8)
        document.blocks = TextBlocks.split(text)
        var strip = StripStage(options: .init(), context: context)
        _ = try strip.process(&document)
        var enrich = EnrichStage(options: .init(), context: context)
        _ = try enrich.process(&document)
        return document.metadata
    }

    /// A page with `head` in its `<head>` and `body` in its `<body>`, and a paragraph of text so
    /// that the stripper keeps something.
    static func page(head: String = "", body: String) -> String {
        """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8">\(head)</head><body>
        <header class="site-header"><a class="logo" href="/">Example News</a><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
        <main><article>\(body)
        <p>The river authority said on Tuesday that water levels had fallen to their lowest point in a decade, after a dry winter and an early spring.</p>
        <p>Farmers along the lower valley have been asked to reduce irrigation by a fifth until the autumn rains return, the authority added in its statement.</p>
        </article></main>
        <footer class="site-footer"><p>© 2025 Example News. All rights reserved.</p></footer>
        </body></html>
        """
    }

    /// The stage context of the tests.
    static let context = StageContext(inputFolder: "/in", outputFolder: "/out", baseFolder: "/")
}
