import Foundation
import Testing
@testable import Winnow

/// The enricher's dates: each source, published and modified kept apart, zones, the file-time
/// and 1995 limits.
@Suite("Enrich dates")
struct EnrichDateTests {
    typealias Support = EnrichTestSupport

    /// JSON-LD `datePublished` and `dateModified`, with their offsets.
    @Test func jsonLD() throws {
        let html = Support.page(head: """
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"River levels fall",
            "datePublished":"2022-02-26T15:37:00+05:30","dateModified":"2022-02-27T09:00:00Z"}</script>
            """, body: "<h1>River levels fall</h1>")
        let metadata = try Support.enrich(html: html)
        #expect(metadata.published == .init(.init(iso: "2022-02-26T15:37:00+05:30", granularity: .second), source: .jsonLD))
        #expect(metadata.modified?.value.iso == "2022-02-27T09:00:00+00:00")
        #expect(metadata.modified?.source == .jsonLD)
    }

    /// Open Graph article times, then other meta names.
    @Test func metaTags() throws {
        let og = try Support.enrich(html: Support.page(head: """
            <meta property="article:published_time" content="2024-05-01T10:00:00-04:00">
            <meta property="article:modified_time" content="2024-05-02T08:00:00-04:00">
            """, body: "<h1>Headline</h1>"))
        #expect(og.published == .init(.init(iso: "2024-05-01T10:00:00-04:00", granularity: .second), source: .openGraph))
        #expect(og.modified?.value.iso == "2024-05-02T08:00:00-04:00")
        let meta = try Support.enrich(html: Support.page(head: #"<meta name="date" content="2021-03-04">"#, body: "<h1>Headline</h1>"))
        #expect(meta.published == .init(.init(iso: "2021-03-04", granularity: .day), source: .meta))
        #expect(meta.modified == nil)
        // RDFa: several properties in one attribute, stray spaces around them.
        let listed = try Support.enrich(html: Support.page(head: #"<meta property=" x:date article:published_time " content="2021-03-04T10:00:00+01:00">"#, body: "<h1>Headline</h1>"))
        #expect(listed.published == .init(.init(iso: "2021-03-04T10:00:00+01:00", granularity: .second), source: .openGraph))
    }

    /// Microdata on an element.
    @Test func microdata() throws {
        let metadata = try Support.enrich(html: Support.page(body: """
            <h1>Headline</h1><p>Posted <span itemprop="datePublished" content="2020-06-29">June 29, 2020</span></p>
            """))
        #expect(metadata.published == .init(.init(iso: "2020-06-29", granularity: .day), source: .microdata))
    }

    /// A thread's posts each carry microdata dates (question, answers, comments): the thread's
    /// date is the earliest in its content; a list of other pages' items elsewhere does not count.
    @Test func threadDateIsItsEarliestPost() throws {
        let thread = try Support.enrich(html: """
            <html><head><title>Why does my loop never end?</title></head><body><nav><a href="/">Home</a></nav>
            <div id="question"><h1>Why does my loop never end?</h1>
            <p>I wrote a loop over a list while removing items from it, and it never stops. What am I doing wrong here?</p>
            <span class="comment-date"><span itemprop="dateCreated" content="2016-03-17T13:23:29">Mar 17, 2016</span></span>
            <p>asked <time itemprop="dateCreated" datetime="2012-06-29T10:51:00">Jun 29, 2012</time></p></div>
            <div class="answer"><p>Removing items from a list while iterating over it shifts the indices; iterate over a copy instead.</p>
            <p>answered <time itemprop="dateCreated" datetime="2013-07-19T08:00:00">Jul 19, 2013</time></p></div>
            <div class="related"><ul><li><a href="/q/1">Older question</a> <time itemprop="dateCreated" datetime="2009-01-01">Jan 1, 2009</time></li></ul></div>
            </body></html>
            """)
        #expect(thread.published == .init(.init(iso: "2012-06-29T10:51:00", granularity: .second), source: .microdata))
        // Related items listed outside the content, before it: the first date stays.
        let listing = try Support.enrich(html: """
            <html><head><title>Bearded vulture sends a sign</title></head><body>
            <article><h1>Bearded vulture sends a sign</h1>
            <p>After two months of silence the young bearded vulture's transmitter has sent its position again, from a valley in the east of the park.</p>
            <p class="info"><time datetime="2022-01-21T11:59:00+01:00" itemprop="datePublished">21.01.2022</time></p></article>
            <aside class="news-list"><ul><li><a href="/n/2">Wind power in Bavaria</a> <time datetime="2022-01-20T12:35:00+01:00" itemprop="datePublished">20.01.2022</time></li></ul></aside>
            </body></html>
            """)
        #expect(listing.published?.value.iso.hasPrefix("2022-01-21") == true)
    }

    /// A page without a headline (a forum's topic in an `<h2>`, a news page without `<h1>`):
    /// the date written at the start of its content.
    @Test func dateAtTheStartOfContentWithoutAHeadline() throws {
        let metadata = try Support.enrich(html: """
            <html><head><title>Homestead gardening boosts food security</title></head><body><nav><a href="/">Home</a></nav><div class="news">
            <p>Dec 20, 2025</p>
            <p>RAJSHAHI - Homestead gardening has been contributing significantly to making rural communities more food secure in the region.</p>
            <p>Farmers said that small gardens beside their houses now supply vegetables for most of the year, and the surplus is sold at local markets.</p></div></body></html>
            """)
        #expect(metadata.published == .init(.init(iso: "2025-12-20", granularity: .day), source: .dom))
    }

    /// A `<time>` the page labels "Last updated" just before it is the modified date, not the
    /// publication's ("Last updated <time datetime=…>1 year ago</time>").
    @Test func labelBeforeATimeElement() throws {
        let metadata = try Support.enrich(html: Support.page(body: """
            <h1>Home security systems compared</h1><p>By Jane Doe, home security expert</p>
            <p>We tested eleven alarm systems in three homes over six months, and here is what we found about each of them.</p>
            <p class="meta">Last updated on <time datetime="2024-09-17T06:16:41Z">1 year ago</time></p>
            """))
        #expect(metadata.published == nil)
        #expect(metadata.modified?.value.iso.hasPrefix("2024-09-17") == true)
        #expect(metadata.modified?.source == .dom)
        // The label split over two elements ("Last Updated" / "on").
        let split = try Support.enrich(html: Support.page(body: """
            <h1>The best security cameras</h1><p>By Gene Petrino, home security expert</p>
            <p>We tested eleven alarm systems in three homes over six months, and here is what we found about each of them.</p>
            <span class="post-date"><span class="desktop">Last Updated</span> <span class="mobile">on</span> <span class="date">Feb 27, 2024</span></span>
            """))
        #expect(split.published == nil)
        #expect(split.modified?.value.iso == "2024-02-27")
    }

    /// A date written near the headline, as readers see it; "updated" makes it the modified date.
    @Test func visibleDates() throws {
        let posted = try Support.enrich(html: Support.page(body: """
            <header class="entry-header"><h1>Headline</h1><div class="entry-meta"><span class="posted-on">
            <time class="entry-date published" datetime="2019-06-28T11:32:59+02:00">28. Juni 2019</time>
            <time class="updated" datetime="2020-01-14T09:14:33+01:00">14. Januar 2020</time></span></div></header>
            """))
        #expect(posted.published?.value.iso.hasPrefix("2019-06-28") == true)
        #expect(posted.published?.source == .dom)
        let updated = try Support.enrich(html: Support.page(body: """
            <h1>Headline</h1><div><span>Last updated:</span> <span>Dec 12, 2025</span></div>
            """))
        #expect(updated.published == nil)
        #expect(updated.modified == .init(.init(iso: "2025-12-12", granularity: .day), source: .dom))
        let byline = try Support.enrich(html: Support.page(body: """
            <h1>Headline</h1><div><strong>By <a href="/team/v">Dr. Vahid Osman</a></strong> - Mar 27, 2024</div>
            """))
        #expect(byline.published?.value.iso == "2024-03-27")
    }

    /// A date that opens its element ("Dec. 19, 2025 · Jane Doe on behalf of the docs team");
    /// a header-like block that holds the headline is the article's own; a date labelled
    /// "Published" counts in a side column of the post.
    @Test func datesAroundTheHeadline() throws {
        let paragraphs = """
            <p>The river authority said on Tuesday that water levels had fallen to their lowest point in a decade, after a dry winter and an early spring.</p>
            <p>Farmers along the lower valley have been asked to reduce irrigation by a fifth until the autumn rains return, the authority added in its statement.</p>
            """
        let leading = try Support.enrich(html: """
            <html><head><title>What people love about rivers</title></head><body><nav><a href="/">Home</a></nav>
            <section><header><h2>What people love about rivers</h2></header>
            <div class="publish-date-author">Dec. 19, 2025 &middot; Niko Matsakis on behalf of <a href="/teams/vision">the Vision Doc group</a></div>
            <div class="post">\(paragraphs)</div></section></body></html>
            """)
        #expect(leading.published?.value.iso == "2025-12-19")
        let hero = try Support.enrich(html: """
            <html><head><title>Project pricing guide 2026</title></head><body><nav><a href="/">Home</a></nav>
            <div class="row"><div class="col-12 hero-header-col"><h1>Project pricing guide 2026</h1><p>Dec 26, 2025</p></div></div>
            <div class="content">\(paragraphs)</div></body></html>
            """)
        #expect(hero.published?.value.iso == "2025-12-26")
        let sidebar = try Support.enrich(html: Support.page(body: """
            <h1>Headline</h1><div class="single-post-sidebar"><div class="single-post-meta"><h4>Published</h4><div class="single-post-date">July 8, 2025</div></div></div>
            """))
        #expect(sidebar.published?.value.iso == "2025-07-08")
        let aside = try Support.enrich(html: Support.page(body: """
            <aside><time datetime="2021-06-06">June 6, 2021</time></aside><h1>Headline</h1>
            """))
        #expect(aside.published?.value.iso == "2021-06-06")
        let after = try Support.enrich(html: """
            <html><head><title>Engagement rings guide</title></head><body><main><h1>Engagement rings guide</h1>\(paragraphs)</main>
            <div class="related"><span class="post-date">March 2, 2025</span></div>
            <div class="column"><span class="fusion-tb-published-date">Published On: 15 August 2025</span></div></body></html>
            """)
        #expect(after.published?.value.iso == "2025-08-15")
        let both = try Support.enrich(html: Support.page(body: """
            <h1>Headline</h1>\(paragraphs)<p>SeglerBlog am <time class="date updated published" datetime="2020-02-23T10:07:02+01:00">23. Februar 2020</time> in Allgemein</p>
            """))
        #expect(both.published?.value.iso.hasPrefix("2020-02-23") == true)
        let menu = try Support.enrich(html: Support.page(body: """
            <h1>Headline</h1><nav><p>Published</p><p>July 8, 2025</p></nav>
            """))
        #expect(menu.published == nil)
    }

    /// A structured time in UTC that falls on the day after the one the page shows: the page's day.
    @Test func utcTimeAndTheShownDay() throws {
        let shifted = try Support.enrich(html: Support.page(head: #"<meta property="article:published_time" content="2020-02-25T02:25:54+00:00">"#,
                                                            body: #"<h1>Headline</h1><p class="byline">February 24, 2020 | 9:25pm</p>"#))
        #expect(shifted.published?.value.iso.hasPrefix("2020-02-24") == true)
        let apart = try Support.enrich(html: Support.page(head: #"<meta property="article:published_time" content="2020-02-25T02:25:54+00:00">"#,
                                                          body: #"<h1>Headline</h1><p class="byline">February 20, 2020</p>"#))
        #expect(apart.published?.value.iso == "2020-02-25T02:25:54+00:00")
        let local = try Support.enrich(html: Support.page(head: #"<meta property="article:published_time" content="2020-02-25T02:25:54-05:00">"#,
                                                          body: #"<h1>Headline</h1><p class="byline">February 24, 2020</p>"#))
        #expect(local.published?.value.iso == "2020-02-25T02:25:54-05:00")
        // JSON-LD in UTC, `<meta>` the same instant in the publisher's zone: the zone's.
        let zoned = try Support.enrich(html: Support.page(head: """
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Headline","dateCreated":"2017-02-24T01:18:13Z"}</script>
            <meta property="article:published_time" content="2017-02-23T17:18:13-08:00">
            """, body: "<h1>Headline</h1>"))
        #expect(zoned.published == .init(.init(iso: "2017-02-23T17:18:13-08:00", granularity: .second), source: .openGraph))
        // Another instant in `<meta>` does not replace the JSON-LD's.
        let other = try Support.enrich(html: Support.page(head: """
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Headline","datePublished":"2017-02-24T01:18:13Z"}</script>
            <meta property="article:published_time" content="2017-02-23T09:00:00-08:00">
            """, body: "<h1>Headline</h1>"))
        #expect(other.published == .init(.init(iso: "2017-02-24T01:18:13+00:00", granularity: .second), source: .jsonLD))
    }

    /// `<meta>` names some sites use for their dates.
    @Test func moreMetaNames() throws {
        let metadata = try Support.enrich(html: Support.page(head: #"<meta name="modified-date" content="2024-07-30"><meta name="published-date" content="2021-02-16">"#, body: "<h1>Headline</h1>"))
        #expect(metadata.published == .init(.init(iso: "2021-02-16", granularity: .day), source: .meta))
        #expect(metadata.modified == .init(.init(iso: "2024-07-30", granularity: .day), source: .meta))
    }

    /// Named zones (IST, CET) and numeric offsets survive into the ISO text.
    @Test func zones() throws {
        let ist = try Support.enrich(html: Support.page(body: "<h1>Headline</h1><p class=\"dateline\">February 26, 2022 15:37 IST</p>"))
        #expect(ist.published?.value.iso == "2022-02-26T15:37:00+05:30")
        let cet = try Support.enrich(html: Support.page(head: #"<meta name="pubdate" content="12.03.2023 10:15 CET">"#, body: "<h1>Headline</h1>"))
        #expect(cet.published?.value.iso == "2023-03-12T10:15:00+01:00")
        let numeric = try Support.enrich(html: Support.page(head: #"<meta property="article:published_time" content="2023-03-12T10:15:00-0700">"#, body: "<h1>Headline</h1>"))
        #expect(numeric.published?.value.iso == "2023-03-12T10:15:00-07:00")
    }

    /// The date in the canonical URL's path, when nothing else gives one.
    @Test func urlPath() throws {
        let metadata = try Support.enrich(html: Support.page(head: #"<link rel="canonical" href="https://example.org/news/2023/07/14/river-levels">"#, body: "<h1>Headline</h1>"))
        #expect(metadata.published == .init(.init(iso: "2023-07-14", granularity: .day), source: .url))
    }

    /// Never after the file's time; never before 1995 unless a structured statement says so.
    @Test func limits() throws {
        let future = try Support.enrich(html: Support.page(head: #"<meta property="article:published_time" content="2031-01-01">"#, body: "<h1>Headline</h1>"))
        #expect(future.published == nil)
        let old = try Support.enrich(html: Support.page(body: "<h1>Headline</h1><p class=\"date\">March 3, 1987</p>"))
        #expect(old.published == nil)
        let stated = try Support.enrich(html: Support.page(head: #"<meta name="citation_publication_date" content="1987-03-03">"#, body: "<h1>Headline</h1>"))
        #expect(stated.published?.value.iso == "1987-03-03")
        let none = try Support.enrich(html: Support.page(body: "<h1>Headline</h1>"))
        #expect(none.published == nil && none.modified == nil)
    }

    /// Text documents keep the stripper's dateline, with its zone.
    @Test func textDateline() throws {
        let metadata = try Support.enrich(text: """
            BUSINESS

            Regional rail operator orders 40 battery trains

            By Tom Hallworth
            Tuesday 4 June 2024, 08:30 BST

            A regional rail operator in the north of England has placed an order for 40 battery-electric trains, in a deal it says will allow it to withdraw its oldest diesel units.

            The trains will draw power from overhead lines where they exist and switch to their batteries on unelectrified branches.
            """)
        #expect(metadata.published == .init(.init(iso: "2024-06-04T08:30:00+01:00", granularity: .minute), source: .text))
        #expect(metadata.authors == .init(["Tom Hallworth"], source: .text))
    }
}
