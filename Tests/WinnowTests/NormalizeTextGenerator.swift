/// A seeded generator of awkward text for the normalizer's property tests: ASCII, accented
/// letters, CJK, emoji with ZWJ, other scripts, Unicode spaces, controls, format characters,
/// entities, mojibake, quotes and dashes, ligatures, full-width forms, combining marks and line
/// breaks, mixed with random single characters so that odd neighbours occur.
struct TextGenerator {
    /// SplitMix64 state.
    private var state: UInt64

    /// Creates a generator; the same seed gives the same strings.
    init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits (SplitMix64).
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<bound.
    mutating func int(below bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    /// A string of 0...24 pieces: mostly fragments, sometimes a random character.
    mutating func text() -> String {
        var result = ""
        for _ in 0..<int(below: 25) {
            if int(below: 4) == 0 {
                result.unicodeScalars.append(randomScalar())
            } else {
                result += Self.fragments[int(below: Self.fragments.count)]
            }
        }
        return result
    }

    /// A character from a range where normalization has work to do.
    mutating func randomScalar() -> Unicode.Scalar {
        let ranges: [ClosedRange<UInt32>] = [
            0x00...0x7F, 0x80...0xFF, 0x100...0x17F, 0x300...0x36F, 0x370...0x3FF, 0x400...0x4FF,
            0x2000...0x206F, 0x2100...0x218F, 0x3000...0x30FF, 0xFB00...0xFB06, 0xFE30...0xFE6F,
            0xFF00...0xFFEF, 0x1100...0x11FF, 0xAC00...0xAC20, 0x1F300...0x1F64F, 0xE0000...0xE007F,
        ]
        let range = ranges[int(below: ranges.count)]
        let value = range.lowerBound + UInt32(next() % UInt64(range.count))
        return Unicode.Scalar(value) ?? "?"
    }

    /// Pieces of text that exercise each fix, and its pitfalls.
    static let fragments: [String] = [
        "word", "Hello", "the", "A", "x", "42", ".", ",", ":", ";", "-", "&", "#", "amp", "lt", "x27", "e", " ", " ", "  ",
        "café", "naïve", "São", "JOÃO", "Ærø", "Ça", "déjà", "Ü", "ß", "ª", "º", "and", "the proposal",
        "東京", "日本語", "한국어", "カタカナ", "Привет", "Καλημέρα", "שלום", "مرحبا", "क्\u{200D}ष", "می\u{200C}خواهم",
        "👩\u{200D}💻", "👨\u{200D}👩\u{200D}👧", "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}", "❤\u{FE0F}",
        "\t", "\u{A0}", "\u{2009}", "\u{3000}", "\u{202F}", "\u{1680}",
        "\u{0}", "\u{7}", "\u{1B}", "\u{7F}", "\u{85}", "\u{9D}", "\u{81}", "\u{0B}", "\u{0C}",
        "\u{200B}", "\u{AD}", "\u{FEFF}", "\u{200E}", "\u{2060}", "\u{202E}", "\u{E0001}", "\u{600}",
        "&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&#x2019;", "&#146;", "&nbsp;", "&eacute;", "&amp;amp;", "&amp;lt;",
        "&bogus;", "&#0;", "&#x110000;", "&#", "&amp", "&#10;", "&#173;", "&Atilde;&copy;", "&#xFF06;", "&#x200B;", "&#65;",
        "donâ€™t", "CafÃ©", "Ã ", "Ã", "Â", "Â£", "Â\u{A0}", "ÐŸÑ€Ð¸", "Ñ‡", "Ã¢â‚¬â„¢", "â€œ", "â€", "ðŸ˜€", "Å‚", "Î¼",
        "×²", "Ã”", "IRMÃ”", "ï»¿", "Ã‰", "Ã\u{A0}", "©", "€", "™", "‰",
        "“", "”", "‘", "’", "„", "«", "»", "—", "–", "‐", "−", "…", "′", "″",
        "ﬁ", "ﬂ", "ﬃ", "ﬅ", "Ａ", "ｂ", "１", "＆", "！", "￥", "＂", "＇", "﹘",
        "e\u{301}", "\u{301}", "\u{308}", "A\u{303}", "\u{1100}\u{1161}", "\u{11A8}", "½", "²", "¨", "´", "Ǆ", "Ĳ", "Å", "K",
        "\n", "\r\n", "\r", "\u{2028}", "\u{2029}", "\n\n", " \n ", "-\n", "recom-\nmended", "state-of-\nthe-art", "a-\nb-\nc",
        "The committee said on Tuesday that the\nproposal", "Well-\nknown", ":\n", "\nsalt\npepper",
    ]
}
