import Testing
import WinnowTesting
@testable import Winnow

/// The `rules` stage drops matching lines and blocks, and traces each removal.
@Suite struct RulesStageTests {
    @Test func dropsMatchingLinesAndKeepsTheRest() throws {
        var harness = try StageHarness<RulesStage>(options: "drop-lines: ['^Recommended by', '^NEXT ARTICLE$']")
        let (document, disposition) = try harness.run(text: "Headline\n\nBody text.\nRecommended by Site\n\nNEXT ARTICLE\n\nNEXT ARTICLE is a phrase.")
        #expect(disposition == .keep)
        #expect(document.blocks.map(\.text) == ["Headline", "Body text.", "NEXT ARTICLE is a phrase."])
        #expect(document.trace.counts == ["rule": 2])
        #expect(document.trace.removals.map(\.detail) == ["drop-lines: ^Recommended by", "drop-lines: ^NEXT ARTICLE$"])
        #expect(document.trace.removals.first?.text == "Recommended by Site")
    }

    @Test func dropsWholeBlocks() throws {
        var harness = try StageHarness<RulesStage>(options: "drop-blocks: ['^©']")
        let (document, _) = try harness.run(text: "Body.\n\n© 2024 Site.\nAll rights reserved.")
        #expect(document.text == "Body.")
        #expect(document.trace.removals.first?.kind == .paragraph)
    }

    @Test func caseInsensitiveOption() throws {
        var harness = try StageHarness<RulesStage>(options: "drop-lines: ['^share this']\ncase-insensitive: true")
        let (document, _) = try harness.run(text: "Body.\nSHARE THIS: Facebook")
        #expect(document.text == "Body.")
    }

    @Test func noRulesChangesNothing() throws {
        var harness = try StageHarness<RulesStage>()
        let (document, _) = try harness.run(text: "a\n\nb")
        #expect(document.text == "a\n\nb")
        #expect(document.trace.total == 0)
    }

    @Test func theBlockWideFilterGivesTheSameResultAsLineByLine() throws {
        let patterns = "drop-lines: ['^Recommended by', '^NEXT ARTICLE$', 'Share (this|on)', 'cookies?$']"
        var fast = try StageHarness<RulesStage>(options: patterns)
        #expect(fast.stage.options.all.lineFilter != nil)
        var slow = try StageHarness<RulesStage>(options: patterns)
        slow.stage.options.all.lineFilter = nil
        let pieces = ["Body text.", "Recommended by Site", "NEXT ARTICLE", "NEXT ARTICLE is a phrase", "Share this", "We use cookies",
                      "cookies are tasty.", "  ", "Read on", "x NEXT ARTICLE", "Recommended"]
        try expectSameResults(&fast, &slow, pieces: pieces, pages: 200)
    }

    /// Runs `pages` random texts made of `pieces` through both stages and expects the same blocks and counts.
    func expectSameResults(_ fast: inout StageHarness<RulesStage>, _ slow: inout StageHarness<RulesStage>, pieces: [String], pages: Int) throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<pages {
            let text = (0..<Int.random(in: 1...5, using: &generator)).map { _ in
                (0..<Int.random(in: 1...4, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined(separator: "\n")
            }.joined(separator: "\n\n")
            let (a, _) = try fast.run(text: text)
            let (b, _) = try slow.run(text: text)
            #expect(a.blocks.map(\.text) == b.blocks.map(\.text), "\(text)")
            #expect(a.trace.counts == b.trace.counts)
        }
    }

    @Test func theLiteralPrefilterGivesTheSameResultAsLineByLine() throws {
        let patterns = "drop-lines: ['^Recommended by\\b', '^NEXT ARTICLE$', 'cookies?$', 'Share th+is', 'Übers{0,2}icht']"
        var fast = try StageHarness<RulesStage>(options: patterns)
        #expect(fast.stage.options.all.lineLiterals?.map { String(decoding: $0, as: UTF8.self) } == ["Recommended by", "NEXT ARTICLE", "cookie", "Share th", "Über"])
        var slow = try StageHarness<RulesStage>(options: patterns)
        slow.stage.options.all.lineFilter = nil
        slow.stage.options.all.lineLiterals = nil
        let pieces = ["Body text.", "Recommended by Site", "Recommended byline", "NEXT ARTICLE", "NEXT ARTICLE is a phrase", "Share this", "Share thhis",
                      "We use cookies", "cookie", "cookies are tasty.", "  ", "", "Read on", "x NEXT ARTICLE", "Recommended", "Übersicht", "Überssicht", "Ü"]
        try expectSameResults(&fast, &slow, pieces: pieces, pages: 300)
        for pattern in ["'Share (this|on)'", "'(?i)abc'", "'a.b'", "'.*x'", "'\\bab'"] {
            #expect(try StageHarness<RulesStage>(options: "drop-lines: [\(pattern), 'bar']").stage.options.all.lineLiterals == nil, "\(pattern)")
        }
        #expect(try StageHarness<RulesStage>(options: "drop-lines: ['abc']\ncase-insensitive: true").stage.options.all.lineLiterals == nil)
    }

    @Test func patternsWhoseMeaningDependsOnTheWholeInputAreNotCombined() throws {
        #expect(try StageHarness<RulesStage>(options: "drop-lines: ['\\Afoo', 'bar']").stage.options.all.lineFilter == nil)
        #expect(try StageHarness<RulesStage>(options: "drop-lines: ['(a)\\1', 'bar']").stage.options.all.lineFilter == nil)
        #expect(try StageHarness<RulesStage>(options: "drop-lines: ['(?<=x)a', 'bar']").stage.options.all.lineFilter == nil)
    }

    @Test func invalidPatternIsAConfigurationError() {
        #expect(throws: ConfigurationError.self) { try StageHarness<RulesStage>(options: "drop-lines: ['[']") }
    }
}
