internal import CLibXML2

/// Parses raw page bytes into an ``HTMLDocument`` with libxml2's error-recovering HTML parser.
///
/// Steps: check limits and reject empty or binary input; decide the encoding with
/// ``EncodingSniffer``; convert anything that is not valid UTF-8 to UTF-8 (libxml2's converters
/// abort the parse at the first bad byte); parse with `htmlReadMemory`; copy the tree into the
/// arena; free the libxml2 document. Safe to call from many threads at once.
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
    public static func parse(
        _ bytes: [UInt8], limits: HTMLParseLimits = .standard
    ) throws(HTMLParseError) -> HTMLDocument {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(HTMLParseError) in try parse(buffer, limits: limits) }
        }
        return try result.get()
    }

    /// Parses the page bytes in `buffer`.
    public static func parse(
        _ buffer: UnsafeBufferPointer<UInt8>, limits: HTMLParseLimits = .standard
    ) throws(HTMLParseError) -> HTMLDocument {
        guard buffer.count <= limits.maxInputBytes, buffer.count <= Int(Int32.max) else {
            throw .inputTooLarge(bytes: buffer.count, limit: min(limits.maxInputBytes, Int(Int32.max)))
        }
        var encoding = EncodingSniffer.sniff(buffer)
        let body = UnsafeBufferPointer(rebasing: buffer[encoding.bomLength...])
        try InputCheck.rejectUnusable(body, utf16: encoding.isUTF16)

        if encoding.source == .validUTF8 || (encoding.isUTF8 && EncodingSniffer.isValidUTF8(body)) {
            return try parseUTF8(body, encoding: encoding, limits: limits)
        }
        var converted = UTF8Transcoder.convert(body, from: encoding.name)
        if converted == nil {
            encoding = DetectedEncoding(name: "windows-1252", source: .fallback)
            converted = UTF8Transcoder.fromWindows1252(body)
        }
        let utf8 = converted ?? []
        return try utf8.withUnsafeBufferPointer { utf8Buffer in
            Result { () throws(HTMLParseError) in try parseUTF8(utf8Buffer, encoding: encoding, limits: limits) }
        }.get()
    }

    /// Parses UTF-8 bytes (no byte order mark) and copies the tree.
    private static func parseUTF8(
        _ utf8: UnsafeBufferPointer<UInt8>, encoding: DetectedEncoding, limits: HTMLParseLimits
    ) throws(HTMLParseError) -> HTMLDocument {
        initializeOnce()
        let start = utf8.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
        guard let start, let document = htmlReadMemory(start, Int32(utf8.count), nil, nil, options) else {
            throw .parserFailed
        }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { throw .noRootElement }
        var copier = TreeCopier(limits: limits, expectedNodes: max(256, utf8.count / 256))
        try copier.copy(root: root)
        return HTMLDocument(nodes: copier.nodes, encoding: encoding, truncatedDepth: copier.truncatedDepth)
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
