/// The text-level rules of Markdown output: which line starts need a backslash, how lines break,
/// how table cells, captions and heading texts are escaped, which fence a code block gets.
///
/// Only block-level syntax is escaped: a line of running text must not turn into a heading, a
/// list, a quote, a fence, a table or a link definition. Inline punctuation (`*`, `_`, `[`) inside
/// a line is left alone, so the Markdown stays readable as plain text.
enum MarkdownEscaping {
    /// Characters that start a block construct when they open a line (after optional spaces).
    static let blockStarters: Set<Character> = ["#", ">", "-", "+", "*", "=", "<", "`", "~", "|", "_"]

    /// The lines of a block's text without leading and trailing blank lines; `\r` is dropped.
    static func lines(_ text: String) -> [Substring] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.last == "\r" ? line.dropLast() : line
        }
        while let first = lines.first, first.allSatisfy(\.isWhitespace) { lines.removeFirst() }
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        return lines
    }

    /// A line of running text, trimmed, with a backslash where its start would be read as syntax.
    ///
    /// `# x`, `> x`, `- x`, `+ x`, `* x`, `=`, `<div>`, fences, `| a |`, `_ _ _` get a backslash
    /// before their first character; `1. x` and `1) x` get one before the `.` or `)`; `[a]: b`
    /// (a link definition) gets one before the `[`.
    static func escapeLineStart(_ line: Substring) -> String {
        let text = trim(line)
        guard let first = text.first else { return "" }
        if blockStarters.contains(first) { return "\\" + text }
        if first == "[", text.contains("]:") { return "\\" + text }
        if first == ":", text.allSatisfy({ ":-| \t".contains($0) }) { return "\\" + text }
        if first.isASCII, first.isNumber {
            let digits = text.prefix { $0.isASCII && $0.isNumber }
            let rest = text.dropFirst(digits.count)
            if digits.count <= 9, let marker = rest.first, marker == "." || marker == ")" {
                return String(digits) + "\\" + String(rest)
            }
        }
        return String(text)
    }

    /// The lines of running text as Markdown: escaped, with a hard break (two trailing spaces)
    /// between adjacent lines, and one empty line where the text has blank lines.
    static func hardBreakLines(_ text: String) -> [String] {
        var output: [String] = []
        for line in lines(text).map(escapeLineStart) {
            if line.isEmpty {
                if output.last?.isEmpty == false { output.append("") }
                continue
            }
            if let last = output.last, !last.isEmpty { output[output.count - 1] = last + "  " }
            output.append(line)
        }
        return output
    }

    /// A heading's text on one line, with a closing run of `#` escaped so that it stays text.
    static func headingText(_ text: String) -> String {
        let line = lines(text).map { trim($0) }.filter { !$0.isEmpty }.joined(separator: " ")
        let hashes = line.reversed().prefix { $0 == "#" }.count
        guard hashes > 0 else { return line }
        let before = line.dropLast(hashes)
        guard before.isEmpty || before.last == " " || before.last == "\t" else { return line }
        return String(before) + "\\" + String(line.suffix(hashes))
    }

    /// A table cell: trimmed, with `|` escaped.
    static func tableCell(_ cell: Substring) -> String {
        trim(cell).replacingOccurrences(of: "|", with: "\\|")
    }

    /// A caption line in italics: `*text*`, with `\`, `*` and backticks inside escaped.
    static func italic(_ line: Substring) -> String {
        var escaped = ""
        for character in trim(line) {
            if character == "\\" || character == "*" || character == "`" { escaped.append("\\") }
            escaped.append(character)
        }
        return "*" + escaped + "*"
    }

    /// A backtick fence longer than any run of backticks inside `code` (at least three).
    static func fence(for code: String) -> String {
        var longest = 0, run = 0
        for character in code {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        return String(repeating: "`", count: max(3, longest + 1))
    }

    /// A code block's language as a fence's info string: no whitespace, no backticks.
    static func infoString(_ language: String?) -> String {
        String((language ?? "").filter { !$0.isWhitespace && $0 != "`" })
    }

    /// The text without leading and trailing spaces and tabs.
    static func trim<S: StringProtocol>(_ text: S) -> String {
        let start = text.firstIndex { $0 != " " && $0 != "\t" } ?? text.endIndex
        let end = text.lastIndex { $0 != " " && $0 != "\t" }.map(text.index(after:)) ?? start
        return start < end ? String(text[start..<end]) : ""
    }
}
