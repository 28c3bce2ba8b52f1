/// One typed piece of a document's text: a heading, a paragraph, a list item, a table...
///
/// Blocks are what stages read and rewrite: readers produce them, strippers remove them, the
/// normalizer rewrites their text and writers print them in order.
public struct Block: Sendable, Hashable, Codable {
    /// What a block is, as far as the page's structure tells.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A heading; `level` holds 1...6.
        case heading
        /// A paragraph of running text.
        case paragraph
        /// One item of a list; `level` holds the nesting depth (1 for a top-level item).
        case listItem = "list-item"
        /// A table, one row per line, cells separated by " | ".
        case table
        /// Preformatted text or code; its whitespace is significant.
        case code
        /// A quotation.
        case quote
        /// A caption of an image, figure or table.
        case caption
    }

    /// The block's kind.
    public var kind: Kind
    /// The block's text; lines inside a block are separated by "\n".
    public var text: String
    /// Heading level (1...6) or list nesting depth; 0 where it does not apply.
    public var level: Int
    /// The language of a code block where the page names it (`language-swift`), else nil.
    public var language: String?
    /// The index in ``Document/html`` of the element the block was read from; nil for text input.
    public var node: Int?
    /// How many bytes (UTF-8) of ``text`` sit inside links, for strippers' link density.
    public var linkLength: Int = 0
    /// The links in the block: their text (as it stands in ``text``) and their target.
    public var links: [Link] = []
    /// The block's place in the page's reading order as the reader numbered it (0, 1, 2...), or
    /// nil. The reader numbers blocks only when the trace keeps text, so that explain views can
    /// put removed blocks back between kept ones; it plays no part in equality or hashing.
    public var origin: Int?

    /// A link inside a block.
    public struct Link: Sendable, Hashable, Codable {
        /// The link's text.
        public var text: String
        /// The absolute (or, without a base, as written) target URL.
        public var url: String

        /// Creates a link.
        public init(text: String, url: String) {
            self.text = text
            self.url = url
        }
    }

    /// Creates a block.
    public init(_ kind: Kind, _ text: String, level: Int = 0, language: String? = nil, node: Int? = nil) {
        self.kind = kind
        self.text = text
        self.level = level
        self.language = language
        self.node = node
    }

    /// Whether whitespace inside the block must be kept as it is.
    public var isPreformatted: Bool { kind == .code }

    /// Whether two blocks hold the same text and structure (``origin`` is not compared).
    public static func == (lhs: Block, rhs: Block) -> Bool {
        lhs.kind == rhs.kind && lhs.text == rhs.text && lhs.level == rhs.level && lhs.language == rhs.language
            && lhs.node == rhs.node && lhs.linkLength == rhs.linkLength && lhs.links == rhs.links
    }

    /// Hashes what ``==`` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(text)
        hasher.combine(level)
        hasher.combine(language)
        hasher.combine(node)
        hasher.combine(linkLength)
        hasher.combine(links)
    }
}
