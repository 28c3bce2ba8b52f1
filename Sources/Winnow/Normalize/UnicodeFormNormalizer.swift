import Foundation

/// Applies NFC or NFKC to a block, calling Foundation only when a character may change.
///
/// A quick check passes over text made only of characters that are stable under the form and
/// cannot combine with a neighbour (ASCII, Latin-1 letters, common Cyrillic, Greek, kana, CJK
/// ideographs, Hangul syllables...). Anything else goes through Foundation's
/// `precomposedStringWithCanonicalMapping` (NFC) or `...CompatibilityMapping` (NFKC).
///
/// The check errs on the side of calling Foundation: a character outside the listed ranges is
/// assumed to need it, and Foundation's answer is compared with the input, so that a block is
/// only rewritten (and counted, once per block, as `nfc` or `nfkc`) when normalization really
/// changed it. Text in the listed scripts that needs nothing costs one pass over its characters.
enum UnicodeFormNormalizer {
    /// Normalizes `text` to `form`; returns whether it changed (counted once per block).
    static func apply(_ text: inout [Unicode.Scalar], form: NormalizeOptions.UnicodeForm, counts: inout NormalizeFixCounts) -> Bool {
        let compatibility: Bool
        switch form {
        case .none: return false
        case .nfc: compatibility = false
        case .nfkc: compatibility = true
        }
        guard text.contains(where: { !isStable($0, compatibility: compatibility) }) else { return false }
        let string = TextNormalizer.string(from: text)
        let normalized = compatibility ? string.precomposedStringWithCompatibilityMapping : string.precomposedStringWithCanonicalMapping
        guard !normalized.unicodeScalars.elementsEqual(text) else { return false }
        text.removeAll(keepingCapacity: true)
        text.append(contentsOf: normalized.unicodeScalars)
        counts[compatibility ? .nfkc : .nfc] += 1
        return true
    }

    /// Whether a character is stable under the form whatever its neighbours: it has no
    /// decomposition of the kind the form applies, is not a combining mark, and no following
    /// mark composes with it in practice (for letters that marks compose with, the marks
    /// themselves fail the check, so the pair goes to Foundation).
    @inline(__always)
    static func isStable(_ scalar: Unicode.Scalar, compatibility: Bool) -> Bool {
        let value = scalar.value
        if value < 0xA0 { return true }
        return compatibility ? isNFKCStable(value) : isNFCStable(value)
    }

    /// NFC: Latin to U+02FF, Latin Extended Additional, Greek and Cyrillic letters, Hebrew and
    /// Arabic letters, punctuation, symbols and arrows (but the Ohm, Kelvin and Ångström signs
    /// and the angle brackets, which are singletons), kana, CJK, Hangul syllables, full-width
    /// forms, emoji.
    @inline(__always)
    static func isNFCStable(_ value: UInt32) -> Bool {
        switch value {
        case 0xA0...0x2FF, 0x375...0x37D, 0x37F...0x386, 0x388...0x3FF, 0x400...0x482, 0x48A...0x52F, 0x5D0...0x5EA, 0x621...0x64A,
             0x1E00...0x1EFF, 0x2010...0x20CF, 0x2100...0x2125, 0x2127...0x2129, 0x212C...0x2328, 0x232B...0x2ADB, 0x2ADD...0x2BFF,
             0x3001...0x3029, 0x3041...0x3096, 0x30A1...0x30FA, 0x30FC...0x30FE, 0x4E00...0x9FFF, 0xAC00...0xD7A3,
             0xFF01...0xFFEF, 0x1F000...0x1FAFF:
            return true
        default:
            return false
        }
    }

    /// NFKC: the Latin-1 signs and letters without compatibility forms, Latin Extended-A but
    /// Ĳ ĳ Ŀ ŀ ŉ ſ, Latin Extended Additional but ẚ ẛ, Greek and Cyrillic letters, Hebrew and
    /// Arabic letters, the dashes, quotes and signs that NFKC keeps, arrows, kana, CJK, Hangul
    /// syllables, emoji.
    @inline(__always)
    static func isNFKCStable(_ value: UInt32) -> Bool {
        switch value {
        case 0xA1...0xA7, 0xA9, 0xAB...0xAE, 0xB0, 0xB1, 0xB6, 0xB7, 0xBB, 0xBF,
             0xC0...0x131, 0x134...0x13E, 0x141...0x148, 0x14A...0x17E, 0x1E00...0x1E99, 0x1E9C...0x1EFF,
             0x391...0x3C9, 0x400...0x482, 0x5D0...0x5EA, 0x621...0x64A,
             0x2010, 0x2012...0x2016, 0x2018...0x2023, 0x2027, 0x2030...0x2032, 0x2035, 0x2038...0x203B, 0x203D,
             0x2041...0x2046, 0x204A...0x2056, 0x20AC, 0x2190...0x21FF,
             0x3001...0x3029, 0x3041...0x3096, 0x30A1...0x30FA, 0x30FC...0x30FE, 0x4E00...0x9FFF, 0xAC00...0xD7A3,
             0x1F300...0x1FAFF:
            return true
        default:
            return false
        }
    }
}
