import Testing
import WinnowHTML
@testable import Winnow

/// The HTML stripper on small pages: each kind of furniture goes, the main content stays in order.
@Suite struct HTMLStripTests {
    /// Reads and strips an HTML string as the pipeline would.
    func strip(_ html: String, mode: StripStage.Mode = .balanced, comments: Bool = false) throws -> Document {
        let page = try HTMLParser.parse(Array(html.utf8))
        var document = Document(id: "page.html", source: .init(path: "/page.html"), kind: .html, keepTrace: true)
        document.html = page
        document.blocks = HTMLBlocks.blocks(of: page)
        HTMLStripper(options: .init(mode: mode, comments: comments)).strip(&document)
        return document
    }

    /// A page with an article of real prose and the usual furniture around it.
    func page(article: String = "", furniture: String = "", after: String = "") -> String {
        """
        <html><head><title>Rivers | The Daily Example</title></head><body>
        <header><div class="logo">The Daily Example</div>
          <nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
        <div class="breadcrumb"><a href="/">Home</a> › <a href="/news">News</a></div>
        <main><article>
          <h1>River levels fall after a dry summer</h1>
          <p>River levels across the region fell to their lowest point in a decade this summer, the water authority said on Monday, after three months with almost no rain.</p>
          <p>Engineers measured the flow at twelve stations along the valley and found that most carried less than half of their usual volume, which worried farmers who draw water for their fields.</p>
          \(article)
          <p>The authority expects the levels to recover slowly once the autumn rains arrive, but it has asked households to use less water until then, and it will publish new figures next month.</p>
          \(furniture)
        </article></main>
        \(after)
        <aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Story one</a></li><li><a href="/b">Story two</a></li></ul></aside>
        <footer><p>© 2024 The Daily Example. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
        </body></html>
        """
    }

    @Test func keepsHeadlineAndBodyInOrderAndDropsNavigationSidebarAndFooter() throws {
        let document = try strip(page())
        #expect(document.blocks.map(\.kind) == [.heading, .paragraph, .paragraph, .paragraph])
        #expect(document.blocks.first?.text == "River levels fall after a dry summer")
        #expect(document.blocks.first?.level == 1)
        let text = document.text
        for furniture in ["Home", "Sport", "Most read", "Story one", "All rights reserved", "Privacy policy", "The Daily Example"] {
            #expect(!text.contains(furniture), "kept \(furniture)")
        }
        #expect(document.trace.counts["strip", default: 0] == 0)
        #expect(document.trace.total >= 8)
    }

    @Test(arguments: [
        ("<div class=\"share-bar\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Twitter</a> <a href=\"#\">Email</a></div>", "share"),
        ("<div id=\"cookie-banner\"><p>We use cookies to improve your experience on our site and to show you relevant advertising.</p><button>Accept</button></div>", "cookie-notice"),
        ("<div class=\"related-articles\"><h3>Related articles</h3><ul><li><a href=\"/x\">Dams of the valley, a history in pictures and maps</a></li></ul></div>", "related-links"),
        ("<div class=\"newsletter-signup\"><p>Sign up for our newsletter and get the best stories of the week in your inbox every Friday morning.</p></div>", "newsletter"),
        ("<div class=\"ob-widget\"><p>Recommended by Outbrain</p></div>", "recommended"),
        ("<div class=\"pagination\"><a href=\"/next\">NEXT ARTICLE</a></div>", "pager"),
        ("<p>© 2024 The Daily Example. All rights reserved.</p>", "copyright"),
        ("<div class=\"advertisement\"><p>Advertisement</p></div>", "ad"),
    ])
    func dropsEachKindOfFurnitureInsideTheArticle(furniture: String, reason: String) throws {
        let document = try strip(page(furniture: furniture))
        #expect(document.blocks.count == 4, "\(document.blocks.map(\.text))")
        #expect(document.trace.counts[reason, default: 0] >= 1, "\(document.trace.counts)")
    }

    /// Furniture that no class name marks, known by its words alone, in several languages: the
    /// headings of related and latest lists, share and credit labels, a search box's label.
    @Test(arguments: [
        ("<h3>Neueste Beiträge</h3>", "related-links"), ("<h3>Latest articles</h3>", "related-links"),
        ("<p>Das Thema könnte dich auch interessieren:</p>", "related-links"),
        ("<p>Lea más: Otro artículo sobre los ríos del valle</p>", "related-links"), ("<p>Teilen mit:</p>", "share"),
        ("<p>Titelbild: Jane Doe / Agentur Beispiel</p>", "caption"), ("<p>Crédits photos : Agence Exemple</p>", "caption"),
        ("<p>Pour lire la suite</p>", "call-to-action"), ("<div>Suche</div>", "navigation"), ("<p>Markiert mit</p>", "tags"),
        ("<p>aja/PAP</p>", "agency"), ("<p>Never miss the latest news by signing up to our newsletter today!</p>", "newsletter"), ("<p>Die Uferwege im Herbst (© Jane Doe)</p>", "caption"),
    ])
    func dropsUnmarkedFurnitureByItsWords(furniture: String, reason: String) throws {
        let document = try strip(page(furniture: furniture))
        #expect(document.blocks.count == 4, "\(document.blocks.map(\.text))")
        #expect(document.trace.counts[reason, default: 0] >= 1, "\(document.trace.counts)")
    }

    /// The links after a related-links phrase go with it, even in plain paragraphs without class
    /// names; prose after them stays.
    @Test func linksIntroducedByARelatedPhraseGoWithIt() throws {
        let related = "<h2>Weiterlesen:</h2><p><a href=\"/a\">Ein Ausflug an den See im Herbst</a></p><p><a href=\"/b\">Wandern im Tal der alten Mühlen</a></p>"
        let document = try strip(page(furniture: related))
        #expect(document.blocks.count == 4, "\(document.blocks.map(\.text))")
        #expect(document.trace.counts["related-links", default: 0] >= 3, "\(document.trace.counts)")
    }

    /// A label word that opens a longer heading is the heading's own ("Search", "Home").
    @Test func headingsThatOpenWithALabelWordStay() throws {
        let document = try strip(page(article: "<h2>Search teams walked the dry banks</h2><p>Volunteers searched the exposed river bed for rubbish and found old bicycles, tyres and a rowing boat that had sunk in the 1970s.</p>"))
        #expect(document.text.contains("Search teams walked the dry banks"))
    }

    @Test func commentsAreDroppedUnlessAsked() throws {
        let comments = """
            <section id="comments" class="comments"><h3>3 comments</h3>
            <div class="comment"><p>I live by the river and I have never seen it this low, the boats cannot even leave the harbour any more.</p></div>
            <div class="comment"><p>The authority should have warned us earlier; we could all have saved water in June and July.</p></div></section>
            """
        let without = try strip(page(after: comments))
        #expect(!without.text.contains("boats cannot"))
        #expect(without.trace.counts["comments", default: 0] + without.trace.counts["outside-main-content", default: 0] >= 2)
        let with = try strip(page(after: comments), comments: true)
        #expect(with.text.contains("River levels across the region"))
        #expect(with.text.contains("boats cannot even leave the harbour"))
        #expect(with.text.contains("we could all have saved water"))
    }

    @Test func typesListsQuotesTablesAndCode() throws {
        let article = """
            <h2>What the stations measured</h2>
            <ul><li>Flow at the upper weir fell by sixty per cent.</li><li>Two stations ran dry for a week.<ul><li>One of them twice.</li></ul></li></ul>
            <blockquote><p>We have not seen anything like it since the drought of 1976, and the fish are suffering.</p></blockquote>
            <table><tr><th>Station</th><th>Flow</th></tr><tr><td>Upper weir</td><td>4.1</td></tr></table>
            <pre><code class="language-python">print("flow")
            x = 1</code></pre>
            """
        let document = try strip(page(article: article))
        let kinds = document.blocks.map(\.kind)
        #expect(kinds.contains(.heading) && kinds.contains(.listItem) && kinds.contains(.quote) && kinds.contains(.table) && kinds.contains(.code))
        let items = document.blocks.filter { $0.kind == .listItem }
        #expect(items.map(\.level) == [1, 1, 2])
        #expect(document.blocks.first { $0.kind == .table }?.text == "Station | Flow\nUpper weir | 4.1")
        let code = document.blocks.first { $0.kind == .code }
        #expect(code?.language == "python")
        #expect(code?.text.contains("print(\"flow\")\n") == true)
        #expect(document.blocks.first { $0.kind == .heading && $0.level == 2 }?.text == "What the stations measured")
    }

    @Test func precisionKeepsNoMoreThanRecall() throws {
        let ambiguous = "<p>Read the full report.</p><p>Water use per household, by month.</p>"
        let precision = try strip(page(article: ambiguous), mode: .precision)
        let recall = try strip(page(article: ambiguous), mode: .recall)
        #expect(precision.blocks.count <= recall.blocks.count)
        #expect(recall.text.contains("Water use per household"))
    }

    @Test func pageOfShortItemsKeepsItemsAndDropsMenus() throws {
        let items = (1...12).map { "<li><a href=\"/item\($0)\">A walking route along the old canal towpath number \($0)</a></li>" }.joined()
        let html = """
            <html><body><nav><ul><li><a href="/">Home</a></li><li><a href="/routes">Routes</a></li></ul></nav>
            <h1>Walking routes</h1><ul class="results">\(items)</ul>
            <footer><a href="/about">About us</a> <a href="/contact">Contact</a></footer></body></html>
            """
        let document = try strip(html)
        #expect(document.text.contains("number 1\n") || document.text.contains("number 1"))
        #expect(document.text.contains("number 12"))
        #expect(!document.text.contains("About us"))
        #expect(!document.text.contains("Routes\n"))
    }

    @Test func leakedScriptTextIsDropped() throws {
        let leaked = "<div>x-init=\"menu = [{'ID':501,'post_author':'0','post_date':'2025-10-31'},{'ID':502,'post_author':'0'}]\" $refs.open()</div>"
        let document = try strip(page(article: leaked))
        #expect(!document.text.contains("post_author"))
    }

    @Test func unclosedButtonDoesNotSwallowThePage() throws {
        let html = page().replacingOccurrences(of: "<header>", with: "<header><button class=\"menu\">Menu")
        let document = try strip(html)
        #expect(document.text.contains("River levels across the region"))
    }

    @Test func noscriptFallbackIsDroppedUnlessItHoldsBlocks() throws {
        // Escaped markup and "enable JavaScript" lines inside <noscript> are not page text.
        let pixel = "<noscript>&lt;div style=\"position:absolute;\"&gt;&lt;img width=1 height=1 alt=\"\" src=\"http://t.example/b?P=x&amp;T=y\"&gt;&lt;/div&gt;</noscript>"
        let notice = "<noscript>Please enable JavaScript to view the comments powered by a third-party service.</noscript>"
        let document = try strip(page(article: pixel + notice))
        #expect(!document.text.contains("position:absolute"))
        #expect(!document.text.contains("enable JavaScript"))
        #expect(document.text.contains("River levels across the region"))
        // Some platforms put the whole article in <noscript> for readers without scripts.
        let article = """
            <html><body><h1>Safer browsing for everyone</h1><noscript>
            <p>Over the past few years threats on the web have become more sophisticated, and phishing sites now rotate their domains very quickly to avoid being blocked.</p>
            <p>That is why we are announcing a new protection mode today, for users who want a more advanced level of security while browsing the web.</p>
            </noscript></body></html>
            """
        #expect(try strip(article).text.contains("phishing sites now rotate their domains"))
    }

    @Test func sectionAnchorsMadeOfHeadingWordsAreNotFurnitureNames() throws {
        // Documentation generators give each section the id of its heading's words: "sharing" or
        // "related" in them names a topic, not a share bar or a related-links box.
        let html = """
            <html><body><div class="header"><a href="/">Docs home</a></div><div class="content"><div class="section" id="guide">
            <h1>Working with shared history</h1>
            <p>This guide explains how a team can rewrite changes that several people already have, without losing work or confusing anyone along the way.</p>
            <div class="section" id="sharing-with-a-single-developer"><h2>Sharing with a single developer</h2>
            <p>The key to sharing history is to keep the rewritten changes and the markers that say which change replaced which, so that every copy learns the same story.</p>
            <p>We will work through an example with two copies of one repository, one on a laptop and one on a test server, and push changes between them.</p></div>
            <div class="section" id="related-work-in-the-wider-world"><h2>Related work in the wider world</h2>
            <p>Other version control systems solved the same problem in different ways, and the differences teach a lot about what users really need from history.</p></div>
            </div></div></body></html>
            """
        let text = try strip(html).text
        #expect(text.contains("The key to sharing history"))
        #expect(text.contains("one on a laptop and one on a test server"))
        #expect(text.contains("Other version control systems"))
        #expect(ElementHints.isHeadingSlug("sharing-with-a-single-developer"))
        #expect(!ElementHints.isHeadingSlug("share-buttons-top"))
        #expect(!ElementHints.isHeadingSlug("related-posts"))
    }

    @Test func consentDialogIsFurnitureEvenWhenItHoldsMostOfThePage() throws {
        // A consent platform's dialog can hold more text than a thread of short posts.
        let purposes = (1...12).map {
            "<h4>Purpose \($0): personalised advertising and content measurement</h4><p>Information about your activity on this service can be stored and combined with other information about you to build a profile for purpose number \($0).</p>"
        }.joined()
        let posts = [
            "I expect the new racing game to be announced today. The last showcase had three surprises, and the studio has been quiet for months.",
            "No stream link this time, so the video will go up on their channel in exactly one hour from now. Set your alarms.",
            "The timing is unusual, but an early show usually means they want to own the news cycle for the whole day.",
        ].enumerated().map { "<div class=\"msg\"><div class=\"name\">user\($0.offset)</div><p>\($0.element)</p></div>" }.joined()
        let html = """
            <html><body><div id="onetrust-consent-sdk"><div id="onetrust-pc-sdk"><h2>About your privacy</h2>\(purposes)</div></div>
            <h1>Showcase discussion thread</h1><div class="board">\(posts)</div></body></html>
            """
        let document = try strip(html)
        #expect(!document.text.contains("build a profile"))
        #expect(!document.text.contains("About your privacy"))
        #expect(document.text.contains("Showcase discussion thread"))
        #expect(ElementHints.consentPhrases.contains(in: "cookie-consent-banner"))
        #expect(!ElementHints.consentPhrases.contains(in: "cookie-card recipe"))
    }
}
