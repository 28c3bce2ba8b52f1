/// What the text stripper counts in one block, in a single pass over its Unicode scalars:
/// words, letters, capitals, digits, sentence ends, separators, words run together, and the
/// hashes of its words for the vocabulary and phrase lookups.
struct TextMeasure: Sendable {
    /// Runs of non-whitespace.
    var words = 0
    /// Words holding a letter or digit.
    var cleanWords = 0
    /// Unicode scalars.
    var scalars = 0
    /// Letters, and upper-case letters among them.
    var letters = 0, uppercase = 0
    /// Decimal digits.
    var digits = 0
    /// Words starting with a capital, and with a lower-case letter.
    var capitalised = 0, lowerStart = 0
    /// Lower-to-upper changes inside words: `NewsBusinessMovies` has two.
    var runTogether = 0
    /// Words that look like code (`_`, `{`, `}`, `=`, `()`).
    var codeWords = 0
    /// Words that look like a web or mail address.
    var addresses = 0
    /// Commas, item separators (`|`, `•`, `·`) and line breaks.
    var commas = 0, separators = 0, lineBreaks = 0
    /// Sentence ends followed by a capital: `... here. The ...`.
    var sentenceBreaks = 0
    /// Whether the block holds `©`.
    var copyrightSign = false
    /// Scalars in clean words (from their first to their last letter or digit).
    var cleanLength = 0
    /// Clean words without letters (numbers, prices, dates).
    var numberWords = 0
    /// The last scalar that is neither whitespace nor a closing quote or bracket.
    var endMark: UInt32 = 0
    /// A hash of the block's words in order, for finding repeated blocks; 0 when it has none.
    var textHash: UInt64 = 0

    /// Measures `text`, appending its clean words' hashes to `hashes`.
    init(_ text: String, hashes: inout [UInt64]) {
        var wordScalars = 0, hash = TextVocabulary.emptyHash, cleanHash: UInt64 = 0, cleanCount = 0, cleanSeen = 0
        var hasLetter = false, previousLower = false, previousOpen = false
        var head: UInt32 = 0
        var sentence = 0
        func endWord(_ measure: inout TextMeasure) {
            guard wordScalars > 0 else { return }
            measure.words += 1
            if cleanCount > 0 {
                measure.cleanWords += 1
                measure.cleanLength += cleanCount
                if !hasLetter { measure.numberWords += 1 }
                hashes.append(cleanHash)
                measure.textHash = (measure.textHash ^ cleanHash) &* 0x100_0000_01b3 &+ 1
            }
            if head == 0x68747470 || head == 0x7777772E { measure.addresses += 1 }
            wordScalars = 0; hash = TextVocabulary.emptyHash; cleanHash = 0; cleanCount = 0; cleanSeen = 0
            hasLetter = false; previousLower = false; previousOpen = false; head = 0
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            scalars += 1
            if value == 0x20 || value == 0x0A || value == 0x09 || value == 0x0D || (value >= 0x80 && scalar.properties.isWhitespace) {
                if value == 0x0A { lineBreaks += 1 }
                endWord(&self)
                if sentence == 1 || sentence == 2 { sentence = 2 } else { sentence = 0 }
                continue
            }
            let isLetter: Bool, isUpper: Bool, isLower: Bool, isDigit: Bool
            if value < 0x80 {
                isUpper = value >= 0x41 && value <= 0x5A
                isLower = value >= 0x61 && value <= 0x7A
                isLetter = isUpper || isLower
                isDigit = value >= 0x30 && value <= 0x39
            } else {
                let properties = scalar.properties
                isLetter = properties.isAlphabetic
                isUpper = isLetter && properties.isUppercase
                isLower = isLetter && properties.isLowercase
                isDigit = !isLetter && properties.numericType == .decimal
            }
            if wordScalars == 0 {
                if isUpper { capitalised += 1 } else if isLower { lowerStart += 1 }
            }
            if wordScalars < 4 { head = head << 8 | (TextVocabulary.lower(value) & 0xFF) }
            wordScalars += 1
            if isLetter {
                letters += 1
                hasLetter = true
                if isUpper { uppercase += 1 }
                if isUpper && previousLower { runTogether += 1 }
            } else if isDigit {
                digits += 1
            }
            if isLetter || isDigit || (!isLetter && value >= 0x80 && scalar.properties.numericType != nil) {
                hash = TextVocabulary.mix(hash, value)
                cleanSeen += 1
                cleanHash = hash
                cleanCount = cleanSeen
            } else if cleanSeen > 0 {
                hash = TextVocabulary.mix(hash, value)
                cleanSeen += 1
            }
            previousLower = isLower
            switch value {
            case 0x2C: commas += 1
            case 0x7C, 0x2022, 0xB7: separators += 1
            case 0xA9: copyrightSign = true
            case 0x5F, 0x7B, 0x7D, 0x3D: if wordScalars > 1 || value != 0x3D { codeWords += 1 }
            case 0x29 where previousOpen: codeWords += 1
            case 0x40: addresses += 1
            default: break
            }
            previousOpen = value == 0x28
            switch sentence {
            case 0, 1: sentence = (value == 0x2E || value == 0x21 || value == 0x3F || value == 0x2026) ? 1 : (sentence == 1 && Self.isCloser(value) ? 1 : 0)
            case 2, 3:
                if isUpper { sentenceBreaks += 1; sentence = 0 } else { sentence = Self.isOpener(value) && sentence == 2 ? 3 : 0 }
            default: sentence = 0
            }
            if !Self.isCloser(value) { endMark = value }
        }
        endWord(&self)
    }

    /// Closing quotes and brackets, skipped when looking for a block's last mark.
    @inline(__always)
    static func isCloser(_ value: UInt32) -> Bool {
        value == 0x22 || value == 0x27 || value == 0x201D || value == 0x2019 || value == 0xBB || value == 0x29 || value == 0x5D
    }

    /// Opening quotes and brackets that may stand before a sentence's first capital.
    @inline(__always)
    static func isOpener(_ value: UInt32) -> Bool {
        value == 0x22 || value == 0x201C || value == 0x201E || value == 0xAB || value == 0x28
    }

    /// Whether the block ends a sentence: `.`, `!`, `?` or `…`, closing quotes aside.
    var endsSentence: Bool {
        endMark == 0x2E || endMark == 0x21 || endMark == 0x3F || endMark == 0x2026
    }
}
