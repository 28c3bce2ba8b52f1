import Foundation

/// Escaping for the HTML views: a page's own text, names and URLs never become markup.
///
/// Every piece of text that comes from a page, a file name or an output folder goes through
/// ``text(_:)`` (element content and attribute values alike); URLs become links only through
/// ``safeURL(_:)``, which accepts `http` and `https` and nothing else.
public enum HTMLEscaping {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by character references, NUL and other C0
    /// controls (except tab, line feed and carriage return) replaced by U+FFFD: safe in element
    /// content and in quoted attribute values.
    public static func text(_ text: some StringProtocol) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            case "\t", "\n", "\r": output.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0xFDD0...0xFDEF).contains(scalar.value) {
                    output += "\u{FFFD}"
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output
    }

    /// The URL, escaped for an `href`, when it is an absolute `http` or `https` URL without
    /// spaces or control characters; nil otherwise (`javascript:`, `data:`, relative paths...).
    public static func safeURL(_ url: String) -> String? {
        let trimmed = url.trimmingCharacters(in: .whitespaces)
        guard trimmed.count <= 4_096, !trimmed.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) else { return nil }
        let lower = trimmed.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://"),
              let parsed = URL(string: trimmed), let scheme = parsed.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = parsed.host, !host.isEmpty
        else { return nil }
        return text(trimmed)
    }

    /// A name that is safe as a CSS class or file name part: ASCII letters, digits and `-`, others
    /// replaced by `-`, at most `limit` characters.
    static func token(_ name: String, limit: Int = 60) -> String {
        var output = ""
        for scalar in name.unicodeScalars.prefix(limit) {
            let ascii = scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "-")
            output.unicodeScalars.append(ascii ? scalar : "-")
        }
        return output.isEmpty ? "x" : output
    }
}
