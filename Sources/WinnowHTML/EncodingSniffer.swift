/// Decides the character encoding of raw page bytes without decoding them.
///
/// Precedence: byte order mark, then valid UTF-8 (pure ASCII included), then a charset declared in
/// the first ``declarationScanLimit`` bytes, then a fallback. The fallback is windows-1252, except
/// that bytes which are mostly valid UTF-8 (at least two valid multi-byte sequences per invalid
/// byte) fall back to UTF-8 so a page with a few stray bytes is not turned into mojibake.
public enum EncodingSniffer {
    /// How many leading bytes are searched for a `<meta charset>` or XML declaration.
    public static let declarationScanLimit = 4096

    /// Decides the encoding of `bytes`.
    public static func sniff(_ bytes: [UInt8]) -> DetectedEncoding {
        bytes.withUnsafeBufferPointer { sniff($0) }
    }

    /// Decides the encoding of the bytes in `buffer`.
    public static func sniff(_ buffer: UnsafeBufferPointer<UInt8>) -> DetectedEncoding {
        if let bom = byteOrderMark(buffer) { return bom }
        if isValidUTF8(buffer) { return DetectedEncoding(name: "UTF-8", source: .validUTF8) }
        if let declared = declaredCharset(buffer) { return DetectedEncoding(name: declared, source: .declared) }
        let stats = utf8Statistics(buffer)
        if stats.multiByte >= 2 * stats.invalid {
            return DetectedEncoding(name: "UTF-8", source: .fallback)
        }
        return DetectedEncoding(name: "windows-1252", source: .fallback)
    }

    /// The encoding named by a byte order mark at the start of `buffer`, if any.
    static func byteOrderMark(_ buffer: UnsafeBufferPointer<UInt8>) -> DetectedEncoding? {
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
            return DetectedEncoding(name: "UTF-8", source: .bom, bomLength: 3)
        }
        guard buffer.count >= 2 else { return nil }
        if buffer[0] == 0xFF, buffer[1] == 0xFE { return DetectedEncoding(name: "UTF-16LE", source: .bom, bomLength: 2) }
        if buffer[0] == 0xFE, buffer[1] == 0xFF { return DetectedEncoding(name: "UTF-16BE", source: .bom, bomLength: 2) }
        return nil
    }

    /// The canonical name of a charset declared in the first ``declarationScanLimit`` bytes.
    ///
    /// Looks at an XML declaration's `encoding="…"` and at the `charset=` inside any `<meta …>` tag
    /// (which covers both `<meta charset>` and `http-equiv` `content="…; charset=…"`). Comments are
    /// skipped. Unknown labels are ignored.
    public static func declaredCharset(_ buffer: UnsafeBufferPointer<UInt8>) -> String? {
        let scanner = ByteScanner(buffer, limit: declarationScanLimit)
        var index = scanner.skipWhitespace(from: 0)
        if scanner.matches("<?xml", at: index) {
            let end = scanner.find("?>", from: index) ?? scanner.end
            if let value = scanner.attributeValue(named: "encoding", in: index..<end),
               let name = DetectedEncoding.canonicalName(forLabel: value) {
                return name
            }
            index = end
        }
        while let open = scanner.find("<", from: index) {
            if scanner.matches("<!--", at: open) {
                guard let close = scanner.find("-->", from: open + 4) else { return nil }
                index = close + 3
                continue
            }
            index = open + 1
            guard scanner.matches("<meta", at: open), open + 5 < scanner.end,
                  ByteScanner.isSpace(buffer[open + 5]) || buffer[open + 5] == UInt8(ascii: "/") else { continue }
            let tagEnd = scanner.find(">", from: open) ?? scanner.end
            if let value = scanner.attributeValue(named: "charset", in: open + 5..<tagEnd),
               let name = DetectedEncoding.canonicalName(forLabel: value) {
                return name
            }
            index = tagEnd
        }
        return nil
    }
}

/// Case-insensitive ASCII searching over a byte buffer prefix.
struct ByteScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let end: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int) {
        self.bytes = bytes
        self.end = min(bytes.count, limit)
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }

    static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    func skipWhitespace(from start: Int) -> Int {
        var index = start
        while index < end, Self.isSpace(bytes[index]) { index += 1 }
        return index
    }

    /// True when the lowercase ASCII `pattern` occurs at `index` (input compared case-insensitively).
    func matches(_ pattern: StaticString, at index: Int) -> Bool {
        let count = pattern.utf8CodeUnitCount
        guard index >= 0, index + count <= end else { return false }
        let start = pattern.utf8Start
        for offset in 0..<count where Self.lower(bytes[index + offset]) != start[offset] { return false }
        return true
    }

    func find(_ pattern: StaticString, from start: Int) -> Int? {
        let first = pattern.utf8Start[0]
        var index = start
        while index < end {
            if Self.lower(bytes[index]) == first, matches(pattern, at: index) { return index }
            index += 1
        }
        return nil
    }

    /// The value after `name`, optional spaces, `=`, optional spaces and an optional quote, within `range`.
    func attributeValue(named name: StaticString, in range: Range<Int>) -> String? {
        var index = range.lowerBound
        let limit = min(range.upperBound, end)
        while index < limit, let found = find(name, from: index), found < limit {
            var cursor = found + name.utf8CodeUnitCount
            while cursor < limit, Self.isSpace(bytes[cursor]) { cursor += 1 }
            index = found + 1
            guard cursor < limit, bytes[cursor] == UInt8(ascii: "=") else { continue }
            cursor = skipWhitespace(from: cursor + 1)
            var quote: UInt8? = nil
            if cursor < limit, bytes[cursor] == UInt8(ascii: "\"") || bytes[cursor] == UInt8(ascii: "'") {
                quote = bytes[cursor]
                cursor += 1
            }
            let valueStart = cursor
            while cursor < limit {
                let byte = bytes[cursor]
                if byte == quote || Self.isSpace(byte) || byte == UInt8(ascii: ";") || byte == UInt8(ascii: ">")
                    || (quote == nil && (byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'"))) { break }
                cursor += 1
            }
            guard cursor > valueStart else { continue }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[valueStart..<cursor]), as: UTF8.self)
        }
        return nil
    }
}
