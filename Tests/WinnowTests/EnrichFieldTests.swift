import Foundation
import Testing
@testable import Winnow

/// The enricher's title, authors, other page facts and computed fields, each from each source.
@Suite("Enrich fields")
struct EnrichFieldTests {
    typealias Support = EnrichTestSupport

    // MARK: Title

    /// The main h1 when it agrees with a stated title; the stated title's case when the h1 shouts.
    @Test func titleFromHeadingThatAgrees() throws {
        let agrees = try Support.enrich(html: Support.page(head: "<title>River levels fall | Example News</title><meta property=\"og:site_name\" content=\"Example News\">", body: "<h1>River levels fall</h1>"))
        #expect(agrees.title == .init("River levels fall", source: .dom))
        let shouting = try Support.enrich(html: Support.page(head: "<title>Tips for Online Success</title>", body: "<h1>TIPS FOR ONLINE SUCCESS</h1>"))
        #expect(shouting.title == .init("Tips for Online Success", source: .dom))
    }

    /// JSON-LD headline, then og:title (unless it is only the site name), then the h1, then `<title>` without the site.
    @Test func titleSourcesInOrder() throws {
        let ld = try Support.enrich(html: Support.page(head: #"<script type="application/ld+json">{"@type":"NewsArticle","headline":"Stated headline"}</script><meta property="og:title" content="OG title">"#, body: "<h2>Sub</h2>"))
        #expect(ld.title == .init("Stated headline", source: .jsonLD))
        // The one h1 of the kept content is what readers see, even when the JSON-LD says otherwise.
        let shown = try Support.enrich(html: Support.page(head: #"<script type="application/ld+json">{"@type":"NewsArticle","headline":"Stated headline"}</script>"#, body: "<h1>Something else entirely</h1>"))
        #expect(shown.title == .init("Something else entirely", source: .dom))
        let question = try Support.enrich(html: Support.page(head: #"<script type="application/ld+json">{"@type":"Question","name":"How long does it take?"}</script><title>Movers in Jackson | Example</title>"#, body: "<h2>Sub</h2>"))
        #expect(question.title == .init("Movers in Jackson", source: .dom))
        let og = try Support.enrich(html: Support.page(head: #"<meta property="og:title" content="Open Graph headline - Example News"><meta property="og:site_name" content="Example News">"#, body: "<h2>Sub</h2>"))
        #expect(og.title == .init("Open Graph headline", source: .openGraph))
        let siteOnly = try Support.enrich(html: Support.page(head: #"<meta property="og:title" content="Example News"><meta property="og:site_name" content="Example News">"#, body: "<h1>The real headline</h1>"))
        #expect(siteOnly.title == .init("The real headline", source: .dom))
        let titleTag = try Support.enrich(html: Support.page(head: "<title>Water rates rise again – The Valley Courier</title>", body: "<h2>Sub</h2>"))
        #expect(titleTag.title == .init("Water rates rise again", source: .dom))
    }

    /// An h1 that shares no word with `<title>` (a section's name, a logo, a generic heading)
    /// yields to the title; one that shares a word, or on a page without a title, stands.
    @Test func anH1UnrelatedToTheTitleIsNotTheHeadline() throws {
        let generic = try Support.enrich(html: Support.page(head: "<title>Seven ways to cook rice | Food Site</title>", body: "<h1>Reviews</h1><p>Text.</p>"))
        #expect(generic.title == .init("Seven ways to cook rice", source: .dom))
        let related = try Support.enrich(html: Support.page(head: "<title>Rice recipes | Food Site</title>", body: "<h1>Seven ways to cook rice</h1>"))
        #expect(related.title == .init("Seven ways to cook rice", source: .dom))
        let untitled = try Support.enrich(html: Support.page(body: "<h1>Reviews</h1>"))
        #expect(untitled.title == .init("Reviews", source: .dom))
        #expect(TitleFinder.sharesWords("宇航员在太空中喝酒", "宇航员在太空中喝酒会怎么样 _光明网"))
        #expect(!TitleFinder.sharesWords("Lorem", "Basic tag cleaning test"))
        #expect(TitleFinder.sharesWords("River levels fall after a dry summer", "Rivers"))
    }

    /// `<title>` suffixes: the site name when known, else a short last part.
    /// A kicker in the same <h1> before the headline is left out when the stated title is the
    /// headline alone; an <h1> that is the site's name (the <title>'s site part, a bare domain)
    /// is no headline.
    @Test func kickerAndSiteHeadings() throws {
        let kicker = try Support.enrich(html: Support.page(head: #"<title>Bohren, bis es heiß wird | Example News</title><meta property="og:title" content="Bohren, bis es heiß wird">"#,
                                                           body: #"<h1><span class="kicker">Klimaschutz:</span> <span>Bohren, bis es heiß wird</span></h1>"#))
        #expect(kicker.title == .init("Bohren, bis es heiß wird", source: .openGraph))
        let article = try Support.enrich(html: Support.page(head: #"<meta property="og:title" content="Best Home Security Cameras of 2026">"#, body: "<h1>The Best Home Security Cameras of 2026</h1>"))
        #expect(article.title == .init("The Best Home Security Cameras of 2026", source: .dom))
        let product = try Support.enrich(html: Support.page(head: #"<title>Beard Oil | The Best Beard Oil on Earth – Beardbrand</title><meta property="og:site_name" content="Beardbrand">"#, body: "<h1>Beard Oil</h1>"))
        #expect(product.title == .init("Beard Oil", source: .dom))
        let forum = try Support.enrich(html: """
            <html><head><title>SMF vs MyBB? What are the differences? - MyBB</title></head><body>
            <div class="logo"><h1>MyBB</h1></div><div class="thread"><h2>SMF vs MyBB? What are the differences?</h2>
            <p>The river authority said on Tuesday that water levels had fallen to their lowest point in a decade, after a dry winter and an early spring.</p>
            <p>Farmers along the lower valley have been asked to reduce irrigation by a fifth until the autumn rains return, the authority added in its statement.</p></div></body></html>
            """)
        #expect(forum.title == .init("SMF vs MyBB? What are the differences?", source: .dom))
        #expect(TitleFinder.looksLikeDomain("Bogleheads.org"))
        #expect(!TitleFinder.looksLikeDomain("Node.js"))
        #expect(!TitleFinder.looksLikeDomain("Version 2.0"))
    }

    /// A heading's buttons and hidden tooltips are not part of the title; a blog's name in the
    /// `<h1>` above a post yields to the og:title the `<title>` confirms, but not to a section
    /// name the `<title>` does not state, nor to a slug.
    @Test func headingWidgetsAndBlogNames() throws {
        let rustdoc = try Support.enrich(html: Support.page(head: "<title>tokio::runtime - Rust</title>",
                                                            body: #"<h1>Module <span class="mod">runtime</span> <button id="copy-path" title="Copy item path to clipboard">Copy item path</button></h1>"#))
        #expect(rustdoc.title == .init("Module runtime", source: .dom))
        let tooltip = try Support.enrich(html: Support.page(head: "<title>IAM overview | Cloud docs</title>", body: """
            <h1 class="devsite-page-title"> IAM overview<devsite-actions hidden><span slot="popout-heading"> Stay organized with collections </span></devsite-actions> </h1>
            """))
        #expect(tooltip.title == .init("IAM overview", source: .dom))
        let blog = try Support.enrich(html: Support.page(
            head: #"<title>Silicon Exposed: Open Verilog flow for GreenPak4 devices</title><meta property="og:title" content="Open Verilog flow for GreenPak4 devices">"#,
            body: "<h1>Silicon Exposed</h1><h3>Open Verilog flow for GreenPak4 devices</h3>"))
        #expect(blog.title == .init("Open Verilog flow for GreenPak4 devices", source: .openGraph))
        let section = try Support.enrich(html: Support.page(
            head: #"<title>Olafur Eliasson designs the front page | Press</title><meta property="og:title" content="Pressemitteilungen">"#,
            body: "<h1>Olafur Eliasson designs the front page</h1>"))
        #expect(section.title == .init("Olafur Eliasson designs the front page", source: .dom))
        let escaped = try Support.enrich(html: Support.page(head: "<title>&lt;table&gt;: The Table element - HTML | MDN</title>", body: "<h1>&lt;table&gt;: The Table element</h1>"))
        #expect(escaped.title == .init("<table>: The Table element", source: .dom))
        let prefixed = try Support.enrich(html: Support.page(head: #"<meta property="og:title" content="Garnix Blog: Hardware-Attested Nix Builds">"#, body: "<h1>Hardware-Attested Nix Builds</h1>"))
        #expect(prefixed.title == .init("Hardware-Attested Nix Builds", source: .dom))
        let named = try Support.enrich(html: Support.page(head: """
            <meta property="og:site_name" content="CottageCare">
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"BlogPosting","headline":"10 Tips: How to Choose a Cleaning Service | CottageCare"}</script>
            """, body: "<p>Choosing a cleaning service is easier with a plan; here are ten things to ask before you hire anyone for your home.</p>"))
        #expect(named.title == .init("10 Tips: How to Choose a Cleaning Service", source: .jsonLD))
        let tail = try Support.enrich(html: Support.page(head: "<title>Best movers in NYC</title>", body: "<h1>Best Residential Movers in NYC 2025 | Top 19 Companies</h1>"))
        #expect(tail.title == .init("Best Residential Movers in NYC 2025", source: .dom))
        for kept in ["Hund vertreibt Einbrecher – Zeugenaufruf", "Dortmund - Gladbach live sehen!", "Best Cheap Earbuds under $50 | March 2026",
                     "Letters to the Editor | Coddling criminals | Tax dollars"] {
            #expect(TitleFinder.withoutShortTail(kept) == kept)
        }
        // A home page titled by the site's name only: that name, rather than no title.
        let home = try Support.enrich(html: Support.page(head: #"<title>The Verge</title><meta property="og:site_name" content="The Verge">"#,
                                                         body: "<h2>Latest stories</h2><p>Phones, laptops and the people who make them: our reviews and news from the week.</p>"))
        #expect(home.title == .init("The Verge", source: .dom))
        let slug = try Support.enrich(html: Support.page(
            head: #"<title>Child seats tested: four fail | ADAC</title><meta property="og:title" content="adac-child-seats-test-autumn-2018">"#,
            body: "<h1>Child seats tested: four fail</h1>"))
        #expect(slug.title == .init("Child seats tested: four fail", source: .dom))
    }

    /// Inside <main> or <article>, a block named "...header" is the content's own header.
    @Test func headerBlockInsideMain() throws {
        let metadata = try Support.enrich(html: Support.page(head: #"<meta property="og:title" content="Using the Fetch API - Web APIs | MDN"><meta property="og:site_name" content="MDN Web Docs">"#,
                                                             body: #"<div class="layout__header reference-layout__header"><h1>Using the Fetch API</h1><p class="date">March 3, 2025</p></div>"#))
        #expect(metadata.title == .init("Using the Fetch API", source: .dom))
        #expect(metadata.published?.value.iso == "2025-03-03")
    }

    @Test func siteSuffix() {
        #expect(TitleFinder.withoutSiteName("A headline | Example News", siteName: "Example News") == "A headline")
        #expect(TitleFinder.withoutSiteName("Example News - A longer headline here", siteName: "Example News") == "A longer headline here")
        #expect(TitleFinder.withoutSiteName("A long headline about rivers - Courier", siteName: nil) == "A long headline about rivers")
        #expect(TitleFinder.withoutSiteName("No separator at all", siteName: nil) == "No separator at all")
    }

    // MARK: Authors

    /// Meta tags, microdata, the byline element; never a placeholder or a date.
    @Test func authorSources() throws {
        let meta = try Support.enrich(html: Support.page(head: #"<meta name="author" content="By Jane Doe and John Roe">"#, body: "<h1>H</h1>"))
        #expect(meta.authors == .init(["Jane Doe", "John Roe"], source: .meta))
        let og = try Support.enrich(html: Support.page(head: #"<meta property="article:author" content="Lena Vogel">"#, body: "<h1>H</h1>"))
        #expect(og.authors == .init(["Lena Vogel"], source: .openGraph))
        let microdata = try Support.enrich(html: Support.page(body: #"<h1>H</h1><div itemprop="author" itemscope><span itemprop="name">Kofi Mensah</span></div>"#))
        #expect(microdata.authors == .init(["Kofi Mensah"], source: .microdata))
        let byline = try Support.enrich(html: Support.page(body: #"<h1>H</h1><p class="byline">By <a rel="author" href="/a/ines">Inés García</a></p>"#))
        #expect(byline.authors == .init(["Inés García"], source: .dom))
        let staff = try Support.enrich(html: Support.page(head: #"<meta name="author" content="Staff">"#, body: "<h1>H</h1>"))
        #expect(staff.authors == nil)
        let date = try Support.enrich(html: Support.page(body: #"<h1>H</h1><span class="author">March 3, 2024</span>"#))
        #expect(date.authors == nil)
        let site = try Support.enrich(html: Support.page(head: #"<meta property="og:site_name" content="Valley Courier"><meta name="author" content="Valley Courier">"#, body: "<h1>H</h1>"))
        #expect(site.authors == nil)
    }

    /// The `<footer>` of the `<article>` holds the post's own facts, unlike the page's footer.
    @Test func authorAndDateInTheArticlesFooter() throws {
        let post = try Support.enrich(html: Support.page(body: """
            <h1>Why the bridge closed</h1><footer class="entry-meta"><p class="name"><a rel="author" href="/author/hgoetz/">Halina Goetz</a></p><time class="published" datetime="2024-04-02">2 April 2024</time></footer>
            """))
        #expect(post.authors == .init(["Halina Goetz"], source: .dom))
        #expect(post.published?.value.iso == "2024-04-02")
        let site = try Support.enrich(html: Support.page(body: "<h1>Why the bridge closed</h1>").replacingOccurrences(of: "<p>© 2025 Example News. All rights reserved.</p>", with: #"<p class="author">Site by Bright Pixel Studio</p>"#))
        #expect(site.authors == nil)
    }

    /// The Twitter card's "Written by" label and data pair names the author; other pairs do not.
    @Test func authorFromTwitterCardLabel() throws {
        let card = try Support.enrich(html: Support.page(head: #"<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Tyler Brown"><meta name="twitter:label2" content="Est. reading time"><meta name="twitter:data2" content="4 minutes">"#, body: "<h1>H</h1>"))
        #expect(card.authors == .init(["Tyler Brown"], source: .meta))
        let german = try Support.enrich(html: Support.page(head: #"<meta name="twitter:label2" content="Verfasst von"><meta name="twitter:data2" content="Karoline Herr">"#, body: "<h1>H</h1>"))
        #expect(german.authors == .init(["Karoline Herr"], source: .meta))
        let reading = try Support.enrich(html: Support.page(head: #"<meta name="twitter:label1" content="Est. reading time"><meta name="twitter:data1" content="4 minutes">"#, body: "<h1>H</h1>"))
        #expect(reading.authors == nil)
        let staff = try Support.enrich(html: Support.page(head: #"<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Staff">"#, body: "<h1>H</h1>"))
        #expect(staff.authors == nil)
    }

    /// A forum thread's first poster, named by the `username` elements of its posts.
    /// Bylines near the headline as pages write them: a job title or a date after a separator,
    /// label and name in adjacent elements with no space, a page with no headline at all.
    @Test func bylineShapesNearTheHeadline() throws {
        let prose = "<p>We tested eleven packs over three seasons in the Sierra, carrying full loads on trails and off them, in rain and in snow.</p>"
        let titled = try Support.enrich(html: Support.page(body: """
            <h1>The best backpacking packs</h1><div class="meta">By <a href="/author/ben">Ben Applebaum-Bauch</a> &sdot; Review Editor</div>\(prose)
            """))
        #expect(titled.authors == .init(["Ben Applebaum-Bauch"], source: .dom))
        let dated = try Support.enrich(html: Support.page(body: "<h1>Survival guide to SysV init</h1><p>by Jon Foster - 2025-09-13<br> Updated: 2025-09-13</p>\(prose)"))
        #expect(dated.authors == .init(["Jon Foster"], source: .dom))
        let glued = try Support.enrich(html: Support.page(body: #"<h1>What fasting does for the brain</h1><div><span class="x">By</span><span>Daryl Austin</span></div>"# + prose))
        #expect(glued.authors == .init(["Daryl Austin"], source: .dom))
        let headless = try Support.enrich(html: """
            <html><head><title>Homestead gardening boosts food security</title></head><body><div class="news">
            <p>By <strong>Md Aynal Haque</strong></p>
            <p>RAJSHAHI, Dec 20, 2025 (BSS) - Homestead gardening has been contributing significantly to making rural communities more food secure in the region.</p>
            <p>Farmers said that small gardens beside their houses now supply vegetables for most of the year, and the surplus is sold at local markets.</p></div></body></html>
            """)
        #expect(headless.authors == .init(["Md Aynal Haque"], source: .dom))
        let inside = try Support.enrich(html: Support.page(body: "<h1>Best tutors in 2025</h1><div><span>Updated: December 31, 2024</span><div><span>Written by:</span><span>Elise Nass</span></div></div>\(prose)"))
        #expect(inside.authors == .init(["Elise Nass"], source: .dom))
        // An unlabelled name beside the date, marked as a person's (author link, title, icon).
        let linked = try Support.enrich(html: Support.page(body: #"<h1>Thinking about Keynes</h1><div class="meta"><a class="tip" href="/autoren/georg-quaas/">Georg Quaas</a>, <span>21. Jan. 2015</span></div>"# + prose))
        #expect(linked.authors == .init(["Georg Quaas"], source: .dom))
        let titled2 = try Support.enrich(html: Support.page(body: #"<h1>Mission accomplished</h1><div><span>2025-12-17</span><span>·</span><a title="Trond Teigen"><img src="/a.png">Trond Teigen</a></div>"# + prose))
        #expect(titled2.authors == .init(["Trond Teigen"], source: .dom))
        let icon = try Support.enrich(html: Support.page(body: #"<h1>Building a UI pipeline</h1><ul><li><i class="bi bi-person"></i> Bence Kovács</li><li>02-12-2025</li></ul>"# + prose))
        #expect(icon.authors == .init(["Bence Kovács"], source: .dom))
        // A section's name beside the date is no author.
        let kicker = try Support.enrich(html: Support.page(body: #"<h1>Quarterly results</h1><div class="meta"><span>Press Release</span> <span>Dec 3, 2025</span></div>"# + prose))
        #expect(kicker.authors == nil)
        // "Written by" far below the headline, after the tags; not in a comment.
        let below = try Support.enrich(html: Support.page(body: """
            <h1>How mobile apps are made</h1>\(prose)\(prose)<div class="tags">\(String(repeating: #"<a href="/t/1">low-code</a> "#, count: 150))</div>
            <div><p>Written by <a href="/blog/author/moses-kim">Moses Kim and Kate Shokurova</a></p><p>April 8, 2024</p></div>
            """))
        #expect(below.authors == .init(["Moses Kim", "Kate Shokurova"], source: .dom))
        let comment = try Support.enrich(html: Support.page(body: """
            <h1>How mobile apps are made</h1>\(prose)<div class="comments"><p>Written by Jane Reader in reply to the post above</p></div>
            """))
        #expect(comment.authors == nil)
        // A menu's "By category" is no byline.
        let menu = try Support.enrich(html: Support.page(body: "<h1>Survival guide to SysV init</h1><p>By Category - Linux</p>\(prose)"))
        #expect(menu.authors == nil)
    }

    @Test func forumPoster() throws {
        let thread = try Support.enrich(html: Support.page(body: """
            <h1>Tubeless setup keeps leaking</h1><div class="post"><p class="author">by <a class="username">paulb203</a> » Tue Mar 4, 2025</p><p>My rear tyre loses air overnight, any ideas?</p></div>
            <div class="post"><p class="author">by <a class="username-coloured">ridwan123</a> » Tue Mar 4, 2025</p><p>Try more sealant.</p></div>
            """))
        #expect(thread.authors == .init(["paulb203"], source: .dom))
        let single = try Support.enrich(html: Support.page(body: #"<h1>Headline</h1><p><a class="username">paulb203</a></p>"#))
        #expect(single.authors == nil)
        // Posts that carry their poster in data-username (NodeBB).
        let nodeBB = try Support.enrich(html: Support.page(body: """
            <h1>Wind map not loading</h1><li component="post" class="topic-owner-post" data-username="luizjr4"><p>The map stays grey since the update.</p></li>
            <li component="post" data-username="ivo"><p>Clear the cache and reload.</p></li>
            """))
        #expect(nodeBB.authors == .init(["luizjr4"], source: .dom))
        let one = try Support.enrich(html: Support.page(body: #"<h1>Headline</h1><div data-username="luizjr4"><p>Text.</p></div>"#))
        #expect(one.authors == nil)
    }

    /// Bylines as written: credentials and roles stay with the name, people are split.
    @Test func authorNames() {
        #expect(AuthorNames.names(in: "Dylan Bailey, MS, RD, FAND", siteName: nil) == ["Dylan Bailey, MS, RD, FAND"])
        #expect(AuthorNames.names(in: "Written by Mike Marshall, Shipping Expert", siteName: nil) == ["Mike Marshall, Shipping Expert"])
        #expect(AuthorNames.names(in: "Ana Lima, Ben Okafor and Chen Wei", siteName: nil) == ["Ana Lima", "Ben Okafor", "Chen Wei"])
        #expect(AuthorNames.names(in: "Von Jana Brückner | 18. November 2024", siteName: nil) == ["Jana Brückner"])
        #expect(AuthorNames.names(in: "Maria & Katerina", siteName: nil) == ["Maria & Katerina"])
        #expect(AuthorNames.names(in: "https://example.org/author/jane", siteName: nil).isEmpty)
        #expect(AuthorNames.names(in: "Written By", siteName: nil).isEmpty)
        #expect(AuthorNames.names(in: "J J", siteName: nil).isEmpty)
        #expect(AuthorNames.names(in: "J. K. Rowling", siteName: nil) == ["J. K. Rowling"])
        #expect(PageEvidence.namesAuthority(className: "navbox-group", id: "Authority_control_frameless"))
        #expect(PageEvidence.namesAuthority(className: "dealer authorized-dealer", id: nil))
        #expect(!PageEvidence.namesAuthority(className: "entry-author", id: "author-box"))
        #expect(AuthorNames.names(in: "the quick brown fox jumps over", siteName: nil).isEmpty)
        #expect(AuthorNames.names(in: "Von: Götz Warnke", siteName: nil) == ["Götz Warnke"])
        #expect(AuthorNames.names(in: "Written By: Cazzy Magennis Last updated: May 2, 2025", siteName: nil) == ["Cazzy Magennis"])
        // Photo credits, captions standing for no one, glued labels, reviewers, handles, roles.
        #expect(AuthorNames.names(in: "Foto: Ingo Schneider", siteName: nil).isEmpty)
        #expect(AuthorNames.names(in: "Veröffentlicht am", siteName: nil).isEmpty)
        #expect(AuthorNames.names(in: "Last Updated: January 7, 2025", siteName: nil).isEmpty)
        #expect(AuthorNames.names(in: "Published by Jane Doe", siteName: nil) == ["Jane Doe"])
        #expect(AuthorNames.names(in: "Zeige alle Beiträge von Petra Ruland", siteName: nil) == ["Petra Ruland"])
        #expect(AuthorNames.names(in: "AuthorAndreas Kalt", siteName: nil) == ["Andreas Kalt"])
        #expect(AuthorNames.names(in: "Post author By Helge Fahrnberger", siteName: nil) == ["Helge Fahrnberger"])
        #expect(AuthorNames.names(in: "Shelby Loos, DVM. Reviewed by Molly Price, DVM", siteName: nil) == ["Shelby Loos, DVM"])
        #expect(AuthorNames.names(in: "Williams Perdomo @wperdomod", siteName: nil) == ["Williams Perdomo"])
        #expect(AuthorNames.names(in: "Harry Rabinowitz Tech Reporter", siteName: nil) == ["Harry Rabinowitz"])
        #expect(AuthorNames.names(in: "Christoph Hein Chefredakteur", siteName: nil) == ["Christoph Hein"])
        #expect(AuthorNames.names(in: "© Kathrin Führes", siteName: nil) == ["Kathrin Führes"])
        #expect(AuthorNames.names(in: "Jean-Luc Aufranc (CNXSoft)", siteName: nil) == ["Jean-Luc Aufranc (CNXSoft)"])
        #expect(AuthorNames.names(in: "Perry Bacon Jr.", siteName: nil) == ["Perry Bacon Jr."])
        #expect(AuthorNames.names(in: "Genevieve Carlton, Ph.D.", siteName: nil) == ["Genevieve Carlton, Ph.D."])
        // Bibliographic tags write "Last, First".
        #expect(AuthorNames.invertedName("Berger, Emery D.") == "Emery D. Berger")
        #expect(AuthorNames.invertedName("van der Merwe, Marna") == "Marna van der Merwe")
        #expect(AuthorNames.invertedName("Jane Roe, MD") == nil)
        #expect(AuthorNames.invertedName("Smith, J.") == nil)
        #expect(AuthorNames.invertedName("Jane Roe, Senior Editor") == nil)
        #expect(AuthorNames.invertedName("Jane Roe, John Doe") == nil)
        #expect(AuthorNames.names(in: "Kaufman, Jeff T.", siteName: nil, structured: true) == ["Kaufman, Jeff T."])
        #expect(AuthorNames.names(in: "Recipe by PJ Hamel", siteName: nil) == ["PJ Hamel"])
        #expect(AuthorNames.names(in: "Outer Armatonisdaristan »", siteName: nil) == ["Outer Armatonisdaristan"])
        // A name field may hold a name in lowercase; running text may not, nor a mixed phrase.
        #expect(AuthorNames.names(in: "kirstin boatto", siteName: nil, structured: true) == ["kirstin boatto"])
        #expect(AuthorNames.names(in: "kirstin boatto", siteName: nil).isEmpty)
        #expect(AuthorNames.names(in: "von deinen Hochzeitsbloggern", siteName: nil, structured: true).isEmpty)
    }

    /// A caption on its own ("Written by", "Author") with the name in the next element; what
    /// follows a caption must be a person's name.
    @Test func authorAfterAStandaloneCaption() throws {
        let written = try Support.enrich(html: Support.page(body: #"<h1>Trends in photography</h1><div><p>Written by</p><p>Edzel Tabing</p></div><p>Body text of the article.</p>"#))
        #expect(written.authors == .init(["Edzel Tabing"], source: .dom))
        let other = try Support.enrich(html: Support.page(body: #"<h1>Trends in photography</h1><div><p>Author</p><p>Contact</p></div><p>Body text of the article.</p>"#))
        #expect(other.authors == nil)
    }

    /// Text documents: the byline, agency and section the stripper found stay, with source `text`.
    @Test func textFacts() throws {
        let metadata = try Support.enrich(text: """
            NEWS

            Desalination plant to double its output by 2027

            By Lalit K Jha
            February 26, 2022 15:37 IST

            The state water utility will double the output of its desalination plant on the coast, officials said on Saturday, after two dry years left reservoirs at record lows.

            The expansion will add four new membrane trains and a second intake, and is expected to be finished in 2027, the utility said in a statement.

            Source: PTI
            """)
        #expect(metadata.authors == .init(["Lalit K Jha"], source: .text))
        #expect(metadata.published == .init(.init(iso: "2022-02-26T15:37:00+05:30", granularity: .minute), source: .text))
        #expect(metadata.agency == .init("PTI", source: .text))
        #expect(metadata.title?.source == .text)
    }

    // MARK: Other page facts

    /// Site name, canonical URL, description, tags, image, captions, each with its source.
    @Test func pageFacts() throws {
        let metadata = try Support.enrich(html: Support.page(head: """
            <meta property="og:site_name" content="Valley Courier">
            <link rel="canonical" href="https://courier.example/news/rivers">
            <meta name="description" content="River levels fell to their lowest point in a decade.">
            <meta property="article:tag" content="rivers"><meta property="article:tag" content="drought">
            <meta property="og:image" content="https://courier.example/img/river.jpg">
            <meta property="article:section" content="Environment">
            """, body: "<h1>H</h1><figure><img src=\"a.jpg\"><figcaption>The lower weir in May. Photo: Sam Okafor</figcaption></figure>"))
        #expect(metadata.siteName == .init("Valley Courier", source: .openGraph))
        #expect(metadata.url == .init("https://courier.example/news/rivers", source: .dom))
        #expect(metadata.description == .init("River levels fell to their lowest point in a decade.", source: .meta))
        #expect(metadata.tags == .init(["rivers", "drought"], source: .openGraph))
        #expect(metadata.image == .init("https://courier.example/img/river.jpg", source: .openGraph))
        #expect(metadata.section == .init("Environment", source: .openGraph))
        #expect(metadata.captions == .init(["The lower weir in May. Photo: Sam Okafor"], source: .dom))
    }

    /// An agency line at the end of an HTML article's text.
    @Test func agencyInHTML() throws {
        let metadata = try Support.enrich(html: Support.page(body: "<h1>H</h1><p>Officials gave no timetable for the repairs to the main canal.</p><p>Source: Reuters</p>"))
        #expect(metadata.agency == .init("Reuters", source: .text))
        let none = try Support.enrich(html: Support.page(body: "<h1>H</h1><p>Source: the annual report of the river authority, which covers all of the last decade in detail.</p>"))
        #expect(none.agency == nil)
    }

    /// What the page does not say stays absent.
    @Test func absentStaysAbsent() throws {
        let metadata = try Support.enrich(html: Support.page(body: "<p>Only a paragraph of text, with nothing said about itself.</p>"))
        #expect(metadata.authors == nil)
        #expect(metadata.published == nil)
        #expect(metadata.siteName == nil)
        #expect(metadata.url == nil)
        #expect(metadata.tags == nil)
        #expect(metadata.image == nil)
    }

    // MARK: Computed

    /// Counts, reading time, SHA-256 and SimHash of the kept text.
    @Test func computed() throws {
        let blocks = [Block(.heading, "River levels fall", level: 1), Block(.paragraph, "Levels fell. Farmers worry! Will it rain?")]
        let counts = TextMeasures.counts(blocks)
        #expect(counts == .init(characters: 17 + 2 + 41, words: 10, sentences: 4, paragraphs: 2))
        #expect(TextMeasures.counts([Block(.paragraph, "日本語の文章です。二つ目。")]).sentences == 2)
        var document = Document(id: "a.txt", source: .init(path: "/a.txt"), kind: .text, blocks: blocks)
        var stage = EnrichStage(options: .init(fields: [.counts, .readingTime, .sha256, .simhash], wordsPerMinute: 5), context: Support.context)
        _ = try stage.process(&document)
        #expect(document.metadata.counts?.source == .computed)
        #expect(document.metadata.readingMinutes == Metadata.Field(2, source: .computed))
        #expect(document.metadata.sha256 == Metadata.Field(Digest.sha256(document.text), source: .computed))
        #expect(document.metadata.simhash?.value.count == 16)
        #expect(document.metadata.title == nil)
    }

    /// SimHash: near-duplicates are close, different texts far.
    @Test func simhash() {
        let base = (1...60).map { "word\($0)" }.joined(separator: " ")
        let edited = base.replacingOccurrences(of: "word30 ", with: "changed ")
        let other = (1...60).map { "other\($0 * 7)" }.joined(separator: " ")
        #expect(SimHash.hash(base) == SimHash.hash(base))
        #expect(SimHash.distance(SimHash.hash(base), SimHash.hash(edited)) <= 10)
        #expect(SimHash.distance(SimHash.hash(base), SimHash.hash(other)) >= 16)
        #expect(SimHash.hash("") == 0)
    }

    /// The language comes from the identifier, with the page's `lang` as a hint only: never
    /// copied from the attribute when the identifier gives no answer.
    @Test func languageFollowsIdentifier() throws {
        let text = "Der Fluss führt so wenig Wasser wie seit zehn Jahren nicht mehr, teilte die Behörde am Dienstag mit."
        var document = Document(id: "a.txt", source: .init(path: "/a.txt"), kind: .text, blocks: [Block(.paragraph, text)])
        var stage = EnrichStage(options: .init(fields: [.language]), context: Support.context)
        _ = try stage.process(&document)
        if let guess = LanguageIdentifier.identify(text, hint: nil) {
            #expect(document.metadata.language == Metadata.Field(guess.code, source: .computed))
            #expect(document.metadata.languageConfidence == guess.confidence)
        } else {
            #expect(document.metadata.language == nil)
        }
        let page = try Support.enrich(html: "<html lang=\"fr\"><body><p>x</p></body></html>", fields: [.language])
        #expect(page.language?.value != "fr" || page.language?.source == .computed)
    }

    // MARK: Options

    /// `fields` and `words-per-minute`, with unknown names reported with the valid ones.
    @Test func options() throws {
        let values = try OptionValues(yaml: "fields: [title, authros]\nwords-per-minute: 10")
        let options = EnrichStage.Options(from: values)
        #expect(options.fields == [.title])
        #expect(values.errors.count == 2)
        #expect(values.errors.contains { $0.message.contains("'authros'") && $0.message.contains("authors") })
        #expect(values.errors.contains { $0.message.contains("words-per-minute") })
        let defaults = EnrichStage.Options(from: try OptionValues(yaml: "{}"))
        #expect(defaults.fields == Set(EnrichField.allCases))
        #expect(defaults.wordsPerMinute == 230)
        let only = try Support.enrich(html: Support.page(head: "<title>T</title><meta name=\"author\" content=\"Jane Doe\">", body: "<h1>T</h1>"), fields: [.authors])
        #expect(only.title == nil)
        #expect(only.authors?.value == ["Jane Doe"])
    }
}
