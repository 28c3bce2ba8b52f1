import Foundation
import Testing
@testable import Winnow

/// Text decoding and block splitting.
@Suite struct TextReadingTests {
    @Test func utf8WithAndWithoutBOM() {
        #expect(TextDecoding.decode(Array("café".utf8)).text == "café")
        #expect(TextDecoding.decode(Array("café".utf8)).encoding == "UTF-8")
        let bom = TextDecoding.decode([0xEF, 0xBB, 0xBF] + Array("café".utf8))
        #expect(bom.text == "café" && bom.encoding == "UTF-8 (BOM)")
    }

    @Test func utf16WithBOM() {
        let le: [UInt8] = [0xFF, 0xFE, 0x63, 0x00, 0xE9, 0x00]
        let be: [UInt8] = [0xFE, 0xFF, 0x00, 0x63, 0x00, 0xE9]
        #expect(TextDecoding.decode(le).text == "cé")
        #expect(TextDecoding.decode(be).text == "cé")
        #expect(TextDecoding.decode(be).encoding == "UTF-16BE (BOM)")
    }

    @Test func invalidUTF8FallsBackToWindows1252() {
        let decoded = TextDecoding.decode([0x63, 0x61, 0x66, 0xE9, 0x20, 0x93, 0x71, 0x94, 0x20, 0x80])
        #expect(decoded.text == "café “q” €")
        #expect(decoded.encoding.hasPrefix("windows-1252"))
    }

    @Test func blocksAreBlankLineSeparatedAndWhitespaceLinesCountAsBlank() {
        let blocks = TextBlocks.split("Title\n\nLine one\nline two  \n   \n\nLast\r\n")
        #expect(blocks.map(\.text) == ["Title", "Line one\nline two", "Last"])
        #expect(blocks.allSatisfy { $0.kind == .paragraph })
    }

    @Test func textWithoutBlankLinesGivesOneBlockPerLine() {
        #expect(TextBlocks.split("a\nb\nc").map(\.text) == ["a", "b", "c"])
    }

    @Test func globs() {
        #expect(Glob("*.html").matches("a/b/c.html"))
        #expect(Glob("**/*.html").matches("c.html"))
        #expect(!Glob("news/*.html").matches("news/x/c.html"))
        #expect(Glob("news/**").matches("news/x/c.html"))
        #expect(Glob("page[0-9].txt").matches("page7.txt"))
        #expect(!Glob("page[!0-9].txt").matches("page7.txt"))
        #expect(Glob("p?ge.txt").matches("page.txt"))
    }

    @Test func outputStems() {
        #expect(OutputPath.stem(of: "news/a.html") == "news/a")
        #expect(OutputPath.stem(of: "news/a.html.gz") == "news/a")
        #expect(OutputPath.stem(of: "a.TXT") == "a")
        #expect(OutputPath.stem(of: "README") == "README")
    }
}
