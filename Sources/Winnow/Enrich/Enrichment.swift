import Foundation
import WinnowHTML

/// The engine of the `enrich` stage: finds each metadata field in the page's own statements
/// (JSON-LD, Open Graph and other `<meta>` tags, microdata, the page's elements, the text's
/// lines, the URL) or computes it from the kept text, and records where it came from.
///
/// A field already set by an earlier stage (the text stripper's bylines, datelines, agency and
/// section lines, with source `text`) is kept. A field the page does not state stays absent.
struct Enrichment {
    /// The fields to fill.
    let fields: Set<EnrichField>
    /// Words a reader reads per minute, for the reading time.
    let wordsPerMinute: Int

    /// Fills the chosen fields of `document.metadata`.
    func enrich(_ document: inout Document) {
        var metadata = document.metadata
        let text = document.text
        let fileTime = document.source.modified ?? Date()
        if let page = document.html {
            let kept = Set(document.blocks.compactMap(\.node))
            let evidence = PageEvidence(page: page, keptNodes: kept)
            let article = ArticleNode(evidence.jsonLD)
            fillPage(&metadata, evidence: evidence, article: article, blocks: document.blocks, fileTime: fileTime)
        }
        fillFromText(&metadata, blocks: document.blocks, fileTime: fileTime)
        fillComputed(&metadata, text: text, blocks: document.blocks, hint: document.html?.language)
        document.metadata = metadata
    }

    /// The fields an HTML page states.
    func fillPage(_ metadata: inout Metadata, evidence: PageEvidence, article: ArticleNode, blocks: [Block], fileTime: Date) {
        let site = fields.contains(.siteName) || fields.contains(.title) || fields.contains(.authors) ? SiteName.find(evidence, article: article) : nil
        if fields.contains(.siteName), metadata.siteName == nil { metadata.siteName = site }
        if fields.contains(.url), metadata.url == nil { metadata.url = PageFacts.canonicalURL(evidence, article: article) }
        if fields.contains(.title), metadata.title == nil {
            metadata.title = TitleFinder.find(evidence, article: article, siteName: site?.value, blocks: blocks)
        }
        if fields.contains(.authors), metadata.authors == nil {
            metadata.authors = AuthorFinder.find(evidence, article: article, siteName: site?.value)
        }
        if fields.contains(.published) || fields.contains(.modified) {
            let dates = DateFinder.find(evidence, article: article, fileTime: fileTime)
            if fields.contains(.published), metadata.published == nil { metadata.published = dates.published }
            if fields.contains(.modified), metadata.modified == nil { metadata.modified = dates.modified }
        }
        if fields.contains(.description), metadata.description == nil { metadata.description = PageFacts.description(evidence, article: article) }
        if fields.contains(.section), metadata.section == nil { metadata.section = PageFacts.section(evidence, article: article) }
        if fields.contains(.tags), metadata.tags == nil { metadata.tags = PageFacts.tags(evidence, article: article) }
        if fields.contains(.image), metadata.image == nil { metadata.image = PageFacts.image(evidence, article: article) }
        if fields.contains(.captions), metadata.captions == nil { metadata.captions = PageFacts.captions(evidence) }
        if fields.contains(.agency), metadata.agency == nil { metadata.agency = PageFacts.agency(evidence) }
        if fields.contains(.pageKind), metadata.pageKind == nil { metadata.pageKind = PageKindRules.kind(evidence, article: article) }
    }

    /// Facts stated by lines of the kept text: an agency line ("Source: PTI") in the first or
    /// last blocks, for pages whose stripper did not already take it.
    func fillFromText(_ metadata: inout Metadata, blocks: [Block], fileTime: Date) {
        guard fields.contains(.agency), metadata.agency == nil, !blocks.isEmpty else { return }
        let candidates = blocks.suffix(3) + blocks.prefix(3)
        for block in candidates where block.text.utf8.count < 120 {
            for line in block.text.split(separator: "\n") {
                if case .agency(let name)? = TextFacts.fact(in: line), AuthorNames.isPlausibleAgency(name) {
                    metadata.agency = .init(name, source: .text)
                    return
                }
            }
        }
    }

    /// The fields computed from the kept text: counts, reading time, hashes and language.
    func fillComputed(_ metadata: inout Metadata, text: String, blocks: [Block], hint: String?) {
        let needsCounts = fields.contains(.counts) || fields.contains(.readingTime)
        let counts = needsCounts ? TextMeasures.counts(blocks) : nil
        if fields.contains(.counts), let counts { metadata.counts = .init(counts, source: .computed) }
        if fields.contains(.readingTime), let counts, counts.words > 0 {
            let minutes = (counts.words + wordsPerMinute - 1) / wordsPerMinute
            metadata.readingMinutes = .init(max(1, minutes), source: .computed)
        }
        if fields.contains(.sha256) { metadata.sha256 = .init(Digest.sha256(text), source: .computed) }
        if fields.contains(.simhash), !text.isEmpty { metadata.simhash = .init(SimHash.hex(SimHash.hash(text)), source: .computed) }
        if fields.contains(.language), metadata.language == nil, let guess = LanguageIdentifier.identify(text, hint: hint) {
            metadata.language = .init(guess.code, source: .computed)
            metadata.languageConfidence = guess.confidence
        }
    }

    /// Text from the page made fit for metadata: HTML references decoded, tags of escaped
    /// markup removed, whitespace collapsed and trimmed.
    static func clean(_ raw: String) -> String {
        clean(raw, strippingTags: true)
    }

    /// A page's text (its `<title>`, a heading) cleaned like ``clean(_:)`` but keeping what
    /// looks like a tag: there it is text the page escaped ("<table>: The Table element").
    static func cleanText(_ raw: String) -> String {
        clean(raw, strippingTags: false)
    }

    static func clean(_ raw: String, strippingTags: Bool) -> String {
        var text = raw
        // What `contains("&")` answers, from the bytes when it can (see ByteSearch.containsAsFoundation).
        if ByteSearch.containsAsFoundation(text, ampersand) { text = decodeEntities(text) }
        if strippingTags, ByteSearch.containsAsFoundation(text, lessThan), ByteSearch.containsAsFoundation(text, greaterThan), let regex = tagPattern {
            text = regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: " ")
        }
        return HTMLDocument.collapseWhitespace(text)
    }

    static let ampersand = Array("&".utf8), lessThan = Array("<".utf8), greaterThan = Array(">".utf8)

    /// Matches an HTML tag written inside a value (`<b>`, `</span>`).
    static let tagPattern = try? NSRegularExpression(pattern: "</?[a-zA-Z][^<>]{0,200}>")

    /// `text` with its complete character references decoded.
    static func decodeEntities(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        var scratch: [Unicode.Scalar] = []
        var counts = NormalizeFixCounts()
        guard HTMLEntityDecoder.apply(&scalars, scratch: &scratch, counts: &counts) else { return text }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// A comparison key: lowercased letters and digits only.
    static func key(_ text: String) -> String {
        // ASCII: the letters (the only ASCII alphabetic scalars) lowercased and the digits (the
        // only ASCII numeric ones), straight from the bytes.
        var copy = text
        let ascii = copy.withUTF8 { bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                var count = 0
                for byte in bytes {
                    let lower = byte | 0x20
                    if lower >= 0x61 && lower <= 0x7A {
                        out[count] = lower
                        count += 1
                    } else if byte >= 0x30 && byte <= 0x39 {
                        out[count] = byte
                        count += 1
                    }
                }
                return count
            }
        }
        if let ascii { return ascii }
        return String(String.UnicodeScalarView(text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }))
    }
}
