/// Renders blocks as Markdown (CommonMark with GFM tables), keeping the page's structure.
///
/// - Headings keep their level (`#` ... `######`).
/// - Consecutive list items form one `-` list, nested by ``Block/level`` (a level never jumps
///   more than one step deeper than the item before it); an item's inner lines are indented.
/// - Tables become GFM tables: the first row is the header, short rows are padded, `|` escaped.
/// - Code is fenced with its language, the fence longer than any backtick run inside.
/// - Quotes get `> ` on every line; consecutive quotes stay one quotation, split by a `>` line.
/// - Captions are in italics; paragraphs keep their inner line breaks as hard breaks.
/// - Line starts that Markdown would read as syntax get a backslash (see ``MarkdownEscaping``).
///
/// Blocks whose text is only whitespace are left out. The result has no trailing newline.
public enum MarkdownRenderer {
    /// The blocks as a Markdown document, parts separated by a blank line.
    public static func render(_ blocks: [Block]) -> String {
        let blocks = blocks.filter { !$0.text.allSatisfy(\.isWhitespace) }
        var parts: [String] = []
        var index = 0
        while index < blocks.count {
            let kind = blocks[index].kind
            var end = index + 1
            if kind == .listItem || kind == .quote {
                while end < blocks.count, blocks[end].kind == kind { end += 1 }
            }
            switch kind {
            case .listItem:
                parts.append(list(blocks[index..<end]))
            case .quote:
                parts.append(blocks[index..<end].map(quote).joined(separator: "\n>\n"))
            default:
                parts.append(render(blocks[index]))
            }
            index = end
        }
        return parts.joined(separator: "\n\n")
    }

    /// One block other than a run of list items or quotes.
    static func render(_ block: Block) -> String {
        switch block.kind {
        case .heading:
            let hashes = String(repeating: "#", count: min(6, max(1, block.level)))
            let text = MarkdownEscaping.headingText(block.text)
            return text.isEmpty ? hashes : hashes + " " + text
        case .code:
            return code(block)
        case .table:
            return table(block.text)
        case .caption:
            return MarkdownEscaping.lines(block.text)
                .filter { !$0.allSatisfy(\.isWhitespace) }
                .map(MarkdownEscaping.italic)
                .joined(separator: "  \n")
        case .quote:
            return quote(block)
        case .listItem:
            return list([block][...])
        case .paragraph:
            return MarkdownEscaping.hardBreakLines(block.text).joined(separator: "\n")
        }
    }

    /// A run of list items as one list; depth 1 is flush left, each level two spaces deeper.
    static func list(_ items: ArraySlice<Block>) -> String {
        var lines: [String] = []
        var depth = 0
        for item in items {
            depth = min(max(1, item.level), depth + 1)
            let indent = String(repeating: "  ", count: depth - 1)
            for (offset, line) in MarkdownEscaping.hardBreakLines(item.text).enumerated() {
                if offset == 0 {
                    lines.append(indent + "- " + line)
                } else {
                    lines.append(line.isEmpty ? "" : indent + "  " + line)
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A quote: every line behind `> `, blank lines as `>`.
    static func quote(_ block: Block) -> String {
        MarkdownEscaping.hardBreakLines(block.text)
            .map { $0.isEmpty ? ">" : "> " + $0 }
            .joined(separator: "\n")
    }

    /// A fenced code block; the text is kept verbatim except for trailing line breaks.
    static func code(_ block: Block) -> String {
        var text = Substring(block.text)
        while text.last == "\n" || text.last == "\r" { text = text.dropLast() }
        let fence = MarkdownEscaping.fence(for: block.text)
        return fence + MarkdownEscaping.infoString(block.language) + "\n" + text + "\n" + fence
    }

    /// A GFM table from rows separated by "\n" and cells by " | "; the first row is the header.
    static func table(_ text: String) -> String {
        let rows = MarkdownEscaping.lines(text)
            .filter { !$0.allSatisfy(\.isWhitespace) }
            .map { $0.components(separatedBy: " | ").map { MarkdownEscaping.tableCell(Substring($0)) } }
        guard let header = rows.first else { return "" }
        let width = rows.map(\.count).max() ?? header.count
        func line(_ cells: [String]) -> String {
            "| " + (cells + Array(repeating: "", count: width - cells.count)).joined(separator: " | ") + " |"
        }
        let separator = "|" + String(repeating: " --- |", count: width)
        return ([line(header), separator] + rows.dropFirst().map(line)).joined(separator: "\n")
    }
}
