/// One element or text node of an ``HTMLDocument`` arena.
///
/// Nodes are stored in document (pre-order) order, so the subtree of node `i` is the contiguous
/// index range `i ..< subtreeEnd` and its descendants are `i + 1 ..< subtreeEnd`. The first child
/// (if any) is `i + 1`; the next sibling of a child `c` is `nodes[c].subtreeEnd` while that is below
/// the parent's `subtreeEnd`. See ``HTMLDocument/children(of:)``.
public struct HTMLNode: Sendable {
    /// Whether a node is an element or a run of text.
    public enum Kind: UInt8, Sendable, Hashable {
        /// An element such as `<p>`; ``HTMLNode/text`` is empty.
        case element
        /// A text node; ``HTMLNode/text`` holds its characters with entities decoded.
        case text
    }

    /// Element or text.
    public var kind: Kind
    /// Interned element name (`.unknown` for unlisted names, `.text` for text nodes).
    public var tag: HTMLTag
    /// True for a text node made only of ASCII whitespace (space, tab, CR, LF, FF). U+00A0 (from
    /// `&nbsp;`) is not ASCII whitespace, so a node holding it is not whitespace.
    public var isWhitespace: Bool
    /// Depth below the root element, which has depth 0.
    public var depth: UInt16
    /// Index of the parent element, or -1 for the root.
    public var parent: Int32
    /// One past the last index of this node's subtree (equals `index + 1` for leaves and text).
    public var subtreeEnd: Int32
    /// Lowercase element name (for example "div" or "my-widget"); "" for text nodes.
    public var name: String
    /// Text of a text node (UTF-8, entities decoded, whitespace as in the source); "" for elements.
    public var text: String
    /// Attributes of an element in source order, names lowercased; empty for text nodes.
    public var attributes: [HTMLAttribute]

    /// Creates a node; ``HTMLParser`` builds these, tests and tools may too.
    public init(
        kind: Kind, tag: HTMLTag, name: String, text: String = "", attributes: [HTMLAttribute] = [],
        parent: Int32, subtreeEnd: Int32, depth: UInt16, isWhitespace: Bool = false
    ) {
        self.kind = kind
        self.tag = tag
        self.isWhitespace = isWhitespace
        self.depth = depth
        self.parent = parent
        self.subtreeEnd = subtreeEnd
        self.name = name
        self.text = text
        self.attributes = attributes
    }

    /// A text node of the UTF-8 `bytes` (libxml2's decoded text), marked whitespace when every
    /// byte is ASCII whitespace; what both ways of building the arena append.
    static func text(_ bytes: UnsafeBufferPointer<UInt8>, parent: Int32, index: Int, depth: Int) -> HTMLNode {
        var whitespace = true
        for byte in bytes where !(byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C) {
            whitespace = false
            break
        }
        return HTMLNode(
            kind: .text, tag: .text, name: "", text: String(decoding: bytes, as: UTF8.self),
            parent: parent, subtreeEnd: Int32(index + 1), depth: UInt16(depth), isWhitespace: whitespace)
    }

    /// True for elements.
    @inline(__always) public var isElement: Bool { kind == .element }
    /// True for text nodes.
    @inline(__always) public var isText: Bool { kind == .text }

    /// The value of the attribute with the given lowercase name, or nil when absent.
    /// A valueless attribute such as `<div itemscope>` has the value ""; libxml2 gives HTML 4
    /// boolean attributes (`checked`, `disabled`, `selected`, …) their own name as value.
    @inline(__always)
    public func attribute(_ name: String) -> String? {
        for attribute in attributes where attribute.name == name { return attribute.value }
        return nil
    }

    /// True when the element has an attribute with the given lowercase name.
    public func hasAttribute(_ name: String) -> Bool {
        attributes.contains { $0.name == name }
    }

    /// The `id` attribute, or nil.
    public var id: String? { attribute("id") }

    /// The raw `class` attribute, or nil.
    public var className: String? { attribute("class") }

    /// The class names of the `class` attribute, split on ASCII whitespace.
    public var classList: [Substring] {
        guard let value = className else { return [] }
        return value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" })
    }

    /// Number of UTF-8 bytes of text (0 for elements); O(1).
    @inline(__always) public var textUTF8Count: Int { text.utf8.count }
}

/// A name/value attribute pair of an element.
public struct HTMLAttribute: Sendable, Hashable {
    /// Lowercase attribute name, for example "href" or "data-id".
    public var name: String
    /// Attribute value with entities decoded; "" for a valueless attribute (libxml2 gives HTML 4
    /// boolean attributes such as `disabled` their own name instead).
    public var value: String

    /// Creates an attribute.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
