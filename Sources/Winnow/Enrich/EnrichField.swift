/// A metadata field the `enrich` stage can fill, by the name pipeline files use.
public enum EnrichField: String, Sendable, Hashable, CaseIterable {
    /// The page's own headline (``Metadata/title``).
    case title
    /// The authors (``Metadata/authors``).
    case authors
    /// When the page was first published (``Metadata/published``).
    case published
    /// When the page was last modified (``Metadata/modified``).
    case modified
    /// The site's name (``Metadata/siteName``).
    case siteName = "site-name"
    /// The canonical URL (``Metadata/url``).
    case url
    /// The page's own summary (``Metadata/description``).
    case description
    /// The section label (``Metadata/section``).
    case section
    /// Tags or keywords (``Metadata/tags``).
    case tags
    /// The news agency (``Metadata/agency``).
    case agency
    /// The main image (``Metadata/image``).
    case image
    /// Image captions (``Metadata/captions``).
    case captions
    /// The kind of page (``Metadata/pageKind``).
    case pageKind = "page-kind"
    /// The language and its confidence (``Metadata/language``).
    case language
    /// Characters, words, sentences, paragraphs (``Metadata/counts``).
    case counts
    /// Minutes of reading (``Metadata/readingMinutes``).
    case readingTime = "reading-time"
    /// SHA-256 of the kept text (``Metadata/sha256``).
    case sha256
    /// 64-bit SimHash of the kept text (``Metadata/simhash``).
    case simhash
}
