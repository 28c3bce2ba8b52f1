import Testing
@testable import WinnowHTML

@Suite("EncodingSniffer")
struct EncodingSnifferTests {
    func bytes(_ string: String) -> [UInt8] { Array(string.utf8) }

    @Test("UTF-8 byte order mark")
    func utf8BOM() {
        let result = EncodingSniffer.sniff([0xEF, 0xBB, 0xBF] + bytes("<p>héllo</p>"))
        #expect(result == DetectedEncoding(name: "UTF-8", source: .bom, bomLength: 3))
    }

    @Test("UTF-16 byte order marks")
    func utf16BOM() {
        #expect(EncodingSniffer.sniff([0xFF, 0xFE, 0x3C, 0x00]) == DetectedEncoding(name: "UTF-16LE", source: .bom, bomLength: 2))
        #expect(EncodingSniffer.sniff([0xFE, 0xFF, 0x00, 0x3C]) == DetectedEncoding(name: "UTF-16BE", source: .bom, bomLength: 2))
    }

    @Test("pure ASCII counts as valid UTF-8")
    func ascii() {
        #expect(EncodingSniffer.sniff(bytes("<html><body>plain</body></html>")).source == .validUTF8)
        #expect(EncodingSniffer.sniff(bytes("<html><body>plain</body></html>")).name == "UTF-8")
    }

    @Test("valid UTF-8 beats a declared Latin-1")
    func validUTF8BeatsDeclaration() {
        let page = bytes(#"<meta charset="iso-8859-1"><p>café naïve</p>"#)
        #expect(EncodingSniffer.sniff(page) == DetectedEncoding(name: "UTF-8", source: .validUTF8))
    }

    @Test("meta charset is used when the bytes are not UTF-8")
    func metaCharset() {
        let page = bytes(#"<html><head><META Charset = 'windows-1250' /></head><body>"#) + [0xA3, 0xF3, 0x64, 0x9F]
        #expect(EncodingSniffer.sniff(page) == DetectedEncoding(name: "windows-1250", source: .declared))
    }

    @Test("http-equiv Content-Type charset")
    func httpEquiv() {
        let page = bytes(#"<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-2"><p>"#) + [0xB1]
        #expect(EncodingSniffer.sniff(page) == DetectedEncoding(name: "ISO-8859-2", source: .declared))
    }

    @Test("XML declaration encoding")
    func xmlDeclaration() {
        let page = bytes(#"<?xml version="1.0" encoding="windows-1251"?><html><body>"#) + [0xCF, 0xF0, 0xE8]
        #expect(EncodingSniffer.sniff(page) == DetectedEncoding(name: "windows-1251", source: .declared))
    }

    @Test("declared Latin-1 and US-ASCII mean windows-1252")
    func latin1IsWindows1252() {
        let page = bytes(#"<meta charset="latin1"><p>"#) + [0x93, 0x68, 0x69, 0x94]
        #expect(EncodingSniffer.sniff(page) == DetectedEncoding(name: "windows-1252", source: .declared))
        #expect(DetectedEncoding.canonicalName(forLabel: "US-ASCII") == "windows-1252")
        #expect(DetectedEncoding.canonicalName(forLabel: "ISO-8859-1") == "windows-1252")
    }

    @Test("charset inside a comment is ignored")
    func commentedDeclaration() {
        let page = bytes(#"<!-- <meta charset="windows-1251"> --><p>caf"#) + [0xE9]
        #expect(EncodingSniffer.sniff(page) == DetectedEncoding(name: "windows-1252", source: .fallback))
    }

    @Test("undeclared non-UTF-8 falls back to windows-1252")
    func fallback() {
        #expect(EncodingSniffer.sniff(bytes("<p>caf") + [0xE9] + bytes("</p>"))
            == DetectedEncoding(name: "windows-1252", source: .fallback))
    }

    @Test("mostly-UTF-8 bytes with a stray byte fall back to UTF-8")
    func mostlyUTF8() {
        let page = bytes("<p>naïve café résumé") + [0xFF] + bytes("</p>")
        #expect(EncodingSniffer.sniff(page) == DetectedEncoding(name: "UTF-8", source: .fallback))
    }

    @Test("label normalisation", arguments: [
        ("latin1", "windows-1252"), ("x-sjis", "Shift_JIS"), ("ISO_8859-2", "ISO-8859-2"), ("cp1251", "windows-1251"),
        (" UTF8 ", "UTF-8"), ("gb2312", "GBK"), ("iso8859-15", "ISO-8859-15"), ("Windows-1250", "windows-1250"),
    ])
    func labels(label: String, expected: String) {
        #expect(DetectedEncoding.canonicalName(forLabel: label) == expected)
    }

    @Test("unknown labels are ignored")
    func unknownLabel() {
        #expect(DetectedEncoding.canonicalName(forLabel: "klingon-7") == nil)
        let page = bytes(#"<meta charset="klingon-7"><p>caf"#) + [0xE9]
        #expect(EncodingSniffer.sniff(page).source == .fallback)
    }

    @Test("UTF-8 validation edge cases", arguments: [
        ([0xF0, 0x9F, 0x98, 0x80] as [UInt8], true),   // U+1F600
        ([0xE2, 0x82, 0xAC], true),                    // U+20AC
        ([0xC0, 0x80], false),                          // overlong NUL
        ([0xE0, 0x80, 0x80], false),                    // overlong
        ([0xED, 0xA0, 0x80], false),                    // surrogate
        ([0xF4, 0x90, 0x80, 0x80], false),              // past U+10FFFF
        ([0xE2, 0x82], false),                          // truncated
        ([0x80], false),                                // lone continuation
        ([], true),
    ])
    func validation(input: [UInt8], valid: Bool) {
        #expect(EncodingSniffer.isValidUTF8(input) == valid)
        let padded = Array(repeating: UInt8(ascii: "a"), count: 37) + input + Array(repeating: UInt8(ascii: "b"), count: 21)
        #expect(EncodingSniffer.isValidUTF8(padded) == valid)
    }
}
