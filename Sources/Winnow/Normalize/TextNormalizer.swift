/// Normalizes the text of one block at a time, counting every fix: the engine of the `normalize` stage.
///
/// Fixes run in this order, each on the output of the one before:
///
/// 1. HTML entities (``HTMLEntityDecoder``)
/// 2. mojibake (``MojibakeRepair``), before anything folds the no-break spaces and C1 controls it needs
/// 3. controls, format characters, line breaks, Unicode spaces (``CharacterCleaner``)
/// 4. quotes, dashes, ligatures, full-width forms (``CharacterFolder``)
/// 5. NFC or NFKC (``UnicodeFormNormalizer``)
/// 6. whitespace (``LineLayout/collapseWhitespace(_:scratch:counts:)``)
/// 7. dehyphenation and line joining (``LineLayout/joinLines(_:options:scratch:counts:)``), for running text only
///
/// A later fix can occasionally make work for an earlier one (removing a zero-width space between
/// "Ã" and "©", NFKC turning "＆" into "&"); the round is then repeated, so that the result is a
/// fixed point: normalizing it again changes nothing. Code blocks are never changed.
///
/// Most text needs nothing: a block of printable ASCII with single spaces and nothing to decode
/// is returned as it is after one pass over its bytes.
public struct TextNormalizer {
    /// The options in force.
    public let options: NormalizeOptions
    /// The fixes counted since the counts were last drained.
    public var counts = NormalizeFixCounts()
    /// The working text, reused between blocks.
    private var text: [Unicode.Scalar] = []
    /// The output buffer of the current fix, reused between blocks.
    private var scratch: [Unicode.Scalar] = []

    /// The most rounds a block gets; the fixes converge in two in practice.
    static let maximumRounds = 6

    /// Creates a normalizer.
    public init(options: NormalizeOptions = NormalizeOptions()) {
        self.options = options
    }

    /// The normalized text of a block of `kind`; empty when nothing is left. Code is returned as is.
    public mutating func normalize(_ input: String, kind: Block.Kind = .paragraph) -> String {
        normalizedIfChanged(input, kind: kind) ?? input
    }

    /// The normalized text of a block of `kind`, or nil when normalizing changes nothing.
    ///
    /// Use this rather than comparing strings: Swift's `==` treats canonically equivalent text
    /// as equal, so an NFC-only change would look like no change.
    public mutating func normalizedIfChanged(_ input: String, kind: Block.Kind = .paragraph) -> String? {
        normalizedIfChanged(input, kind: kind, fastPath: true)
    }

    /// ``normalizedIfChanged(_:kind:)``, optionally without the clean-text shortcut (tests check
    /// that the shortcut never skips a fix).
    mutating func normalizedIfChanged(_ input: String, kind: Block.Kind, fastPath: Bool) -> String? {
        if kind == .code { return nil }
        let joins = options.joins && Self.joinsLines(kind)
        if fastPath, Self.isClean(input, joins: joins) { return nil }
        Self.decode(input, into: &text)
        var changedAtAll = false
        for _ in 0..<Self.maximumRounds {
            let (changed, again) = round(joins: joins)
            changedAtAll = changedAtAll || changed
            if !again { break }
        }
        guard changedAtAll else { return nil }
        return Self.string(from: text)
    }

    /// Replaces `scalars` with the scalars of `string`, decoding its UTF-8 (valid, as every
    /// String's is) in one pass rather than through the standard library's generic append.
    static func decode(_ string: String, into scalars: inout [Unicode.Scalar]) {
        scalars.removeAll(keepingCapacity: true)
        var string = string
        string.withUTF8 { bytes in
            scalars.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                let lead = UInt32(bytes[index])
                let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                var value = length == 1 ? lead : lead & (0xFF >> (length + 1))
                for offset in 1..<length where index + offset < bytes.count {
                    value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
                }
                scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
                index += length
            }
        }
    }

    /// A string made from scalars by encoding them to UTF-8 in one pass, several times faster
    /// than appending them to a `String.UnicodeScalarView` (the standard library's generic path).
    static func string<C: Collection>(from scalars: C) -> String where C.Element == Unicode.Scalar {
        var count = 0
        for scalar in scalars { count += UTF8.width(scalar) }
        return String(unsafeUninitializedCapacity: count) { buffer in
            var index = 0
            for scalar in scalars {
                let value = scalar.value
                switch value {
                case 0..<0x80:
                    buffer[index] = UInt8(value)
                    index += 1
                case 0x80..<0x800:
                    buffer[index] = UInt8(0xC0 | value >> 6)
                    buffer[index + 1] = UInt8(0x80 | value & 0x3F)
                    index += 2
                case 0x800..<0x10000:
                    buffer[index] = UInt8(0xE0 | value >> 12)
                    buffer[index + 1] = UInt8(0x80 | value >> 6 & 0x3F)
                    buffer[index + 2] = UInt8(0x80 | value & 0x3F)
                    index += 3
                default:
                    buffer[index] = UInt8(0xF0 | value >> 18)
                    buffer[index + 1] = UInt8(0x80 | value >> 12 & 0x3F)
                    buffer[index + 2] = UInt8(0x80 | value >> 6 & 0x3F)
                    buffer[index + 3] = UInt8(0x80 | value & 0x3F)
                    index += 4
                }
            }
            return index
        }
    }

    /// One round of every fix; returns whether anything changed, and whether a fix may have made
    /// work for an earlier one (so another round is needed).
    private mutating func round(joins: Bool) -> (changed: Bool, again: Bool) {
        var changed = HTMLEntityDecoder.apply(&text, scratch: &scratch, counts: &counts)
        var again = false
        if options.mojibake, MojibakeRepair.apply(&text, scratch: &scratch, counts: &counts) {
            changed = true
        }
        let cleaned = CharacterCleaner.apply(&text, scratch: &scratch, counts: &counts)
        changed = changed || cleaned.changed
        again = again || cleaned.removed
        let folded = CharacterFolder.apply(&text, options: options, scratch: &scratch, counts: &counts)
        changed = changed || folded.changed
        again = again || folded.feedsBack || (folded.changed && text.contains("&"))
        if UnicodeFormNormalizer.apply(&text, form: options.unicode, counts: &counts) {
            changed = true
            again = true
        }
        if LineLayout.collapseWhitespace(&text, scratch: &scratch, counts: &counts) {
            changed = true
        }
        if joins {
            let joined = LineLayout.joinLines(&text, options: options, scratch: &scratch, counts: &counts)
            changed = changed || joined.changed
            again = again || joined.dehyphenated
        }
        return (changed, again)
    }

    /// Whether lines of a block of this kind are running text that may be joined.
    static func joinsLines(_ kind: Block.Kind) -> Bool {
        switch kind {
        case .paragraph, .quote, .caption, .listItem: return true
        case .heading, .table, .code: return false
        }
    }

    /// Whether no fix can change the text: printable ASCII and "\n" only, no "&", no whitespace at
    /// the ends, no two whitespace characters in a row, and, when lines may be joined, no line
    /// break before a lowercase letter (the only breaks joining looks at).
    static func isClean(_ text: String, joins: Bool) -> Bool {
        var text = text
        return text.withUTF8 { isClean(bytes: $0, joins: joins) }
    }

    /// ``isClean(_:joins:)`` over UTF-8 bytes: one table lookup a byte.
    static func isClean(bytes: UnsafeBufferPointer<UInt8>, joins: Bool) -> Bool {
        guard !bytes.isEmpty else { return true }
        let classes = byteClasses
        var previousSpace = true
        for index in bytes.indices {
            switch classes[Int(bytes[index])] {
            case 0:
                previousSpace = false
            case 1:
                if previousSpace { return false }
                previousSpace = true
            case 2:
                if previousSpace { return false }
                if joins, index + 1 < bytes.count, (0x61...0x7A).contains(bytes[index + 1]) { return false }
                previousSpace = true
            default:
                return false
            }
        }
        return !previousSpace
    }

    /// Per byte: 0 printable ASCII but "&", 1 space, 2 line feed, 3 anything that needs a look.
    static let byteClasses: [UInt8] = (0...255).map { byte in
        switch byte {
        case 0x20: return 1
        case 0x0A: return 2
        case 0x26: return 3
        case 0x21...0x7E: return 0
        default: return 3
        }
    }
}
