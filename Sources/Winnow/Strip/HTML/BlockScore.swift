/// How likely a block is main content, from its own text alone.
enum BlockScore {
    /// A probability-like score in 0...1: long prose with few links scores high; short, link-heavy
    /// or furniture-phrased text scores low.
    static func probability(_ block: Block) -> Double {
        let length = block.text.utf8.count
        return probability(block, shortPhrase: length > 0 && length < 120 ? Boilerplate.phraseReason(block.text) : nil)
    }

    /// ``probability(_:)`` with the block's furniture phrase (``Boilerplate/phraseReason(_:)``,
    /// read when the block is under 120 bytes) already read.
    static func probability(_ block: Block, shortPhrase: String?) -> Double {
        let text = block.text
        let length = text.utf8.count
        guard length > 0 else { return 0 }
        let linkDensity = min(1, Double(block.linkLength) / Double(length))
        var score: Double
        switch length {
        case 200...: score = 0.95
        case 100..<200: score = 0.8
        case 50..<100: score = 0.65
        case 25..<50: score = 0.5
        default: score = 0.35
        }
        if block.kind != .code && Self.looksLikeMarkup(text) { return 0.02 }
        let punctuation = Self.sentenceMarks(text)
        if punctuation == 0 && length < 200 { score -= 0.1 }
        if punctuation >= 2 { score += 0.05 }
        switch block.kind {
        case .heading: score = max(score, 0.5)
        case .code, .table: score = max(score, 0.6)
        case .quote: score = max(score, 0.55)
        case .caption: score = min(score, 0.3)
        default: break
        }
        if linkDensity > 0.2 {
            // A link with a title-like text (several words) is an item of a listing more often
            // than a menu entry, which is one or two words.
            let words = Self.wordCount(text)
            let penalty = length > 150 ? 0.6 : words >= 5 ? 0.45 : 0.9
            score *= 1 - (linkDensity - 0.2) * penalty
        }
        if length < 120, shortPhrase != nil {
            score = min(score, 0.05)
        } else if Boilerplate.isCredit(text) || Boilerplate.isCookieNotice(text) {
            score = min(score, 0.1)
        } else if length < 90, text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }), Boilerplate.isDateline(text) {
            score = min(score, 0.15)
        }
        return max(0, min(1, score))
    }

    /// Whether text is script, JSON or markup that leaked into the page's text: a high share of
    /// braces, brackets, quotes, equals signs and angle brackets.
    static func looksLikeMarkup(_ text: String) -> Bool {
        if let looks = text.utf8.withContiguousStorageIfAvailable({ bytes -> Bool in
            var symbols = 0
            for byte in bytes { symbols &+= Int(markupSymbols[Int(byte)]) }
            return bytes.count >= 40 && symbols * 12 > bytes.count
        }) {
            return looks
        }
        return looksLikeMarkupByByte(text)
    }

    /// 1 for the bytes ``looksLikeMarkup(_:)`` counts: `{ } [ ] = < > " ' ; $`.
    static let markupSymbols: [UInt8] = (0..<256).map { Array("{}[]=<>\"';$".utf8).contains(UInt8($0)) ? 1 : 0 }

    /// ``looksLikeMarkup(_:)`` byte by byte through the string's view (and for tests).
    static func looksLikeMarkupByByte(_ text: String) -> Bool {
        var symbols = 0
        var total = 0
        for byte in text.utf8 {
            total += 1
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "="),
                UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: ";"), UInt8(ascii: "$"):
                symbols += 1
            default:
                break
            }
        }
        return total >= 40 && symbols * 12 > total
    }

    /// Number of words (runs separated by spaces).
    static func wordCount(_ text: String) -> Int {
        if let count = text.utf8.withContiguousStorageIfAvailable({ bytes -> Int in
            var count = 0
            var inWord = false
            for byte in bytes {
                let space = byte == 0x20 || byte == 0x0A
                count &+= !space && !inWord ? 1 : 0
                inWord = !space
            }
            return count
        }) {
            return count
        }
        return wordCountByByte(text)
    }

    /// ``wordCount(_:)`` byte by byte through the string's view (and for tests).
    static func wordCountByByte(_ text: String) -> Int {
        var count = 0
        var inWord = false
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x0A {
                inWord = false
            } else if !inWord {
                inWord = true
                count += 1
            }
        }
        return count
    }

    /// Number of sentence-ending or clause marks in the text.
    static func sentenceMarks(_ text: String) -> Int {
        // In UTF-8 the marks are . ! ? ; , and the byte sequences of 。！？،। (a continuation
        // byte never equals a lead byte, so matching bytes are whole characters).
        if let count = text.utf8.withContiguousStorageIfAvailable({ bytes -> Int in
            var count = 0
            var index = 0
            let end = bytes.count
            while index < end {
                let byte = bytes[index]
                index += 1
                if byte < 0x80 {
                    if byte == 0x2E || byte == 0x21 || byte == 0x3F || byte == 0x3B || byte == 0x2C { count += 1 }
                    continue
                }
                switch byte {
                case 0xD8:  // ، U+060C
                    if index < end, bytes[index] == 0x8C { count += 1 }
                case 0xE0:  // । U+0964
                    if index + 1 < end, bytes[index] == 0xA5, bytes[index + 1] == 0xA4 { count += 1 }
                case 0xE3:  // 。 U+3002
                    if index + 1 < end, bytes[index] == 0x80, bytes[index + 1] == 0x82 { count += 1 }
                case 0xEF:  // ！ U+FF01, ？ U+FF1F
                    if index + 1 < end, bytes[index] == 0xBC, bytes[index + 1] == 0x81 || bytes[index + 1] == 0x9F { count += 1 }
                default:
                    break
                }
            }
            return count
        }) {
            return count
        }
        return sentenceMarksByScalar(text)
    }

    /// ``sentenceMarks(_:)`` scalar by scalar (for strings without contiguous UTF-8, and tests).
    static func sentenceMarksByScalar(_ text: String) -> Int {
        var count = 0
        for scalar in text.unicodeScalars {
            switch scalar {
            case ".", "!", "?", ";", ",", "。", "！", "？", "،", "।": count += 1
            default: break
            }
        }
        return count
    }
}
