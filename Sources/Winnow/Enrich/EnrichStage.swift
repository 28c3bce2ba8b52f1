/// Fills typed metadata, each field with where it came from, so that a user can trust or
/// override it.
///
/// ```yaml
/// - enrich                                   # every field
/// - enrich:
///     fields: [title, authors, published, language, counts]
///     words-per-minute: 200
/// ```
///
/// Found in the page (HTML): the title, authors, published and modified dates, site name,
/// canonical URL, description, section, tags, main image, captions and page kind, from JSON-LD
/// (`json-ld`, following `@graph` and `@id` references, repairing common breakage), Open Graph
/// (`opengraph`), other `<meta>` tags (`meta`), microdata (`microdata`), the page's elements
/// (`dom`: the main `<h1>`, the byline element, `<time>`, `<link rel="canonical">`,
/// `<figcaption>`) and the canonical URL's path (`url`). Text documents get theirs from the text
/// stripper's byline, dateline, agency and section lines (`text`); the enricher keeps what an
/// earlier stage set. Computed from the kept text (`computed`): the language with its confidence
/// (``LanguageIdentifier``, the page's `lang` attribute as a hint), counts, reading time,
/// SHA-256 and SimHash.
///
/// A field the page does not state stays absent; dates after the file's time, or before 1995
/// without a structured statement, are refused. Put the stage after `normalize`, so that counts
/// and hashes describe the text as written.
public struct EnrichStage: Stage {
    /// Options of the `enrich` stage.
    public struct Options: StageOptions {
        /// The documented options.
        public static let fields = [
            OptionField("fields", type: "[" + EnrichField.allCases.map(\.rawValue).joined(separator: "|") + "]", default: "all",
                        help: "The metadata fields to fill; the others are left as earlier stages set them."),
            OptionField("words-per-minute", type: "int", default: "230", help: "Reading speed for the reading time, in words per minute (50...1000)."),
        ]
        /// The fields to fill.
        public var fields: Set<EnrichField>
        /// Words read per minute.
        public var wordsPerMinute: Int

        /// Options filling `fields` (default: all) at `wordsPerMinute`.
        public init(fields: Set<EnrichField> = Set(EnrichField.allCases), wordsPerMinute: Int = 230) {
            self.fields = fields
            self.wordsPerMinute = wordsPerMinute
        }

        /// Reads the options; an unknown field name is reported with the valid names.
        public init(from values: OptionValues) {
            let names = EnrichField.allCases.map(\.rawValue)
            if values.contains("fields") {
                fields = Set(values.choices("fields", names, default: names).compactMap(EnrichField.init(rawValue:)))
            } else {
                fields = Set(EnrichField.allCases)
            }
            wordsPerMinute = values.int("words-per-minute", default: 230, range: 50...1000)
        }
    }

    /// `enrich`.
    public static let name = "enrich"
    /// What the stage does.
    public static let summary = "Fills metadata with its source: title, authors, dates, site, URL, description, section, tags, agency, image, captions, page kind, language, counts, reading time, SHA-256, SimHash."

    /// The engine.
    let enrichment: Enrichment

    /// Creates the stage.
    public init(options: Options, context: StageContext) {
        enrichment = Enrichment(fields: options.fields, wordsPerMinute: options.wordsPerMinute)
    }

    /// Fills the document's metadata.
    public mutating func process(_ document: inout Document) throws -> Disposition {
        guard document.kind != nil else {
            throw DocumentError("the document has not been read", hint: "put the 'read' stage before 'enrich' in the pipeline file")
        }
        enrichment.enrich(&document)
        return .keep
    }
}
