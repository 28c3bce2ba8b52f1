import Foundation

/// Decides the kind of page (article, forum, product, collection, listing, documentation,
/// service) from what the page states and how it is built, and only when the evidence is decent.
///
/// Evidence and weights: the JSON-LD type of the main object (3: `Product` → product,
/// `DiscussionForumPosting`/`QAPage` → forum, `TechArticle`/`APIReference` → documentation,
/// `CollectionPage`/`ItemList`/`SearchResultsPage` → listing, `Service` and local businesses →
/// service, other article types → article); `og:type` (2 for `product`, 1 for `article`); the
/// URL's path (1: `/forum/`, `/thread/`, `/questions/` → forum; `/product/`, `/p/`, `/dp/` →
/// product; `/docs/`, `/api/`, `/reference/`, `/manual/` → documentation; `/category/`, `/tag/`,
/// `/search` → listing; a `/2024/05/` date → article); the page's shape (2: several posts
/// with their own authors → forum; many cards with prices → collection). A kind needs 2 points
/// and a lead of 1 over the next.
enum PageKindRules {
    /// The kind, or nil when the evidence is weak.
    static func kind(_ evidence: PageEvidence, article: ArticleNode) -> Metadata.Field<String>? {
        var scores: [String: Int] = [:]
        var sources: [String: Metadata.Source] = [:]
        func vote(_ kind: String, _ points: Int, _ source: Metadata.Source) {
            scores[kind, default: 0] += points
            if sources[kind] == nil || points >= 2 { sources[kind] = sources[kind] ?? source }
        }
        let allTypes = Set(article.jsonLD.nodes.flatMap(\.types))
        if allTypes.contains(where: { ["Product", "ProductGroup", "IndividualProduct", "Offer", "AggregateOffer"].contains($0) }) { vote("product", 3, .jsonLD) }
        if allTypes.contains(where: { ["DiscussionForumPosting", "QAPage", "Question", "Comment"].contains($0) }), article.types.contains(where: { ["DiscussionForumPosting", "QAPage", "Question"].contains($0) }) || allTypes.contains("QAPage") {
            vote("forum", 3, .jsonLD)
        }
        if article.types.contains(where: { ["TechArticle", "APIReference"].contains($0) }) { vote("documentation", 3, .jsonLD) }
        if allTypes.contains(where: { ["CollectionPage", "ItemList", "SearchResultsPage"].contains($0) }), !article.isArticle { vote("listing", 2, .jsonLD) }
        if allTypes.contains(where: { ["Service", "ProfessionalService", "FinancialService", "LegalService", "HomeAndConstructionBusiness", "MedicalBusiness", "Dentist"].contains($0) }), !article.isArticle {
            vote("service", 2, .jsonLD)
        }
        if article.types.contains(where: { ["NewsArticle", "BlogPosting", "Article", "ReportageNews", "AnalysisNewsArticle", "OpinionNewsArticle", "LiveBlogPosting", "ScholarlyArticle"].contains($0) }) {
            vote("article", 3, .jsonLD)
        }
        switch evidence.meta(["og:type"])?.value.lowercased() {
        case "product"?, "og:product"?, "product.item"?: vote("product", 2, .openGraph)
        case "article"?: vote("article", 1, .openGraph)
        default: break
        }
        if let url = evidence.canonical ?? evidence.meta["og:url"]?.first {
            let path = "/" + url.lowercased().split(separator: "/").dropFirst(2).joined(separator: "/") + "/"
            if pathWords[0].contains(where: { ByteSearch.containsAsFoundation(path, $0) }) { vote("forum", 1, .url) }
            if pathWords[1].contains(where: { ByteSearch.containsAsFoundation(path, $0) }) { vote("product", 1, .url) }
            if pathWords[2].contains(where: { ByteSearch.containsAsFoundation(path, $0) }) { vote("documentation", 1, .url) }
            if pathWords[3].contains(where: { ByteSearch.containsAsFoundation(path, $0) }) { vote("listing", 1, .url) }
            if hasDatePath(path) { vote("article", 1, .url) }
        }
        let shape = shapeKind(evidence)
        if let shape { vote(shape, 2, .dom) }
        let ranked = scores.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        guard let best = ranked.first, best.value >= 2, ranked.count < 2 || best.value - ranked[1].value >= 1 else { return nil }
        return .init(best.key, source: sources[best.key] ?? .computed)
    }

    /// The URL path fragments of a forum, a product, documentation and a listing, as bytes (for
    /// ``ByteSearch/containsAsFoundation(_:_:)``).
    static let pathWords: [[[UInt8]]] = [
        ["/forum/", "/forums/", "/thread/", "/threads/", "/topic/", "/questions/", "/t/", "/community/", "/discussion/", "/viewtopic"],
        ["/product/", "/products/", "/p/", "/dp/", "/item/", "/shop/"],
        ["/docs/", "/doc/", "/documentation/", "/api/", "/reference/", "/manual/", "/guide/", "/guides/", "/kb/", "/help/"],
        ["/category/", "/categories/", "/tag/", "/tags/", "/search", "/archive/", "/collections/"],
    ].map { $0.map { Array($0.utf8) } }

    /// Whether `path` holds `/(19|20)[0-9]{2}/[01][0-9]/` (a year and month: `/2024/05/`),
    /// searched for in its bytes (the pattern is ASCII).
    static func hasDatePath(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            guard bytes.count >= 9 else { return false }
            func digit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
            let slash = UInt8(ascii: "/")
            for start in 0...(bytes.count - 9) where bytes[start] == slash {
                let century = (bytes[start + 1], bytes[start + 2])
                guard century == (0x31, 0x39) || century == (0x32, 0x30) else { continue }
                if digit(bytes[start + 3]), digit(bytes[start + 4]), bytes[start + 5] == slash,
                   bytes[start + 6] == 0x30 || bytes[start + 6] == 0x31, digit(bytes[start + 7]), bytes[start + 8] == slash {
                    return true
                }
            }
            return false
        }
    }

    /// The kind the page's shape shows: several posts each with its own author → forum; many
    /// repeated cards with prices → collection.
    static func shapeKind(_ evidence: PageEvidence) -> String? {
        // The classes were read with the rest of the page's evidence.
        if evidence.postClasses >= 4 { return "forum" }
        if evidence.priceClasses >= 8 { return "collection" }
        return nil
    }

    /// Whether a class attribute names a forum post, and a price.
    static func classSays(_ className: String) -> (post: Bool, price: Bool) {
        let ascii = className.utf8.withContiguousStorageIfAvailable { bytes -> (post: Bool, price: Bool)? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }  // ASCII: the same test on bytes
            func same(_ word: Slice<UnsafeBufferPointer<UInt8>>, _ lower: [UInt8]) -> Bool {
                guard word.count == lower.count else { return false }
                var at = word.startIndex
                for byte in lower {
                    if ByteSearch.lower(word[at]) != byte { return false }
                    at += 1
                }
                return true
            }
            var post = false, price = false
            let space = UInt8(ascii: " ")
            var start = 0
            while start < bytes.count, !(post && price) {  // the words between spaces, without an array of them
                if bytes[start] == space {
                    start += 1
                    continue
                }
                var end = start + 1
                while end < bytes.count, bytes[end] != space { end += 1 }
                let word = bytes[start..<end]
                start = end
                if !post { post = postWordBytes.contains { same(word, $0) } }
                if !price {
                    price = same(word, priceBytes) || (word.count >= 6 && (same(word.prefix(6), pricePrefixBytes) || same(word.suffix(6), priceSuffixBytes)))
                }
            }
            return (post, price)
        }
        if let ascii, let says = ascii { return says }
        let words = className.lowercased().split(separator: " ")
        return (words.contains { postWords.contains(String($0)) }, words.contains { $0 == "price" || $0.hasSuffix("-price") || $0.hasPrefix("price-") })
    }

    /// Class names of a forum post.
    static let postWords = ["post", "message", "forum-post", "postbody", "post-body", "messagecontent", "reply", "topic-post"]
    static let postWordBytes = postWords.map { Array($0.utf8) }
    static let priceBytes = Array("price".utf8), pricePrefixBytes = Array("price-".utf8), priceSuffixBytes = Array("-price".utf8)
}
