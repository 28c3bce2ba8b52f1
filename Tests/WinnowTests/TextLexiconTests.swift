import Testing
@testable import Winnow

/// The learned word lexicon of the text stripper: its words are the ones the measure hashes, and
/// its scores lean the right way on clear cases.
@Suite struct TextLexiconTests {
    /// Scalars of every kind the measure tells apart: ASCII letters, digits and marks, Latin-1 and
    /// Latin Extended-A capitals, Greek, Cyrillic, CJK, combining marks, other numbers, spaces.
    static let alphabet: [Unicode.Scalar] = Array("aZq09.,'-_()@#|•·©\"“”«»ÄÖÜßéÉçÇĀāĹĺŽžΣσЖжЁёЂ中文。３٣Ⅻ½\u{0301}\u{200B}".unicodeScalars)
        + [" ", "\n", "\t", "\u{00A0}", "\u{2003}", "\u{3000}"]

    @Test("the training dump's clean words are exactly the words the measure hashes")
    func cleanWordsMatchTheMeasure() {
        var generator = TextGenerator(seed: 7)
        var texts = ["", " ", "Hello, world!", "(don't) stop—now", "e-mail: a@b.c", "NewsBusinessSports", "ÄRGER über Ölpreise", "...", "-- 42 --",
                     "Жизнь и судьба", "Σοφία", "中文 文本", "x\u{0301}y", "½ cup", "'quoted'", "end."]
        for _ in 0..<3_000 {
            let length = Int(generator.next() % 40)
            texts.append(String(String.UnicodeScalarView((0..<length).map { _ in Self.alphabet[Int(generator.next() % UInt64(Self.alphabet.count))] })))
        }
        for text in texts {
            var hashes: [UInt64] = []
            _ = TextMeasure(text, hashes: &hashes)
            let words = TextMeasure.cleanWords(text)
            #expect(words.map { TextVocabulary.hash($0) } == hashes, "\(text.debugDescription) → \(words)")
        }
    }

    @Test("lexicon entries are read from its text, looked up lower-cased")
    func entries() {
        let table = TextVocabulary.WordTable(TextLexicon.entries("cookies -2.5\nthat 3\nbad line\n"))
        #expect(table[TextVocabulary.hash("Cookies")].map { Float(bitPattern: $0) } == -2.5)
        #expect(table[TextVocabulary.hash("that")].map { Float(bitPattern: $0) } == 3)
        #expect(table[TextVocabulary.hash("bad")] == nil)
    }

    /// The lexicon score of a block's text.
    static func score(_ text: String) -> Double {
        var hashes: [UInt64] = []
        _ = TextMeasure(text, hashes: &hashes)
        return TextLexicon.score(hashes)
    }

    @Test("site furniture scores below prose; unknown words and empty blocks score 0")
    func leaningOfClearCases() {
        for furniture in ["Privacy Policy | Terms of Use | Cookie Settings", "Subscribe to our newsletter", "Sign in", "Add to cart",
                          "Skip to content", "All rights reserved."] {
            #expect(Self.score(furniture) < -0.5, "\(furniture)")
        }
        for prose in ["The committee said that it would review the findings, but critics argued that the process was too slow.",
                      "If you want a lighter model, this one is often the better choice because it folds easily."] {
            #expect(Self.score(prose) > 0.5, "\(prose)")
        }
        #expect(Self.score("") == 0)
        #expect(Self.score("Xqzv Wqqp") == 0)
    }

    @Test("the lexicon speaks only for pages of its language")
    func otherLanguagesScoreZero() {
        let german = TextPage([
            "Der Stadtrat hat am Dienstagabend nach einer langen Debatte einen neuen Haushalt beschlossen, und die Anwohner verfolgten die Sitzung.",
            "Die Bürgermeisterin sagte, die Arbeiten sollten im Frühjahr beginnen und vor dem Ende der Sommerferien abgeschlossen sein.",
            "Datenschutz | Impressum | Cookies",
        ])
        #expect(german.language == "de")
        #expect(german.lexicon.allSatisfy { $0 == 0 })
        let english = TextPage([
            "The council said that it would review the findings, but critics argued that the process was too slow for the residents.",
            "Privacy Policy | Terms of Use | Cookies",
        ])
        #expect(english.language == "en")
        #expect(english.lexicon[0] > 0 && english.lexicon[1] < 0)
    }
}
