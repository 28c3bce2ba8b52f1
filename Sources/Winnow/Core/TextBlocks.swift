/// Splits plain text into blocks: blank-line separated, or one line a block when the text has no
/// blank lines at all.
public enum TextBlocks {
    /// The blocks of `text` as paragraphs; lines holding only whitespace count as blank.
    public static func split(_ text: String) -> [Block] {
        var lines: [Substring] = []
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).forEach { lines.append($0) }
        let trimmed = lines.map { trimTrailing($0) }
        let hasBlank = trimmed.contains { $0.isEmpty }
        var blocks: [Block] = []
        var current: [Substring] = []
        func flush() {
            if !current.isEmpty {
                blocks.append(Block(.paragraph, current.joined(separator: "\n")))
                current.removeAll()
            }
        }
        for line in trimmed {
            if line.isEmpty {
                flush()
            } else {
                current.append(line)
                if !hasBlank { flush() }
            }
        }
        flush()
        return blocks
    }

    /// The line without trailing whitespace; a line of whitespace only becomes empty.
    static func trimTrailing(_ line: Substring) -> Substring {
        var end = line.endIndex
        while end > line.startIndex {
            let previous = line.index(before: end)
            guard line[previous].isWhitespace else { break }
            end = previous
        }
        let kept = line[line.startIndex..<end]
        return kept.allSatisfy(\.isWhitespace) ? "" : kept
    }
}
