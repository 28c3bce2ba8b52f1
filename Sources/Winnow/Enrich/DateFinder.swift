import Foundation
import WinnowHTML

/// Finds when a page was published and when it was last modified, kept apart.
///
/// Published, in order: the JSON-LD `datePublished` (or `dateCreated`) of the main object, then
/// of the `WebPage`; `article:published_time` and the other `<meta>` names sites use; microdata
/// `itemprop="datePublished"`; a `<time>` or date element of the content (not of the page's
/// chrome, not saying "updated"); a `/2024/05/01/` date in the canonical URL. Modified: the
/// JSON-LD `dateModified`, `article:modified_time`, `og:updated_time`, microdata.
///
/// A date after the file's own time (a day's grace for time zones) is no publication date; nor
/// is one before 1995 unless a structured statement (JSON-LD, `<meta>`, microdata) gives it.
enum DateFinder {
    /// The dates found.
    struct Dates {
        /// When the page was first published.
        var published: Metadata.Field<Metadata.DateValue>?
        /// When the page was last modified.
        var modified: Metadata.Field<Metadata.DateValue>?
    }

    /// `<meta>` names of the publication date, strongest first.
    static let publishedKeys = [
        "article:published_time", "og:article:published_time", "og:published_time", "published_time", "article.published",
        "datepublished", "date_published", "publish-date", "publish_date", "publishdate", "pubdate", "publication_date",
        "citation_publication_date", "citation_date", "citation_online_date", "dc.date.issued", "dcterms.issued", "dc.date.created",
        "dcterms.created", "parsely-pub-date", "sailthru.date", "originalpublicationdate", "article:published", "date.available",
        "published", "publish_time", "publication-date", "pub_date", "pubdate_time", "article_date_original", "dc.date",
        "dcterms.date", "date", "created", "datecreated", "release_date", "content_date", "live_date", "published-date",
        "article:published_date", "publishedate", "publish-time",
    ]
    /// `<meta>` names of the modification date, strongest first.
    static let modifiedKeys = [
        "article:modified_time", "og:updated_time", "og:article:modified_time", "modified_time", "datemodified", "date_modified",
        "last-modified", "lastmod", "dc.date.modified", "dcterms.modified", "article.updated", "updated_time", "revised",
        "modified-date", "updated-date", "ms.date",
    ]

    /// The dates `evidence` states, checked against the file's time.
    static func find(_ evidence: PageEvidence, article: ArticleNode, fileTime: Date) -> Dates {
        let latest = fileTime.addingTimeInterval(86_400)
        func accept(_ raw: String?, structured: Bool) -> Metadata.DateValue? {
            guard let raw, let value = DateParsing.parse(raw) else { return nil }
            return isAcceptable(value, latest: latest, structured: structured) ? value : nil
        }
        var dates = Dates()
        // JSON-LD.
        for object in [article.properties, article.webPage].compactMap({ $0 }) {
            if dates.published == nil, let value = accept(JSONLD.string(object["datePublished"]) ?? JSONLD.string(object["dateCreated"]) ?? JSONLD.string(object["uploadDate"]), structured: true) {
                dates.published = .init(value, source: .jsonLD)
            }
            if dates.modified == nil, let value = accept(JSONLD.string(object["dateModified"]), structured: true) {
                dates.modified = .init(value, source: .jsonLD)
            }
        }
        // <meta>.
        if dates.published == nil {
            for key in publishedKeys {
                guard let raw = evidence.meta[key]?.first, let value = accept(raw, structured: true) else { continue }
                dates.published = .init(value, source: key.hasPrefix("article:") || key.hasPrefix("og:") ? .openGraph : .meta)
                break
            }
        }
        if dates.modified == nil {
            for key in modifiedKeys {
                guard let raw = evidence.meta[key]?.first, let value = accept(raw, structured: true) else { continue }
                dates.modified = .init(value, source: key.hasPrefix("article:") || key.hasPrefix("og:") ? .openGraph : .meta)
                break
            }
        }
        // Microdata on elements (meta elements with itemprop are already in the meta map).
        // A thread marks every post of its content (question, answers, comments) with its date:
        // the earliest there is the thread's. Else the first (not a list of other pages' items).
        if dates.published == nil {
            let span: ClosedRange<Int>? = evidence.keptSorted.isEmpty ? nil : evidence.keptSorted[0]...evidence.keptSorted[evidence.keptSorted.count - 1]
            for name in ["datepublished", "datecreated"] {
                var first: Metadata.DateValue? = nil, earliestInContent: Metadata.DateValue? = nil
                for node in evidence.itemprops[name] ?? [] where evidence.page.nodes[node].tag != .meta {
                    guard let value = accept(evidence.itempropValue(node), structured: true) else { continue }
                    if first == nil { first = value }
                    if span?.contains(node) == true, earliestInContent.map({ value.iso.prefix(10) < $0.iso.prefix(10) }) ?? true { earliestInContent = value }
                }
                if let value = earliestInContent ?? first {
                    dates.published = .init(value, source: .microdata)
                    break
                }
            }
        }
        if dates.modified == nil {
            for node in evidence.itemprops["datemodified"] ?? [] where evidence.page.nodes[node].tag != .meta {
                if let value = accept(evidence.itempropValue(node), structured: true) {
                    dates.modified = .init(value, source: .microdata)
                    break
                }
            }
        }
        // The same instant stated in UTC (JSON-LD) and in the publisher's zone (`<meta>`): the
        // zone's, whose day is the one the publisher gave.
        func local(_ field: Metadata.Field<Metadata.DateValue>?, keys: [String]) -> Metadata.Field<Metadata.DateValue>? {
            guard let field, isUTC(field.value), let instant = instant(field.value) else { return field }
            for key in keys {
                for raw in evidence.meta[key] ?? [] {
                    guard let value = accept(raw, structured: true), !isUTC(value), self.instant(value) == instant else { continue }
                    return .init(value, source: key.hasPrefix("article:") || key.hasPrefix("og:") ? .openGraph : .meta)
                }
            }
            return field
        }
        dates.published = local(dates.published, keys: publishedKeys)
        dates.modified = local(dates.modified, keys: modifiedKeys)
        let near = headlineDates(evidence, latest: latest)
        // A time stated in UTC falls on the day before or after the one the page shows in its
        // own zone ("2020-02-25T02:25Z" for a story dated February 24 in New York): the page's day.
        if let stated = dates.published, let shown = near.published, isUTC(stated.value), oneDayApart(stated.value, shown) {
            dates.published = .init(shown, source: .dom)
        }
        if let stated = dates.modified, let shown = near.modified, isUTC(stated.value), oneDayApart(stated.value, shown) {
            dates.modified = .init(shown, source: .dom)
        }
        if dates.published == nil, let value = near.published { dates.published = .init(value, source: .dom) }
        if dates.modified == nil, let value = near.modified { dates.modified = .init(value, source: .dom) }
        if dates.published == nil || dates.modified == nil {
            let shown = domDates(evidence, latest: latest)
            if dates.published == nil, let value = shown.published { dates.published = .init(value, source: .dom) }
            if dates.modified == nil, let value = shown.modified { dates.modified = .init(value, source: .dom) }
        }
        if dates.published == nil, let value = urlDate(evidence, latest: latest) { dates.published = .init(value, source: .url) }
        return dates
    }

    /// The moment a value with a time of day and an offset names.
    static func instant(_ value: Metadata.DateValue) -> Date? {
        guard value.iso.count > 19 else { return nil }
        return try? Date(value.iso, strategy: .iso8601)
    }

    /// Whether a value has a time of day in UTC.
    static func isUTC(_ value: Metadata.DateValue) -> Bool {
        value.iso.count > 10 && (value.iso.hasSuffix("+00:00") || value.iso.hasSuffix("Z"))
    }

    /// Whether two values fall on neighbouring days (the second precise to the day at least).
    static func oneDayApart(_ a: Metadata.DateValue, _ b: Metadata.DateValue) -> Bool {
        func day(_ value: Metadata.DateValue) -> Date? {
            let parts = value.iso.prefix(10).split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3 else { return nil }
            var components = DateComponents()
            components.timeZone = TimeZone(identifier: "UTC")
            components.year = parts[0]
            components.month = parts[1]
            components.day = parts[2]
            return Calendar(identifier: .gregorian).date(from: components)
        }
        guard let first = day(a), let second = day(b) else { return false }
        return abs(first.timeIntervalSince(second)) == 86_400
    }

    /// Whether a date can be the page's: not after `latest`, not before 1995 unless structured, not the Unix epoch.
    static func isAcceptable(_ value: Metadata.DateValue, latest: Date, structured: Bool) -> Bool {
        guard let year = Int(value.iso.prefix(4)) else { return false }
        if value.iso.hasPrefix("1970-01-01") || value.iso.hasPrefix("0001") { return false }
        if year < (structured ? 1900 : 1995) { return false }
        let calendar = Calendar(identifier: .gregorian)
        let parts = value.iso.prefix(10).split(separator: "-").compactMap { Int($0) }
        var components = DateComponents()
        components.timeZone = TimeZone(identifier: "UTC")
        components.year = parts[0]
        components.month = parts.count > 1 ? parts[1] : 1
        components.day = parts.count > 2 ? parts[2] : 1
        guard let date = calendar.date(from: components) else { return false }
        return date <= latest
    }

    /// The dates of the content's `<time>` or date elements: outside the page's chrome, before
    /// the end of the main text, precise to the day. The first not saying "updated" (nor labelled
    /// so just before it: "Last updated on <time>…") is the publication's; the first that does,
    /// the last modification's.
    static func domDates(_ evidence: PageEvidence, latest: Date) -> (published: Metadata.DateValue?, modified: Metadata.DateValue?) {
        let lastKept = evidence.kept.max() ?? Int.max
        let headline = headlineNode(evidence)
        var tried = 0
        var modified: Metadata.DateValue? = nil
        for node in evidence.dateElements {
            let element = evidence.page.nodes[node]
            let classID = ((element.className ?? "") + " " + (element.id ?? "") + " " + (element.attribute("itemprop") ?? "")).lowercased()
            let leading = leadingText(of: node, in: evidence.page)
            // After the main text only a date that says it is the publication's ("Published On: 15
            // August 2025", class `published-date`): others there are comments' or related posts'.
            if node > lastKept {
                let lead = (leading ?? "").lowercased()
                guard classID.contains("publish") || lead.hasPrefix("published") || lead.hasPrefix("veröffentlicht") else { continue }
            }
            if classID.contains("comment") || classID.contains("event") { continue }
            if evidence.inChrome(node, headline: headline) { continue }
            let text = evidence.page.textContent(of: node)
            guard text.count <= 80 || element.attribute("datetime") != nil else { continue }
            let lower = text.lowercased()
            // `<time class="date updated published">` (WordPress themes) is the publication date.
            let update = ((classID.contains("update") || classID.contains("modif")) && !classID.contains("publish"))
                || lower.contains("updated") || lower.contains("aktualisiert") || lower.contains("modified")
                || (labelBefore(node, in: evidence.page)?.lowercased()).map { label in updateWords.contains { label.contains($0) } } == true
            if update && modified != nil { continue }
            if !update {
                tried += 1
                if tried > 8 { break }
            }
            let raw = element.attribute("datetime") ?? text
            // "Dec. 19, 2025 · Jane Doe on behalf of the docs team": the date opens the element.
            let lead = element.attribute("datetime") == nil ? leading : nil
            guard let scan = [raw, lead].compactMap({ $0 }).lazy.compactMap({ DateParsing.scan($0) }).first(where: { $0.otherWords <= 4 }) else { continue }
            let value = scan.value
            guard value.granularity != .year, value.granularity != .month, isAcceptable(value, latest: latest, structured: false) else { continue }
            if update {
                modified = value
            } else {
                return (value, modified)
            }
        }
        return (nil, modified)
    }

    /// The text of an element up to its first line break or child element's end: the first
    /// non-blank text node among its descendants, when short.
    static func leadingText(of node: Int, in page: HTMLDocument) -> String? {
        for index in page.subtree(of: node) where page.nodes[index].kind == .text && !page.nodes[index].isWhitespace {
            let text = page.nodes[index].text
            return text.utf8.count <= 90 ? text : nil
        }
        return nil
    }

    /// The short texts just before an element in reading order ("Last updated on", "Last
    /// Updated" / "on"): up to two, when short.
    static func labelBefore(_ node: Int, in page: HTMLDocument) -> String? {
        var index = node - 1
        var texts: [String] = []
        while index >= 0, node - index <= 8, texts.count < 2 {
            let candidate = page.nodes[index]
            if candidate.kind == .text, !candidate.isWhitespace {
                guard candidate.text.utf8.count <= 40 else { break }
                texts.insert(candidate.text, at: 0)
            }
            index -= 1
        }
        return texts.isEmpty ? nil : texts.joined(separator: " ")
    }

    /// Words that mark a date as the last update rather than the publication.
    static let updateWords = ["updated", "update", "modified", "aktualisiert", "geändert", "mis à jour", "actualizado", "aggiornato", "bijgewerkt", "revised", "edited"]

    /// The main headline's node: the first `<h1>` of the kept content, else the first outside the chrome.
    static func headlineNode(_ evidence: PageEvidence) -> Int? {
        if let node = evidence.headings.first(where: { evidence.isMainHeading($0) })?.node ?? evidence.headings.first(where: { !$0.chrome })?.node {
            return node
        }
        // An h1 inside a header-like block (`hero-header`) that repeats the <title>'s words.
        guard let title = evidence.titleTag else { return nil }
        return evidence.headings.first { heading in
            TitleFinder.sharesWords(heading.text, title) && !evidence.page.ancestors(of: heading.node).contains {
                let tag = evidence.page.nodes[$0].tag
                return tag == .nav || tag == .footer || tag == .aside
            }
        }?.node
    }

    /// Dates written in short texts around the main headline, as readers see them ("Posted on
    /// June 29, 2020", "By Jane Doe - Mar 27, 2024", "Last updated: Dec 12, 2025"): the nearest
    /// one after the headline (else before it) of each kind; a text saying "updated" (or whose
    /// label just before does) gives the modified date.
    static func headlineDates(_ evidence: PageEvidence, latest: Date) -> (published: Metadata.DateValue?, modified: Metadata.DateValue?) {
        // A page without a headline: around the start of its content.
        guard let headline = headlineNode(evidence) ?? evidence.keptSorted.first else { return (nil, nil) }
        let page = evidence.page
        let window = max(0, headline - 80)..<min(page.count, headline + 250)
        var published: (Metadata.DateValue, Int)? = nil, modified: (Metadata.DateValue, Int)? = nil
        var previousTexts: [String] = []  // as they are: lowercased only for a date's label
        for index in window where page.nodes[index].kind == .text && !page.nodes[index].isWhitespace {
            let text = page.nodes[index].text
            defer {
                previousTexts.append(text)
                if previousTexts.count > 2 { previousTexts.removeFirst() }
            }
            guard text.utf8.count <= 90, text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { continue }
            guard let scan = DateParsing.scan(text), scan.otherWords <= 3, scan.value.granularity != .year, scan.value.granularity != .month,
                  isAcceptable(scan.value, latest: latest, structured: false) else { continue }
            let label = (previousTexts + [text]).map { $0.lowercased() }.joined(separator: " ")
            // A date the page labels "Published" counts even in a side column of the post.
            let labelled = previousTexts.last.map { publishLabels.contains($0.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " :"))) } ?? false
            if evidence.inChrome(index, headline: headline), !(labelled && !inNavigation(index, page: page)) { continue }
            let distance = index > headline ? index - headline : (headline - index) * 3
            if updateWords.contains(where: { label.contains($0) }) {
                if modified == nil || distance < modified!.1 { modified = (scan.value, distance) }
            } else if published == nil || distance < published!.1 {
                published = (scan.value, distance)
            }
        }
        return (published?.0, modified?.0)
    }

    /// Captions that stand alone before the publication date ("Published" / "July 8, 2025").
    static let publishLabels: Set<String> = [
        "published", "published on", "posted", "posted on", "date published", "publication date", "veröffentlicht", "veröffentlicht am",
        "publié le", "publicado", "publicado el", "pubblicato il", "gepubliceerd",
    ]

    /// Whether a node lies in a `<nav>` or `<footer>`.
    static func inNavigation(_ node: Int, page: HTMLDocument) -> Bool {
        page.ancestors(of: node).contains { page.nodes[$0].tag == .nav || page.nodes[$0].tag == .footer }
    }

    /// A `/yyyy/mm/dd/` date in the page's canonical URL (or `og:url`).
    static func urlDate(_ evidence: PageEvidence, latest: Date) -> Metadata.DateValue? {
        guard let url = evidence.canonical ?? evidence.meta["og:url"]?.first else { return nil }
        let parts = url.split(separator: "/").map(String.init)
        for index in parts.indices.dropLast(2) {
            guard parts[index].count == 4, let year = Int(parts[index]), (1995...2100).contains(year),
                  parts[index + 1].count == 2, let month = Int(parts[index + 1]), (1...12).contains(month),
                  parts[index + 2].count == 2, let day = Int(parts[index + 2]), (1...DateParsing.daysIn(month: month, year: year)).contains(day)
            else { continue }
            let value = DateParsing.value(year: year, month: month, day: day, time: nil, offset: nil)
            return isAcceptable(value, latest: latest, structured: false) ? value : nil
        }
        return nil
    }
}
