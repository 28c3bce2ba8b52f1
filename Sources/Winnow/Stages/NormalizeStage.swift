import WinnowHTML

/// Makes the kept text consistent for search indexes, NLP and LLM datasets without changing
/// what it means.
///
/// ```yaml
/// - normalize                 # the default profile
/// - normalize:
///     profile: llm            # search, llm, archive: defaults in one word
///     dehyphenate: true       # explicit options override the profile
/// ```
///
/// Always: HTML entities left in the text are decoded; control characters and stray format
/// characters are removed (ZWJ and ZWNJ stay); line breaks become "\n"; no-break and other Unicode
/// spaces become a space; whitespace runs collapse and blocks are trimmed; empty blocks are
/// dropped. Code blocks are never changed (an all-blank one is dropped). The options
/// (``NormalizeOptions``) add Unicode normalization, quote, dash, ligature and full-width folding,
/// dehyphenation, line joining and mojibake repair; ``NormalizeProfile`` lists what each profile
/// turns on.
///
/// Every fix is counted in ``Document/fixes`` under its kind's name (``NormalizeFix``), and the
/// run report sums them:
///
/// - `html-entity`, `mojibake`, `control-character`, `format-character`, `line-break`,
///   `unicode-space`, `whitespace`, `empty-block`: the fixes every profile makes (mojibake
///   unless `mojibake: false`);
/// - `nfc` or `nfkc` (once per changed block), `quote`, `dash`, `ellipsis`, `ligature`,
///   `full-width`, `dehyphenation`, `line-join`: the optional ones.
///
/// The stage works on blocks only, so it may run on HTML and text documents alike, anywhere
/// after `read`; put it after `strip` so that boilerplate is judged on the page's own text.
public struct NormalizeStage: Stage {
    /// The options: ``NormalizeOptions``.
    public typealias Options = NormalizeOptions

    /// `normalize`.
    public static let name = "normalize"
    /// What the stage does.
    public static let summary = "Decodes entities, repairs mojibake, removes control characters, unifies spaces and line breaks, applies NFC/NFKC and optional folding; counts every fix."

    /// The engine, with its reusable buffers.
    var normalizer: TextNormalizer

    /// Creates the stage.
    public init(options: Options, context: StageContext) {
        normalizer = TextNormalizer(options: options)
    }

    /// Normalizes every block in place, drops the ones left empty, and records the fixes.
    public mutating func process(_ document: inout Document) throws -> Disposition {
        var empty = 0
        for index in document.blocks.indices {
            try ProcessingDeadline.check()
            if let text = normalizer.normalizedIfChanged(document.blocks[index].text, kind: document.blocks[index].kind) {
                document.blocks[index].text = text
            }
            if Self.isBlank(document.blocks[index].text) { empty += 1 }
        }
        if empty > 0 {
            document.blocks.removeAll { Self.isBlank($0.text) }
            normalizer.counts[.emptyBlock] += empty
        }
        normalizer.counts.drain(into: &document.fixes)
        return .keep
    }

    /// Whether text holds nothing but whitespace and joiners (ZWJ, ZWNJ), which join nothing
    /// on their own; an all-blank code block counts as empty too.
    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            !(0x21...0x7E).contains(scalar.value) && (scalar.properties.isWhitespace || scalar == "\u{200D}" || scalar == "\u{200C}")
        }
    }
}
