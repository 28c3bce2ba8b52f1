import Foundation
import Testing
@testable import WinnowHTML

/// The arena built from the parser's events (``SAXTreeBuilder``) must equal the one copied from
/// libxml2's tree (``TreeCopier``) node for node, errors included.
@Suite("SAXTreeBuilder")
struct SAXTreeBuilderTests {
    /// Both ways's result for `bytes`: the document or the error, described for comparison.
    static func outcomes(_ bytes: [UInt8], limits: HTMLParseLimits = .standard) -> (events: String, tree: String) {
        func run(_ builder: HTMLParser.TreeBuilder) -> String {
            bytes.withUnsafeBufferPointer { buffer in
                do {
                    return describe(try HTMLParser.parse(buffer, limits: limits, queries: [], treeBuilder: builder))
                } catch {
                    return "error: \(error)"
                }
            }
        }
        return (run(.events), run(.libxml2Tree))
    }

    /// Every field of every node, one line each.
    static func describe(_ document: HTMLDocument) -> String {
        var lines = ["truncated \(document.truncatedDepth), encoding \(document.encoding.name)"]
        for (index, node) in document.nodes.enumerated() {
            let attributes = node.attributes.map { "\($0.name)=\($0.value.debugDescription)" }.joined(separator: " ")
            lines.append("\(index) \(node.kind) \(node.tag.rawValue) \(node.name.debugDescription) parent \(node.parent) "
                + "end \(node.subtreeEnd) depth \(node.depth) ws \(node.isWhitespace) [\(attributes)] \(node.text.debugDescription)")
        }
        return lines.joined(separator: "\n")
    }

    /// The first line where two descriptions differ, for readable failures.
    static func firstDifference(_ a: String, _ b: String) -> String? {
        guard a != b else { return nil }
        let left = a.split(separator: "\n", omittingEmptySubsequences: false)
        let right = b.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(left.count, right.count) {
            let l = index < left.count ? String(left[index]) : "<none>"
            let r = index < right.count ? String(right[index]) : "<none>"
            if l != r { return "line \(index): events \(l) | tree \(r)" }
        }
        return "differ"
    }

    static let snippets: [String] = [
        // Implied elements and end tags.
        "just text",
        "<p>one<p>two<li>three<li>four<dt>a<dd>b",
        "<div><p>one<p>two</div></span></i><b>three<table><td>four</table><li>five",
        "<table><tr><td>a<td>b<tr><td><table><tr><td>nested</td></tr></table>c</table>after",
        "<table>stray text<tr>x<td>cell</td>y</tr>z</table>",
        "<ul><li>a<ul><li>b</ul><li>c</ul>",
        "<select><option>a<option selected>b<optgroup><option>c</select>",
        "<p><div>block in p</div>after</p>",
        "<a href=1>one<a href=2>two</a>",
        "<h1>x<h2>y</h1>z</h2>",
        "<title>T</title>text before body<body>in body",
        "<head><meta charset=utf-8> <title>T</title> </head> <body> <p> x </p> </body>",
        "<html> <head> </head> <body> </body> </html>",
        "<html>\n<!-- c -->\n<head>\n<title>t</title>\n</head>\n<body>\n<p>a</p>\n</body>\n</html>\n",
        // Misplaced html, head and body tags; content after </html>.
        "<html lang=en><body><html class=x><p>a</p><body id=b><p>b</p><head><p>c",
        "<html><body><p>a</p></body></html><p>after html</p>",
        "<html><body><p>a</p></body></html>\n<script>var x;</script><div>tail</div>",
        "<!DOCTYPE html><html><body>a</body></html><div>after with doctype</div>",
        "<!-- first --><html><body>a</body></html><div>after with comment first</div>",
        "<?xml version=\"1.0\"?><html><body>a</body></html><div>after with PI first</div>",
        "<html><body>a</body></html><!DOCTYPE html><div>after a late doctype</div>",
        "<html><body>a</body></html>tail text<p>tail p",
        "<p>x</p><!DOCTYPE html><p>misplaced doctype</p>",
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01//EN\"><html><body> <p>a</p> <p>b</p> </body></html>",
        // Text merging, entities, comments and PIs between text.
        "<p>a&amp;b&nbsp;c &eacute; &unknown; &#65;&#x42; &#0; &#xD800; &#1114112; &lt</p>",
        "<p>one<!-- c -->two<!--x-->   <?pi x?>three</p>",
        "<p>a<html>b</html>c<body>d<head>e</p>",
        "<p>left</nonexistent>right</p>",
        "<p>" + String(repeating: "long text ", count: 500) + "&amp;" + String(repeating: "more ", count: 400) + "</p>",
        "<p>   </p><p>\t\n</p><p>\u{0C}</p><b> </b><i>x</i> <i>y</i>",
        "<div>\r\n  <span>a</span>\r\n  <span>b</span>\r\n</div>",
        // Script, style, raw text and CDATA-like content.
        "<script>if (a < b && c > d) { document.write('</div>'); }</script><p>after</p>",
        "<script type=application/ld+json>{\"a\": \"</b>\"}</script><script type=\"application/ld+json\">"
            + String(repeating: "{\"k\": 1}", count: 300) + "</script>",
        "<style>p { color: red }</style><style></style><script></script><p>x",
        "<p><script>x</script>between<script>y</script></p>",
        "<textarea><b>not bold</b> &amp;</textarea><xmp><i>raw</i></xmp><plaintext><p>rest",
        "<svg><title>icon</title><path d=M0/><foreignObject><p>inside</p></foreignObject></svg><p>out",
        "<template><p>inert</p><template><p>nested</p></template></template><p>live",
        "<noscript><p>enable js</p></noscript><iframe><p>frame</p></iframe>",
        "<p><![CDATA[ cdata section ]]> after</p>",
        // Names and attributes.
        "<DIV CLASS=\"a  b\" ID=main data-Foo=\"1&amp;2\" class=dup><INPUT disabled checked=x><span itemscope>x</span></DIV>",
        "<fb:like href=x>social</fb:like><a:b:c>two colons</a:b:c><x:>trailing colon</x:><:y>leading</:y>",
        "<o:p></o:p><v:shape id=s><v:textbox>t</v:textbox></v:shape><x:script>not raw</x:script>",
        "<my-widget some-attr=1 OTHER>custom</my-widget><div a=1 b='2' c=\"3\" d e=>vals</div>",
        "<p title=\"a\nb\">newline</p><p data-x=\"&quot;&apos;&#39;\">quotes</p><img src=a.png alt>",
        "<div selected nowrap compact defer ismap declare multiple nohref noresize noshade readonly>bool</div>",
        "<p =x>bad attr</p><p \"q\"=1>bad</p><p a==b>eq</p>",
        "<>not a tag</><p/>self<br/>close<p / >x",
        "<meta http-equiv=Content-Type content='text/html; charset=iso-8859-1'><p>caf\u{E9}</p>",
        // Encodings (converted before parsing).
        "<p>\u{FEFF}bom in text</p>",
        "<p>\u{1F600} emoji and \u{4E2D}\u{6587}</p>",
        // Errors.
        "<!-- only a comment -->",
        "<?php echo 1; ?>",
        "<!DOCTYPE html>",
    ]

    @Test("the event-built arena equals the copied tree on tricky markup")
    func snippetsMatch() {
        for snippet in Self.snippets {
            let (events, tree) = Self.outcomes(Array(snippet.utf8))
            #expect(Self.firstDifference(events, tree) == nil, "\(snippet.prefix(80).debugDescription)")
        }
    }

    @Test("non-UTF-8 input converts the same for both ways")
    func encodings() {
        let latin1: [UInt8] = Array("<meta charset=iso-8859-1><p>caf".utf8) + [0xE9] + Array("</p>".utf8)
        let utf16: [UInt8] = [0xFF, 0xFE] + Array("<p>hi</p>".utf8).flatMap { [$0, 0] }
        for bytes in [latin1, utf16] {
            let (events, tree) = Self.outcomes(bytes)
            #expect(Self.firstDifference(events, tree) == nil)
        }
    }

    @Test("the depth limit cuts the same content and sets the flag the same way")
    func depthLimit() {
        let deep = String(repeating: "<div>", count: 40) + "deep" + String(repeating: "</div>", count: 40) + "<p>after</p>"
        let cases: [(String, Int)] = [
            (deep, 10), (deep, 0), (deep, 1), (deep, 41), (deep, 42),
            ("<div><div><!-- c --></div></div><p>x", 2),
            ("<div><div><?pi?></div></div>", 2),
            ("<div><div> </div></div>", 2),
            ("<div><div><script>x</script></div></div>", 2),
            ("<div><script>x</script></div>", 2),
            ("<div><div></div></div>", 2),
            ("<html><body>a</body></html><div><p>after</p></div>", 1),
            ("<html><body>a</body></html><div><p>after</p></div>", 0),
        ]
        for (html, maxDepth) in cases {
            let (events, tree) = Self.outcomes(Array(html.utf8), limits: HTMLParseLimits(maxDepth: maxDepth))
            #expect(Self.firstDifference(events, tree) == nil, "\(html.prefix(60)) at \(maxDepth)")
        }
        let (events, tree) = Self.outcomes(Array(deep.utf8))
        #expect(events == tree)
        let veryDeep = String(repeating: "<div>", count: 20_000) + "x" + String(repeating: "</div>", count: 20_000)
        let (deepEvents, deepTree) = Self.outcomes(Array(veryDeep.utf8))
        #expect(deepEvents == deepTree)
        #expect(deepEvents.hasPrefix("truncated true"))
    }

    @Test("the node limit fails both ways alike")
    func nodeLimit() {
        for limit in [1, 2, 3, 5, 8, 13] {
            let (events, tree) = Self.outcomes(Array("<ul><li>a<li>b<li>c<li>d</ul> <p>e</p>".utf8), limits: HTMLParseLimits(maxNodes: limit))
            #expect(events == tree, "limit \(limit)")
        }
    }

    /// Pieces of markup that exercise the parser's tree rules, for random documents.
    static let pieces: [String] = [
        "<p>", "</p>", "<div>", "</div>", "<table>", "<tr>", "<td>", "<th>", "</td>", "</table>", "<html>", "</html>", "<body>",
        "</body>", "<head>", "</head>", "<title>", "</title>", "<script>", "</script>", "<style>", "</style>", "<!-- c -->",
        "<?pi x?>", "<!DOCTYPE html>", "text", "Word", " ", "  ", "\n", "\t", "&amp;", "&nbsp;", "&#0;", "&#65;", "&bogus;",
        "<a href=x>", "</a>", "<li>", "<ul>", "</ul>", "<ol>", "<dl>", "<dt>", "<dd>", "<svg>", "</svg>", "<template>",
        "</template>", "<br>", "<img src=a>", "<fb:like>", "</fb:like>", "<x:y:z>", "<![CDATA[x]]>", "<select>", "<option>",
        "<textarea>", "</textarea>", "<input disabled>", "<b>", "</b>", "<i>", "</i>", "<span class='a b'>", "</span>",
        "<noscript>", "</noscript>", "<frameset>", "<frame>", "<xmp>", "<iframe>", "<math>", "<", ">", "&", "</", "<p", "\"",
        "'", "=", "<meta charset=utf-8>", "<base href=/>", "<script type=application/ld+json>{\"a\": 1}</script>",
        "<h1>", "</h1>", "<h2>", "<form>", "</form>", "<button>", "<pre>", "</pre>", "<center>", "<font>", "<nobr>",
        "<p id=a id=b ID=c>", "<div class=\"x\" hidden>", "<UL>", "</LI>", "é", "日本", "<caption>", "<colgroup>", "<col>",
    ]

    @Test("random markup builds the same arena both ways", arguments: 0..<4)
    func randomMarkup(shard: UInt64) {
        var state = 0x2545_F491_4F6C_DD1D &+ shard
        func next() -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(truncatingIfNeeded: state >> 1)
        }
        var failures: [String] = []
        for _ in 0..<2_500 {
            let count = 1 + next() % 60
            let html = (0..<count).map { _ in Self.pieces[next() % Self.pieces.count] }.joined()
            let maxDepth = [0, 1, 2, 3, 5, 8, 5_000][next() % 7]
            let maxNodes = next() % 10 == 0 ? 1 + next() % 20 : 1_000_000
            let (events, tree) = Self.outcomes(Array(html.utf8), limits: HTMLParseLimits(maxDepth: maxDepth, maxNodes: maxNodes))
            if let difference = Self.firstDifference(events, tree) {
                failures.append("\(html.debugDescription) depth \(maxDepth) nodes \(maxNodes): \(difference)")
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(3))")
    }

    /// Folders of real pages compared when present: the shared data sets, and any listed in
    /// `WINNOW_TREE_CORPUS` (colon-separated).
    static let corpusFolders: [URL] = {
        let shared = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../shared/datasets").standardizedFileURL
        var folders = ["wcxb-dev/html", "trafilatura-eval/html", "readability"].map { shared.appendingPathComponent($0) }
        if let extra = ProcessInfo.processInfo.environment["WINNOW_TREE_CORPUS"] {
            folders += extra.split(separator: ":").map { URL(fileURLWithPath: String($0)) }
        }
        return folders.filter { FileManager.default.fileExists(atPath: $0.path) }
    }()

    static func pages(in folder: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }
            .filter { [".html", ".htm", ".html.gz"].contains(where: $0.lastPathComponent.hasSuffix) }
            .sorted { $0.path < $1.path }
    }

    @Test("the event-built arena equals the copied tree on every page of the corpora",
          .enabled(if: !SAXTreeBuilderTests.corpusFolders.isEmpty), arguments: 0..<4)
    func corporaMatch(shard: Int) throws {
        var failures: [String] = []
        var compared = 0
        for folder in Self.corpusFolders {
            for (index, url) in Self.pages(in: folder).enumerated() where index % 4 == shard {
                var bytes = Array(try Data(contentsOf: url))
                if url.lastPathComponent.hasSuffix(".gz") { bytes = try HTMLInput.inflateGzip(bytes) }
                let (events, tree) = Self.outcomes(bytes)
                compared += 1
                if let difference = Self.firstDifference(events, tree) { failures.append("\(url.path): \(difference)") }
            }
        }
        #expect(compared > 0)
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }
}
