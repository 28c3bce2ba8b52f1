/// Typed facts about a document, each with where it came from.
///
/// Every field is optional: what a page does not say stays absent, never guessed. Stages of a
/// library user can add their own facts to ``extra``.
public struct Metadata: Sendable, Hashable, Codable {
    /// Where a field's value was found.
    public enum Source: String, Sendable, Hashable, Codable, CaseIterable {
        /// A JSON-LD block of the page.
        case jsonLD = "json-ld"
        /// An Open Graph `<meta property="og:...">` tag.
        case openGraph = "opengraph"
        /// Another `<meta>` tag.
        case meta
        /// Microdata (`itemprop`) attributes.
        case microdata
        /// The page's elements (an `<h1>`, a byline element, `<html lang>`...).
        case dom
        /// A line of the text itself ("By ...", "Source: PTI").
        case text
        /// The document's URL or path.
        case url
        /// Computed by winnow from the text (counts, hashes, language).
        case computed
        /// Set by a stage of the pipeline file or a user's stage.
        case pipeline
    }

    /// The size of a text.
    public struct TextCounts: Sendable, Hashable, Codable {
        /// Characters (extended grapheme clusters), blank lines between blocks included.
        public var characters: Int
        /// Words: runs of letters, digits and joining marks; a CJK character counts as one word.
        public var words: Int
        /// Sentences: runs of text ended by `.`, `!`, `?` (or their CJK forms) or by the block's end.
        public var sentences: Int
        /// Paragraphs: the text's blocks.
        public var paragraphs: Int

        /// Creates counts.
        public init(characters: Int, words: Int, sentences: Int, paragraphs: Int) {
            self.characters = characters
            self.words = words
            self.sentences = sentences
            self.paragraphs = paragraphs
        }
    }

    /// A value and its source.
    public struct Field<Value: Sendable & Hashable & Codable>: Sendable, Hashable, Codable {
        /// The value.
        public var value: Value
        /// Where the value was found.
        public var source: Source

        /// Creates a field.
        public init(_ value: Value, source: Source) {
            self.value = value
            self.source = source
        }
    }

    /// A date or time as the page gives it: ISO 8601 text and how precise it is.
    public struct DateValue: Sendable, Hashable, Codable {
        /// How precise a date is.
        public enum Granularity: String, Sendable, Hashable, Codable {
            case year, month, day, minute, second
        }
        /// ISO 8601 text: `2022`, `2022-02`, `2022-02-26`, or `2022-02-26T15:37:00+05:30`.
        public var iso: String
        /// How precise the date is.
        public var granularity: Granularity

        /// Creates a date value.
        public init(iso: String, granularity: Granularity) {
            self.iso = iso
            self.granularity = granularity
        }
    }

    /// The page's own headline.
    public var title: Field<String>?
    /// The authors, in the page's order.
    public var authors: Field<[String]>?
    /// When the page was first published.
    public var published: Field<DateValue>?
    /// When the page was last modified.
    public var modified: Field<DateValue>?
    /// The site's name.
    public var siteName: Field<String>?
    /// The canonical URL of the page.
    public var url: Field<String>?
    /// The page's own summary.
    public var description: Field<String>?
    /// The section label ("NEWS", "Sport").
    public var section: Field<String>?
    /// Tags or keywords.
    public var tags: Field<[String]>?
    /// The news agency the text comes from ("PTI", "Reuters").
    public var agency: Field<String>?
    /// The main image's URL.
    public var image: Field<String>?
    /// Image captions and credits taken out of the body.
    public var captions: Field<[String]>?
    /// The kind of page: article, forum, product, collection, listing, documentation, service.
    public var pageKind: Field<String>?
    /// The language as an ISO 639-1 code.
    public var language: Field<String>?
    /// How sure the language guess is, 0...1.
    public var languageConfidence: Double?
    /// The size of the kept text: characters, words, sentences, paragraphs.
    public var counts: Field<TextCounts>?
    /// Minutes a reader needs for the kept text, rounded up (at least 1 for any text).
    public var readingMinutes: Field<Int>?
    /// The lowercase hex SHA-256 of the kept text (its UTF-8, blocks joined by a blank line).
    public var sha256: Field<String>?
    /// A 64-bit SimHash of the kept text's word shingles, as 16 lowercase hex digits: pages whose
    /// hashes differ in few bits (3 or fewer of 64) are near-duplicates.
    public var simhash: Field<String>?
    /// Facts added by other stages, by name.
    public var extra: [String: Field<String>] = [:]

    /// Creates empty metadata.
    public init() {}
}
