/// Options of the `normalize` stage: a profile, and the fixes it turns on that options may override.
///
/// ```yaml
/// - normalize:
///     profile: search
///     quotes: keep        # overrides the profile's 'straight'
/// ```
public struct NormalizeOptions: StageOptions, Sendable, Equatable {
    /// The Unicode normalization form applied to each block.
    public enum UnicodeForm: String, CaseIterable, Sendable {
        /// Canonical composition: changes no character's meaning or look.
        case nfc
        /// Compatibility composition: also folds ligatures, full-width forms, superscripts ("m²" → "m2").
        case nfkc
        /// No normalization.
        case none
    }

    /// What to do with curly quotes and apostrophes.
    public enum QuoteStyle: String, CaseIterable, Sendable {
        /// Leave them.
        case keep
        /// Make ‘ ’ ‚ ‛ into ' and “ ” „ ‟ into " (guillemets and primes stay).
        case straight
    }

    /// What to do with dashes and ellipses.
    public enum DashStyle: String, CaseIterable, Sendable {
        /// Leave them.
        case keep
        /// Make hyphens, en dashes and minus signs "-", em dashes and bars "--", an ellipsis "...".
        case ascii
    }

    /// The documented options; defaults name the `default` profile's value and the other profiles' where they differ.
    public static let fields = [
        OptionField("profile", type: NormalizeProfile.allCases.map(\.rawValue).joined(separator: "|"), default: "default",
                    help: "Defaults in one word; options given explicitly override them. " + NormalizeProfile.allCases.map { "\($0.rawValue): \($0.summary)" }.joined(separator: "; ") + "."),
        OptionField("unicode", type: "nfc|nfkc|none", default: NormalizeProfile.differences { $0.unicode.rawValue },
                    help: "Unicode normalization form; nfkc also folds ligatures, full-width forms and superscripts."),
        OptionField("quotes", type: "keep|straight", default: NormalizeProfile.differences { $0.quotes.rawValue },
                    help: "straight makes curly quotes and apostrophes ASCII; guillemets and primes stay."),
        OptionField("dashes", type: "keep|ascii", default: NormalizeProfile.differences { $0.dashes.rawValue },
                    help: "ascii makes hyphens, en dashes and minus signs '-', em dashes '--' and an ellipsis '...'."),
        OptionField("ligatures", type: "bool", default: NormalizeProfile.differences { "\($0.ligatures)" },
                    help: "Expand typographic ligatures (ﬁ ﬂ ﬀ ﬃ ﬄ ﬅ ﬆ) into their letters."),
        OptionField("full-width", type: "bool", default: NormalizeProfile.differences { "\($0.fullWidth)" },
                    help: "Make full-width ASCII forms (Ａ１！) and full-width signs (￥￡) ordinary characters."),
        OptionField("dehyphenate", type: "bool", default: NormalizeProfile.differences { "\($0.dehyphenate)" },
                    help: "Join words broken across lines by a hyphen (\"recom-\\nmended\" -> \"recommended\"): a letter and a hyphen end the line, the next starts with a lowercase letter, and neither part touches another hyphen or a digit."),
        OptionField("join-lines", type: "bool", default: NormalizeProfile.differences { "\($0.joinLines)" },
                    help: "Join lines of a paragraph that a scraper wrapped: a break before a lowercase letter after a line of 30+ characters (not ending in ':') becomes a space; after a hyphen the break goes and the hyphen stays (\"well-known\")."),
        OptionField("mojibake", type: "bool", default: NormalizeProfile.differences { "\($0.mojibake)" },
                    help: "Repair UTF-8 read as windows-1252 or Latin-1 (\"donâ€™t\" -> \"don’t\") where the evidence is strong; correct text is left alone."),
    ]

    /// The profile the defaults came from.
    public var profile: NormalizeProfile = .standard
    /// The normalization form.
    public var unicode: UnicodeForm = .nfc
    /// Quote handling.
    public var quotes: QuoteStyle = .keep
    /// Dash and ellipsis handling.
    public var dashes: DashStyle = .keep
    /// Whether ligatures are expanded.
    public var ligatures = true
    /// Whether full-width forms are folded.
    public var fullWidth = false
    /// Whether hyphenated line breaks are joined into one word.
    public var dehyphenate = false
    /// Whether wrapped lines are joined.
    public var joinLines = false
    /// Whether mojibake is repaired.
    public var mojibake = true

    /// The `default` profile's options.
    public init() {}

    /// Reads the options: the profile first, then each option with the profile's value as default.
    public init(from values: OptionValues) {
        let name = values.choice("profile", NormalizeProfile.allCases.map(\.rawValue), default: NormalizeProfile.standard.rawValue)
        let base = (NormalizeProfile(rawValue: name) ?? .standard).defaults
        self = base
        unicode = UnicodeForm(rawValue: values.choice("unicode", UnicodeForm.allCases.map(\.rawValue), default: base.unicode.rawValue)) ?? base.unicode
        quotes = QuoteStyle(rawValue: values.choice("quotes", QuoteStyle.allCases.map(\.rawValue), default: base.quotes.rawValue)) ?? base.quotes
        dashes = DashStyle(rawValue: values.choice("dashes", DashStyle.allCases.map(\.rawValue), default: base.dashes.rawValue)) ?? base.dashes
        ligatures = values.bool("ligatures", default: base.ligatures)
        fullWidth = values.bool("full-width", default: base.fullWidth)
        dehyphenate = values.bool("dehyphenate", default: base.dehyphenate)
        joinLines = values.bool("join-lines", default: base.joinLines)
        mojibake = values.bool("mojibake", default: base.mojibake)
    }

    /// Whether any character folding (quotes, dashes, ligatures, full-width) is on.
    var folds: Bool { quotes == .straight || dashes == .ascii || ligatures || fullWidth }

    /// Whether line breaks inside blocks may be joined.
    var joins: Bool { dehyphenate || joinLines }
}
