import Foundation
import Testing
@testable import Winnow

/// The enricher's JSON-LD reading: arrays, `@graph`, `@id` references, broken JSON.
@Suite("Enrich JSON-LD")
struct EnrichJSONLDTests {
    typealias Support = EnrichTestSupport

    /// A page whose only facts are in `json`.
    func enrich(_ json: String) throws -> Metadata {
        try Support.enrich(html: Support.page(head: "<script type=\"application/ld+json\">\(json)</script>", body: "<p>Intro.</p>"))
    }

    /// A top-level array of objects: the article among them is the main object.
    @Test func array() throws {
        let metadata = try enrich("""
            [{"@context":"https://schema.org","@type":"BreadcrumbList","itemListElement":[]},
             {"@context":"https://schema.org","@type":"NewsArticle","headline":"Dams refill after storms","author":[{"@type":"Person","name":"Ana Lima"},{"@type":"Person","name":"Ben Okafor"}],"datePublished":"2024-02-01"}]
            """)
        #expect(metadata.title == .init("Dams refill after storms", source: .jsonLD))
        #expect(metadata.authors == .init(["Ana Lima", "Ben Okafor"], source: .jsonLD))
        #expect(metadata.published?.value.iso == "2024-02-01")
        #expect(metadata.pageKind == .init("article", source: .jsonLD))
    }

    /// `@graph` with `@id` references from the article to its author and publisher.
    @Test func graphAndReferences() throws {
        let metadata = try enrich("""
            {"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","@id":"https://example.org/#website","name":"Example News"},
              {"@type":"Person","@id":"https://example.org/#/person/1","name":"Priya Raman"},
              {"@type":"BlogPosting","@id":"https://example.org/a#article","headline":"Monsoon arrives early",
               "author":{"@id":"https://example.org/#/person/1"},"publisher":{"@id":"https://example.org/#website"},
               "datePublished":"2023-06-01T08:00:00+05:30","dateModified":"2023-06-02T10:00:00+05:30",
               "keywords":"monsoon, weather, India","articleSection":"Weather","description":"The monsoon reached Kerala a week early."}]}
            """)
        #expect(metadata.authors == .init(["Priya Raman"], source: .jsonLD))
        #expect(metadata.siteName == .init("Example News", source: .jsonLD))
        #expect(metadata.published?.value.iso == "2023-06-01T08:00:00+05:30")
        #expect(metadata.modified?.value.iso == "2023-06-02T10:00:00+05:30")
        #expect(metadata.tags == .init(["monsoon", "weather", "India"], source: .jsonLD))
        #expect(metadata.section == .init("Weather", source: .jsonLD))
        #expect(metadata.description == .init("The monsoon reached Kerala a week early.", source: .jsonLD))
    }

    /// A person who is both the author and the publisher of their blog is still the author; an
    /// organization named as both is not.
    @Test func personWhoIsAlsoThePublisher() throws {
        let person = try enrich("""
            {"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","@id":"https://example.org/#website","name":"Budget Travel with Gabby"},
              {"@type":["Person","Organization"],"@id":"https://example.org/#/person/1","name":"Gabby Boucher"},
              {"@type":"BlogPosting","headline":"Travel insurance for budget travellers","author":{"name":"Gabby Boucher","@id":"https://example.org/#/person/1"},
               "publisher":{"@id":"https://example.org/#/person/1"}}]}
            """)
        #expect(person.authors == .init(["Gabby Boucher"], source: .jsonLD))
        let organization = try enrich("""
            {"@context":"https://schema.org","@graph":[
              {"@type":"Organization","@id":"https://example.org/#org","name":"Harbour Freight Lines"},
              {"@type":"BlogPosting","headline":"Shipping rates rise","author":{"@id":"https://example.org/#org"},"publisher":{"@id":"https://example.org/#org"}}]}
            """)
        #expect(organization.authors == nil)
        let site = try Support.enrich(html: Support.page(head: """
            <meta property="og:site_name" content="autozeitung.de"><script type="application/ld+json">
            {"@type":"NewsArticle","headline":"H","author":{"@type":"Person","name":"von AUTO ZEITUNG"},"publisher":{"@type":"Organization","name":"Autozeitung"}}</script>
            """, body: "<p>Intro.</p>"))
        #expect(site.authors == nil)
    }

    /// Nested objects are gathered in the order of their keys, not in the dictionary's own order,
    /// which Swift seeds differently in every process (the main object, and so the dates, once
    /// changed from run to run on pages with several candidates).
    @Test func nestedObjectsAreGatheredInKeyOrder() throws {
        let page = #"{"@type":"WebPage","zeta":{"@type":"Thing","name":"z"},"alpha":{"@type":"Thing","name":"a"},"mid":[{"@type":"Thing","name":"m"}],"beta":{"@type":"Thing","name":"b"}}"#
        let graph = JSONLD(scripts: [page])
        #expect(graph.nodes.map { JSONLD.string($0.properties["name"]) ?? "-" } == ["-", "a", "b", "m", "z"])
    }

    /// A thread's poster named by a user name in the JSON-LD (a `QAPage` whose question has a
    /// `Person` author) is the author when the page shows that name or a second statement (the
    /// `author` meta tag, a "Written by" card) agrees; a login name stated once and never shown,
    /// one that is the site's host, a placeholder, and one a visible byline names otherwise are not.
    @Test func userNamesOfPosters() throws {
        func thread(author: String, shown: String, url: String = "https://forum.example.org/t/gearbox-noise/381", byline: String = "", meta: String = "") throws -> Metadata {
            let json = """
                {"@context":"https://schema.org","@type":"QAPage","name":"Gearbox noise after the oil change","mainEntity":{"@type":"Question",
                 "name":"Gearbox noise after the oil change","text":"Since the oil change last week the gearbox whines in third gear.",
                 "datePublished":"2024-05-03T08:45:44Z","author":{"@type":"Person","name":"\(author)","url":"https://forum.example.org/u/\(author)"}}}
                """
            let head = "<script type=\"application/ld+json\">\(json)</script><link rel=\"canonical\" href=\"\(url)\">\(meta)"
            return try Support.enrich(html: Support.page(head: head, body: "\(byline)<div class=\"post\"><a class=\"poster\" href=\"/u/x\">\(shown)</a> May 3, 2024</div><p>Intro.</p>"))
        }
        #expect(try thread(author: "raoul", shown: "raoul").authors == .init(["raoul"], source: .jsonLD))
        #expect(try thread(author: "hayley.p", shown: "hayley.p").authors == .init(["hayley.p"], source: .jsonLD))
        #expect(try thread(author: "raoul", shown: "someone_else").authors == nil)
        let card = "<meta name=\"twitter:label1\" content=\"Written by\"><meta name=\"twitter:data1\" content=\"q_admin\">"
        #expect(try thread(author: "q_admin", shown: "someone_else", meta: card).authors == .init(["q_admin"], source: .jsonLD))
        #expect(try thread(author: "raoul", shown: "someone_else", meta: card).authors == nil)
        #expect(try thread(author: "gearforum", shown: "gearforum", url: "https://www.gearforum.org/t/381").authors == nil)
        #expect(try thread(author: "admin", shown: "admin").authors == nil)
        let login = try thread(author: "andrew.keaveney", shown: "andrew.keaveney", byline: "<p class=\"byline\">By Denise Everheart</p>")
        #expect(login.authors == .init(["Denise Everheart"], source: .dom))
    }

    /// Broken JSON that pages really serve: a trailing comma, a raw line break in a string, an
    /// HTML comment wrapper, two objects one after the other.
    @Test func brokenJSON() throws {
        let trailing = try enrich(#"{"@type":"NewsArticle","headline":"Trailing comma","author":{"@type":"Person","name":"Jo Park",},}"#)
        #expect(trailing.authors?.value == ["Jo Park"])
        let lineBreak = try enrich("{\"@type\":\"NewsArticle\",\"headline\":\"Line\nbreak\",\"datePublished\":\"2022-01-05\"}")
        #expect(lineBreak.title?.value == "Line break")
        let comment = try enrich(#"<!-- {"@type":"Article","headline":"In a comment","datePublished":"2021-09-09"} -->"#)
        #expect(comment.published?.value.iso == "2021-09-09")
        let two = try enrich(#"{"@type":"WebSite","name":"Two Objects"}{"@type":"Article","headline":"Second object"}"#)
        #expect(two.title?.value == "Second object")
        let hopeless = try enrich(#"{"@type":"Article","headline":"#)
        #expect(hopeless.title?.source != .jsonLD)
    }

    /// Repair leaves valid JSON alone and fixes only what is broken.
    @Test func repair() {
        #expect(JSONLD.repair(#"{"a":[1,2,],}"#) == #"{"a":[1,2 ] }"#)
        #expect(JSONLD.repair(#"{"a":"x,}"}"#) == #"{"a":"x,}"}"#)
        #expect(JSONLD.splitConcatenated(#"{"a":1} {"b":"}"}"#) == [#"{"a":1}"#, #"{"b":"}"}"#])
    }

    /// A publisher is no author; an organisation author that is not the site stays.
    @Test func publisherIsNoAuthor() throws {
        let metadata = try enrich("""
            {"@type":"NewsArticle","headline":"H","author":{"@type":"Organization","name":"Example News"},"publisher":{"@type":"Organization","name":"Example News"}}
            """)
        #expect(metadata.authors == nil)
        let desk = try enrich(#"{"@type":"NewsArticle","headline":"H","author":{"@type":"Organization","name":"Center for Drug Evaluation and Research"}}"#)
        #expect(desk.authors?.value == ["Center for Drug Evaluation and Research"])
    }

    /// Product and forum types give the page kind.
    @Test func pageKinds() throws {
        let product = try enrich(#"{"@type":"Product","name":"Trail shoe","offers":{"@type":"Offer","price":"89.00"}}"#)
        #expect(product.pageKind == .init("product", source: .jsonLD))
        let forum = try enrich(#"{"@type":"DiscussionForumPosting","headline":"Best trail shoes?","author":{"@type":"Person","name":"Sam Reed"}}"#)
        #expect(forum.pageKind == .init("forum", source: .jsonLD))
        let none = try Support.enrich(html: Support.page(body: "<p>Hello.</p>"))
        #expect(none.pageKind == nil)
    }
}
