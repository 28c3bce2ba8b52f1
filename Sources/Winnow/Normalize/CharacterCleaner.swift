/// Removes control and stray format characters, unifies line breaks, and folds Unicode spaces.
///
/// - CR LF, CR, NEL, vertical tab, form feed, U+2028 and U+2029 become "\n".
/// - A tab becomes a space; no-break and other Unicode spaces (U+00A0, U+2000...U+200A, U+202F,
///   U+205F, U+3000...) become a space.
/// - Other C0 and C1 controls are removed, and so are format characters (zero-width space, soft
///   hyphen, BOM, word joiner, bidi marks and embeddings), except ZWJ and ZWNJ (which Indic and
///   Persian text and emoji sequences need), tag characters (flag sequences) and the prepended
///   concatenation marks of Arabic and other numbers.
enum CharacterCleaner {
    /// What happens to one character.
    enum Action {
        /// The character stays.
        case keep
        /// The character becomes another, counted as a fix of the given kind.
        case replace(Unicode.Scalar, NormalizeFix)
        /// The character is removed, counted as a fix of the given kind.
        case remove(NormalizeFix)
    }

    /// Cleans `text`, using `scratch` as the output buffer. Returns whether anything changed and
    /// whether a character was removed (which can join characters that earlier fixes look at).
    static func apply(_ text: inout [Unicode.Scalar], scratch: inout [Unicode.Scalar], counts: inout NormalizeFixCounts) -> (changed: Bool, removed: Bool) {
        guard let first = text.firstIndex(where: { !isPlain($0) }) else { return (false, false) }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: text[..<first])
        var changed = false
        var removed = false
        var index = first
        while index < text.count {
            let scalar = text[index]
            index += 1
            if isPlain(scalar) {
                scratch.append(scalar)
                continue
            }
            if scalar == "\r", index < text.count, text[index] == "\n" {
                counts[.lineBreak] += 1
                changed = true
                continue
            }
            switch action(for: scalar) {
            case .keep:
                scratch.append(scalar)
            case .replace(let replacement, let fix):
                scratch.append(replacement)
                counts[fix] += 1
                changed = true
            case .remove(let fix):
                counts[fix] += 1
                changed = true
                removed = true
            }
        }
        if changed { swap(&text, &scratch) }
        return (changed, removed)
    }

    /// Whether a character certainly needs nothing: printable ASCII, "\n", and most letters.
    @inline(__always)
    static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return value >= 0x20 ? value != 0x7F : value == 0x0A }
        if value < 0x600 { return value > 0xAD || (value > 0xA0 && value != 0xAD) }
        if value < 0x1680 { return value != 0x61C }
        return !((0x2000...0x206F).contains(value) || value == 0x1680 || value == 0x180E || value == 0x3000
            || value == 0xFEFF || (0xFFF9...0xFFFB).contains(value) || value >= 0x13430)
    }

    /// The action for a character that is not plain.
    static func action(for scalar: Unicode.Scalar) -> Action {
        switch scalar.value {
        case 0x0A:
            return .keep
        case 0x09:
            return .replace(" ", .whitespace)
        case 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029:
            return .replace("\n", .lineBreak)
        case 0x00...0x1F, 0x7F...0x9F:
            return .remove(.controlCharacter)
        case 0x200C, 0x200D, 0xE0020...0xE007F, 0x110BD, 0x110CD:
            return .keep
        default:
            switch scalar.properties.generalCategory {
            case .spaceSeparator:
                return .replace(" ", .unicodeSpace)
            case .format:
                return .remove(.formatCharacter)
            default:
                return .keep
            }
        }
    }
}
