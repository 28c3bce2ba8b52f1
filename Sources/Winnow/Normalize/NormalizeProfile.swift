/// A set of `normalize` defaults named in one word; options given explicitly override it.
///
/// | option        | default | search   | llm   | archive |
/// |---------------|---------|----------|-------|---------|
/// | `unicode`     | nfc     | nfkc     | nfc   | none    |
/// | `quotes`      | keep    | straight | keep  | keep    |
/// | `dashes`      | keep    | ascii    | keep  | keep    |
/// | `ligatures`   | true    | true     | true  | false   |
/// | `full-width`  | false   | true     | false | false   |
/// | `dehyphenate` | false   | true     | false | false   |
/// | `join-lines`  | false   | true     | true  | false   |
/// | `mojibake`    | true    | true     | true  | false   |
///
/// Every profile decodes entities, removes control and stray format characters, unifies line
/// breaks, folds Unicode spaces, collapses whitespace and drops empty blocks. `llm` keeps the
/// text's typography (no NFKC, no quote or dash folding) because models learn from it, and
/// joins only what a scraper broke; `search` folds everything a query might spell differently.
public enum NormalizeProfile: String, CaseIterable, Sendable {
    /// Safe, meaning-preserving fixes: NFC, ligatures, mojibake; quotes and dashes kept.
    case standard = "default"
    /// Text for search indexes: NFKC, ASCII quotes and dashes, full-width folded, lines joined.
    case search
    /// Text for language-model datasets: no NFKC, no quote or dash changes, wrapped lines joined.
    case llm
    /// Minimal changes for archiving: only the fixes every profile makes.
    case archive

    /// The option values this profile sets.
    public var defaults: NormalizeOptions {
        var options = NormalizeOptions()
        options.profile = self
        switch self {
        case .standard:
            break
        case .search:
            options.unicode = .nfkc
            options.quotes = .straight
            options.dashes = .ascii
            options.fullWidth = true
            options.dehyphenate = true
            options.joinLines = true
        case .llm:
            options.joinLines = true
        case .archive:
            options.unicode = .none
            options.ligatures = false
            options.mojibake = false
        }
        return options
    }

    /// What the profile is for, in a few words, for the `profile` option's help.
    public var summary: String {
        switch self {
        case .standard: return "meaning-preserving fixes (NFC, ligatures, mojibake)"
        case .search: return "NFKC, ASCII quotes and dashes, full-width folded, words and lines joined"
        case .llm: return "NFC, quotes and dashes kept, wrapped lines joined"
        case .archive: return "minimal changes: only the fixes every profile makes"
        }
    }

    /// The profiles whose default for an option differs from the `default` profile's, for help text.
    static func differences(_ value: (NormalizeOptions) -> String) -> String {
        let base = value(NormalizeProfile.standard.defaults)
        let others = allCases.dropFirst().compactMap { profile -> String? in
            let own = value(profile.defaults)
            return own == base ? nil : "\(profile.rawValue): \(own)"
        }
        return others.isEmpty ? base : "\(base) (\(others.joined(separator: ", ")))"
    }
}
