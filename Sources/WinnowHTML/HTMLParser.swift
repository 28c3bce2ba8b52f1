internal import CLibXML2

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses raw page bytes into an ``HTMLDocument`` with libxml2's error-recovering HTML parser.
///
/// Steps: check limits and reject empty or binary input; decide the encoding with
/// ``EncodingSniffer``; convert anything that is not valid UTF-8 to UTF-8 (libxml2's converters
/// abort the parse at the first bad byte); parse with libxml2's HTML parser, building the arena
/// from its events (``SAXTreeBuilder``), or, when XPath queries are given, parse with
/// `htmlReadMemory`, copy the tree into the arena (``TreeCopier``) and free the libxml2 document.
/// Safe to call from many threads at once.
public enum HTMLParser {
    /// libxml2 options: recover from any markup error, report nothing, never touch the network,
    /// compact small text nodes, ignore in-document charset declarations (the encoding is decided
    /// before parsing), and lift the hard-coded limits (without `XML_PARSE_HUGE`, content nested
    /// deeper than 256 elements is dropped). Whitespace-only text is kept: it separates words.
    static let options: Int32 = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_IGNORE_ENC.rawValue
            | XML_PARSE_HUGE.rawValue)

    /// Runs `xmlInitParser()` once per process, before the first parse.
    private static let libxmlInitialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Initializes libxml2 once per process and silences its error output.
    static func initializeOnce() {
        _ = libxmlInitialized
        winnow_silence_libxml_errors()
    }

    /// Parses a page; throws only when the input is not a usable page or exceeds `limits`.
    ///
    /// `queries` are XPath expressions (``XPathQuery``) evaluated on libxml2's tree before it is
    /// copied; what each selected is in ``HTMLDocument/queryMatches``.
    public static func parse(
        _ bytes: [UInt8], limits: HTMLParseLimits = .standard, queries: [String] = []
    ) throws(HTMLParseError) -> HTMLDocument {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(HTMLParseError) in try parse(buffer, limits: limits, queries: queries) }
        }
        return try result.get()
    }

    /// Parses the page bytes in `buffer`.
    public static func parse(
        _ buffer: UnsafeBufferPointer<UInt8>, limits: HTMLParseLimits = .standard, queries: [String] = []
    ) throws(HTMLParseError) -> HTMLDocument {
        try parse(buffer, limits: limits, queries: queries, treeBuilder: .events)
    }

    /// Parses the page bytes in `buffer`, building the arena the given way.
    static func parse(
        _ buffer: UnsafeBufferPointer<UInt8>, limits: HTMLParseLimits, queries: [String], treeBuilder: TreeBuilder
    ) throws(HTMLParseError) -> HTMLDocument {
        guard buffer.count <= limits.maxInputBytes, buffer.count <= Int(Int32.max) else {
            throw .inputTooLarge(bytes: buffer.count, limit: min(limits.maxInputBytes, Int(Int32.max)))
        }
        var encoding = EncodingSniffer.sniff(buffer)
        let body = UnsafeBufferPointer(rebasing: buffer[encoding.bomLength...])
        try InputCheck.rejectUnusable(body, utf16: encoding.isUTF16)

        if encoding.source == .validUTF8 || (encoding.isUTF8 && EncodingSniffer.isValidUTF8(body)) {
            return try parseUTF8(body, encoding: encoding, limits: limits, queries: queries, treeBuilder: treeBuilder)
        }
        var converted = UTF8Transcoder.convert(body, from: encoding.name)
        if converted == nil {
            encoding = DetectedEncoding(name: "windows-1252", source: .fallback)
            converted = UTF8Transcoder.fromWindows1252(body)
        }
        let utf8 = converted ?? []
        return try utf8.withUnsafeBufferPointer { utf8Buffer in
            Result { () throws(HTMLParseError) in
                try parseUTF8(utf8Buffer, encoding: encoding, limits: limits, queries: queries, treeBuilder: treeBuilder)
            }
        }.get()
    }

    /// How the arena is built: from the parser's events (``SAXTreeBuilder``), or by copying
    /// libxml2's tree (``TreeCopier``), which XPath queries need and tests compare against.
    enum TreeBuilder: Sendable {
        case events, libxml2Tree
    }

    /// Parses UTF-8 bytes (no byte order mark) into the arena: straight from the parser's events,
    /// or, when there are XPath queries, through libxml2's tree.
    static func parseUTF8(
        _ utf8: UnsafeBufferPointer<UInt8>, encoding: DetectedEncoding, limits: HTMLParseLimits, queries: [String],
        treeBuilder: TreeBuilder
    ) throws(HTMLParseError) -> HTMLDocument {
        try TagScan.check(utf8, limits: limits)
        initializeOnce()
        if queries.isEmpty, treeBuilder == .events {
            let (nodes, truncatedDepth) = try SAXTreeBuilder.build(utf8, options: options, limits: limits)
            return HTMLDocument(nodes: nodes, encoding: encoding, truncatedDepth: truncatedDepth)
        }
        let start = utf8.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
        guard let start, let document = htmlReadMemory(start, Int32(utf8.count), nil, nil, options) else {
            throw .parserFailed
        }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { throw .noRootElement }
        var copier = TreeCopier(limits: limits, expectedNodes: max(256, utf8.count / 256))
        copier.selected = try XPathQuery.evaluate(queries, on: document)
        if !copier.selected.isEmpty { copier.matches = Array(repeating: [], count: queries.count) }
        try copier.copy(root: root)
        var page = HTMLDocument(nodes: copier.nodes, encoding: encoding, truncatedDepth: copier.truncatedDepth)
        for (number, query) in queries.enumerated() {
            page.queryMatches[query] = copier.matches.isEmpty ? [] : copier.matches[number]
        }
        return page
    }
}

/// Rejects input that is empty or binary before it reaches the parser.
enum InputCheck {
    /// Leading bytes of common binary formats, with a readable name.
    static let magicNumbers: [(bytes: [UInt8], kind: String)] = [
        ([0x1F, 0x8B], HTMLParseError.gzipKind),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "PNG image"),
        ([0x50, 0x4B, 0x03, 0x04], "ZIP archive"),
        ([0x25, 0x50, 0x44, 0x46, 0x2D], "PDF document"),
        ([0x7F, 0x45, 0x4C, 0x46], "ELF executable"),
        ([0xFF, 0xD8, 0xFF], "JPEG image"),
        ([0x47, 0x49, 0x46, 0x38], "GIF image"),
        ([0x28, 0xB5, 0x2F, 0xFD], "Zstandard data"),
        ([0x42, 0x5A, 0x68], "bzip2 data"),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "xz data"),
    ]

    /// How many leading bytes are searched for NUL bytes.
    static let nulScanLimit = 1024

    static func rejectUnusable(_ body: UnsafeBufferPointer<UInt8>, utf16: Bool) throws(HTMLParseError) {
        var index = 0
        while index < body.count, isBlank(body[index], utf16: utf16) { index += 1 }
        guard index < body.count else { throw .emptyInput }
        if utf16 { return }
        for (magic, kind) in magicNumbers where body.count >= magic.count {
            if zip(magic, body).allSatisfy({ $0 == $1 }) { throw .binaryInput(kind: kind) }
        }
        if body.prefix(nulScanLimit).contains(0) { throw .binaryInput(kind: "NUL bytes in the first 1 KB") }
    }

    /// ASCII whitespace, or a zero byte of a UTF-16 code unit.
    @inline(__always)
    private static func isBlank(_ byte: UInt8, utf16: Bool) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C || (utf16 && byte == 0)
    }
}

/// A scan of the page's tags before libxml2 sees them, so that hostile markup fails fast instead
/// of costing hours or gigabytes inside the parser, which cannot be interrupted.
///
/// It counts start tags (`<` and a letter) and the attributes of each (whitespace-separated
/// names outside quoted values), skipping the raw text of `<script>` and `<style>`. More start
/// tags than ``HTMLParseLimits/maxNodes`` is ``HTMLParseError/tooManyNodes(limit:)`` (libxml2
/// makes at most about two nodes per tag, an element and the text after it); a tag with more than
/// ``HTMLParseLimits/maxAttributes`` attributes is ``HTMLParseError/tooManyAttributes(limit:)``
/// (libxml2 2.9 checks an element's attributes for duplicates pairwise: 40,000 take 20 s).
enum TagScan {
    static func check(_ bytes: UnsafeBufferPointer<UInt8>, limits: HTMLParseLimits) throws(HTMLParseError) {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        var tags = 0
        var index = 0
        while index < count {
            guard let found = memchr(base + index, 0x3C, count - index) else { return }
            index = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
            guard index < count, isLetter(base[index]) else { continue }
            tags += 1
            if tags > limits.maxNodes { throw .tooManyNodes(limit: limits.maxNodes) }
            let nameStart = index
            while index < count, !isSpace(base[index]), base[index] != 0x3E, base[index] != 0x2F { index += 1 }
            let rawText = isRawTextName(UnsafeBufferPointer(start: base + nameStart, count: index - nameStart))
            var attributes = 0
            var afterSpace = false
            var afterEquals = false
            while index < count {
                let byte = base[index]
                index += 1
                if byte == 0x3E { break }
                if isSpace(byte) {
                    afterSpace = true
                    continue
                }
                if byte == 0x3D {
                    afterEquals = true
                } else if afterEquals {
                    if byte == 0x22 || byte == 0x27 {
                        // A quoted value: on past its closing quote (or to the end).
                        if let found = memchr(base + index, Int32(byte), count - index) {
                            index = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                        } else {
                            index = count
                        }
                    }
                    afterEquals = false
                } else if afterSpace, byte != 0x2F {
                    attributes += 1
                    if attributes > limits.maxAttributes { throw .tooManyAttributes(limit: limits.maxAttributes) }
                }
                afterSpace = false
            }
            if let rawText { index = skipRawText(base, count: count, from: index, closing: rawText) }
        }
    }

    @inline(__always)
    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C }

    /// `</script` or `</style` for those element names, nil for others.
    static func isRawTextName(_ name: UnsafeBufferPointer<UInt8>) -> StaticString? {
        func equals(_ word: StaticString) -> Bool {
            guard name.count == word.utf8CodeUnitCount else { return false }
            for offset in 0..<name.count where name[offset] | 0x20 != word.utf8Start[offset] { return false }
            return true
        }
        if equals("script") { return "</script" }
        if equals("style") { return "</style" }
        return nil
    }

    /// The index after the raw text that ends at `closing` (case-insensitive), or the end.
    static func skipRawText(_ base: UnsafePointer<UInt8>, count: Int, from start: Int, closing: StaticString) -> Int {
        let length = closing.utf8CodeUnitCount
        var index = start
        while index < count {
            guard let found = memchr(base + index, 0x3C, count - index) else { return count }
            index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if index + length <= count {
                var matches = true
                for offset in 1..<length where base[index + offset] | 0x20 != closing.utf8Start[offset] | 0x20 {
                    matches = false
                    break
                }
                if matches { return index }
            }
            index += 1
        }
        return count
    }
}
