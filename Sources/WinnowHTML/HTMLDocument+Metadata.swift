/// A `<meta>` tag reduced to its key and content.
public struct HTMLMetaTag: Sendable, Hashable {
    /// The `name`, `property`, `itemprop` or `http-equiv` attribute (first present, in that order),
    /// lowercased; for example "description", "og:title", "article:published_time".
    public var key: String
    /// The `content` attribute, as written.
    public var content: String

    /// Creates a meta tag.
    public init(key: String, content: String) {
        self.key = key
        self.content = content
    }
}

extension HTMLDocument {
    /// The text of the first `<title>` element, whitespace collapsed; nil when absent or blank.
    public var title: String? {
        guard let index = firstElement(.title) else { return nil }
        let text = textContent(of: index)
        return text.isEmpty ? nil : text
    }

    /// The root element's `lang` attribute (or `xml:lang`), trimmed; nil when absent or blank.
    public var language: String? {
        guard let value = nodes.first?.attribute("lang") ?? nodes.first?.attribute("xml:lang") else { return nil }
        let trimmed = Self.collapseWhitespace(value)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Every `<meta>` element that has a key attribute and a `content` attribute, in document order.
    public var metaTags: [HTMLMetaTag] {
        var result: [HTMLMetaTag] = []
        for index in elements(named: .meta) {
            let node = nodes[index]
            guard let content = node.attribute("content"),
                  let key = node.attribute("name") ?? node.attribute("property")
                    ?? node.attribute("itemprop") ?? node.attribute("http-equiv")
            else { continue }
            result.append(HTMLMetaTag(key: key.lowercased(), content: content))
        }
        return result
    }

    /// The first meta content for a key (case-insensitive), for example `meta("og:title")`.
    public func meta(_ key: String) -> String? {
        let key = key.lowercased()
        return metaTags.first { $0.key == key }?.content
    }

    /// The JSON texts of all `<script type="application/ld+json">` elements, in document order.
    public var jsonLDScripts: [String] {
        var result: [String] = []
        for index in elements(named: .script) where Self.isJSONLD(type: nodes[index].attribute("type")) {
            var text = ""
            for child in descendants(of: index) where nodes[child].kind == .text { text += nodes[child].text }
            result.append(text)
        }
        return result
    }

    /// All text of a subtree joined in document order, with runs of whitespace (including
    /// U+00A0) collapsed to one space and trimmed. Block-level elements and `<br>` separate words,
    /// so `<p>a</p><p>b</p>` gives "a b" rather than "ab".
    ///
    /// Elements below `index` for which `excluding` is true are left out with their subtrees, as
    /// a word break.
    public func textContent(of index: Int, excluding: ((HTMLNode) -> Bool)? = nil) -> String {
        var raw = ""
        var closers: [Int32] = []
        var current = index
        let end = Int(nodes[index].subtreeEnd)
        while current < end {
            while let last = closers.last, last <= Int32(current) {
                closers.removeLast()
                raw += " "
            }
            let node = nodes[current]
            if node.kind == .text {
                raw += node.text
            } else if current != index, let excluding, excluding(node) {
                raw += " "
                current = Int(node.subtreeEnd)
                continue
            } else if node.tag.isBlockLevel, current != index {
                raw += " "
                closers.append(node.subtreeEnd)
            }
            current += 1
        }
        return Self.collapseWhitespace(raw)
    }

    /// Whether the text of a subtree has at most `maxBytes` UTF-8 bytes that are not ASCII
    /// whitespace (and holds `byte`, when given): a cheap test before ``textContent(of:)``, whose
    /// collapsed text is never longer than that.
    public func hasShortText(_ index: Int, maxBytes: Int, containing byte: UInt8? = nil) -> Bool {
        var count = 0
        var found = byte == nil
        /// Counts a node's bytes; false once past `maxBytes`.
        func scan<Units: Sequence<UInt8>>(_ units: Units) -> Bool {
            for unit in units {
                if unit == 0x20 || (unit >= 0x09 && unit <= 0x0D) { continue }
                count += 1
                if count > maxBytes { return false }
                if unit == byte { found = true }
            }
            return true
        }
        // Whitespace-only nodes hold only bytes that are not counted.
        for current in subtree(of: index) where nodes[current].kind == .text && !nodes[current].isWhitespace {
            let text = nodes[current].text.utf8
            guard text.withContiguousStorageIfAvailable(scan) ?? scan(text) else { return false }
        }
        return found
    }

    /// Collapses every run of Unicode whitespace to one space and trims both ends.
    ///
    /// Works on the UTF-8 bytes, written straight into the result (never longer than the text);
    /// a non-ASCII scalar is decoded only to ask whether it is whitespace.
    public static func collapseWhitespace(_ text: String) -> String {
        var text = text
        return text.withUTF8 { source in
            String(unsafeUninitializedCapacity: source.count) { result in
                var count = 0
                var pendingSpace = false
                var index = 0
                while index < source.count {
                    let byte = source[index]
                    let length: Int
                    let isWhitespace: Bool
                    if byte < 0x80 {
                        length = 1
                        isWhitespace = byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
                    } else {
                        // A lead byte of valid UTF-8 (a String's own bytes).
                        var value: UInt32
                        if byte >= 0xF0 {
                            length = 4
                            value = UInt32(byte & 0x07)
                        } else if byte >= 0xE0 {
                            length = 3
                            value = UInt32(byte & 0x0F)
                        } else {
                            length = 2
                            value = UInt32(byte & 0x1F)
                        }
                        for offset in 1..<length { value = value << 6 | UInt32(source[index + offset] & 0x3F) }
                        isWhitespace = Unicode.Scalar(value)?.properties.isWhitespace ?? false
                    }
                    if isWhitespace {
                        pendingSpace = count > 0
                    } else {
                        if pendingSpace {
                            result[count] = 0x20
                            count += 1
                            pendingSpace = false
                        }
                        for offset in 0..<length { result[count + offset] = source[index + offset] }
                        count += length
                    }
                    index += length
                }
                return count
            }
        }
    }

    /// True when a script `type` attribute names JSON-LD (case-insensitive, surrounding spaces ignored).
    static func isJSONLD(type: String?) -> Bool {
        guard let type else { return false }
        return collapseWhitespace(type).lowercased() == "application/ld+json"
    }
}
