import Testing
import WinnowHTML

/// All text of a document, concatenated.
func allText(_ document: HTMLDocument) -> String {
    document.nodes.filter(\.isText).map(\.text).joined()
}

func parse(_ html: String, limits: HTMLParseLimits = .standard) throws -> HTMLDocument {
    try HTMLParser.parse(Array(html.utf8), limits: limits)
}

@Suite("HTMLParser")
struct HTMLParserTests {
    @Test("malformed markup still gives a tree with all the text")
    func malformed() throws {
        let document = try parse("<div><p>one<p>two</div></span></i><b>three<table><td>four</table><li>five")
        #expect(document.nodes[0].tag == .html)
        let text = allText(document)
        for word in ["one", "two", "three", "four", "five"] { #expect(text.contains(word)) }
    }

    @Test("a fragment gets an implied html root")
    func fragment() throws {
        let document = try parse("just text")
        #expect(document.nodes[0].name == "html")
        #expect(allText(document) == "just text")
    }

    @Test("empty and whitespace-only input is an error")
    func empty() {
        #expect(throws: HTMLParseError.emptyInput) { try HTMLParser.parse([]) }
        #expect(throws: HTMLParseError.emptyInput) { try parse(" \n\t\r ") }
        #expect(throws: HTMLParseError.emptyInput) { try HTMLParser.parse([0xEF, 0xBB, 0xBF, 0x20]) }
    }

    @Test("binary input is an error")
    func binary() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
        #expect(throws: HTMLParseError.binaryInput(kind: "PNG image")) { try HTMLParser.parse(png) }
        #expect(throws: HTMLParseError.binaryInput(kind: HTMLParseError.gzipKind)) {
            try HTMLParser.parse([0x1F, 0x8B, 0x08, 0x00, 0x00])
        }
        #expect(throws: HTMLParseError.binaryInput(kind: "NUL bytes in the first 1 KB")) {
            try HTMLParser.parse(Array("<p>text".utf8) + [0, 1, 2, 3])
        }
        #expect(throws: HTMLParseError.binaryInput(kind: "PDF document")) { try parse("%PDF-1.7\n%âãÏÓ") }
    }

    @Test("too large input and too many nodes are errors")
    func limits() {
        #expect(throws: HTMLParseError.inputTooLarge(bytes: 20, limit: 10)) {
            try parse(String(repeating: "a", count: 20), limits: HTMLParseLimits(maxInputBytes: 10))
        }
        #expect(throws: HTMLParseError.tooManyNodes(limit: 5)) {
            try parse("<ul><li>a<li>b<li>c<li>d</ul>", limits: HTMLParseLimits(maxNodes: 5))
        }
    }

    @Test("a comment-only document has no root element")
    func commentOnly() {
        #expect(throws: HTMLParseError.noRootElement) { try parse("<!-- nothing here -->") }
    }

    @Test("error messages say what is wrong and what to do")
    func messages() {
        let errors: [HTMLParseError] = [
            .emptyInput, .binaryInput(kind: "PNG image"), .binaryInput(kind: HTMLParseError.gzipKind),
            .inputTooLarge(bytes: 9, limit: 8), .tooManyNodes(limit: 3), .noRootElement, .parserFailed,
        ]
        for error in errors { #expect(error.description.contains(":")) }
        #expect(HTMLParseError.binaryInput(kind: HTMLParseError.gzipKind).description.contains("inflateGzip"))
    }

    @Test("100,000 nested divs do not crash and set the truncation flag")
    func deepNesting() throws {
        let depth = 100_000
        let html = String(repeating: "<div>", count: depth) + "deep text" + String(repeating: "</div>", count: depth)
            + "<p>after</p>"
        let document = try parse(html)
        #expect(document.truncatedDepth)
        #expect(document.nodes.allSatisfy { Int($0.depth) <= HTMLParseLimits.standard.maxDepth })
        #expect(!allText(document).contains("deep text"))
    }

    @Test("nesting deeper than libxml2's default 256 is kept within the limit")
    func moderateNesting() throws {
        let depth = 1_000
        let html = String(repeating: "<div>", count: depth) + "deep text" + String(repeating: "</div>", count: depth)
        let document = try parse(html)
        #expect(!document.truncatedDepth)
        #expect(allText(document).contains("deep text"))
    }

    @Test("script, style, template and svg content is dropped; JSON-LD and noscript are kept")
    func droppedContent() throws {
        let document = try parse("""
            <html><head><title>T</title><style>p { color: red }</style>
            <script>var secret = 1;</script>
            <script type=" Application/LD+JSON ">{"@type": "Article"}</script></head>
            <body><template><p>inert</p></template><svg><title>icon</title><path d="M0"/></svg>
            <noscript><p>enable js</p></noscript><p>visible</p></body></html>
            """)
        let text = allText(document)
        #expect(!text.contains("secret") && !text.contains("color") && !text.contains("inert") && !text.contains("icon"))
        #expect(text.contains("enable js") && text.contains("visible"))
        #expect(document.jsonLDScripts == [#"{"@type": "Article"}"#])
        #expect(document.elements(named: .style).count == 1)
        #expect(document.elements(named: .svg).count == 1)
        #expect(document.elements(named: "path").isEmpty)
        #expect(document.title == "T")
    }

    @Test("entities are decoded, nbsp is U+00A0, whitespace nodes are kept and flagged")
    func textNodes() throws {
        let document = try parse("<p>a&amp;b&nbsp;c &eacute;</p> <p>x</p>")
        #expect(allText(document).contains("a&b\u{00A0}c é"))
        #expect(document.nodes.contains { $0.isText && $0.isWhitespace && $0.text == " " })
        #expect(!document.nodes.contains { $0.isText && !$0.isWhitespace && $0.text.allSatisfy(\.isWhitespace) && $0.text.contains(" ") })
    }

    @Test("attribute names are lowercased; valueless attributes are empty or, if boolean, their name")
    func attributes() throws {
        let document = try parse(#"<DIV CLASS="a  b" ID=main data-Foo="1&amp;2"><INPUT disabled><span itemscope>x</span></DIV>"#)
        let div = try #require(document.firstElement(.div))
        #expect(document[div].name == "div")
        #expect(document[div].className == "a  b")
        #expect(document[div].classList == ["a", "b"])
        #expect(document[div].id == "main")
        #expect(document[div].attribute("data-foo") == "1&2")
        let input = try #require(document.firstElement(.input))
        #expect(document[input].attribute("disabled") == "disabled")  // libxml2 fills HTML boolean attributes
        let span = try #require(document.firstElement(.span))
        #expect(document[span].attribute("itemscope") == "")
        #expect(document[input].attribute("missing") == nil)
    }

    @Test("parsing is safe from many tasks at once")
    func concurrent() async throws {
        let page = Array(String(repeating: "<div class=c><p>para&nbsp;text <a href=/x>link</a></p></div>", count: 200).utf8)
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<16 { group.addTask { try HTMLParser.parse(page).nodes.count } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(counts.count == 16 && Set(counts).count == 1)
    }
}
