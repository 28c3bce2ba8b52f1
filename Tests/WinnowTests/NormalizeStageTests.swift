import Foundation
import Testing
import WinnowTesting
@testable import Winnow

/// The `normalize` stage: the fixes it always makes, each option, profiles, counts, code blocks.
@Suite struct NormalizeStageTests {
    /// Normalizes one paragraph with options written as YAML.
    func normalized(_ text: String, _ options: String = "", kind: Block.Kind = .paragraph) throws -> (Exact, [String: Int]) {
        var harness = try StageHarness<NormalizeStage>(options: options)
        let document = Document(id: "d.txt", source: .init(path: "/in/d.txt"), kind: .text, blocks: [Block(kind, text)])
        let (result, disposition) = try harness.run(document)
        #expect(disposition == .keep)
        return (Exact(result.text), result.fixes)
    }

    /// Decodes entities including double escaped ones.
    @Test func decodesEntitiesIncludingDoubleEscapedOnes() throws {
        let (text, fixes) = try normalized("Fish &amp; chips &eacute;t&eacute; &#8217; &#x2019; &#146; &amp;lt;b&amp;gt; AT&T &copy 2024 &bogus;")
        #expect(text == "Fish & chips été ’ ’ ’ <b> AT&T &copy 2024 &bogus;")
        #expect(fixes["html-entity"] == 10)
    }

    /// Removes control and format characters but keeps joiners.
    @Test func removesControlAndFormatCharactersButKeepsJoiners() throws {
        let (text, fixes) = try normalized("a\u{0}b\u{7}c\u{9D}d \u{200B}e\u{AD}f\u{FEFF}g \u{202E}h 👩\u{200D}💻 \u{645}\u{200C}\u{6CC}")
        #expect(text == "abcd efg h 👩\u{200D}💻 \u{645}\u{200C}\u{6CC}")
        #expect(fixes["control-character"] == 3)
        #expect(fixes["format-character"] == 4)
    }

    /// Unifies line breaks and folds spaces.
    @Test func unifiesLineBreaksAndFoldsSpaces() throws {
        let (text, fixes) = try normalized("one\r\ntwo\rthree\u{2028}four\u{85}five\nsix\u{A0}seven\u{2009}eight\u{3000}nine\u{202F}ten")
        #expect(text == "one\ntwo\nthree\nfour\nfive\nsix seven eight nine ten")
        #expect(fixes["line-break"] == 4)
        #expect(fixes["unicode-space"] == 4)
    }

    /// Collapses and trims whitespace.
    @Test func collapsesAndTrimsWhitespace() throws {
        let (text, fixes) = try normalized("  Lots   of\t\tspace \n\n  here  ")
        #expect(text == "Lots of space\nhere")
        #expect(fixes["whitespace", default: 0] >= 4)
    }

    /// Drops empty blocks and leaves code untouched.
    @Test func dropsEmptyBlocksAndLeavesCodeUntouched() throws {
        var harness = try StageHarness<NormalizeStage>(options: "profile: search")
        let code = "if a  &&  b {\r\n\treturn \u{201C}x\u{201D} &amp; Ã©\n}\n"
        let blocks = [Block(.paragraph, " \u{A0}\u{200B} "), Block(.code, code), Block(.code, " \n "), Block(.heading, "Title", level: 1)]
        let (document, _) = try harness.run(Document(id: "d", source: .init(path: "/d"), kind: .html, blocks: blocks))
        #expect(document.blocks.map { Exact($0.text) } == [Exact(code), "Title"])
        #expect(document.blocks.map(\.kind) == [.code, .heading])
        #expect(document.fixes["empty-block"] == 2)
    }

    /// Unicode forms.
    @Test func unicodeForms() throws {
        let decomposed = "Cafe\u{301} ﬁ ①"
        #expect(try normalized(decomposed).0 == "Café fi ①")
        #expect(try normalized(decomposed).1["nfc"] == 1)
        #expect(try normalized(decomposed, "unicode: nfkc\nligatures: false").0 == "Café fi 1")
        #expect(try normalized(decomposed, "unicode: nfkc").1["nfkc"] == 1)
        #expect(try normalized(decomposed, "unicode: none\nligatures: false").0 == Exact(decomposed))
    }

    /// Quotes.
    @Test func quotes() throws {
        let text = "\u{201C}It\u{2019}s\u{201D} \u{201E}so\u{201C} \u{2018}x\u{2019} «oui» 5\u{2032}"
        #expect(try normalized(text).0 == Exact(text))
        let (straight, fixes) = try normalized(text, "quotes: straight")
        #expect(straight == "\"It's\" \"so\" 'x' «oui» 5\u{2032}")
        #expect(fixes["quote"] == 7)
    }

    /// Dashes and ellipses.
    @Test func dashesAndEllipses() throws {
        let text = "1990\u{2013}2000 \u{2014} wait\u{2026} \u{2212}5 e\u{2010}mail"
        #expect(try normalized(text).0 == Exact(text))
        let (ascii, fixes) = try normalized(text, "dashes: ascii")
        #expect(ascii == "1990-2000 -- wait... -5 e-mail")
        #expect(fixes["dash"] == 4)
        #expect(fixes["ellipsis"] == 1)
    }

    /// Ligatures.
    @Test func ligatures() throws {
        #expect(try normalized("eﬀort ﬁnal ﬂow oﬃce ba\u{FB06}").0 == "effort final flow office bast")
        #expect(try normalized("ﬁnal", "ligatures: false").0 == "ﬁnal")
        #expect(try normalized("ﬁnal", "profile: archive").0 == "ﬁnal")
    }

    /// Full width forms.
    @Test func fullWidthForms() throws {
        #expect(try normalized("ＡＢＣ１２３！ ￥500 東京").0 == "ＡＢＣ１２３！ ￥500 東京")
        let (folded, fixes) = try normalized("ＡＢＣ１２３！ ￥500 東京", "full-width: true")
        #expect(folded == "ABC123! ¥500 東京")
        #expect(fixes["full-width"] == 8)
    }

    /// Dehyphenation.
    @Test func dehyphenation() throws {
        let text = "It is recom-\nmended by state-of-\nthe-art tools and X-\nRay. Known as-\njim900536."
        #expect(try normalized(text).0 == Exact(text))
        let (joined, fixes) = try normalized(text, "dehyphenate: true")
        #expect(joined == "It is recommended by state-of-\nthe-art tools and X-\nRay. Known as-\njim900536.")
        #expect(fixes["dehyphenation"] == 1)
        #expect(try normalized(text, "dehyphenate: true\njoin-lines: true").0 == "It is recommended by state-of-the-art tools and X-\nRay. Known as-jim900536.")
    }

    /// Line joining.
    @Test func lineJoining() throws {
        let text = "The committee said on Tuesday that the\nproposal would be reviewed. Well-\nknown members agreed.\nNext paragraph starts here.\nIngredients:\nsalt\npepper\nSee the full report on our site\nhttps://example.com/report"
        #expect(try normalized(text).0 == Exact(text))
        let (joined, fixes) = try normalized(text, "join-lines: true")
        #expect(joined == "The committee said on Tuesday that the proposal would be reviewed. Well-known members agreed.\nNext paragraph starts here.\nIngredients:\nsalt\npepper\nSee the full report on our site\nhttps://example.com/report")
        #expect(fixes["line-join"] == 2)
        #expect(try normalized(text, "join-lines: true", kind: .table).0 == Exact(text))
    }

    /// Mojibake option.
    @Test func mojibakeOption() throws {
        #expect(try normalized("donâ€™t CafÃ©").0 == "don’t Café")
        #expect(try normalized("donâ€™t CafÃ©").1["mojibake"] == 2)
        #expect(try normalized("donâ€™t CafÃ©", "mojibake: false").0 == "donâ€™t CafÃ©")
        #expect(try normalized("donâ€™t", "profile: archive").0 == "donâ€™t")
    }

    /// Profiles set defaults that options override.
    @Test func profilesSetDefaultsThatOptionsOverride() throws {
        let text = "\u{201C}Ｗait\u{201D} \u{2014} recom-\nmended ﬁx"
        #expect(try normalized(text, "profile: search").0 == "\"Wait\" -- recommended fix")
        #expect(try normalized(text, "profile: search\nquotes: keep").0 == "\u{201C}Wait\u{201D} -- recommended fix")
        #expect(try normalized(text, "profile: llm").0 == "\u{201C}Ｗait\u{201D} \u{2014} recom-mended fix")
        #expect(try normalized(text, "profile: archive").0 == Exact(text))
        #expect(NormalizeProfile.search.defaults.unicode == .nfkc)
        #expect(NormalizeProfile.llm.defaults.unicode == .nfc)
        #expect(NormalizeProfile.llm.defaults.quotes == .keep)
    }

    /// Bad options are configuration errors.
    @Test func badOptionsAreConfigurationErrors() {
        #expect(throws: ConfigurationError.self) { try StageHarness<NormalizeStage>(options: "profile: serch") }
        #expect(throws: ConfigurationError.self) { try StageHarness<NormalizeStage>(options: "unicode: nfd") }
        #expect(throws: ConfigurationError.self) { try StageHarness<NormalizeStage>(options: "join-lines: maybe") }
    }

    /// Every option is documented and registered.
    @Test func everyOptionIsDocumentedAndRegistered() {
        #expect(NormalizeOptions.fields.map(\.name) == ["profile", "unicode", "quotes", "dashes", "ligatures", "full-width", "dehyphenate", "join-lines", "mojibake"])
        #expect(NormalizeOptions.fields.first { $0.name == "unicode" }?.defaultValue == "nfc (search: nfkc, archive: none)")
        #expect(StageRegistry.builtIn.names.contains("normalize"))
    }

    /// Every character the quick check lets through is stable under its form and is no mark
    /// that could combine with a neighbour, so skipping Foundation for it changes no result.
    @Test func quickCheckOnlyPassesStableCharacters() {
        for value in UInt32(0xA0)...0x1FAFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(Character(scalar))
            if UnicodeFormNormalizer.isStable(scalar, compatibility: false) {
                #expect(Exact(text.precomposedStringWithCanonicalMapping) == Exact(text), "NFC U+\(String(value, radix: 16))")
                #expect(scalar.properties.canonicalCombiningClass.rawValue == 0, "U+\(String(value, radix: 16))")
            }
            if UnicodeFormNormalizer.isStable(scalar, compatibility: true) {
                #expect(Exact(text.precomposedStringWithCompatibilityMapping) == Exact(text), "NFKC U+\(String(value, radix: 16))")
                #expect(scalar.properties.canonicalCombiningClass.rawValue == 0, "U+\(String(value, radix: 16))")
            }
        }
    }

    /// Clean text is returned as is.
    @Test func cleanTextIsReturnedAsIs() throws {
        let (text, fixes) = try normalized("Plain ASCII text.\nWith a second line.")
        #expect(text == "Plain ASCII text.\nWith a second line.")
        #expect(fixes.isEmpty)
    }
}

/// A string compared by its Unicode scalars rather than by canonical equivalence as `String ==`
/// does, so that tests tell NFC from NFD.
struct Exact: Equatable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The string.
    let string: String

    /// Wraps a string.
    init(_ string: String) { self.string = string }

    /// Wraps a literal.
    init(stringLiteral value: String) { string = value }

    /// Equal when the scalars are the same.
    static func == (lhs: Exact, rhs: Exact) -> Bool { lhs.string.unicodeScalars.elementsEqual(rhs.string.unicodeScalars) }

    /// The string with escapes, so that invisible differences show.
    var description: String { string.debugDescription }
}
