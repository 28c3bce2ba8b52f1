import Foundation
import Testing
import WinnowHTML
@testable import Winnow

/// The `rules` stage on HTML: CSS selectors and XPath that drop, keep or select elements, scoped
/// to sites, and configuration errors with line and column.
@Suite struct RulesElementTests {
    static let page = """
        <html><head><title>T</title><link rel="canonical" href="https://www.example.com/a/story.html"></head>
        <body>
          <nav id="top" class="menu main-menu"><ul><li>Home</li><li class="x">News</li><li>Sport</li></ul></nav>
          <article class="story" lang="en-GB" data-kind="news">
            <h1>Headline</h1>
            <p class="lead">First paragraph with a credit <span class="credit">Photo: Agency</span> inside.</p>
            <p>Second paragraph <a href="https://example.com/file.pdf">report</a>.</p>
            <p class="lead note">Third.</p>
            <div class="share"><a href="http://x.test/share">Share</a></div>
            <p></p>
          </article>
          <aside class="related"><h2>Related</h2><p>Other story</p></aside>
        </body></html>
        """

    static func parsed(_ html: String = page, queries: [String] = []) throws -> HTMLDocument {
        try HTMLParser.parse(Array(html.utf8), queries: queries)
    }

    /// The texts (collapsed) of the elements a selector matches.
    static func texts(_ selector: String, _ page: HTMLDocument) throws -> [String] {
        try CSSSelector(selector).matches(in: page).map { HTMLDocument.collapseWhitespace(page.textContent(of: $0)) }
    }

    static func names(_ selector: String, _ page: HTMLDocument) throws -> [String] {
        try CSSSelector(selector).matches(in: page).map { page[$0].name }
    }

    @Test func eachSelectorFormMatchesWhatCSSSays() throws {
        let page = try Self.parsed()
        #expect(try Self.names("h1", page) == ["h1"])
        #expect(try Self.names("H1", page) == ["h1"])
        #expect(try CSSSelector("*").matches(in: page).count == page.nodes.filter(\.isElement).count)
        #expect(try Self.names("#top", page) == ["nav"])
        #expect(try Self.texts(".lead", page) == ["First paragraph with a credit Photo: Agency inside.", "Third."])
        #expect(try Self.texts("p.lead.note", page) == ["Third."])
        #expect(try Self.names("[data-kind]", page) == ["article"])
        #expect(try Self.names("[data-kind=news]", page) == ["article"])
        #expect(try Self.names("[data-kind='other']", page) == [])
        #expect(try Self.names("[class~=main-menu]", page) == ["nav"])
        #expect(try Self.names("[class~=main]", page) == [])
        #expect(try Self.names("[lang|=en]", page) == ["article"])
        #expect(try Self.texts("a[href^='https://']", page) == ["report"])
        #expect(try Self.names("[href^='https://']", page) == ["link", "a"])
        #expect(try Self.texts("a[href$=\".pdf\"]", page) == ["report"])
        #expect(try Self.texts("[href*=share]", page) == ["Share"])
        #expect(try Self.names("[data-kind=NEWS i]", page) == ["article"])
        #expect(try Self.names("[data-kind=NEWS]", page) == [])
        // Combinators.
        #expect(try Self.texts("article span", page) == ["Photo: Agency"])
        #expect(try Self.texts("article > span", page) == [])
        #expect(try Self.texts("p > span", page) == ["Photo: Agency"])
        #expect(try Self.texts("h1 + p", page) == ["First paragraph with a credit Photo: Agency inside."])
        #expect(try Self.texts("h1 ~ p", page).count == 4)
        #expect(try Self.texts("nav li.x ~ li", page) == ["Sport"])
        #expect(try Self.texts("body > aside > h2", page) == ["Related"])
        // Pseudo-classes and lists.
        #expect(try Self.texts("article p:not(.lead)", page) == ["Second paragraph report.", ""])
        #expect(try Self.texts("article p:not(.lead, :empty)", page) == ["Second paragraph report."])
        #expect(try Self.texts("li:first-child", page) == ["Home"])
        #expect(try Self.texts("li:last-child", page) == ["Sport"])
        #expect(try Self.texts("div.share > a:only-child", page) == ["Share"])
        #expect(try Self.names(":root", page) == ["html"])
        #expect(try Self.names("h1, h2, nav", page) == ["nav", "h1", "h2"])  // document order
        #expect(try Self.names("nav.menu#top[class]:not(aside)", page) == ["nav"])
    }

    @Test func siblingSelectorsStayLinearOnWideParents() throws {
        let html = "<html><body><ul>" + String(repeating: "<li>x</li> ", count: 50_000) + "</ul></body></html>"
        let page = try Self.parsed(html)
        let first = try CSSSelector("li:first-child"), last = try CSSSelector("li:last-child"), next = try CSSSelector("li + li")
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            #expect(first.matches(in: page).count == 1)
            #expect(last.matches(in: page).count == 1)
            #expect(next.matches(in: page).count == 49_999)
        }
        #expect(elapsed < .seconds(20), "\(elapsed)")  // quadratic sibling walks took hours here
    }

    @Test func badSelectorsSayWhatAndWhere() {
        let cases: [(String, Int, String)] = [
            ("div >", 5, "expected a selector after '>'"),
            (".", 1, "expected a class name"),
            ("a[href", 6, "'[' is not closed"),
            ("a[href=]", 7, "expected a value"),
            ("a[href='x]", 7, "quoted value is not closed"),
            ("p:hover", 1, "unsupported pseudo-class ':hover'"),
            ("p,", 2, "expected a selector after ','"),
            ("", 0, "empty selector"),
            ("p:not(.a", 8, "':not(' is not closed"),
            ("a{b}", 1, "unexpected '{'"),
        ]
        for (text, offset, message) in cases {
            do {
                _ = try CSSSelector(text)
                Issue.record("'\(text)' parsed")
            } catch {
                #expect(error.offset == offset, "\(text): \(error)")
                #expect(error.message.contains(message), "\(text): \(error)")
            }
        }
    }

    @Test func xpathIsEvaluatedByLibxml2OnTheTreeBeforeItIsCopied() throws {
        let queries = ["//p[contains(@class, 'lead')]", "//a/@href", "//h1/text()", "//div[@id='none']"]
        let page = try Self.parsed(queries: queries)
        #expect(page.queryMatches[queries[0]]?.map { HTMLDocument.collapseWhitespace(page.textContent(of: Int($0))) } == [
            "First paragraph with a credit Photo: Agency inside.", "Third.",
        ])
        #expect(page.queryMatches[queries[1]]?.map { page[Int($0)].name } == ["a", "a"])  // attributes stand for their element
        #expect(page.queryMatches[queries[2]]?.map { page[Int($0)].text } == ["Headline"])
        #expect(page.queryMatches[queries[3]] == [])
    }

    @Test func badXPathIsFoundWhenThePipelineLoads() {
        #expect(XPathQuery.check("//div[@class='a']") == nil)
        #expect(XPathQuery.check("//p[last()]") == nil)
        let syntax = XPathQuery.check("//div[@class='a'")
        #expect(syntax != nil && syntax?.offset != nil)
        #expect(XPathQuery.check("//div[nosuch(@a)]")?.message.contains("Unregistered function") == true)
        #expect(XPathQuery.check("count(//p)")?.message.contains("a number, not a set of elements") == true)
        #expect(XPathQuery.check("$x")?.message != nil)
    }

    @Test func anXPathThatRunsAwayFailsThePageNotTheRun() throws {
        let html = "<html><body>" + String(repeating: "<div><p>x</p></div>", count: 3_000) + "</body></html>"
        #expect(throws: HTMLParseError.self) {
            _ = try HTMLParser.parse(Array(html.utf8), queries: ["//div[count(//p[count(//div) > 0]) > 0]"])
        }
    }

    // MARK: The stage

    /// Reads `html` as the pipeline would for a rules stage with `yaml` options, and applies it.
    func run(_ yaml: String, html: String = page, id: String = "story.html") throws -> Document {
        let values = try OptionValues(yaml: yaml)
        let options = RulesStage.Options(from: values)
        #expect(values.errors.isEmpty, "\(values.errors)")
        var context = StageContext(inputFolder: "/in", outputFolder: "/out", baseFolder: "/", keepTrace: true)
        context.xpathQueries = options.xpathQueries
        let reader = ReadStage(options: try ReadStage.Options(from: OptionValues(yaml: "{}")), context: context)
        var document = Document(id: id, source: .init(path: "/in/" + id), keepTrace: true)
        try reader.read(Array(html.utf8), into: &document)
        var stage = RulesStage(options: options, context: context)
        _ = try stage.process(&document)
        return document
    }

    @Test func dropElementsTakesElementsOutBeforeTheBlocksAreRead() throws {
        let document = try run("drop-elements: [nav, 'p > span.credit', aside]\ndrop-xpath: [\"//div[@class='share']\"]")
        #expect(document.text.contains("First paragraph with a credit inside."))
        #expect(!document.text.contains("Photo: Agency"))
        #expect(!document.text.contains("Home") && !document.text.contains("Related") && !document.text.contains("Share"))
        #expect(document.text.contains("Headline") && document.text.contains("Third."))
        let details = document.trace.removals.map(\.detail)
        #expect(details == ["drop-elements: nav", "drop-elements: p > span.credit", "drop-xpath: //div[@class='share']", "drop-elements: aside"])
        #expect(document.trace.removals.first?.text == "Home News Sport")
        #expect(document.html?.nodes.contains { $0.name == "nav" } == false)
        // Blocks read again keep their reading-order numbers.
        #expect(document.blocks.first?.origin == 3)
    }

    @Test func selectKeepsOnlyTheSelectedElementsAndTheHead() throws {
        let document = try run("select-elements: ['article.story']\ndrop-elements: ['.share']")
        #expect(document.blocks.first?.text == "Headline")
        #expect(!document.text.contains("Home") && !document.text.contains("Other story") && !document.text.contains("Share"))
        #expect(document.html?.nodes.contains { $0.tag == .title } == true)
        #expect(document.trace.removals.contains { $0.detail == "select: outside article.story" })
        // No match: the page is left whole.
        let whole = try run("select-elements: ['#missing']")
        #expect(whole.text.contains("Home") && whole.text.contains("Other story"))
    }

    @Test func keepElementsSurviveTheStripper() throws {
        let html = """
            <html><body><nav><a href="/">Home</a> <a href="/n">News</a></nav>
            <article><h1>A headline</h1>
            <p>\(String(repeating: "A long paragraph of running text that the stripper keeps as content. ", count: 6))</p>
            <p>\(String(repeating: "More running text of the article, with sentences and words. ", count: 6))</p>
            <div class="promo">Subscribe now</div></article>
            <footer><p class="legal">Registered office: 1 Example Street</p></footer></body></html>
            """
        func strip(_ document: Document) throws -> Document {
            var document = document
            var stripper = StripStage(options: .init(), context: StageContext(inputFolder: "/", outputFolder: "/", baseFolder: "/"))
            _ = try stripper.process(&document)
            return document
        }
        let plain = try strip(try run("drop-lines: []", html: html))
        #expect(!plain.text.contains("Registered office"))
        let kept = try strip(try run("keep-elements: [footer .legal]", html: html))
        #expect(kept.text.contains("Registered office: 1 Example Street"))
        #expect(kept.text.contains("A long paragraph") && !kept.text.contains("Home"))
    }

    @Test func siteRulesApplyToTheirHostsOnly() throws {
        let yaml = """
            drop-lines: ['^Third\\.$']
            sites:
              "*.example.com": {drop-elements: [nav]}
              "other.org": {drop-elements: [aside]}
              "*": {drop-xpath: ["//div[@class='share']"]}
            """
        // The host comes from the canonical link: www.example.com.
        let document = try run(yaml)
        #expect(!document.text.contains("Home") && document.text.contains("Other story") && !document.text.contains("Share"))
        #expect(!document.text.contains("Third."))
        // Without a canonical link, a folder named like a host decides.
        let bare = Self.page.replacingOccurrences(of: "<link rel=\"canonical\" href=\"https://www.example.com/a/story.html\">", with: "")
        let fromPath = try run(yaml, html: bare, id: "other.org/2024/story.html")
        #expect(fromPath.text.contains("Home") && !fromPath.text.contains("Other story"))
        let unknown = try run(yaml, html: bare, id: "2024.05/story.html")
        #expect(unknown.text.contains("Home") && unknown.text.contains("Other story") && !unknown.text.contains("Share"))

        #expect(HostPattern.parse("*.example.com").map { $0.matches("example.com") && $0.matches("a.b.example.com") && !$0.matches("badexample.com") } == .success(true))
        #expect(HostPattern.parse("example.com").map { $0.matches("example.com") && !$0.matches("www.example.com") } == .success(true))
        #expect(SiteHost.isHostName("news.example.co.uk") && !SiteHost.isHostName("2024.05") && !SiteHost.isHostName("v1.2") && !SiteHost.isHostName("folder"))
    }

    @Test func textDocumentsTakeTheirSiteFromThePath() throws {
        let values = try OptionValues(yaml: "sites: {\"*.example.com\": {drop-lines: ['^Advertisement$']}}")
        var stage = RulesStage(options: RulesStage.Options(from: values), context: StageContext(inputFolder: "/", outputFolder: "/", baseFolder: "/"))
        var inside = Document(id: "www.example.com/a.txt", source: .init(path: "/a.txt"), kind: .text, blocks: TextBlocks.split("Body.\nAdvertisement"))
        _ = try stage.process(&inside)
        #expect(inside.text == "Body.")
        var outside = Document(id: "example.org/a.txt", source: .init(path: "/a.txt"), kind: .text, blocks: TextBlocks.split("Body.\nAdvertisement"))
        _ = try stage.process(&outside)
        #expect(outside.text.contains("Advertisement"))
    }

    @Test func mistakesInRulesAreConfigurationErrorsWithLineAndColumn() throws {
        let folder = TemporaryFolder()
        folder.write("p.yml", """
            version: 1
            input: {folder: in}
            output: {folder: out}
            stages:
              - read
              - rules:
                  drop-elements: ["nav", "div >"]
                  drop-xpath: ["//div[@id='a'"]
                  sites:
                    "https://example.com/": {drop-elements: [nav]}
                    "*.example.org": {drop-element: [nav], keep-elements: ["p:hover"]}
              - write
            """)
        do {
            _ = try PipelineLoader(registry: .builtIn).load(path: folder.path + "/p.yml")
            Issue.record("loaded")
        } catch {
            let lines = error.diagnostics.map { "\($0.line):\($0.column) \($0.message)" }
            #expect(lines.contains { $0.hasPrefix("7:36 ") && $0.contains("'div >' in 'drop-elements' is not a valid CSS selector: expected a selector after '>'") }, "\(lines)")
            #expect(lines.contains { $0.hasPrefix("8:") && $0.contains("is not a usable XPath expression") }, "\(lines)")
            #expect(lines.contains { $0.hasPrefix("10:") && $0.contains("without scheme, port or path") }, "\(lines)")
            #expect(lines.contains { $0.hasPrefix("11:") && $0.contains("unknown option 'drop-element'") && $0.contains("drop-elements") }, "\(lines)")
            #expect(lines.contains { $0.hasPrefix("11:") && $0.contains("':hover'") }, "\(lines)")
        }
    }

    @Test func aPipelineRunAppliesXPathRulesThroughTheReader() throws {
        let folder = TemporaryFolder()
        folder.write("in/a.html", Self.page)
        folder.write("p.yml", """
            version: 1
            input: {folder: in}
            output: {folder: out}
            stages:
              - read
              - rules: {drop-xpath: ["//nav", "//aside"], drop-elements: [".credit"]}
              - write: {formats: [txt]}
            """)
        let report = try Pipeline(try PipelineLoader(registry: .builtIn).load(path: folder.path + "/p.yml")).run()
        #expect(report.written == 1)
        let text = String(decoding: folder.contents(of: "out")["a.txt"] ?? Data(), as: UTF8.self)
        #expect(text.hasPrefix("Headline") && !text.contains("Home") && !text.contains("Other story") && !text.contains("Photo: Agency"))
        #expect(report.removals["rule"] == 3)
    }
}
