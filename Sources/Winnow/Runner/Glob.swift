/// A glob pattern over relative paths: `*` and `?` within a path segment, `**` across segments,
/// `[abc]` character classes.
///
/// A pattern without a `/` matches the file name in any folder (`*.html` is `**/*.html`).
public struct Glob: Sendable, Hashable {
    /// The pattern as written.
    public let pattern: String
    private let segments: [[UInt8]]

    /// Creates a glob from its pattern.
    public init(_ pattern: String) {
        self.pattern = pattern
        var text = pattern
        if !text.contains("/") { text = "**/" + text }
        segments = text.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.utf8) }
    }

    /// Whether a relative path (with `/` separators) matches.
    public func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.utf8) }
        return match(segments[...], parts[...])
    }

    private func match(_ pattern: ArraySlice<[UInt8]>, _ parts: ArraySlice<[UInt8]>) -> Bool {
        guard let first = pattern.first else { return parts.isEmpty }
        if first == Array("**".utf8) {
            let rest = pattern.dropFirst()
            var tail = parts
            while true {
                if match(rest, tail) { return true }
                guard !tail.isEmpty else { return false }
                tail = tail.dropFirst()
            }
        }
        guard let part = parts.first, Self.matchSegment(first[...], part[...]) else { return false }
        return match(pattern.dropFirst(), parts.dropFirst())
    }

    /// Matches one segment with `*`, `?` and `[...]`.
    static func matchSegment(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
        var p = pattern.startIndex, t = text.startIndex
        var starP = -1, starT = -1
        while t < text.endIndex {
            if p < pattern.endIndex {
                let c = pattern[p]
                if c == UInt8(ascii: "*") {
                    starP = p; starT = t; p += 1; continue
                }
                if c == UInt8(ascii: "?") { p += 1; t += 1; continue }
                if c == UInt8(ascii: "["), let (matched, next) = matchClass(pattern, from: p, byte: text[t]) {
                    if matched { p = next; t += 1; continue }
                } else if c == text[t] {
                    p += 1; t += 1; continue
                }
            }
            guard starP >= 0 else { return false }
            p = starP + 1; starT += 1; t = starT
        }
        while p < pattern.endIndex, pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.endIndex
    }

    /// Matches `[...]` at `start` against one byte; nil when the class is not closed.
    static func matchClass(_ pattern: ArraySlice<UInt8>, from start: Int, byte: UInt8) -> (Bool, Int)? {
        var i = start + 1
        var negate = false
        if i < pattern.endIndex, pattern[i] == UInt8(ascii: "!") || pattern[i] == UInt8(ascii: "^") { negate = true; i += 1 }
        var matched = false
        var first = true
        while i < pattern.endIndex {
            let c = pattern[i]
            if c == UInt8(ascii: "]") && !first { return (matched != negate, i + 1) }
            first = false
            if i + 2 < pattern.endIndex, pattern[i + 1] == UInt8(ascii: "-"), pattern[i + 2] != UInt8(ascii: "]") {
                if byte >= c && byte <= pattern[i + 2] { matched = true }
                i += 3
            } else {
                if byte == c { matched = true }
                i += 1
            }
        }
        return nil
    }
}
