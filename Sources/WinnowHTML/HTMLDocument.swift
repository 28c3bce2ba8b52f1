/// A parsed page as a flat, `Sendable` arena of nodes in document (pre-order) order.
///
/// `nodes[0]` is the root element (`<html>`). Every subtree is a contiguous index range
/// (``subtree(of:)``), so a per-element aggregate (text length, link-text length, …) is one
/// forward pass or a loop over a range, with no pointer chasing. Comments, processing
/// instructions and the doctype are dropped; `<script>`, `<style>`, `<template>` and `<svg>`
/// keep their element node but lose their content, except JSON-LD scripts, whose text is kept.
public struct HTMLDocument: Sendable {
    /// All nodes in document order; `nodes[0]` is the root element.
    public var nodes: [HTMLNode]
    /// The encoding the bytes were decoded with, and how it was decided.
    public var encoding: DetectedEncoding
    /// True when content nested deeper than ``HTMLParseLimits/maxDepth`` was cut off.
    public var truncatedDepth: Bool
    /// For each XPath expression given to the parser, the indices of the nodes it selected, in
    /// document order (``XPathQuery``).
    public var queryMatches: [String: [Int32]] = [:]

    /// Creates a document from an arena that satisfies the pre-order invariants.
    public init(nodes: [HTMLNode], encoding: DetectedEncoding, truncatedDepth: Bool = false) {
        self.nodes = nodes
        self.encoding = encoding
        self.truncatedDepth = truncatedDepth
    }

    /// Index of the root element (always 0).
    public var root: Int { 0 }

    /// Number of nodes.
    public var count: Int { nodes.count }

    /// The node at `index`.
    @inline(__always)
    public subscript(index: Int) -> HTMLNode { nodes[index] }

    /// Index of the parent element, or nil for the root.
    @inline(__always)
    public func parent(of index: Int) -> Int? {
        let parent = nodes[index].parent
        return parent < 0 ? nil : Int(parent)
    }

    /// The node and all its descendants: `index ..< subtreeEnd`.
    @inline(__always)
    public func subtree(of index: Int) -> Range<Int> { index..<Int(nodes[index].subtreeEnd) }

    /// All descendants of the node, in document order: `index + 1 ..< subtreeEnd`.
    @inline(__always)
    public func descendants(of index: Int) -> Range<Int> { (index + 1)..<Int(nodes[index].subtreeEnd) }

    /// Index of the first child, or nil for a leaf.
    public func firstChild(of index: Int) -> Int? {
        index + 1 < Int(nodes[index].subtreeEnd) ? index + 1 : nil
    }

    /// Index of the next sibling, or nil for a last child (or the root).
    public func nextSibling(of index: Int) -> Int? {
        let parent = nodes[index].parent
        guard parent >= 0 else { return nil }
        let next = nodes[index].subtreeEnd
        return next < nodes[Int(parent)].subtreeEnd ? Int(next) : nil
    }

    /// The direct children of a node, in order.
    public func children(of index: Int) -> Children {
        Children(nodes: nodes, start: index + 1, end: Int(nodes[index].subtreeEnd))
    }

    /// Indices of the ancestors of a node, nearest first (excluding the node itself).
    public func ancestors(of index: Int) -> [Int] {
        var result: [Int] = []
        var current = nodes[index].parent
        while current >= 0 {
            result.append(Int(current))
            current = nodes[Int(current)].parent
        }
        return result
    }

    /// The value of attribute `name` (lowercase) on node `index`, or nil.
    @inline(__always)
    public func attribute(_ name: String, of index: Int) -> String? { nodes[index].attribute(name) }

    /// Indices of all elements with the given tag, in document order.
    public func elements(named tag: HTMLTag) -> [Int] {
        var result: [Int] = []
        for index in nodes.indices where nodes[index].tag == tag && nodes[index].kind == .element {
            result.append(index)
        }
        return result
    }

    /// Indices of all elements with the given lowercase name (works for unlisted names too).
    public func elements(named name: String) -> [Int] {
        let tag = HTMLTag(name: name)
        if tag != .unknown { return elements(named: tag) }
        var result: [Int] = []
        for index in nodes.indices where nodes[index].tag == .unknown && nodes[index].name == name {
            result.append(index)
        }
        return result
    }

    /// Index of the first element with the given tag inside `range` (default: whole document).
    public func firstElement(_ tag: HTMLTag, in range: Range<Int>? = nil) -> Int? {
        let range = range ?? nodes.indices
        for index in range where nodes[index].tag == tag && nodes[index].kind == .element { return index }
        return nil
    }

    /// Iterates the direct children of a node by hopping over each child's subtree.
    public struct Children: Sequence, IteratorProtocol, Sendable {
        let nodes: [HTMLNode]
        var start: Int
        let end: Int

        /// The next child index, or nil after the last child.
        public mutating func next() -> Int? {
            guard start < end else { return nil }
            let current = start
            start = Int(nodes[current].subtreeEnd)
            return current
        }
    }
}

extension HTMLDocument {
    /// A copy without the subtrees rooted at `roots` (indices of this document; the root element
    /// cannot be removed), with ``queryMatches`` carried over, and `map[old]`: the new index of
    /// each old node, or -1 for a removed one.
    public func removing(subtrees roots: [Int]) -> (document: HTMLDocument, map: [Int32]) {
        var removed = [Bool](repeating: false, count: nodes.count)
        for root in roots where root > 0 && root < nodes.count {
            for index in subtree(of: root) { removed[index] = true }
        }
        var map = [Int32](repeating: -1, count: nodes.count)
        var kept: [HTMLNode] = []
        kept.reserveCapacity(nodes.count)
        for (index, node) in nodes.enumerated() where !removed[index] {
            var copy = node
            map[index] = Int32(kept.count)
            copy.parent = node.parent < 0 ? -1 : map[Int(node.parent)]
            copy.subtreeEnd = Int32(kept.count + 1)
            kept.append(copy)
        }
        // A parent's subtree ends where its last descendant's does (children come after parents).
        for index in kept.indices.reversed() where kept[index].parent >= 0 {
            let parent = Int(kept[index].parent)
            kept[parent].subtreeEnd = max(kept[parent].subtreeEnd, kept[index].subtreeEnd)
        }
        var result = HTMLDocument(nodes: kept, encoding: encoding, truncatedDepth: truncatedDepth)
        for (query, matches) in queryMatches {
            result.queryMatches[query] = matches.compactMap { map[Int($0)] >= 0 ? map[Int($0)] : nil }
        }
        return (result, map)
    }
}
