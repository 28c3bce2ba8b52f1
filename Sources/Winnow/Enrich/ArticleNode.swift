/// The JSON-LD object that describes the page's main content: an article-like object first
/// (`NewsArticle`, `BlogPosting`, `DiscussionForumPosting`...), then a product, then the
/// `WebPage`; with the page's JSON-LD to follow its `@id` references.
struct ArticleNode {
    /// All of the page's JSON-LD.
    let jsonLD: JSONLD
    /// The main object's properties, when the page has one.
    let properties: [String: Any]?
    /// The main object's types.
    let types: [String]
    /// The `WebPage` object, when there is one besides the main object.
    let webPage: [String: Any]?

    /// Types of article-like objects: their headline, authors and dates are the page's.
    static let articleTypes: Set<String> = [
        "Article", "NewsArticle", "BlogPosting", "Blog", "Report", "ReportageNews", "AnalysisNewsArticle", "OpinionNewsArticle",
        "BackgroundNewsArticle", "ReviewNewsArticle", "AskPublicNewsArticle", "LiveBlogPosting", "TechArticle", "ScholarlyArticle",
        "MedicalScholarlyArticle", "SocialMediaPosting", "DiscussionForumPosting", "SatiricalArticle", "AdvertiserContentArticle",
        "Review", "Recipe", "HowTo", "Guide", "Question", "VideoObject", "PodcastEpisode", "Episode", "Legislation", "Thesis",
        "Course", "Event", "JobPosting", "CreativeWork", "Chapter", "Book", "Movie", "MusicRecording",
    ]
    /// Types of page objects.
    static let pageTypes: Set<String> = [
        "WebPage", "ItemPage", "AboutPage", "FAQPage", "QAPage", "ProfilePage", "ContactPage", "CollectionPage", "SearchResultsPage",
        "MedicalWebPage", "CheckoutPage", "RealEstateListing",
    ]
    /// Types of products.
    static let productTypes: Set<String> = ["Product", "ProductGroup", "IndividualProduct", "ProductModel", "SoftwareApplication", "MobileApplication", "WebApplication", "Vehicle", "Car"]

    /// Finds the main object of `jsonLD`.
    init(_ jsonLD: JSONLD) {
        self.jsonLD = jsonLD
        let nodes = jsonLD.nodes
        let main = nodes.firstIndex { $0.isA(Self.articleTypes) && $0.properties["headline"] != nil }
            ?? nodes.firstIndex { $0.isA(Self.articleTypes) && ($0.properties["author"] != nil || $0.properties["datePublished"] != nil) }
            ?? nodes.firstIndex { $0.isA(Self.productTypes) }
            ?? nodes.firstIndex { $0.isA(Self.articleTypes) }
        let page = nodes.firstIndex { $0.isA(Self.pageTypes) }
        if let main {
            properties = nodes[main].properties
            types = nodes[main].types
            webPage = page.map { nodes[$0].properties }
        } else if let page {
            properties = nodes[page].properties
            types = nodes[page].types
            webPage = nil
        } else {
            properties = nil
            types = []
            webPage = nil
        }
    }

    /// Types whose `headline` (or `name`) is the page's own title: articles, posts, recipes,
    /// products and pages; not a question, a review or an event shown on the page.
    static let headlinedTypes: Set<String> = articleTypes.subtracting(["Review", "Question", "Event", "JobPosting", "Course", "VideoObject", "HowTo", "Book", "Movie", "MusicRecording", "CreativeWork", "Chapter", "Episode", "PodcastEpisode"])
        .union(productTypes)

    /// Whether the main object's headline is the page's title.
    var isHeadlined: Bool { types.contains { Self.headlinedTypes.contains($0) } }

    /// Whether the main object is article-like.
    var isArticle: Bool { types.contains { Self.articleTypes.contains($0) } }

    /// A string property of the main object.
    func string(_ key: String) -> String? { JSONLD.string(properties?[key]) }

    /// The objects of type `types` anywhere in the page's JSON-LD.
    func nodes(ofType types: Set<String>) -> [JSONLD.Node] { jsonLD.nodes.filter { $0.isA(types) } }

    /// Whether a value is (or refers to) an object typed `Person`.
    func isPerson(_ value: Any) -> Bool {
        guard let object = jsonLD.resolve(value) else { return false }
        return JSONLD.strings(object["@type"]).map(JSONLD.localName).contains("Person")
    }

    /// The name of a value that is a name string, or an object (or reference to one) with a `name`.
    func name(of value: Any) -> (name: String, isOrganization: Bool)? {
        if let text = value as? String {
            if jsonLD.byID[text] == nil { return JSONLD.string(text).map { ($0, false) } }
        }
        guard let object = jsonLD.resolve(value) else { return nil }
        let types = JSONLD.strings(object["@type"]).map(JSONLD.localName)
        let organization = types.contains { ["Organization", "NewsMediaOrganization", "Corporation", "WebSite", "LocalBusiness", "Brand"].contains($0) }
        if let name = JSONLD.string(object["name"]) { return (name, organization) }
        let given = JSONLD.string(object["givenName"]), family = JSONLD.string(object["familyName"])
        if let given, let family { return (given + " " + family, organization) }
        return nil
    }
}
