import Testing
@testable import Winnow

/// The stripper's faster ways of computing a figure (tree scoring, sentence marks, furniture phrases,
/// datelines, markup share, word counts) give exactly what the plain way gives.
@Suite struct StripFastPathTests {
    /// A reproducible stream of numbers (SplitMix64).
    struct Numbers {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
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
}
