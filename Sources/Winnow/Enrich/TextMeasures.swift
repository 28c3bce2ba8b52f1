/// Counts of a text: characters, words, sentences and paragraphs.
enum TextMeasures {
    /// The counts of the kept blocks, the text being the blocks joined by a blank line.
    ///
    /// A word is a run of letters, digits, marks and inner apostrophes or hyphens; a Chinese,
    /// Japanese or Korean character counts as a word of its own (those scripts do not space
    /// words). A sentence ends at `.`, `!`, `?`, `…` or their full-width forms followed by a
    /// space or the block's end, and at the end of a block that holds a word.
    static func counts(_ blocks: [Block]) -> Metadata.TextCounts {
        var characters = 0, words = 0, sentences = 0
        for (index, block) in blocks.enumerated() {
            characters += block.text.count + (index > 0 ? 2 : 0)
            var inWord = false, wordsInSentence = 0
            var previousEnds = false
            for scalar in block.text.unicodeScalars {
                let value = scalar.value
                let isSpace: Bool
                if value < 0x80 {
                    // ASCII, decided without Unicode property lookups.
                    let byte = UInt8(value)
                    let lower = byte | 0x20
                    if (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                        if !inWord {
                            words += 1
                            wordsInSentence += 1
                        }
                        inWord = true
                    } else if inWord, byte == 0x27 || byte == 0x2D {
                        continue
                    } else {
                        inWord = false
                    }
                    isSpace = byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
                    if previousEnds, isSpace, wordsInSentence > 0 {
                        sentences += 1
                        wordsInSentence = 0
                    }
                    // . ! ? end a sentence; " ' ) ] may stand between the end and the space.
                    previousEnds = byte == 0x2E || byte == 0x21 || byte == 0x3F
                        || (previousEnds && (byte == 0x22 || byte == 0x27 || byte == 0x29 || byte == 0x5D))
                    continue
                }
                let properties = scalar.properties
                if isIdeograph(scalar) {
                    words += 1
                    wordsInSentence += 1
                    inWord = false
                } else if properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark {
                    if !inWord {
                        words += 1
                        wordsInSentence += 1
                    }
                    inWord = true
                } else if inWord, scalar == "’" {
                    continue
                } else {
                    inWord = false
                }
                if ideographicEnds.contains(scalar), wordsInSentence > 0 {
                    sentences += 1
                    wordsInSentence = 0
                    previousEnds = false
                    continue
                }
                isSpace = properties.isWhitespace
                if previousEnds, isSpace, wordsInSentence > 0 {
                    sentences += 1
                    wordsInSentence = 0
                }
                previousEnds = ends.contains(scalar) || (previousEnds && closers.contains(scalar))
            }
            if wordsInSentence > 0 { sentences += 1 }
        }
        return .init(characters: characters, words: words, sentences: sentences, paragraphs: blocks.count)
    }

    /// Marks that end a sentence when a space follows.
    static let ends: Set<Unicode.Scalar> = [".", "!", "?", "…"]
    /// Marks that end a sentence by themselves (full-width forms).
    static let ideographicEnds: Set<Unicode.Scalar> = ["。", "！", "？"]
    /// Closing quotes and brackets that may stand between a sentence's end and the space.
    static let closers: Set<Unicode.Scalar> = ["\"", "'", "”", "’", ")", "»", "]"]

    /// Whether a character is a CJK ideograph, kana or hangul syllable.
    static func isIdeograph(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x2FA1F: return true
        default: return false
        }
    }
}
