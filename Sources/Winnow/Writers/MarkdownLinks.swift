/// Writes a block's links into its text as Markdown inline links.
enum MarkdownLinks {
    /// The block with each link's text, found in order, replaced by `[text](url)`; code and tables
    /// are left as they are.
    static func inline(_ block: Block) -> Block {
        guard !block.links.isEmpty, block.kind != .code, block.kind != .table else { return block }
        var result = ""
        var rest = block.text[...]
        for link in block.links {
            guard let range = rest.range(of: link.text) else { continue }
            result += rest[..<range.lowerBound]
            result += "[" + escapeText(link.text) + "](" + destination(link.url) + ")"
            rest = rest[range.upperBound...]
        }
        var block = block
        block.text = result + rest
        return block
    }

    /// Link text with brackets and backslashes escaped.
    static func escapeText(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "[" || character == "]" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }

    /// A link destination, in angle brackets when it holds spaces or parentheses.
    static func destination(_ url: String) -> String {
        if url.contains(where: { $0 == " " || $0 == "(" || $0 == ")" || $0 == "<" || $0 == ">" }) {
            return "<" + url.replacingOccurrences(of: "<", with: "%3C").replacingOccurrences(of: ">", with: "%3E") + ">"
        }
        return url
    }
}
