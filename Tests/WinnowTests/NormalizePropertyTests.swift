import Foundation
import Testing
import WinnowTesting
@testable import Winnow

/// Properties of the normalizer over generated strings: normalizing twice changes nothing, and
/// the output keeps the promises of the "always" fixes, for every profile and option combination.
@Suite struct NormalizePropertyTests {
    /// Cases per profile (profile defaults).
    static let profileCases = 3_000
    /// Cases per option combination (384 combinations).
    static let combinationCases = 800

    /// Every effective setting, 3 forms × 2 quote styles × 2 dash styles × 2⁵ switches, each
    /// written as YAML over one of the four profiles (in turn) and read the way pipeline files are.
    static let combinations: [NormalizeOptions] = {
        var result: [NormalizeOptions] = []
        for form in NormalizeOptions.UnicodeForm.allCases {
            for quotes in NormalizeOptions.QuoteStyle.allCases {
                for dashes in NormalizeOptions.DashStyle.allCases {
                    for bits in 0..<32 {
                        let profile = NormalizeProfile.allCases[result.count % NormalizeProfile.allCases.count]
                        let yaml = """
                            profile: \(profile.rawValue)
                            unicode: \(form.rawValue)
                            quotes: \(quotes.rawValue)
                            dashes: \(dashes.rawValue)
                            ligatures: \(bits & 1 != 0)
                            full-width: \(bits & 2 != 0)
                            dehyphenate: \(bits & 4 != 0)
                            join-lines: \(bits & 8 != 0)
                            mojibake: \(bits & 16 != 0)
                            """
                        // The harness reads options exactly as pipeline files do.
                        let options = (try? StageHarness<NormalizeStage>(options: yaml))?.stage.normalizer.options ?? NormalizeOptions()
                        result.append(options)
                    }
                }
            }
        }
        return result
    }()

    /// Explicit options override every profile's defaults.
    @Test func combinationsAreReadOverEveryProfile() {
        #expect(Self.combinations.count == 384)
        #expect(Set(Self.combinations.map(\.profile)).count == 4)
        #expect(Self.combinations[0].unicode == .nfc && Self.combinations[0].profile == .standard && !Self.combinations[0].ligatures)
        #expect(Self.combinations[2].profile == .llm && !Self.combinations[2].joinLines && Self.combinations[2].dehyphenate == false)
        #expect(Self.combinations.last?.unicode == NormalizeOptions.UnicodeForm.none && Self.combinations.last?.mojibake == true)
    }

    /// Profiles are idempotent.
    @Test(arguments: NormalizeProfile.allCases)
    func profilesAreIdempotent(_ profile: NormalizeProfile) {
        check(profile.defaults, cases: Self.profileCases, seed: UInt64(NormalizeProfile.allCases.firstIndex(of: profile) ?? 0) &+ 7)
    }

    /// Option combinations are idempotent.
    @Test(arguments: 0..<8)
    func optionCombinationsAreIdempotent(_ slice: Int) {
        for (index, options) in Self.combinations.enumerated() where index % 8 == slice {
            check(options, cases: Self.combinationCases, seed: UInt64(index) &* 7919 &+ 1)
        }
    }

    /// The stage is idempotent on whole documents.
    @Test func theStageIsIdempotentOnWholeDocuments() throws {
        for profile in NormalizeProfile.allCases {
            var harness = try StageHarness<NormalizeStage>(options: "profile: \(profile.rawValue)")
            var generator = TextGenerator(seed: 99)
            for _ in 0..<300 {
                let blocks = (0..<generator.int(below: 5)).map { _ in
                    Block(generator.int(below: 6) == 0 ? .code : .paragraph, generator.text())
                }
                let (once, _) = try harness.run(Document(id: "d", source: .init(path: "/d"), kind: .text, blocks: blocks))
                let (twice, _) = try harness.run(once)
                #expect(twice.blocks.map { Exact($0.text) } == once.blocks.map { Exact($0.text) })
                #expect(twice.blocks.map(\.kind) == once.blocks.map(\.kind))
                let code = blocks.filter { $0.kind == .code && !NormalizeStage.isBlank($0.text) }
                #expect(once.blocks.filter { $0.kind == .code }.map { Exact($0.text) } == code.map { Exact($0.text) })
                #expect(twice.fixes == once.fixes, "the second pass made fixes")
            }
        }
    }

    /// The clean-text shortcut never skips a fix: text it passes comes out of the full set of
    /// fixes unchanged, for every option combination.
    @Test func theFastPathSkipsNothing() {
        let alphabet: [String] = ["a", "b", "Z", " ", " ", "\n", "&", "amp;", "-", ":", ".", "x", "long enough words for a line ", "é"]
        var generator = TextGenerator(seed: 4242)
        for (index, options) in Self.combinations.enumerated() where index % 3 == 0 {
            var normalizer = TextNormalizer(options: options)
            for _ in 0..<200 {
                let text = (0..<generator.int(below: 40)).map { _ in alphabet[generator.int(below: alphabet.count)] }.joined()
                for kind in [Block.Kind.paragraph, .heading] where TextNormalizer.isClean(text, joins: options.joins && TextNormalizer.joinsLines(kind)) {
                    let slow = normalizer.normalizedIfChanged(text, kind: kind, fastPath: false)
                    #expect(slow == nil, "\(debug(text)) -> \(debug(slow ?? ""))")
                }
            }
        }
    }

    /// Normalizes generated strings with `options` and checks every property on each.
    func check(_ options: NormalizeOptions, cases: Int, seed: UInt64) {
        var normalizer = TextNormalizer(options: options)
        var generator = TextGenerator(seed: seed)
        var failures = 0
        for _ in 0..<cases where failures < 3 {
            let input = generator.text()
            let kind: Block.Kind = generator.int(below: 4) == 0 ? .heading : .paragraph
            let once = normalizer.normalize(input, kind: kind)
            let twice = normalizer.normalize(once, kind: kind)
            let problems = violations(input: input, output: once, options: options) + (Exact(twice) == Exact(once) ? [] : ["not idempotent: \(debug(twice))"])
            if !problems.isEmpty {
                failures += 1
                Issue.record("\(options.unicode) \(options.quotes) \(options.dashes) lig:\(options.ligatures) fw:\(options.fullWidth) dehy:\(options.dehyphenate) join:\(options.joinLines) moji:\(options.mojibake) \(kind)\ninput:  \(debug(input))\noutput: \(debug(once))\n\(problems.joined(separator: "\n"))")
            }
        }
    }

    /// The promises the output breaks, if any.
    func violations(input: String, output: String, options: NormalizeOptions) -> [String] {
        var problems: [String] = []
        let scalars = Array(output.unicodeScalars)
        if let first = scalars.first, let last = scalars.last, first.properties.isWhitespace || last.properties.isWhitespace {
            problems.append("whitespace at an end")
        }
        if output.contains("  ") || output.contains("\n\n") || output.contains(" \n") || output.contains("\n ") {
            problems.append("whitespace not collapsed")
        }
        for scalar in scalars {
            switch scalar.properties.generalCategory {
            case .control where scalar != "\n":
                problems.append("control U+\(String(scalar.value, radix: 16))")
            case .spaceSeparator where scalar != " ", .lineSeparator, .paragraphSeparator:
                problems.append("space U+\(String(scalar.value, radix: 16))")
            default:
                break
            }
        }
        let zwj = { (text: String) in text.unicodeScalars.filter { $0 == "\u{200D}" }.count }
        if zwj(output) < zwj(input) { problems.append("a ZWJ was removed") }
        if options.quotes == .straight, scalars.contains(where: { (0x2018...0x201F).contains($0.value) }) { problems.append("curly quote left") }
        if options.dashes == .ascii, scalars.contains(where: { [0x2013, 0x2014, 0x2026].contains($0.value) }) { problems.append("dash left") }
        if options.fullWidth, scalars.contains(where: { (0xFF01...0xFF5E).contains($0.value) }) { problems.append("full-width form left") }
        if options.ligatures, scalars.contains(where: { (0xFB00...0xFB06).contains($0.value) }) { problems.append("ligature left") }
        if options.unicode == .nfc, Exact(output.precomposedStringWithCanonicalMapping) != Exact(output) { problems.append("not NFC") }
        if options.unicode == .nfkc, Exact(output.precomposedStringWithCompatibilityMapping) != Exact(output) { problems.append("not NFKC") }
        return problems
    }

    /// Text with invisible characters spelled out.
    func debug(_ text: String) -> String {
        text.unicodeScalars.map { $0.value < 0x20 || (0x7F...0xA0).contains($0.value) || $0.properties.generalCategory == .format ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined()
    }
}
