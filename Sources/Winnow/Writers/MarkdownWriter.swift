/// Renders a whole document as Markdown: optional YAML front matter, then the blocks.
///
/// The output ends with exactly one newline. The front matter (`---` ... `---`) holds the
/// metadata fields that are present, in a fixed order: title, authors, published, modified,
/// site, url, description, section, tags, agency, image, captions, page_kind, language. Every
/// string is double-quoted with YAML escapes, so no value can break out of its line or be read
/// as a number, a date, a boolean or `null`. Lists are block sequences (`- "..."`), `[]` when
/// empty. Dates are their ISO 8601 text. With no field present, no front matter is written.
public enum MarkdownWriter {
    /// The document as Markdown, with front matter first when `frontMatter` is true, and the
    /// page's links as `[text](url)` when `links` is true.
    public static func render(_ document: Document, frontMatter: Bool, links: Bool = false) -> String {
        let header = frontMatter ? self.frontMatter(document.metadata) : ""
        let body = MarkdownRenderer.render(links ? document.blocks.map(MarkdownLinks.inline) : document.blocks)
        if body.isEmpty { return header.isEmpty ? "\n" : header }
        return header + (header.isEmpty ? "" : "\n") + body + "\n"
    }

    /// The front matter with its `---` lines and a final newline, or "" when no field is present.
    static func frontMatter(_ metadata: Metadata) -> String {
        var lines: [String] = []
        func add(_ key: String, _ value: String?) {
            if let value { lines.append(key + ": " + quoted(value)) }
        }
        func add(_ key: String, _ values: [String]?) {
            guard let values else { return }
            if values.isEmpty {
                lines.append(key + ": []")
            } else {
                lines.append(key + ":")
                lines.append(contentsOf: values.map { "  - " + quoted($0) })
            }
        }
        add("title", metadata.title?.value)
        add("authors", metadata.authors?.value)
        add("published", metadata.published?.value.iso)
        add("modified", metadata.modified?.value.iso)
        add("site", metadata.siteName?.value)
        add("url", metadata.url?.value)
        add("description", metadata.description?.value)
        add("section", metadata.section?.value)
        add("tags", metadata.tags?.value)
        add("agency", metadata.agency?.value)
        add("image", metadata.image?.value)
        add("captions", metadata.captions?.value)
        add("page_kind", metadata.pageKind?.value)
        add("language", metadata.language?.value)
        guard !lines.isEmpty else { return "" }
        return "---\n" + lines.joined(separator: "\n") + "\n---\n"
    }

    /// A YAML double-quoted scalar: `"`, `\` and every non-printable character escaped.
    ///
    /// YAML treats U+0085, U+2028 and U+2029 as line breaks and excludes C0/C1 controls, DEL,
    /// U+FEFF and U+FFFE/U+FFFF from printable text; all of them are written as escapes.
    static func quoted(_ value: String) -> String {
        var output = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\0": output += "\\0"
            default:
                let code = scalar.value
                if code < 0x20 || (0x7F...0x9F).contains(code) {
                    output += "\\x" + hex(code, width: 2)
                } else if code == 0x2028 || code == 0x2029 || code == 0xFEFF || code == 0xFFFE || code == 0xFFFF {
                    output += "\\u" + hex(code, width: 4)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }

    /// `value` in uppercase hexadecimal, zero-padded to `width` digits.
    static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
