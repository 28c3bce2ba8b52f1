import Testing
import Foundation
@testable import Winnow

/// The stripper's faster ways of computing a figure (tree scoring, sentence marks, furniture phrases,
/// datelines, markup share, word counts) give exactly what the plain way gives.
@Suite struct StripFastPathTests {
    /// A reproducible stream of numbers (the normalizer tests' SplitMix64 generator).
    struct Numbers {
        var generator: TextGenerator
        init(state: UInt64) { generator = TextGenerator(seed: state) }
        mutating func next() -> UInt64 { generator.next() }
        /// Values of every scale, some exactly 0, 1 or negative, and an occasional NaN.
        mutating func feature() -> Double {
            switch next() % 8 {
            case 0: return 0
            case 1: return Double(next() % 4)
            case 2: return -Double(next() % 1000) / 10
            case 3: return .nan
            default: return Double(next() % 1_000_000) / Double(1 + next() % 1000)
            }
        }
    }

    @Test("tree ensembles score four trees at a time exactly as tree by tree")
    func ensembles() {
        var numbers = Numbers(state: 42)
        for ensemble in [HTMLBlockModel.ensemble, TextModel.secondPass, TextModel.thirdPass] {
            for _ in 0..<2_000 {
                let row = (0..<512).map { _ in numbers.feature() }
                #expect(ensemble.score(row).bitPattern == ensemble.scoreTreeByTree(row).bitPattern)
            }
        }
        // Trees of different depths, in groups of eight, four and one.
        let trees = ["0<1 =1 =2", "1<0 =3 =4", "=5", "0<2 1<1 =6 =7 =8", "=9", "1<3 =10 =11", "0<0.5 1<0.5 0<0.25 =12 =13 =14 =15"]
        for count in [1, 3, 4, 5, 7, 8, 9, 12, 13, 17] {
            let small = TreeEnsemble("0.5 0.1|" + (0..<count).map { trees[$0 % trees.count] }.joined(separator: "|"))
            #expect(small.count == count)
            for row in [[0.0, 0.0], [1.5, 2.0], [3.0, -1.0], [.nan, .nan], [0.3, 0.1], [0.1, 0.7]] {
                #expect(small.score(row).bitPattern == small.scoreTreeByTree(row).bitPattern)
            }
        }
    }

    @Test("sentence marks counted on UTF-8 bytes equal the count by scalar")
    func sentenceMarks() {
        let texts = [
            "", ".", "a, b; c! d? e.", "句子。问题？感叹！", "جملة، أخرى", "वाक्य। दूसरा।", "ａ，ｂ．", "\u{FF01}\u{FF1F}\u{FF1E}",
            "\u{0D8C}\u{060D}\u{3001}\u{3003}\u{0965}", "emoji 😀. ok", String(repeating: "x. ", count: 100), "…",
        ]
        for text in texts {
            #expect(BlockScore.sentenceMarks(text) == BlockScore.sentenceMarksByScalar(text), "\(text)")
            for cut in text.indices {
                let part = String(text[..<cut])
                #expect(BlockScore.sentenceMarks(part) == BlockScore.sentenceMarksByScalar(part))
            }
        }
    }

    /// ``Boilerplate/phraseReason(_:)`` as it was: every prefix tried in table order.
    static func phraseReasonEveryPrefix(_ text: String) -> String? {
        let lower = text.utf8.contains { $0 >= 0x80 } ? Array(text.lowercased().utf8) : ByteSearch.asciiLowercased(text)
        for (prefix, reason) in Boilerplate.prefixes where ByteSearch.hasPrefix(lower, prefix) {
            if lower.count == prefix.count { return reason }
            let last = prefix[prefix.count - 1], next = lower[prefix.count]
            let isLetter: (UInt8) -> Bool = { ($0 >= 0x61 && $0 <= 0x7A) || $0 >= 0x80 }
            if !isLetter(last) || !isLetter(next) { return reason }
        }
        if lower.count <= 16 {
            let label = String(decoding: lower, as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: ": "))
            if let reason = Boilerplate.labels[label] { return reason }
        }
        if lower.count <= 24, Boilerplate.isAgencyLine(lower) { return "agency" }
        for (fragment, reason) in Boilerplate.fragments where ByteSearch.contains(lower, fragment) { return reason }
        return nil
    }

    static let lines: [String] = {
        var lines = Boilerplate.prefixesTable.flatMap { [$0.0, $0.0.uppercased(), $0.0 + "x", $0.0 + " more", "x" + $0.0, String($0.0.dropLast())] }
        lines += Boilerplate.fragmentsTable.map { "some " + $0.0 + " here" }
        lines += ["", " ", "©2024 Example", "Copyright", "copyrighted", "Share", "tweets", "Read more »", "Ähnliche Beiträge", "ÄHNLICHE ARTIKEL",
                  "July 26, 2025, 4:32pm", "2019-04-15 17:38:57", "By Jane Doe | Feb 26, 2006", "JAN 3", "Sept. 9", "dec", "de", "xMaY 5",
                  "Posted 12:30", "No month 42", "März 3, 2020", "jün 4", "Ｊan 5", "a\u{0301}pr 7",
                  "Suche", " Suche: ", "Suche nach dem Glück", "Search", "Searching", "TAGS:", "Home", "Homepage", "zurück ", "Menü",
                  "aja/PAP", "fw/mf/dpa", "(AFP)", "( dpa )", "km/h", "and/or", "24/7", "x/reuters/y", "/dpa", "Photo (©Jane Doe)"]
        lines += Boilerplate.labels.keys.flatMap { [$0, $0.uppercased(), $0 + ":", $0 + " x", "x" + $0] }
        return lines
    }()

    @Test("furniture phrases found by first byte equal every prefix tried in order")
    func phrases() {
        for line in Self.lines {
            #expect(Boilerplate.phraseReason(line) == Self.phraseReasonEveryPrefix(line), "\(line)")
        }
        for line in ["aja/PAP", "fw/mf/dpa", "(AFP)"] { #expect(Boilerplate.phraseReason(line) == "agency", "\(line)") }
        for line in ["km/h", "and/or", "24/7", "/dpa", "Suche nach dem Glück", "Searching"] { #expect(Boilerplate.phraseReason(line) == nil, "\(line)") }
        #expect(Boilerplate.phraseReason(" Suche: ") == "navigation")
    }

    @Test("datelines: the month stems found in one pass as the character-based reference")
    func datelines() {
        for line in Self.lines + Self.lines.map({ "12 " + $0 }) {
            #expect(Boilerplate.isDateline(line) == ClassNameFastPathTests.referenceDateline(line), "\(line)")
        }
        #expect(Boilerplate.isDateline("July 26, 2025, 4:32pm"))
        #expect(Boilerplate.isDateline("DEC 5"))
    }

    @Test("markup share and word counts over contiguous bytes equal the byte-by-byte ones")
    func markupAndWords() {
        let texts = Self.lines + [
            String(repeating: "{\"a\": [1, 2], \"b\": \"<x>\"}; ", count: 5), "var x = $('#a'); if (a < b) { c = d; }",
            String(repeating: "word ", count: 20), " two  words\nand\tmore ", "\n\n", "x", String(repeating: "=", count: 39),
            String(repeating: "=", count: 40), String(repeating: "a", count: 36) + "{}{}",
        ]
        for text in texts {
            #expect(BlockScore.looksLikeMarkup(text) == BlockScore.looksLikeMarkupByByte(text), "\(text)")
            #expect(BlockScore.wordCount(text) == BlockScore.wordCountByByte(text), "\(text)")
        }
    }
}
