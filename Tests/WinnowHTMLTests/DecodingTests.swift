import Testing
import WinnowHTML

/// End-to-end: bytes in some encoding → parsed text, plus the recorded encoding.
@Suite("Decoding")
struct DecodingTests {
    func bytes(_ string: String) -> [UInt8] { Array(string.utf8) }

    func utf16(_ string: String, bigEndian: Bool) -> [UInt8] {
        var result: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for unit in string.utf16 {
            let high = UInt8(unit >> 8), low = UInt8(unit & 0xFF)
            result += bigEndian ? [high, low] : [low, high]
        }
        return result
    }

    @Test("windows-1252 fallback decodes caf\\xE9 as café")
    func windows1252Fallback() throws {
        let document = try HTMLParser.parse(bytes("<p>caf") + [0xE9] + bytes("</p>"))
        #expect(allText(document) == "café")
        #expect(document.encoding == DetectedEncoding(name: "windows-1252", source: .fallback))
    }

    @Test("windows-1252 curly quotes and euro sign from a declared Latin-1 page")
    func windows1252HighBytes() throws {
        let page = bytes(#"<meta charset="iso-8859-1"><p>"#) + [0x93, 0x80, 0x35, 0x94, 0x81] + bytes("</p><p>after</p>")
        let document = try HTMLParser.parse(page)
        #expect(allText(document) == "“€5”\u{81}after")
    }

    @Test("UTF-8 byte order mark is skipped")
    func utf8BOM() throws {
        let document = try HTMLParser.parse([0xEF, 0xBB, 0xBF] + bytes("<p>héllo</p>"))
        #expect(allText(document) == "héllo")
        #expect(document.encoding.source == .bom)
    }

    @Test("UTF-16 with a byte order mark", arguments: [false, true])
    func utf16(bigEndian: Bool) throws {
        let document = try HTMLParser.parse(utf16("<html><body><p>héllo ☃ 😀</p></body></html>", bigEndian: bigEndian))
        #expect(allText(document) == "héllo ☃ 😀")
        #expect(document.encoding.name == (bigEndian ? "UTF-16BE" : "UTF-16LE"))
    }

    @Test("valid UTF-8 wins over a declared Latin-1")
    func utf8OverLatin1() throws {
        let document = try HTMLParser.parse(bytes(#"<meta charset="iso-8859-1"><p>café</p>"#))
        #expect(allText(document) == "café")
    }

    @Test("meta charset windows-1250")
    func windows1250() throws {
        let page = bytes(#"<meta charset="windows-1250"><p>"#) + [0xA3, 0xF3, 0x64, 0x9F] + bytes("</p>")
        #expect(allText(try HTMLParser.parse(page)) == "Łódź")
    }

    @Test("http-equiv ISO-8859-2")
    func iso88592() throws {
        let page = bytes(#"<meta http-equiv="content-type" content="text/html;charset=iso-8859-2"><p>"#) + [0xB1] + bytes("</p>")
        #expect(allText(try HTMLParser.parse(page)) == "ą")
    }

    @Test("XML declaration windows-1251")
    func windows1251() throws {
        let page = bytes(#"<?xml version="1.0" encoding="windows-1251"?><html><body><p>"#)
            + [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2] + bytes("</p></body></html>")
        let document = try HTMLParser.parse(page)
        #expect(allText(document) == "Привет")
        #expect(document.encoding == DetectedEncoding(name: "windows-1251", source: .declared))
    }

    @Test("Shift_JIS via iconv, and a bad byte does not cut the page short")
    func shiftJIS() throws {
        let page = bytes(#"<meta charset="shift_jis"><p>"#) + [0x93, 0xFA, 0x96, 0x7B] + bytes("</p><p>x")
            + [0xFF] + bytes("y</p><p>end</p>")
        let document = try HTMLParser.parse(page)
        #expect(allText(document) == "日本x\u{FFFD}yend")
        #expect(document.encoding.name == "Shift_JIS")
    }

    @Test("declared UTF-8 with a stray byte is repaired, not truncated")
    func repairedUTF8() throws {
        let page = bytes(#"<meta charset="utf-8"><p>a"#) + [0xC3] + bytes("b</p><p>end</p>")
        #expect(allText(try HTMLParser.parse(page)) == "a\u{FFFD}bend")
    }
}
