/// Folds typographic characters to plain ones, as the options ask: curly quotes, dashes and the
/// ellipsis, ligatures, full-width forms.
///
/// | option             | folds                                                            |
/// |--------------------|------------------------------------------------------------------|
/// | `quotes: straight` | ‘ ’ ‚ ‛ → ' and “ ” „ ‟ → " (guillemets « » and primes ′ ″ stay) |
/// | `dashes: ascii`    | ‐ ‑ ‒ – − → -, — ― → --, … → ...                                 |
/// | `ligatures`        | ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ → ff fi fl ffi ffl st st                            |
/// | `full-width`       | U+FF01...U+FF5E → ASCII, ￠ ￡ ￢ ￣ ￤ ￥ ￦ → ¢ £ ¬ ¯ ¦ ¥ ₩          |
///
/// Guillemets and primes stay because they are not curly quotes: « » are the quotes of French
/// and Russian, and ′ ″ mean feet, inches, minutes. `unicode: nfkc` folds ligatures and
/// full-width forms too (and more: superscripts, fractions); these options do it without NFKC's
/// other changes. The ideographic space U+3000 is a Unicode space, folded always.
enum CharacterFolder {
    /// Folds `text` per `options`, using `scratch` as the output buffer. Returns whether anything
    /// changed, and whether a fold made a non-ASCII character, such as "¥" from "￥", that may
    /// complete mojibake.
    static func apply(_ text: inout [Unicode.Scalar], options: NormalizeOptions, scratch: inout [Unicode.Scalar], counts: inout NormalizeFixCounts) -> (changed: Bool, feedsBack: Bool) {
        guard options.folds, let first = text.firstIndex(where: { $0.value >= 0x2010 }) else { return (false, false) }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: text[..<first])
        var changed = false
        var feedsBack = false
        for scalar in text[first...] {
            if scalar.value < 0x2010 {
                scratch.append(scalar)
            } else if let (replacement, fix) = fold(scalar, options: options) {
                scratch.append(contentsOf: replacement.unicodeScalars)
                counts[fix] += 1
                changed = true
                feedsBack = feedsBack || replacement.unicodeScalars.contains { $0.value >= 0x80 }
            } else {
                scratch.append(scalar)
            }
        }
        if changed { swap(&text, &scratch) }
        return (changed, feedsBack)
    }

    /// The replacement of one character and the kind of fix, or nil when it stays.
    static func fold(_ scalar: Unicode.Scalar, options: NormalizeOptions) -> (String, NormalizeFix)? {
        let value = scalar.value
        switch value {
        case 0x2018, 0x2019, 0x201A, 0x201B:
            return options.quotes == .straight ? ("'", .quote) : nil
        case 0x201C, 0x201D, 0x201E, 0x201F:
            return options.quotes == .straight ? ("\"", .quote) : nil
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2212:
            return options.dashes == .ascii ? ("-", .dash) : nil
        case 0x2014, 0x2015:
            return options.dashes == .ascii ? ("--", .dash) : nil
        case 0x2026:
            return options.dashes == .ascii ? ("...", .ellipsis) : nil
        case 0xFB00...0xFB06:
            return options.ligatures ? (ligatures[Int(value - 0xFB00)], .ligature) : nil
        case 0xFF01...0xFF5E:
            guard options.fullWidth, let ascii = Unicode.Scalar(value - 0xFEE0) else { return nil }
            return (String(Character(ascii)), .fullWidth)
        case 0xFFE0...0xFFE6:
            guard options.fullWidth, let sign = Unicode.Scalar(fullWidthSigns[Int(value - 0xFFE0)]) else { return nil }
            return (String(Character(sign)), .fullWidth)
        default:
            return nil
        }
    }

    /// The letters of U+FB00...U+FB06.
    static let ligatures = ["ff", "fi", "fl", "ffi", "ffl", "st", "st"]

    /// The ordinary forms of U+FFE0...U+FFE6.
    static let fullWidthSigns: [UInt32] = [0xA2, 0xA3, 0xAC, 0xAF, 0xA6, 0xA5, 0x20A9]
}
