import Foundation

/// The JSON-LD of a page reduced to its nodes: every object of every script, `@graph` arrays
/// flattened, `@id` references resolvable, and the scripts that are not valid JSON repaired
/// where the damage is common (trailing commas, raw line breaks inside strings, HTML comment or
/// CDATA wrappers, several objects one after the other, a closing `;`).
struct JSONLD {
    /// One JSON-LD object: its types, its `@id` and its properties as parsed.
    struct Node {
        /// The `@type` values, without a `schema:` or URL prefix.
        var types: [String]
        /// The `@id`, when given.
        var id: String?
        /// All properties.
        var properties: [String: Any]

        /// Whether one of the types is among `names`.
        func isA(_ names: Set<String>) -> Bool { types.contains { names.contains($0) } }
    }

    /// Every object found, in document order (a parent before the objects nested in it).
    var nodes: [Node] = []
    /// Objects by `@id`, for following references.
    var byID: [String: Int] = [:]

    /// Reads the texts of the page's JSON-LD scripts; scripts that cannot be read even after repair are skipped.
    init(scripts: [String]) {
        for script in scripts {
            guard let value = Self.parse(script) else { continue }
            collect(value, depth: 0)
        }
    }

    /// A script's JSON value, repaired when needed; nil when it cannot be read.
    static func parse(_ script: String) -> Any? {
        var text = ByteSearch.trimmed(script, newlines: true)
        for wrapper in [("<!--", "-->"), ("<![CDATA[", "]]>"), ("//<![CDATA[", "//]]>")] {
            if text.hasPrefix(wrapper.0) { text.removeFirst(wrapper.0.count) }
            if text.hasSuffix(wrapper.1) { text.removeLast(wrapper.1.count) }
        }
        text = ByteSearch.trimmed(text, newlines: true)
        while text.hasSuffix(";") { text.removeLast() }
        guard !text.isEmpty else { return nil }
        if let value = decode(text) { return value }
        let repaired = repair(text)
        if let value = decode(repaired) { return value }
        // Several top-level objects one after the other: read them as an array.
        if let value = decode("[" + splitConcatenated(repaired).joined(separator: ",") + "]") { return value }
        return nil
    }

    /// The JSON value of `text`, or nil.
    static func decode(_ text: String) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    /// `text` with raw control characters inside strings escaped as spaces, and commas before a
    /// closing bracket or brace removed.
    static func repair(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var inString = false, escaped = false
        var pendingComma: Int? = nil
        for byte in text.utf8 {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                } else if byte < 0x20 {
                    output.append(UInt8(ascii: " "))
                    continue
                }
                output.append(byte)
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                pendingComma = nil
            case UInt8(ascii: ","):
                pendingComma = output.count
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if let comma = pendingComma { output[comma] = UInt8(ascii: " ") }
                pendingComma = nil
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                break
            default:
                pendingComma = nil
            }
            output.append(byte)
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The top-level JSON texts of `text` when it holds several one after the other (`{...}{...}`).
    static func splitConcatenated(_ text: String) -> [String] {
        var parts: [String] = []
        var depth = 0, inString = false, escaped = false
        var current: [UInt8] = []
        for byte in text.utf8 {
            if depth > 0 || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") { current.append(byte) }
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 {
                    parts.append(String(decoding: current, as: UTF8.self))
                    current.removeAll()
                }
            default: break
            }
        }
        return parts
    }

    /// Adds the objects of a value and of everything nested in it.
    mutating func collect(_ value: Any, depth: Int) {
        guard depth < 12 else { return }
        if let array = value as? [Any] {
            for item in array { collect(item, depth: depth + 1) }
            return
        }
        guard let object = value as? [String: Any] else { return }
        let types = Self.strings(object["@type"]).map(Self.localName)
        let id = object["@id"] as? String
        if !types.isEmpty || object.keys.contains(where: { !$0.hasPrefix("@") }) {
            let index = nodes.count
            nodes.append(Node(types: types, id: id, properties: object))
            if let id, object.count > 1 {
                // A full object wins over a bare reference with the same id.
                if let existing = byID[id], nodes[existing].properties.count >= object.count {} else { byID[id] = index }
            }
        }
        // In the order of the keys: a dictionary's own order changes from process to process
        // (Swift seeds its hashing per process), and which node comes first must not.
        for key in object.keys.sorted() where key != "@context" {
            guard let nested = object[key] else { continue }
            if nested is [Any] || nested is [String: Any] { collect(nested, depth: depth + 1) }
        }
    }

    /// The node a value stands for: an object, or a `{"@id": ...}` reference (or a bare id string) to one.
    func resolve(_ value: Any?) -> [String: Any]? {
        if let object = value as? [String: Any] {
            if let id = object["@id"] as? String, object.count <= 2, let index = byID[id] { return nodes[index].properties }
            return object
        }
        if let id = value as? String, let index = byID[id] { return nodes[index].properties }
        return nil
    }

    /// The values of a property that may be one value or an array.
    static func list(_ value: Any?) -> [Any] {
        guard let value else { return [] }
        if let array = value as? [Any] { return array }
        return [value]
    }

    /// The strings of a property that may be a string or an array of strings.
    static func strings(_ value: Any?) -> [String] {
        list(value).compactMap { $0 as? String }
    }

    /// A string property, or the `@value` of a value object, trimmed; nil when absent or blank.
    static func string(_ value: Any?) -> String? {
        let raw: String?
        if let text = value as? String {
            raw = text
        } else if let object = value as? [String: Any] {
            raw = object["@value"] as? String
        } else if let array = value as? [Any], let first = array.first {
            return string(first)
        } else if let number = value as? NSNumber, !(value is Bool) {
            raw = number.stringValue
        } else {
            raw = nil
        }
        guard let raw else { return nil }
        let trimmed = Enrichment.clean(raw)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// A type name without a vocabulary prefix: `schema:NewsArticle`, `http://schema.org/NewsArticle` → `NewsArticle`.
    static func localName(_ type: String) -> String {
        if let slash = type.lastIndex(where: { $0 == "/" || $0 == ":" || $0 == "#" }) {
            return String(type[type.index(after: slash)...])
        }
        return type
    }
}
