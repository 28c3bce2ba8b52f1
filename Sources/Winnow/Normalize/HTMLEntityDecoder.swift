/// Decodes HTML character references left in text: `&amp;`, `&eacute;`, `&#8217;`, `&#x2019;`.
///
/// Only complete references (ending in ";") are decoded; "AT&T" and "&copy 2024" stay. Numeric
/// references to U+0080...U+009F mean the windows-1252 character, as browsers read them;
/// references to NUL, surrogates or past U+10FFFF are left as they are. Double-escaped text
/// (`&amp;lt;`) decodes all the way, so that decoding again changes nothing.
enum HTMLEntityDecoder {
    /// Decodes the references in `text`, using `scratch` as the output buffer; returns whether
    /// anything changed.
    static func apply(_ text: inout [Unicode.Scalar], scratch: inout [Unicode.Scalar], counts: inout NormalizeFixCounts) -> Bool {
        var changed = false
        while text.contains("&"), decodeOnce(text, into: &scratch, counts: &counts) {
            swap(&text, &scratch)
            changed = true
        }
        return changed
    }

    /// One left-to-right pass; returns whether any reference was decoded.
    static func decodeOnce(_ text: [Unicode.Scalar], into output: inout [Unicode.Scalar], counts: inout NormalizeFixCounts) -> Bool {
        output.removeAll(keepingCapacity: true)
        var changed = false
        var index = 0
        while index < text.count {
            let scalar = text[index]
            if scalar == "&", let (value, length) = reference(at: index, in: text) {
                output.append(value)
                index += length
                counts[.htmlEntity] += 1
                changed = true
            } else {
                output.append(scalar)
                index += 1
            }
        }
        return changed
    }

    /// The character and length of a complete reference starting with the "&" at `start`.
    static func reference(at start: Int, in text: [Unicode.Scalar]) -> (Unicode.Scalar, Int)? {
        let first = start + 1
        guard first < text.count else { return nil }
        if text[first] == "#" {
            return numeric(at: first + 1, start: start, in: text)
        }
        var end = first
        while end < text.count, end - first <= HTMLEntityTable.longestName, isAlphanumeric(text[end]) {
            end += 1
        }
        guard end > first, end < text.count, text[end] == ";" else { return nil }
        let name = TextNormalizer.string(from: text[first..<end])
        guard let scalar = HTMLEntityTable.scalar(named: name) else { return nil }
        return (scalar, end + 1 - start)
    }

    /// A decimal (`&#233;`) or hexadecimal (`&#xE9;`) reference whose digits start at `index`.
    static func numeric(at index: Int, start: Int, in text: [Unicode.Scalar]) -> (Unicode.Scalar, Int)? {
        var position = index
        var radix: UInt32 = 10
        if position < text.count, text[position] == "x" || text[position] == "X" {
            radix = 16
            position += 1
        }
        let digitsStart = position
        var value: UInt32 = 0
        while position < text.count, position - digitsStart < 8, let digit = digitValue(text[position], radix: radix) {
            value = value * radix + digit
            position += 1
        }
        guard position > digitsStart, position < text.count, text[position] == ";" else { return nil }
        guard value != 0, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else { return nil }
        let mapped = (0x80...0x9F).contains(value) ? HTMLEntityTable.numericC1(value) : value
        guard let scalar = Unicode.Scalar(mapped) else { return nil }
        return (scalar, position + 1 - start)
    }

    /// The value of a digit in base 10 or 16.
    static func digitValue(_ scalar: Unicode.Scalar, radix: UInt32) -> UInt32? {
        let value = scalar.value
        switch value {
        case 0x30...0x39: return value - 0x30
        case 0x41...0x46 where radix == 16: return value - 0x41 + 10
        case 0x61...0x66 where radix == 16: return value - 0x61 + 10
        default: return nil
        }
    }

    /// Whether a scalar is an ASCII letter or digit.
    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        default: return false
        }
    }
}
