/// The layout of lines inside a block: whitespace collapsing, then dehyphenation and line joining.
///
/// **Collapsing** (always, every kind but code) runs after ``CharacterCleaner``, so the only
/// whitespace left is " " and "\n". A run of spaces becomes one space; a run that holds a line
/// break becomes one "\n" (spaces around a line break and blank lines inside a block go);
/// whitespace at the start and end of the block goes.
///
/// **Joining** (paragraphs, quotes, captions, list items) runs on collapsed text, so lines are
/// trimmed and never blank. Each line break is decided from the characters around it, left to right:
///
/// - **Dehyphenation** (`dehyphenate`): "recom-\nmended" → "recommended" when a letter and a
///   hyphen end the line, the next line starts with a lowercase letter, and neither part touches
///   another hyphen or a digit ("state-of-\nthe-art" is left to line joining, "as-\njim900536"
///   stays).
/// - **Hyphen joining** (`join-lines`): otherwise a hyphen that ends a line before a lowercase
///   letter is kept and the break removed: "well-\nknown" → "well-known".
/// - **Line joining** (`join-lines`): a break becomes a space when the next line starts with a
///   lowercase letter (but not a link: "https://", "www.") and the line so far (after earlier
///   joins) holds 30 or more characters and does not end with ":"; short lines such as list
///   entries stay apart.
///
/// Decisions depend only on the text around each break and on joins already made to its left, so
/// joining again changes nothing.
enum LineLayout {
    // MARK: Collapsing

    /// Collapses the whitespace of `text`, using `scratch` as the output buffer; returns whether anything changed.
    static func collapseWhitespace(_ text: inout [Unicode.Scalar], scratch: inout [Unicode.Scalar], counts: inout NormalizeFixCounts) -> Bool {
        guard needsCollapsing(text) else { return false }
        scratch.removeAll(keepingCapacity: true)
        var index = 0
        while index < text.count {
            let scalar = text[index]
            guard isSpace(scalar) else {
                scratch.append(scalar)
                index += 1
                continue
            }
            var end = index
            var breaks = false
            while end < text.count, isSpace(text[end]) {
                if text[end] == "\n" { breaks = true }
                end += 1
            }
            let atEdge = index == 0 || end == text.count
            if !atEdge { scratch.append(breaks ? "\n" : " ") }
            if atEdge || end - index > 1 || text[index] != (breaks ? "\n" : " ") {
                counts[.whitespace] += 1
            }
            index = end
        }
        swap(&text, &scratch)
        return true
    }

    /// Whether the text has whitespace at an end, or a run of two or more whitespace characters.
    static func needsCollapsing(_ text: [Unicode.Scalar]) -> Bool {
        guard let first = text.first, let last = text.last else { return false }
        if isSpace(first) || isSpace(last) { return true }
        var previousSpace = false
        for scalar in text {
            let space = isSpace(scalar)
            if space && previousSpace { return true }
            previousSpace = space
        }
        return false
    }

    /// Whether a scalar is " " or "\n".
    @inline(__always)
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\n"
    }

    // MARK: Joining

    /// The shortest line (in characters) after which a plain break may become a space.
    static let minimumLine = 30

    /// Joins lines of `text` per `options`, using `scratch` as the output buffer. Returns whether
    /// anything changed and whether a word was dehyphenated (which can form new entity names).
    static func joinLines(_ text: inout [Unicode.Scalar], options: NormalizeOptions, scratch: inout [Unicode.Scalar], counts: inout NormalizeFixCounts) -> (changed: Bool, dehyphenated: Bool) {
        guard options.joins, let first = text.indices.first(where: { text[$0] == "\n" && $0 + 1 < text.count && text[$0 + 1].properties.isLowercase }) else {
            return (false, false)
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: text[..<first])
        var changed = false
        var dehyphenated = false
        var lineStart = (text[..<first].lastIndex(of: "\n") ?? -1) + 1
        for index in first..<text.count {
            let scalar = text[index]
            guard scalar == "\n", index > 0, index + 1 < text.count else {
                scratch.append(scalar)
                continue
            }
            let previous = text[index - 1]
            let next = text[index + 1]
            guard next.properties.isLowercase, !startsLink(at: index + 1, in: text) else {
                scratch.append(scalar)
                lineStart = scratch.count
                continue
            }
            if isHyphen(previous), index >= 2, text[index - 2].properties.isAlphabetic {
                if options.dehyphenate && isBrokenWord(at: index, in: text) {
                    scratch.removeLast()
                    counts[.dehyphenation] += 1
                    changed = true
                    dehyphenated = true
                } else if options.joinLines {
                    counts[.lineJoin] += 1
                    changed = true
                } else {
                    scratch.append(scalar)
                    lineStart = scratch.count
                }
            } else if options.joinLines, previous != ":", scratch.count - lineStart >= minimumLine {
                scratch.append(" ")
                counts[.lineJoin] += 1
                changed = true
            } else {
                scratch.append(scalar)
                lineStart = scratch.count
            }
        }
        if changed { swap(&text, &scratch) }
        return (changed, dehyphenated)
    }

    /// Whether the hyphen before the break at `index` splits one word: the letters before it are
    /// not preceded by a hyphen (or by a break that follows one), and the letters after it are
    /// not followed by a hyphen.
    static func isBrokenWord(at index: Int, in text: [Unicode.Scalar]) -> Bool {
        var start = index - 2
        while start > 0, text[start - 1].properties.isAlphabetic { start -= 1 }
        if start > 0 {
            let before = text[start - 1]
            if isHyphen(before) || isDigit(before) { return false }
            if before == "\n", start >= 2, isHyphen(text[start - 2]) { return false }
        }
        var end = index + 1
        while end < text.count, text[end].properties.isAlphabetic { end += 1 }
        return end == text.count || !(isHyphen(text[end]) || isDigit(text[end]))
    }

    /// Whether a scalar is a digit: a word that runs into digits ("as-\njim900536") is a name or
    /// code, not a broken word.
    @inline(__always)
    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.numericType != nil
    }

    /// Whether a link starts at `index` ("http://", "https://", "www."): a line of its own, not
    /// the rest of a wrapped sentence.
    static func startsLink(at index: Int, in text: [Unicode.Scalar]) -> Bool {
        linkPrefixes.contains { prefix in
            text.count - index >= prefix.count && prefix.elementsEqual(text[index..<(index + prefix.count)])
        }
    }

    /// The starts of links that ``startsLink(at:in:)`` looks for.
    static let linkPrefixes: [[Unicode.Scalar]] = ["http://", "https://", "www."].map { Array($0.unicodeScalars) }

    /// Whether a scalar is "-" or U+2010 HYPHEN.
    @inline(__always)
    static func isHyphen(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "-" || scalar == "\u{2010}"
    }
}
