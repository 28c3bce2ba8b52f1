/// Renders blocks as Markdown: headings with their levels, nested lists, GFM tables, fenced code
/// with its language, quotes.
public enum MarkdownRenderer {
    /// The blocks as a Markdown document.
    public static func render(_ blocks: [Block]) -> String {
        var parts: [String] = []
        var index = 0
        while index < blocks.count {
            let block = blocks[index]
            if block.kind == .listItem {
                var items: [String] = []
                while index < blocks.count, blocks[index].kind == .listItem {
                    let item = blocks[index]
                    let indent = String(repeating: "  ", count: max(0, item.level - 1))
                    items.append(indent + "- " + item.text.replacingOccurrences(of: "\n", with: "\n" + indent + "  "))
                    index += 1
                }
                parts.append(items.joined(separator: "\n"))
                continue
            }
            parts.append(render(block))
            index += 1
        }
        return parts.joined(separator: "\n\n")
    }

    /// One block other than a list item.
    static func render(_ block: Block) -> String {
        switch block.kind {
        case .heading:
            return String(repeating: "#", count: min(6, max(1, block.level))) + " " + block.text.replacingOccurrences(of: "\n", with: " ")
        case .code:
            let fence = block.text.contains("```") ? "~~~" : "```"
            return fence + (block.language ?? "") + "\n" + block.text + "\n" + fence
        case .quote:
            return block.text.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n")
        case .table:
            let rows = block.text.split(separator: "\n").map { $0.components(separatedBy: " | ") }
            guard let header = rows.first else { return "" }
            let width = rows.map(\.count).max() ?? header.count
            func line(_ cells: [String]) -> String {
                "| " + (cells + Array(repeating: "", count: width - cells.count)).map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
            }
            return ([line(header), "|" + String(repeating: " --- |", count: width)] + rows.dropFirst().map(line)).joined(separator: "\n")
        case .caption:
            return "*" + block.text + "*"
        case .paragraph, .listItem:
            return block.text.replacingOccurrences(of: "\n", with: "  \n")
        }
    }
}
