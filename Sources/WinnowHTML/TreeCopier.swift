internal import CLibXML2

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Copies a libxml2 element tree into the pre-order ``HTMLNode`` arena, iteratively.
///
/// Used when XPath queries need libxml2's tree (``HTMLParser``); otherwise ``SAXTreeBuilder``
/// builds the same arena from the parser's events, and the tests hold the two to each other.
///
/// The walk follows libxml2's `children`/`next`/`parent` pointers, so nesting depth costs no
/// stack. Element names are matched against ``NameTable``; attribute names, which libxml2 interns,
/// are decoded once per distinct pointer (``InternedNameCache``).
struct TreeCopier {
    private(set) var nodes: [HTMLNode] = []
    private(set) var truncatedDepth = false
    private let table = NameTable.shared
    private var attributeNames = InternedNameCache()
    private let maxDepth: Int
    private let maxNodes: Int
    /// Nodes XPath queries selected (libxml2 pointers), with the numbers of those queries.
    var selected: [UnsafeMutableRawPointer: [Int32]] = [:]
    /// For each query, the arena indices of the nodes it selected, in document order.
    var matches: [[Int32]] = []

    init(limits: HTMLParseLimits, expectedNodes: Int) {
        maxDepth = max(0, min(limits.maxDepth, Int(UInt16.max)))
        maxNodes = max(1, limits.maxNodes)
        nodes.reserveCapacity(min(expectedNodes, maxNodes))
    }

    mutating func copy(root: xmlNodePtr) throws(HTMLParseError) {
        var current = root
        var parentIndex: Int32 = -1
        var depth = 0
        while true {
            var descend = false
            if nodes.count & 4095 == 4095, let seconds = ProcessingDeadline.seconds, ProcessingDeadline.hasPassed {
                throw .tookTooLong(seconds: seconds)
            }
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                let index = try appendElement(current, parent: parentIndex, depth: depth)
                if current.pointee.children != nil, !dropsContent(nodes[index]) {
                    if depth < maxDepth {
                        descend = true
                        parentIndex = Int32(index)
                    } else {
                        truncatedDepth = true
                    }
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                try appendText(current, parent: parentIndex, depth: depth)
            default:
                break  // comments, processing instructions, entity references
            }
            if descend, let child = current.pointee.children {
                current = child
                depth += 1
                continue
            }
            // Move to the next node in document order, closing finished elements on the way up.
            while true {
                if current == root { return }
                if let next = current.pointee.next {
                    current = next
                    break
                }
                guard let up = current.pointee.parent else { return }
                current = up
                depth -= 1
                nodes[Int(parentIndex)].subtreeEnd = Int32(nodes.count)
                parentIndex = nodes[Int(parentIndex)].parent
            }
        }
    }

    private func dropsContent(_ node: HTMLNode) -> Bool {
        guard node.tag.dropsContent else { return false }
        return !(node.tag == .script && HTMLDocument.isJSONLD(type: node.attribute("type")))
    }

    private mutating func appendElement(_ element: xmlNodePtr, parent: Int32, depth: Int) throws(HTMLParseError) -> Int {
        guard nodes.count < maxNodes else { throw .tooManyNodes(limit: maxNodes) }
        let (tag, name) = elementName(element.pointee.name)
        var attributes: [HTMLAttribute] = []
        var attribute = element.pointee.properties
        while let current = attribute {
            let attributeName = current.pointee.name.map { attributeNames.name(for: UnsafeRawPointer($0)) } ?? ""
            attributes.append(HTMLAttribute(name: attributeName, value: Self.value(of: current)))
            attribute = current.pointee.next
        }
        let index = nodes.count
        if !selected.isEmpty { record(element, index) }
        nodes.append(HTMLNode(
            kind: .element, tag: tag, name: name, attributes: attributes,
            parent: parent, subtreeEnd: Int32(index + 1), depth: UInt16(depth)))
        return index
    }

    private mutating func appendText(_ node: xmlNodePtr, parent: Int32, depth: Int) throws(HTMLParseError) {
        guard let content = node.pointee.content else { return }
        let length = strlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self))
        guard length > 0 else { return }
        guard nodes.count < maxNodes else { throw .tooManyNodes(limit: maxNodes) }
        let index = nodes.count
        if !selected.isEmpty { record(node, index) }
        nodes.append(.text(UnsafeBufferPointer(start: UnsafePointer(content), count: length), parent: parent, index: index, depth: depth))
    }

    /// Notes that the queries that selected `node` matched arena index `index`.
    private mutating func record(_ node: xmlNodePtr, _ index: Int) {
        guard let queries = selected[UnsafeMutableRawPointer(node)] else { return }
        for query in queries { matches[Int(query)].append(Int32(index)) }
    }

    /// The tag and lowercase name of an element name (libxml2 does not intern these).
    @inline(__always)
    private func elementName(_ pointer: UnsafePointer<xmlChar>?) -> (HTMLTag, String) {
        guard let pointer else { return (.unknown, "") }
        let length = strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
        if let tag = table.tag(for: UnsafeBufferPointer(start: pointer, count: length)) { return (tag, tag.rawValue) }
        let name = lowercaseString(UnsafeRawPointer(pointer))
        return (HTMLTag(name: name), name)
    }

    /// An attribute's value: its single text child directly, or libxml2's concatenation otherwise.
    private static func value(of attribute: xmlAttrPtr) -> String {
        guard let child = attribute.pointee.children else { return "" }
        if child.pointee.next == nil, child.pointee.type == XML_TEXT_NODE {
            guard let content = child.pointee.content else { return "" }
            return String(cString: UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self))
        }
        guard let joined = xmlNodeListGetString(attribute.pointee.doc, child, 1) else { return "" }
        defer { winnow_xml_free(joined) }
        return String(cString: UnsafeRawPointer(joined).assumingMemoryBound(to: CChar.self))
    }
}
