import Foundation

/// Keeps or drops whole documents by conditions on their metadata and size.
///
/// ```yaml
/// - filter:
///     min-words: 50
///     languages: [en, de]
///     page-kinds: [article, documentation]
///     require: [title, published]
/// ```
///
/// Every condition given must hold; the first that fails drops the document with a short reason
/// (`too-short`, `too-long`, `language`, `page-kind`, `missing-title`...) counted in the run
/// report, and a trace note says the figures (`12 words < min-words 50`). Counts and language come
/// from the `enrich` stage when it ran before; otherwise words are counted here and a language
/// condition sees no language.
public struct FilterStage: Stage {
    /// Options of the `filter` stage.
    public struct Options: StageOptions {
        /// The fields `require` accepts.
        public static let requirable = ["title", "authors", "published", "modified", "language", "site-name", "url", "description", "image", "page-kind"]

        /// The documented options.
        public static let fields = [
            OptionField("min-words", type: "int", default: "none", help: "Drop documents with fewer words (reason too-short)."),
            OptionField("max-words", type: "int", default: "none", help: "Drop documents with more words (reason too-long)."),
            OptionField("min-characters", type: "int", default: "none", help: "Drop documents with fewer characters (reason too-short)."),
            OptionField("languages", type: "[string]", default: "any", help: "Keep only documents in these languages (ISO 639-1; reason language). A document whose language is unknown is dropped."),
            OptionField("min-language-confidence", type: "double", default: "0", help: "With languages: also drop documents whose language guess is less sure than this (0...1)."),
            OptionField("page-kinds", type: "[article|forum|product|collection|listing|documentation|service]", default: "any", help: "Keep only these page kinds (reason page-kind); a document of unknown kind is dropped."),
            OptionField("require", type: "[" + requirable.joined(separator: "|") + "]", default: "[]", help: "Metadata that must be present (reason missing-FIELD)."),
        ]
        /// Word bounds.
        public var minWords: Int?
        /// Word bounds.
        public var maxWords: Int?
        /// Character bound.
        public var minCharacters: Int?
        /// Accepted languages (nil: any).
        public var languages: Set<String>?
        /// The least language confidence.
        public var minLanguageConfidence: Double
        /// Accepted page kinds (nil: any).
        public var pageKinds: Set<String>?
        /// Required fields.
        public var require: [String]

        /// Reads and checks the options.
        public init(from values: OptionValues) {
            minWords = values.contains("min-words") ? values.int("min-words", default: 0, range: 0...Int.max) : nil
            maxWords = values.contains("max-words") ? values.int("max-words", default: 0, range: 0...Int.max) : nil
            minCharacters = values.contains("min-characters") ? values.int("min-characters", default: 0, range: 0...Int.max) : nil
            if let minWords, let maxWords, minWords > maxWords {
                values.error("max-words", "max-words (\(maxWords)) is below min-words (\(minWords)): no document could pass")
            }
            if values.contains("languages") {
                let codes = values.strings("languages").map { $0.lowercased() }
                for code in codes where code.count != 2 || !code.allSatisfy(\.isLetter) {
                    values.error("languages", "'\(code)' is not an ISO 639-1 code (two letters, such as en or de)")
                }
                languages = Set(codes)
            }
            minLanguageConfidence = values.double("min-language-confidence", default: 0, range: 0...1)
            if values.contains("page-kinds") {
                pageKinds = Set(values.choices("page-kinds", ["article", "forum", "product", "collection", "listing", "documentation", "service"], default: []))
            }
            require = values.choices("require", Self.requirable, default: [])
        }
    }

    /// `filter`.
    public static let name = "filter"
    /// What the stage does.
    public static let summary = "Keeps or drops documents by words, characters, language, page kind and required metadata, with the reason recorded."

    let options: Options

    /// Creates the stage.
    public init(options: Options, context: StageContext) {
        self.options = options
    }

    /// Drops the document when a condition fails.
    public mutating func process(_ document: inout Document) throws -> Disposition {
        let counts = document.metadata.counts?.value ?? TextMeasures.counts(document.blocks)
        func drop(_ reason: String, _ why: String) -> Disposition {
            document.trace.note("filter: \(why)")
            return .drop(reason: reason)
        }
        if let minimum = options.minWords, counts.words < minimum {
            return drop("too-short", "\(counts.words) words < min-words \(minimum)")
        }
        if let maximum = options.maxWords, counts.words > maximum {
            return drop("too-long", "\(counts.words) words > max-words \(maximum)")
        }
        if let minimum = options.minCharacters, counts.characters < minimum {
            return drop("too-short", "\(counts.characters) characters < min-characters \(minimum)")
        }
        if let languages = options.languages {
            guard let language = document.metadata.language?.value.lowercased() else {
                return drop("language", "no language known (run enrich before filter)")
            }
            let base = String(language.prefix { $0 != "-" && $0 != "_" })
            if !languages.contains(base) {
                return drop("language", "language \(language) not in \(languages.sorted().joined(separator: ", "))")
            }
            if let confidence = document.metadata.languageConfidence, confidence < options.minLanguageConfidence {
                return drop("language", String(format: "language confidence %.2f < %.2f", confidence, options.minLanguageConfidence))
            }
        }
        if let kinds = options.pageKinds {
            guard let kind = document.metadata.pageKind?.value, kinds.contains(kind) else {
                return drop("page-kind", "page kind \(document.metadata.pageKind?.value ?? "unknown") not in \(kinds.sorted().joined(separator: ", "))")
            }
        }
        for field in options.require where !Self.has(field, document.metadata) {
            return drop("missing-" + field, "no \(field)")
        }
        return .keep
    }

    /// Whether metadata holds `field`.
    static func has(_ field: String, _ metadata: Metadata) -> Bool {
        switch field {
        case "title": return metadata.title != nil
        case "authors": return !(metadata.authors?.value.isEmpty ?? true)
        case "published": return metadata.published != nil
        case "modified": return metadata.modified != nil
        case "language": return metadata.language != nil
        case "site-name": return metadata.siteName != nil
        case "url": return metadata.url != nil
        case "description": return metadata.description != nil
        case "image": return metadata.image != nil
        case "page-kind": return metadata.pageKind != nil
        default: return false
        }
    }
}
