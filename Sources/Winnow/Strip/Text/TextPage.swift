import Foundation

/// The blocks of one plain-text page, measured: each block's own evidence (length, stop-word
/// density in the page's language, sentence shape, capitals, words run together, phrases,
/// repetition, position) and that of the short-block runs around it, as the numbers the
/// classifier reads (``features``, named in ``featureNames``).
struct TextPage {
    /// The names of the local features, in the order of ``features(of:)``.
    static let featureNames = [
        "logw", "logc", "swd", "logsw", "endp", "colon", "sents", "commas", "capf", "allcaps", "digf",
        "camel", "lines", "dup", "pos", "cta", "copy", "pipes", "short", "single", "qmark", "url",
        "legal", "ui", "code", "avgwl", "lowerf", "numonly", "ago", "runlen", "capwin", "shortwin",
        "bio", "promo", "we", "you", "biostart", "lex",
    ]

    /// The measures of the blocks.
    let measures: [TextMeasure]
    /// The phrases found in each block.
    let phrases: [TextPhrases.Match]
    /// Stop words of the page's language in each block.
    let stopWords: [Int]
    /// Legal, interface and time words in each block.
    let legalWords: [Int], interfaceWords: [Int], timeWords: [Int]
    /// Biography, promotion, first-person-plural and second-person words in each block.
    let bioWords: [Int], promotionWords: [Int], weWords: [Int], youWords: [Int]
    /// Whether a block opens like a biography: two capitalised words, then "is", "was" or "has".
    let biographyStart: [Bool]
    /// The lexicon score of each block's words (``TextLexicon``); 0 on pages of other languages.
    let lexicon: [Double]
    /// The hash of each block's first word (0 for a block without words).
    let firstWords: [UInt64]
    /// How many blocks have the same words as each block (itself included).
    let repeats: [Int]
    /// The length of the run of short blocks (four words or fewer) each block is in; 0 for longer.
    let runs: [Int]
    /// The page's language, by its stop words (ISO 639-1).
    let language: String

    /// Measures the blocks' texts.
    init(_ texts: [String]) {
        var measures: [TextMeasure] = [], phrases: [TextPhrases.Match] = []
        measures.reserveCapacity(texts.count)
        phrases.reserveCapacity(texts.count)
        let languages = TextVocabulary.stopWords.count
        var perLanguage = [Int](repeating: 0, count: texts.count * languages), pageLanguage = [Int](repeating: 0, count: languages)
        var legal = [Int](repeating: 0, count: texts.count), interface = legal, time = legal, bio = legal, promotion = legal, we = legal, you = legal
        var biography = [Bool](repeating: false, count: texts.count)
        var lexicon = [Double](repeating: 0, count: texts.count)
        var firstWords = [UInt64](repeating: 0, count: texts.count)
        var hashes: [UInt64] = []
        hashes.reserveCapacity(64)
        for (index, text) in texts.enumerated() {
            hashes.removeAll(keepingCapacity: true)
            let measure = TextMeasure(text, hashes: &hashes)
            var startsPhrase = false
            firstWords[index] = hashes.first ?? 0
            lexicon[index] = TextLexicon.score(hashes)
            if hashes.count >= 3, let flags = TextVocabulary.flags[hashes[2]], flags & TextVocabulary.copulaBit != 0 {
                biography[index] = Self.startsWithTwoCapitals(text)
            }
            for hash in hashes {
                guard let flags = TextVocabulary.flags[hash] else { continue }
                var bits = flags & 0x3FF
                while bits != 0 {
                    perLanguage[index * languages + bits.trailingZeroBitCount] += 1
                    bits &= bits - 1
                }
                if flags & TextVocabulary.legalBit != 0 { legal[index] += 1 }
                if flags & TextVocabulary.interfaceBit != 0 { interface[index] += 1 }
                if flags & TextVocabulary.timeBit != 0 { time[index] += 1 }
                if flags & TextVocabulary.phraseBit != 0 { startsPhrase = true }
                if flags & TextVocabulary.bioBit != 0 { bio[index] += 1 }
                if flags & TextVocabulary.promotionBit != 0 { promotion[index] += 1 }
                if flags & TextVocabulary.weBit != 0 { we[index] += 1 }
                if flags & TextVocabulary.youBit != 0 { you[index] += 1 }
            }
            if measure.words >= 8 {
                for language in 0..<languages { pageLanguage[language] += perLanguage[index * languages + language] }
            }
            measures.append(measure)
            phrases.append(startsPhrase ? TextPhrases.match(hashes[...]) : TextPhrases.Match())
        }
        var best = 0
        for language in 1..<languages where pageLanguage[language] > pageLanguage[best] { best = language }
        language = TextVocabulary.stopWords[best].language
        // The lexicon is learned on pages of its language only: a German "die" or "hat" is not
        // the English word.
        if language != TextLexicon.language { lexicon = [Double](repeating: 0, count: texts.count) }
        stopWords = (0..<texts.count).map { perLanguage[$0 * languages + best] }
        var counts: [UInt64: Int] = [:]
        for measure in measures { counts[measure.textHash, default: 0] += 1 }
        repeats = measures.map { counts[$0.textHash] ?? 1 }
        var runs = [Int](repeating: 0, count: texts.count)
        var start = 0
        while start < measures.count {
            guard measures[start].words <= 4 else { start += 1; continue }
            var end = start
            while end < measures.count && measures[end].words <= 4 { end += 1 }
            for index in start..<end { runs[index] = end - start }
            start = end
        }
        self.measures = measures
        self.phrases = phrases
        self.legalWords = legal
        self.interfaceWords = interface
        self.timeWords = time
        self.bioWords = bio
        self.promotionWords = promotion
        self.weWords = we
        self.youWords = you
        self.biographyStart = biography
        self.lexicon = lexicon
        self.firstWords = firstWords
        self.runs = runs
    }

    /// The number of blocks.
    var count: Int { measures.count }

    /// The share of a block's words that start with a capital.
    func capitalShare(_ index: Int) -> Double {
        Double(measures[index].capitalised) / Double(max(1, measures[index].words))
    }

    /// The local features of block `index`, named by ``featureNames``.
    func features(of index: Int) -> [Double] {
        var row = [Double](repeating: 0, count: Self.featureNames.count)
        row.withUnsafeMutableBufferPointer { write(index, into: $0, at: 0) }
        return row
    }

    /// Writes the local features of block `index` into `buffer` from `offset` on.
    func write(_ index: Int, into buffer: UnsafeMutableBufferPointer<Double>, at offset: Int) {
        let m = measures[index]
        let words = Double(max(1, m.words)), clean = Double(max(1, m.cleanWords))
        let phrase = phrases[index]
        let low = max(0, index - 5), high = min(count, index + 6)
        var capitals = 0.0, shortBlocks = 0.0
        for other in low..<high {
            capitals += capitalShare(other)
            if measures[other].words <= 4 { shortBlocks += 1 }
        }
        let window = Double(high - low)
        var position = offset
        func put(_ value: Double) {
            buffer[position] = value
            position += 1
        }
        put(log1p(Double(m.words))); put(log1p(Double(m.scalars)))
        put(Double(stopWords[index]) / clean); put(log1p(Double(stopWords[index])))
        put(m.endsSentence ? 1 : 0); put(m.endMark == 0x3A ? 1 : 0); put(log1p(Double(m.sentenceBreaks)))
        put(Double(m.commas) / words); put(Double(m.capitalised) / words); put(m.letters >= 3 && m.uppercase == m.letters ? 1 : 0)
        put(Double(m.digits) / Double(max(1, m.scalars))); put(log1p(Double(m.runTogether))); put(log1p(Double(m.lineBreaks)))
        put(log1p(Double(repeats[index] - 1))); put(Double(index) / Double(max(1, count - 1)))
        put(Double(min(phrase.count, 3)) * (m.words < 25 ? 1 : 0.2)); put(m.copyrightSign || phrase.copyright ? 1 : 0)
        put(Double(min(3, m.separators))); put(m.words <= 3 ? 1 : 0); put(m.words == 1 ? 1 : 0)
        put(m.endMark == 0x3F ? 1 : 0); put(m.addresses > 0 ? 1 : 0)
        put(Double(legalWords[index]) / clean); put(Double(interfaceWords[index]) / clean); put(log1p(Double(m.codeWords)))
        put(Double(m.cleanLength) / clean); put(Double(m.lowerStart) / words)
        put(m.cleanWords > 0 && m.numberWords == m.cleanWords ? 1 : 0); put(timeWords[index] > 0 && m.words <= 6 ? 1 : 0)
        put(log1p(Double(runs[index]))); put(capitals / window); put(shortBlocks / window)
        put(Double(bioWords[index]) / clean); put(Double(promotionWords[index]) / clean); put(Double(weWords[index]) / clean)
        put(Double(youWords[index]) / clean); put(biographyStart[index] ? 1 : 0); put(lexicon[index])
    }

    /// Whether the text's first two words start with a capital letter.
    static func startsWithTwoCapitals(_ text: String) -> Bool {
        var words = 0, atStart = true
        for character in text.prefix(60) {
            if character == " " {
                atStart = true
                continue
            }
            if atStart {
                guard character.isUppercase else { return false }
                words += 1
                if words == 2 { return true }
                atStart = false
            }
        }
        return false
    }
}
