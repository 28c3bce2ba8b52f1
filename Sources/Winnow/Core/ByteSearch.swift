import Foundation

/// Fast searches over UTF-8 bytes, for hot paths where Foundation's string search is too slow.
enum ByteSearch {
    /// The bytes of `text` with ASCII letters lowercased.
    @inline(__always)
    static func asciiLowercased<S: StringProtocol>(_ text: S) -> [UInt8] {
        var bytes = Array(text.utf8)
        for index in bytes.indices where bytes[index] >= 0x41 && bytes[index] <= 0x5A {
            bytes[index] |= 0x20
        }
        return bytes
    }

    /// An ASCII letter lowercased; other bytes as they are.
    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    /// Whether `needle` occurs in `haystack`.
    @inline(__always)
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        haystack.withUnsafeBufferPointer { contains($0, needle) }
    }

    /// Whether `needle` occurs in the UTF-8 of `text`.
    static func contains(_ text: String, _ needle: [UInt8]) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { contains($0, needle) } ?? contains(Array(text.utf8), needle)
    }

    /// Whether `needle` occurs in `haystack`: the search both overloads run.
    @inline(__always)
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        let first = needle[0]
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first, UnsafeBufferPointer(rebasing: haystack[index..<index + needle.count]).elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }

    /// What `text.contains(needle)` (Foundation's `range(of:)`) answers, for an ASCII `needle`,
    /// from the bytes when it can: Foundation finds no match that would end (or start) inside a
    /// composed character (`"<b>\u{301}"` holds no `">"` for it), so a byte match with ASCII on
    /// both sides (or the text's ends) decides, and only a text whose every byte match touches
    /// other bytes is handed to Foundation.
    static func containsAsFoundation(_ text: String, _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return text.range(of: "") != nil }
        var text = text
        let answer = text.withUTF8 { bytes -> Bool? in
            guard bytes.count >= needle.count else { return false }
            var undecided = false
            let first = needle[0]
            for start in 0...(bytes.count - needle.count) where bytes[start] == first {
                var offset = 1
                while offset < needle.count, bytes[start + offset] == needle[offset] { offset += 1 }
                guard offset == needle.count else { continue }
                let end = start + needle.count
                if (start == 0 || bytes[start - 1] < 0x80) && (end == bytes.count || bytes[end] < 0x80) { return true }
                undecided = true
            }
            return undecided ? nil : false
        }
        return answer ?? (text.range(of: String(decoding: needle, as: UTF8.self)) != nil)
    }

    /// `text.trimmingCharacters(in: .whitespaces)` (`.whitespacesAndNewlines` with `newlines`),
    /// without Foundation when what is left begins and ends with ASCII.
    static func trimmed(_ text: String, newlines: Bool = false) -> String {
        let utf8 = text.utf8
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 || (newlines && byte >= 0x0A && byte <= 0x0D) }
        var start = utf8.startIndex, end = utf8.endIndex
        while start < end, isSpace(utf8[start]) { start = utf8.index(after: start) }
        while start < end, isSpace(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
        if start == end { return "" }
        guard utf8[start] < 0x80, utf8[utf8.index(before: end)] < 0x80 else {
            return text.trimmingCharacters(in: newlines ? .whitespacesAndNewlines : .whitespaces)
        }
        return start == utf8.startIndex && end == utf8.endIndex ? text : String(text[start..<end])
    }

    /// Whether `haystack` starts with `prefix`.
    @inline(__always)
    static func hasPrefix(_ haystack: [UInt8], _ prefix: [UInt8]) -> Bool {
        haystack.count >= prefix.count && haystack.prefix(prefix.count).elementsEqual(prefix)
    }
}
