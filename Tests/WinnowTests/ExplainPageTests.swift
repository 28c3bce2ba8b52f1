import Foundation
import Testing
import WinnowHTML
@testable import Winnow

/// The explain view: reading order, structure, accessibility, escaping.
@Suite struct ExplainPageTests {
    /// A news page with furniture before, inside and after the article.
    static let page = """
        <html lang="en"><head><title>Rivers</title>
        <meta property="og:url" content="https://example.org/rivers">
        </head><body>
        <header><nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
        <main><article>
          <h1>River levels fall after a dry summer</h1>
          <div class="share-bar"><a href="/s">Share on Facebook</a> <a href="/t">Tweet this</a></div>
          <p>River levels across the region fell to their lowest point in a decade this summer, the water authority said on Monday, after three months with almost no rain at all.</p>
          <p>Engineers measured the flow at twelve stations along the valley and found that most carried less than half of their usual volume, which worried farmers who draw water.</p>
          <p>Recommended by Widgets Inc</p>
          <p>The authority expects the levels to recover slowly once the autumn rains arrive, but it has asked households to use less water until then and will publish figures.</p>
        </article></main>
        <footer class="site-footer"><p>© 2024 The Daily Example. All rights reserved.</p></footer>
        </body></html>
        """

    /// Runs `text` saved as `name` through read, rules, strip and normalize, as `winnow explain` does.
    func explain(_ text: String, name: String = "page.html") throws -> Extraction.Explained {
        let folder = TemporaryFolder()
        folder.write(name, text)
        let yaml = Extraction.defaultExplainPipeline(registry: .builtIn)
        let configuration = try PipelineLoader().load(yaml: yaml, file: "<test>", baseFolder: folder.path, overrides: .init(input: folder.path, output: folder.path + "/out"))
        return try Extraction.explain(path: folder.path + "/" + name, configuration: configuration)
    }

    @Test func readingOrderPutsRemovalsBetweenKeptBlocks() throws {
        let explained = try explain(Self.page)
        #expect(Array(explained.stages.prefix(4)) == ["read", "rules", "strip", "normalize"])
        #expect(explained.outcome == .kept)
        let (items, unplaced) = ExplainPage(document: explained.document).readingOrder()
        #expect(unplaced.isEmpty)
        let texts = items.map(\.text)
        let home = try #require(texts.firstIndex(of: "Home"))
        let body = try #require(texts.firstIndex { $0.hasPrefix("River levels across") })
        let widget = try #require(texts.firstIndex(of: "Recommended by Widgets Inc"))
        let copyright = try #require(texts.firstIndex { $0.hasPrefix("© 2024") })
        let last = try #require(texts.firstIndex { $0.hasPrefix("The authority expects") })
        #expect(home < body && body < widget && widget < last && last < copyright)
        #expect(items[home].removal?.reason == "navigation")
        #expect(items[widget].removal?.reason == "rule")
        #expect(items[widget].removal?.detail?.contains("drop-lines") == true)
        #expect(items[body].removal == nil && items[last].removal == nil)
        // Every kept block and every removal appears once.
        #expect(items.filter { $0.removal == nil }.count == explained.document.blocks.count)
        #expect(items.filter { $0.removal != nil }.count == explained.document.trace.removals.count)
    }

    @Test func pageHasHeadingsLegendToggleBlocksAndMetadataWithSources() throws {
        let explained = try explain(Self.page)
        let view = try ParsedView(explained.page.render())
        #expect(view.elements("h1").count == 1)
        #expect(view.text(view.elements("h1")[0]) == "River levels fall after a dry summer")
        let headings = view.elements("h2").map { view.text($0) }
        #expect(headings.contains("Legend") && headings.contains("Blocks in reading order") && headings.contains("Metadata"))
        // The toggle is a labelled checkbox; no script does the work.
        let toggle = try #require(view.element(id: "hide-removed"))
        #expect(view.page.attribute("type", of: toggle) == "checkbox")
        #expect(view.elements("label").contains { view.text($0) == "Hide removed text" })
        #expect(view.elements("script").isEmpty)
        #expect(view.html.contains("body:has(#hide-removed:checked) .removed{display:none}"))
        // The legend names every reason in words, with its count.
        let legend = view.withClass("legend").flatMap { view.page.descendants(of: $0).filter { view.page.nodes[$0].name == "li" } }.map { view.text($0) }
        #expect(legend.contains("kept (\(explained.document.blocks.count))"))
        #expect(legend.contains { $0.hasPrefix("removed: navigation (") })
        #expect(legend.contains { $0.hasPrefix("removed: rule (") })
        // One list item per block, removed ones labelled with reason and decider in text.
        let kept = view.withClass("block").filter { view.withClass("kept").contains($0) }
        let removed = view.withClass("removed")
        #expect(kept.count == explained.document.blocks.count)
        #expect(removed.count == explained.document.trace.removals.count)
        for index in removed {
            let reason = try #require(view.page.attribute("data-reason", of: index))
            #expect(view.text(index).contains("removed: \(reason)") || view.text(index).contains("removed line: \(reason)"))
            #expect(view.text(index).contains("by "))
        }
        // Metadata shows each field's source; the canonical URL is a link.
        #expect(view.element(id: "metadata-heading") != nil)
        #expect(view.html.contains("source: opengraph"))
        #expect(view.attributes.contains { $0 == ("a", "href", "https://example.org/rivers") })
        // Self-contained: a CSP meta forbidding everything but the inline style sheet.
        let csp = view.attributes.first { $0.1 == "content" && $0.2.hasPrefix("default-src 'none'") }
        #expect(csp != nil)
        #expect(csp?.2.contains("script-src") == false)
        #expect(view.activeContent.isEmpty, "\(view.activeContent)")
        #expect(view.elements("meta").contains { view.page.attribute("name", of: $0) == "viewport" })
    }

    @Test func textDocumentsShadeRemovedLines() throws {
        let text = """
            NEWS

            River levels fall after a dry summer

            By Ann Example
            Published: 4 June 2024

            River levels across the region fell to their lowest point in a decade this summer, the water authority said on Monday, after three months with almost no rain at all.

            Engineers measured the flow at twelve stations along the valley and found that most carried less than half of their usual volume, which worried farmers who draw water.

            Share this article
            """
        let explained = try explain(text, name: "page.txt")
        let view = try ParsedView(explained.page.render())
        let lines = view.withClass("removed").filter { view.text($0).contains("removed line:") }
        #expect(!lines.isEmpty)
        let byline = try #require(view.withClass("removed").first { view.text($0).contains("By Ann Example") })
        #expect(view.page.attribute("data-reason", of: byline) == "byline")
        #expect(view.html.contains("source: text"))
        let order = ExplainPage(document: explained.document).readingOrder().items.map(\.text)
        let headline = try #require(order.firstIndex(of: "River levels fall after a dry summer"))
        let by = try #require(order.firstIndex(of: "By Ann Example"))
        let body = try #require(order.firstIndex { $0.hasPrefix("River levels across") })
        #expect(headline < by && by < body)
    }

    @Test func hostilePageTextIsEscapedEverywhere() throws {
        var document = Document(id: "a/\(HostileText.attribute).html", source: .init(path: "/in/\(HostileText.markup).html"), kind: .html, keepTrace: true)
        var block = Block(.paragraph, "Kept " + HostileText.markup)
        block.origin = 1
        document.blocks = [block]
        document.metadata.title = .init(HostileText.attribute, source: .dom)
        document.metadata.url = .init(HostileText.url, source: .meta)
        document.metadata.image = .init("https://x.example/\"onerror=alert(4)", source: .meta)
        document.metadata.authors = .init([HostileText.markup], source: .jsonLD)
        document.metadata.extra["note"] = .init(HostileText.markup, source: .pipeline)
        document.trace.record(stage: "strip", reason: "navigation\"><script>alert(5)</script>", detail: HostileText.markup, text: HostileText.markup, kind: .paragraph, position: 0)
        document.trace.note(HostileText.markup)
        let html = ExplainPage(document: document, stages: [HostileText.markup], outcome: .failed(stage: "x", message: HostileText.markup)).render()
        let view = try ParsedView(html)
        #expect(view.activeContent.isEmpty, "\(view.activeContent)")
        #expect(!html.contains("<script>") && !html.contains("<img") && !html.contains("<b class"))
        #expect(!html.contains("javascript:alert(3)\""))
        // The text itself is shown, as text.
        #expect(view.elements("li").contains { view.text($0).contains("Kept <script>") })
        #expect(view.text(view.elements("h1")[0]) == HostileText.attribute)
        // A hostile reason cannot break out of a class name either.
        #expect(view.withClass("block").allSatisfy { (view.page.attribute("class", of: $0) ?? "").allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == " " } })
    }

    @Test func removalsWithoutPositionsAreListedAfterTheBlocks() throws {
        var document = Document(id: "a.html", source: .init(path: "/a.html"), kind: .html, blocks: [Block(.paragraph, "Body")], keepTrace: true)
        document.trace.record(stage: "custom", reason: "duplicate", detail: "seen in b.html", text: "Old text")
        let (items, unplaced) = ExplainPage(document: document).readingOrder()
        #expect(items.map(\.text) == ["Body"])
        #expect(unplaced.map(\.text) == ["Old text"])
        let view = try ParsedView(ExplainPage(document: document).render())
        #expect(view.elements("h3").contains { view.text($0) == "Removals without a position" })
        #expect(view.withClass("g-dup").count >= 1)
    }

    @Test func viewsFromJSONOutputMatchViewsFromTheDocument() throws {
        let explained = try explain(Self.page)
        let json = DocumentJSON.encode(explained.document, includeTrace: true)
        let fromJSON = try ExplainPage(json: Data(json)).readingOrder().items
        let direct = ExplainPage(document: explained.document).readingOrder().items
        #expect(fromJSON.map(\.text) == direct.map(\.text))
        #expect(fromJSON.map { $0.removal?.reason } == direct.map { $0.removal?.reason })
    }

    @Test func droppedOutcomeShowsABanner() throws {
        let document = Document(id: "a.html", source: .init(path: "/a.html"), kind: .html, keepTrace: true)
        let view = try ParsedView(ExplainPage(document: document, outcome: .dropped(stage: "write", reason: "empty")).render())
        #expect(view.withClass("banner").contains { view.text($0).contains("Dropped by stage write: empty") })
    }

    @Test func onlyHTTPURLsAreLinks() {
        #expect(HTMLEscaping.safeURL("https://example.org/a?b=1&c=2") == "https://example.org/a?b=1&amp;c=2")
        #expect(HTMLEscaping.safeURL("HTTP://EXAMPLE.ORG") != nil)
        for url in ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<b>", "/relative", "//example.org", "https://", "https://a b.org", "http://x.org/\u{0}", "vbscript:x", "https:/\\evil"] {
            #expect(HTMLEscaping.safeURL(url) == nil, "\(url)")
        }
        #expect(HTMLEscaping.text("<a href=\"x\">'&'</a>\u{0}") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;\u{FFFD}")
    }

    @Test func readerNumbersBlocksOnlyWhenTracing() throws {
        let folder = TemporaryFolder()
        folder.write("a.txt", "One paragraph here.\n\nAnother one.\n")
        let context = StageContext(inputFolder: folder.path, outputFolder: folder.path, baseFolder: folder.path)
        var reader = ReadStage(options: try ReadStage.Options(from: OptionValues(yaml: "{}")), context: context)
        var plain = Document(id: "a.txt", source: .init(path: folder.path + "/a.txt"))
        var traced = Document(id: "a.txt", source: .init(path: folder.path + "/a.txt"), keepTrace: true)
        _ = try reader.process(&plain)
        _ = try reader.process(&traced)
        #expect(plain.blocks.allSatisfy { $0.origin == nil })
        #expect(traced.blocks.map(\.origin) == [0, 1])
        // Numbering changes neither equality nor the written outputs.
        #expect(plain.blocks == traced.blocks)
        #expect(Set(plain.blocks).count == 2 && Set(plain.blocks + traced.blocks).count == 2)
        #expect(DocumentJSON.encode(plain, includeTrace: false) == DocumentJSON.encode(traced, includeTrace: false))
    }
}
