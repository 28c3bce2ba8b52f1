/// A run of characters that is the windows-1252 (or Latin-1) reading of one valid UTF-8 sequence:
/// "Ã©" for "é", "â€™" for "’", "ðŸ˜€" for "😀".
///
/// Characters map back to bytes the "sloppy" way browsers and ``TextDecoding`` read them: the
/// windows-1252 characters for 0x80...0x9F, C1 controls for the bytes windows-1252 leaves
/// undefined, and Latin-1 for the rest.
struct MojibakeCandidate: Equatable {
    /// The index of the lead character in the text.
    var start: Int
    /// How many characters the sequence spans (2...4).
    var length: Int
    /// The character the bytes decode to; nil when the repair removes the characters.
    var value: Unicode.Scalar?

    /// The index just past the sequence.
    var end: Int { start + length }

    /// The byte a character stands for when it reads as a UTF-8 continuation byte (0x80...0xBF).
    static func continuationByte(_ scalar: Unicode.Scalar) -> UInt32? {
        let value = scalar.value
        if (0x80...0xBF).contains(value) { return value }
        switch value {
        case 0x20AC: return 0x80
        case 0x201A: return 0x82
        case 0x0192: return 0x83
        case 0x201E: return 0x84
        case 0x2026: return 0x85
        case 0x2020: return 0x86
        case 0x2021: return 0x87
        case 0x02C6: return 0x88
        case 0x2030: return 0x89
        case 0x0160: return 0x8A
        case 0x2039: return 0x8B
        case 0x0152: return 0x8C
        case 0x017D: return 0x8E
        case 0x2018: return 0x91
        case 0x2019: return 0x92
        case 0x201C: return 0x93
        case 0x201D: return 0x94
        case 0x2022: return 0x95
        case 0x2013: return 0x96
        case 0x2014: return 0x97
        case 0x02DC: return 0x98
        case 0x2122: return 0x99
        case 0x0161: return 0x9A
        case 0x203A: return 0x9B
        case 0x0153: return 0x9C
        case 0x017E: return 0x9E
        case 0x0178: return 0x9F
        default: return nil
        }
    }

    /// The number of continuation bytes a lead character (Â...ô, bytes 0xC2...0xF4) announces, else 0.
    static func continuationCount(_ scalar: Unicode.Scalar) -> Int {
        switch scalar.value {
        case 0xC2...0xDF: return 1
        case 0xE0...0xEF: return 2
        case 0xF0...0xF4: return 3
        default: return 0
        }
    }

    /// The candidate whose lead character is at `start`, if the following characters complete a
    /// valid UTF-8 sequence (no overlong forms, surrogates or values past U+10FFFF).
    static func at(_ start: Int, in text: [Unicode.Scalar]) -> MojibakeCandidate? {
        let lead = text[start].value
        let count = continuationCount(text[start])
        guard count > 0, start + count < text.count else { return nil }
        var value = lead & (count == 1 ? 0x1F : count == 2 ? 0x0F : 0x07)
        for offset in 1...count {
            guard let byte = continuationByte(text[start + offset]) else { return nil }
            if offset == 1 {
                switch lead {
                case 0xE0 where byte < 0xA0, 0xED where byte > 0x9F, 0xF0 where byte < 0x90, 0xF4 where byte > 0x8F:
                    return nil
                default:
                    break
                }
            }
            value = value << 6 | (byte & 0x3F)
        }
        guard let scalar = Unicode.Scalar(value) else { return nil }
        return MojibakeCandidate(start: start, length: count + 1, value: scalar)
    }

    /// Whether the repaired character is plausible: assigned text for three- and four-byte
    /// sequences; for two-byte ones, a character of a block that real mojibake comes from
    /// (Latin-1, Latin Extended-A, Vietnamese, Romanian and Azerbaijani letters of Extended-B,
    /// combining marks, Greek, Cyrillic, Hebrew letters, Arabic) rather than IPA, Syriac or NKo.
    var isPlausible: Bool {
        guard decodesToText, let value else { return false }
        guard length == 2 else { return true }
        switch value.value {
        case 0xA0...0x17F, 0x1A0, 0x1A1, 0x1AF, 0x1B0, 0x218...0x21B, 0x259, 0x300...0x4FF, 0x5D0...0x5EA, 0x600...0x6FF:
            return true
        default:
            return false
        }
    }

    /// Whether the repaired character would be text: not a control, private-use, surrogate or
    /// unassigned code point.
    var decodesToText: Bool {
        guard let value else { return false }
        switch value.properties.generalCategory {
        case .control, .privateUse, .surrogate, .unassigned: return false
        default: return true
        }
    }
}
