import Foundation
import Testing
import WinnowHTML
@testable import Winnow

/// The ASCII fast paths of hot text loops give exactly what the plain Unicode-property versions
/// give (their results are stored: SimHashes in manifests for deduplication).
@Suite struct FastPathTests {
    static let pieces = ["a", "Z", "q", "7", "0", " ", "  ", "\t", "\n", "\r\n", ".", "!", "?", "\"", "'", ")", "]", "-", ",", "@", "[", "`", "{",
                         "É", "é", "İ", "Σ", "ς", "ß", "Å", "ǅ", "Ω", "ﬁ", "Ⅻ", "٣", "中", "文", "。", "！", "あ", "한", "’", "…", "”", "»",
                         "\u{00A0}", "\u{2003}", "\u{0301}", "\u{200B}", "\u{1F600}", "word", "Word", "WORD", "Straße", "ÉCOLE", "İstanbul"]

    static func randomTexts(_ count: Int) -> [String] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in
            (0..<Int.random(in: 0...40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
        }
    }

    /// SimHash as it was written before the fast path: over `text.lowercased()`.
    static func referenceSimHash(_ text: String) -> UInt64 {
        var words: [UInt64] = []
        var current: UInt64 = SimHash.offsetBasis
        var inWord = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                current = SimHash.mix(current, scalar.value)
                inWord = true
            } else if inWord {
                words.append(current)
                current = SimHash.offsetBasis
                inWord = false
            }
        }
        if inWord { words.append(current) }
        guard !words.isEmpty else { return 0 }
        var weights = [Int](repeating: 0, count: 64)
        func add(_ feature: UInt64) {
            for bit in 0..<64 { weights[bit] += (feature >> UInt64(bit)) & 1 == 1 ? 1 : -1 }
        }
        if words.count < 3 {
            for word in words { add(SimHash.finish(word)) }
        } else {
            for index in 0...(words.count - 3) {
                add(SimHash.finish(SimHash.mix(SimHash.mix(words[index], UInt32(truncatingIfNeeded: words[index + 1])), UInt32(truncatingIfNeeded: words[index + 2] >> 7))))
            }
        }
        var result: UInt64 = 0
        for bit in 0..<64 where weights[bit] > 0 { result |= 1 << UInt64(bit) }
        return result
    }

    /// Counts as they were computed before the fast path.
    static func referenceCounts(_ blocks: [Block]) -> Metadata.TextCounts {
        var characters = 0, words = 0, sentences = 0
        for (index, block) in blocks.enumerated() {
            characters += block.text.count + (index > 0 ? 2 : 0)
            var inWord = false, wordsInSentence = 0
            var previousEnds = false
            for scalar in block.text.unicodeScalars {
                let properties = scalar.properties
                if TextMeasures.isIdeograph(scalar) {
                    words += 1
                    wordsInSentence += 1
                    inWord = false
                } else if properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark {
                    if !inWord {
                        words += 1
                        wordsInSentence += 1
                    }
                    inWord = true
                } else if inWord, scalar == "'" || scalar == "’" || scalar == "-" {
                    continue
                } else {
                    inWord = false
                }
                if TextMeasures.ideographicEnds.contains(scalar), wordsInSentence > 0 {
                    sentences += 1
                    wordsInSentence = 0
                    previousEnds = false
                    continue
                }
                if previousEnds, properties.isWhitespace, wordsInSentence > 0 {
                    sentences += 1
                    wordsInSentence = 0
                }
                previousEnds = TextMeasures.ends.contains(scalar) || (previousEnds && TextMeasures.closers.contains(scalar))
            }
            if wordsInSentence > 0 { sentences += 1 }
        }
        return .init(characters: characters, words: words, sentences: sentences, paragraphs: blocks.count)
    }

    @Test func simHashIsUnchanged() {
        for text in Self.randomTexts(3_000) {
            #expect(SimHash.hash(text) == Self.referenceSimHash(text), "\(text.debugDescription)")
        }
    }

    @Test func countsAreUnchanged() {
        let texts = Self.randomTexts(3_000)
        for start in stride(from: 0, to: texts.count, by: 3) {
            let blocks = texts[start..<min(start + 3, texts.count)].map { Block(.paragraph, $0) }
            let fast = TextMeasures.counts(blocks), slow = Self.referenceCounts(blocks)
            #expect(fast == slow, "\(blocks.map(\.text))")
        }
    }

    @Test func collapsingWhitespaceIsUnchanged() {
        for text in Self.randomTexts(2_000) {
            var expected = String.UnicodeScalarView()
            var pending = false
            for scalar in text.unicodeScalars {
                if scalar.properties.isWhitespace {
                    pending = !expected.isEmpty
                } else {
                    if pending { expected.append(" ") }
                    pending = false
                    expected.append(scalar)
                }
            }
            #expect(HTMLDocument.collapseWhitespace(text) == String(expected), "\(text.debugDescription)")
        }
    }
}
