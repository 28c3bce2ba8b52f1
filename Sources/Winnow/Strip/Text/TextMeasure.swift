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
    /// Commas, colons, item separators (`|`, `•`, `·`) and line breaks.
    var commas = 0, colons = 0, separators = 0, lineBreaks = 0
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

    /// The measure of an empty block.
    init() {}

    /// Measures `text`, appending its clean words' hashes to `hashes`.
    init(_ text: String, hashes: inout [UInt64]) {
        var reader = Reader(hashes: hashes)
        hashes = []
        var text = text
        text.makeContiguousUTF8()
        _ = text.utf8.withContiguousStorageIfAvailable { reader.read($0) }
        reader.endWord()
        self = reader.measure
        hashes = reader.hashes
    }

    /// The clean words of `text` as the measure hashes them: runs of non-whitespace from their
    /// first to their last letter or digit, lower-cased as ``TextVocabulary/lower(_:)`` does
    /// (for the training dump: the lexicon is learned over these words).
    static func cleanWords(_ text: String) -> [String] {
        var words: [String] = [], word = String.UnicodeScalarView(), pending = String.UnicodeScalarView()
        func close() {
            if !word.isEmpty { words.append(String(word)) }
            word = .init()
            pending = .init()
        }
        for scalar in text.unicodeScalars {
            let kind = kind(of: scalar.value)
            if kind == .space {
                close()
                continue
            }
            let clean = kind == .upper || kind == .lower || kind == .letter || kind == .digit || kind == .number
            guard let lowered = Unicode.Scalar(TextVocabulary.lower(scalar.value)) else { continue }
            if clean {
                word.append(contentsOf: pending)
                pending = .init()
                word.append(lowered)
            } else if !word.isEmpty {
                pending.append(lowered)
            }
        }
        close()
        return words
    }

    /// The state of one pass over a block's bytes (kept in one value, so that the loop's
    /// accesses need no dynamic exclusivity checks).
    private struct Reader {
        /// The counts so far.
        var measure = TextMeasure()
        /// The hashes of the clean words so far.
        var hashes: [UInt64]
        /// The current word: scalars, running hash, hash and length up to its last letter or digit.
        var wordScalars = 0, hash = TextVocabulary.emptyHash, cleanHash: UInt64 = 0, cleanCount = 0, cleanSeen = 0
        /// The current word's state: a letter seen, the previous scalar lower case or `(`.
        var hasLetter = false, previousLower = false, previousOpen = false
        /// The current word's first four scalars, lower-cased, a byte each.
        var head: UInt32 = 0
        /// The sentence-break automaton: 1 after an end mark, 2 after space, 3 after an opening quote.
        var sentence = 0

        /// Creates a reader that appends to `hashes`.
        init(hashes: [UInt64]) {
            self.hashes = hashes
        }

        /// Closes the current word.
        mutating func endWord() {
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
            wordScalars = 0
            hash = TextVocabulary.emptyHash
            cleanHash = 0
            cleanCount = 0
            cleanSeen = 0
            hasLetter = false
            previousLower = false
            previousOpen = false
            head = 0
        }

        /// Reads the bytes of a block (valid UTF-8).
        mutating func read(_ bytes: UnsafeBufferPointer<UInt8>) {
            var position = 0
            while position < bytes.count {
                let value = TextMeasure.decode(bytes, &position)
                measure.scalars += 1
                let kind = TextMeasure.kind(of: value)
                if kind == .space {
                    if value == 0x0A { measure.lineBreaks += 1 }
                    endWord()
                    sentence = sentence == 1 || sentence == 2 ? 2 : 0
                    continue
                }
                read(value, kind)
            }
        }

        /// Counts one scalar that is not whitespace.
        @inline(__always)
        mutating func read(_ value: UInt32, _ kind: Kind) {
            let isUpper = kind == .upper, isLower = kind == .lower
            let isLetter = isUpper || isLower || kind == .letter, isDigit = kind == .digit
            if wordScalars == 0 {
                if isUpper { measure.capitalised += 1 } else if isLower { measure.lowerStart += 1 }
            }
            if wordScalars < 4 { head = head << 8 | (TextVocabulary.lower(value) & 0xFF) }
            wordScalars += 1
            if isLetter {
                measure.letters += 1
                hasLetter = true
                if isUpper { measure.uppercase += 1 }
                if isUpper && previousLower { measure.runTogether += 1 }
            } else if isDigit {
                measure.digits += 1
            }
            if isLetter || isDigit || kind == .number {
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
            case 0x2C: measure.commas += 1
            case 0x3A: measure.colons += 1
            case 0x7C, 0x2022, 0xB7: measure.separators += 1
            case 0xA9: measure.copyrightSign = true
            case 0x5F, 0x7B, 0x7D, 0x3D: if wordScalars > 1 || value != 0x3D { measure.codeWords += 1 }
            case 0x29 where previousOpen: measure.codeWords += 1
            case 0x40: measure.addresses += 1
            default: break
            }
            previousOpen = value == 0x28
            switch sentence {
            case 0, 1:
                let end = value == 0x2E || value == 0x21 || value == 0x3F || value == 0x2026
                sentence = end || (sentence == 1 && TextMeasure.isCloser(value)) ? 1 : 0
            case 2, 3:
                if isUpper {
                    measure.sentenceBreaks += 1
                    sentence = 0
                } else {
                    sentence = TextMeasure.isOpener(value) && sentence == 2 ? 3 : 0
                }
            default:
                sentence = 0
            }
            if !TextMeasure.isCloser(value) { measure.endMark = value }
        }
    }

    /// What a scalar is, for counting.
    enum Kind { case space, upper, lower, letter, digit, number, other }

    /// Decodes the scalar at `position` of valid UTF-8 and moves past it.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ position: inout Int) -> UInt32 {
        let lead = UInt32(bytes[position])
        if lead < 0x80 {
            position += 1
            return lead
        }
        let count = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var value = lead & (count == 2 ? 0x1F : count == 3 ? 0x0F : 0x07)
        for offset in 1..<count where position + offset < bytes.count {
            value = value << 6 | (UInt32(bytes[position + offset]) & 0x3F)
        }
        position += count
        return value
    }

    /// The kind of a scalar: ASCII, Latin-1 and general punctuation by range, others by their
    /// Unicode properties.
    @inline(__always)
    static func kind(of value: UInt32) -> Kind {
        switch value {
        case 0x41...0x5A: return .upper
        case 0x61...0x7A: return .lower
        case 0x30...0x39: return .digit
        case 0x20, 0x09...0x0D, 0xA0, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return .space
        case 0...0x7F, 0x80...0xBF, 0xD7, 0xF7, 0x2010...0x2027, 0x2030...0x205E: return .other
        case 0xC0...0xDE: return .upper
        case 0xDF...0xFF: return .lower
        default:
            guard let scalar = Unicode.Scalar(value) else { return .other }
            let properties = scalar.properties
            if properties.isAlphabetic {
                return properties.isUppercase ? .upper : properties.isLowercase ? .lower : .letter
            }
            if properties.isWhitespace { return .space }
            if let numeric = properties.numericType { return numeric == .decimal ? .digit : .number }
            return .other
        }
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
