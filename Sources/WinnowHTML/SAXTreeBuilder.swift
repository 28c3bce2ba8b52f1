internal import CLibXML2

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds the pre-order ``HTMLNode`` arena straight from the events of libxml2's HTML parser
/// (its SAX interface), so libxml2 never allocates, walks and frees a tree of its own.
///
/// The parser's HTML rules (implied and auto-closed elements, misplaced `html`/`head`/`body`
/// tags, raw `script`/`style` text) live in the parser and reach any SAX handler alike; what
/// libxml2's own tree builder (`xmlSAX2StartElement`, `xmlSAX2Characters`, `xmlSAX2CDataBlock`,
/// `xmlSAX2Comment`, `xmlSAX2InternalSubset` in SAX2.c of libxml2 2.9) adds on top is repeated
/// here, so the arena equals the one ``TreeCopier`` copies from that tree:
///
/// - Adjacent character runs of one element are one text node; a CDATA run (script and style
///   content) is a node of its own and merges only with CDATA; a comment or processing
///   instruction between two runs separates them (the copy skips it, the tree keeps it).
/// - An element's name is its part after the first colon (`xmlSplitQName`: `fb:like` is `like`),
///   unless the name starts or ends with that colon.
/// - A valueless attribute has the value "", or its own name for HTML 4 boolean attributes.
/// - The first element is the root. An element that starts when no element is open becomes the
///   root's last child while the document's first node is the root, and a detached node (not
///   copied) once a doctype or a comment or processing instruction before the root came first.
///   Text while no element is open is dropped.
/// - Content of `script`/`style`/`template`/`svg` (except JSON-LD scripts) and of elements at
///   ``HTMLParseLimits/maxDepth`` is skipped; skipping the latter sets ``truncatedDepth``.
///
/// Errors (too many nodes, the time limit) stop the parser at once and are thrown afterwards.
struct SAXTreeBuilder {
    private(set) var nodes: [HTMLNode] = []
    private(set) var truncatedDepth = false
    private(set) var error: HTMLParseError?
    /// Whether the parser reached the start of the document (libxml2 makes no tree otherwise).
    private(set) var startedDocument = false

    private let table = NameTable.shared
    private var attributeNames = InternedNameCache()
    private var elementNames = ElementNameCache()
    private let maxDepth: Int
    private let maxNodes: Int
    private let parser: htmlParserCtxtPtr

    /// An element that is open in the arena.
    private struct OpenElement {
        var index: Int32
        var depth: Int
        /// Whether its children are copied (not dropped content, not at the depth limit).
        var keepsContent: Bool
        /// Whether a child would be cut off by the depth limit.
        var atDepthLimit: Bool
    }

    /// Open elements that are in the arena, innermost last.
    private var open: [OpenElement] = []
    /// Open elements below the innermost arena element whose content is skipped (or detached).
    private var skippedDepth = 0
    /// The root element (kept after it closes: later top-level elements may become its children).
    private var root: OpenElement?
    /// Whether libxml2's document would have the root as its first child (no doctype, comment
    /// or processing instruction came before it).
    private var rootIsFirstChild = false
    /// A comment or processing instruction at document level came before any element.
    private var nodeBeforeRoot = false
    /// A doctype was parsed (libxml2 puts it first in the document, wherever it appears).
    private var sawDoctype = false

    /// The text run being collected, not yet in the arena (``build(_:options:limits:)`` frees it).
    private var text: UnsafeMutablePointer<UInt8>
    private var textCount = 0
    private var textCapacity = 4096
    private var textKind = TextKind.none

    private enum TextKind { case none, characters, cdata }

    init(parser: htmlParserCtxtPtr, limits: HTMLParseLimits, expectedNodes: Int) {
        self.parser = parser
        maxDepth = max(0, min(limits.maxDepth, Int(UInt16.max)))
        maxNodes = max(1, limits.maxNodes)
        nodes.reserveCapacity(min(expectedNodes, maxNodes))
        text = .allocate(capacity: textCapacity)
    }

    /// Parses the UTF-8 bytes in `utf8` with `options` and returns the builder's result.
    static func build(
        _ utf8: UnsafeBufferPointer<UInt8>, options: Int32, limits: HTMLParseLimits
    ) throws(HTMLParseError) -> (nodes: [HTMLNode], truncatedDepth: Bool) {
        guard let base = utf8.baseAddress,
            let parser = xmlCreateMemoryParserCtxt(UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(utf8.count))
        else { throw .parserFailed }
        defer {
            if let document = parser.pointee.myDoc { xmlFreeDoc(document) }
            parser.pointee.myDoc = nil
            htmlFreeParserCtxt(parser)
        }
        // As htmlReadMemory does: the HTML handler in place of the XML one, then the options.
        parser.pointee.sax.pointee = makeHandler()
        _ = htmlCtxtUseOptions(parser, options)
        parser.pointee.html = 1
        var builder = SAXTreeBuilder(parser: parser, limits: limits, expectedNodes: max(256, utf8.count / 256))
        withUnsafeMutablePointer(to: &builder) { pointer in
            parser.pointee._private = UnsafeMutableRawPointer(pointer)
            _ = htmlParseDocument(parser)
            parser.pointee._private = nil
            pointer.pointee.finish()
            pointer.pointee.text.deallocate()
        }
        if let error = builder.error { throw error }
        guard builder.startedDocument else { throw .parserFailed }
        guard !builder.nodes.isEmpty else { throw .noRootElement }
        return (builder.nodes, builder.truncatedDepth)
    }

    /// The callbacks; libxml2's HTML parser calls no others (warnings and errors are off).
    private static func makeHandler() -> htmlSAXHandler {
        var handler = htmlSAXHandler()
        handler.initialized = 1  // a SAX1-style handler, as libxml2's HTML default is
        handler.startDocument = { context in SAXTreeBuilder.receiver(context).pointee.startedDocument = true }
        handler.internalSubset = { context, _, _, _ in SAXTreeBuilder.receiver(context).pointee.sawDoctype = true }
        handler.startElement = { context, name, attributes in SAXTreeBuilder.receiver(context).pointee.startElement(name, attributes) }
        handler.endElement = { context, _ in SAXTreeBuilder.receiver(context).pointee.endElement() }
        handler.characters = { context, bytes, length in SAXTreeBuilder.receiver(context).pointee.characters(bytes, length, .characters) }
        handler.cdataBlock = { context, bytes, length in SAXTreeBuilder.receiver(context).pointee.characters(bytes, length, .cdata) }
        handler.comment = { context, _ in SAXTreeBuilder.receiver(context).pointee.otherNode() }
        handler.processingInstruction = { context, target, _ in
            if target != nil { SAXTreeBuilder.receiver(context).pointee.otherNode() }
        }
        return handler
    }

    @inline(__always)
    private static func receiver(_ context: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<SAXTreeBuilder> {
        let parser = context.unsafelyUnwrapped.assumingMemoryBound(to: xmlParserCtxt.self)
        return parser.pointee._private.unsafelyUnwrapped.assumingMemoryBound(to: SAXTreeBuilder.self)
    }

    // MARK: Events

    private mutating func startElement(_ name: UnsafePointer<xmlChar>?, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        guard error == nil, let name else { return }
        flushText()
        if skippedDepth > 0 {
            skippedDepth += 1
            return
        }
        let parent: OpenElement?
        if let current = open.last {
            parent = current
        } else if let root {
            guard rootIsFirstChild, !sawDoctype else {
                skippedDepth = 1  // a second top-level element: not under the root
                return
            }
            parent = root
        } else {
            parent = nil
            rootIsFirstChild = !nodeBeforeRoot && !sawDoctype
        }
        if let parent, !parent.keepsContent {
            if parent.atDepthLimit { truncatedDepth = true }
            skippedDepth = 1
            return
        }
        guard reserveNode() else { return }
        let (tag, elementName) = elementNames.entry(for: name, table: table)
        var list: [HTMLAttribute] = []
        if var pair = attributes {
            var pairs = 0
            while pair[2 * pairs] != nil { pairs += 1 }
            list.reserveCapacity(pairs)
            while let attributeName = pair[0] {
                let nameString = attributeNames.name(for: UnsafeRawPointer(attributeName))
                let value: String
                if let bytes = pair[1] {
                    value = String(cString: UnsafeRawPointer(bytes).assumingMemoryBound(to: CChar.self))
                } else {
                    value = htmlIsBooleanAttr(attributeName) != 0 ? nameString : ""
                }
                list.append(HTMLAttribute(name: nameString, value: value))
                pair += 2
            }
        }
        let index = Int32(nodes.count)
        let depth = parent.map { $0.depth + 1 } ?? 0
        nodes.append(HTMLNode(
            kind: .element, tag: tag, name: elementName, attributes: list,
            parent: parent?.index ?? -1, subtreeEnd: index + 1, depth: UInt16(depth)))
        var drops = tag.dropsContent
        if drops, tag == .script, HTMLDocument.isJSONLD(type: nodes[Int(index)].attribute("type")) { drops = false }
        let element = OpenElement(
            index: index, depth: depth, keepsContent: !drops && depth < maxDepth, atDepthLimit: !drops && depth >= maxDepth)
        if parent == nil { root = element }
        open.append(element)
    }

    private mutating func endElement() {
        guard error == nil else { return }
        flushText()
        if skippedDepth > 0 {
            skippedDepth -= 1
            return
        }
        guard let element = open.popLast() else { return }
        nodes[Int(element.index)].subtreeEnd = Int32(nodes.count)
    }

    private mutating func characters(_ bytes: UnsafePointer<xmlChar>?, _ length: Int32, _ kind: TextKind) {
        guard error == nil, skippedDepth == 0, let current = open.last, let bytes, length > 0 else { return }
        guard current.keepsContent else {
            if current.atDepthLimit { truncatedDepth = true }
            return
        }
        if kind != textKind {
            flushText()
            textKind = kind
        }
        let count = Int(length)
        if textCount + count > textCapacity {
            textCapacity = max(2 * textCapacity, textCount + count)
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: textCapacity)
            grown.update(from: text, count: textCount)
            text.deallocate()
            text = grown
        }
        (text + textCount).update(from: bytes, count: count)
        textCount += count
    }

    /// A comment or processing instruction: not copied, but a child in libxml2's tree.
    private mutating func otherNode() {
        guard error == nil else { return }
        flushText()
        guard skippedDepth == 0 else { return }
        guard let current = open.last else {
            if root == nil { nodeBeforeRoot = true }
            return
        }
        if !current.keepsContent, current.atDepthLimit { truncatedDepth = true }
    }

    /// Closes what the parser left open.
    private mutating func finish() {
        guard error == nil else { return }
        flushText()
        while let element = open.popLast() { nodes[Int(element.index)].subtreeEnd = Int32(nodes.count) }
        if !nodes.isEmpty { nodes[0].subtreeEnd = Int32(nodes.count) }
    }

    // MARK: Arena

    /// Appends the collected text run as a text node of the innermost open element.
    private mutating func flushText() {
        guard textKind != .none else { return }
        textKind = .none
        let run = textCount
        textCount = 0
        guard run > 0, let current = open.last else { return }
        // libxml2's text is a C string: it ends at a NUL byte, if one got in.
        let length = memchr(text, 0, run).map { text.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? run
        guard length > 0, reserveNode() else { return }
        nodes.append(.text(UnsafeBufferPointer(start: text, count: length), parent: current.index, index: nodes.count, depth: current.depth + 1))
    }

    /// Whether one more node may be appended; otherwise records the error and stops the parser.
    @inline(__always)
    private mutating func reserveNode() -> Bool {
        if nodes.count >= maxNodes {
            fail(.tooManyNodes(limit: maxNodes))
            return false
        }
        if nodes.count & 4095 == 4095, let seconds = ProcessingDeadline.seconds, ProcessingDeadline.hasPassed {
            fail(.tookTooLong(seconds: seconds))
            return false
        }
        return true
    }

    private mutating func fail(_ failure: HTMLParseError) {
        error = failure
        textCount = 0
        textKind = .none
        xmlStopParser(parser)
    }
}

/// A direct-mapped cache from libxml2's element-name pointers to tags and names.
///
/// The HTML parser interns element names in its dictionary (implied elements use constant
/// strings), so a pointer stands for one name for the whole parse.
struct ElementNameCache {
    private var pointers = [UnsafeRawPointer?](repeating: nil, count: 64)
    private var tags = [HTMLTag](repeating: .unknown, count: 64)
    private var names = [String](repeating: "", count: 64)

    @inline(__always)
    mutating func entry(for pointer: UnsafePointer<xmlChar>, table: NameTable) -> (HTMLTag, String) {
        let raw = UnsafeRawPointer(pointer)
        let slot = Int(truncatingIfNeeded: UInt(bitPattern: raw) >> 3) & 63
        if pointers[slot] == raw { return (tags[slot], names[slot]) }
        let (tag, name) = Self.decode(pointer, table: table)
        pointers[slot] = raw
        tags[slot] = tag
        names[slot] = name
        return (tag, name)
    }

    /// The tag and lowercase name libxml2's tree would give the element: the part after the
    /// first colon when there is one inside the name (`xmlSplitQName`).
    static func decode(_ pointer: UnsafePointer<xmlChar>, table: NameTable) -> (HTMLTag, String) {
        let length = strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
        var name = UnsafeBufferPointer(start: pointer, count: length)
        if length > 0, name[0] != 0x3A, let colon = name.firstIndex(of: 0x3A), colon < length - 1 {
            name = UnsafeBufferPointer(rebasing: name[(colon + 1)...])
        }
        if let tag = table.tag(for: name) { return (tag, tag.rawValue) }
        let raw = String(decoding: name, as: UTF8.self)
        let lowered = raw.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) ? raw.lowercased() : raw
        return (HTMLTag(name: lowered), lowered)
    }
}
