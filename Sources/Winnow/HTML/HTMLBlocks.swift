import Foundation
import WinnowHTML

/// Turns a parsed page into typed blocks of visible text, in reading order.
///
/// One walk over the arena: every block-level element ends the text before it and starts a new
/// block; inline elements join their text with the surrounding words; `<br>` is a line break
/// inside a block. Each block remembers the element that holds its text (``Block/node``) and how
/// much of its text sits inside links (``Block/linkLength``), which the stripper scores.
///
/// What is not text is left out: `<head>`, scripts, styles, templates, form controls, media.
public enum HTMLBlocks {
    /// The blocks of the whole page (from `<body>` when there is one).
    public static func blocks(of page: HTMLDocument) -> [Block] {
        guard !page.nodes.isEmpty else { return [] }
        var builder = Builder(page: page)
        let start = page.firstElement(.body) ?? page.root
        builder.walk(start)
        return builder.blocks
    }

    /// Whether an element's content is not page text (scripts, styles, form controls, media).
    ///
    /// Elements hidden by `hidden` or `display:none` are kept here: pages hide their main
    /// content until a script runs, and tab panels hold content; the stripper weighs them.
    /// A control or media element that holds a large subtree is walked all the same: an unclosed
    /// `<button>` or `<video>` makes libxml2 nest the rest of the page inside it.
    static func isSkipped(_ node: HTMLNode, at index: Int) -> Bool {
        isSkipped(node.tag, subtreeEnd: Int(node.subtreeEnd), at: index)
    }

    /// ``isSkipped(_:at:)`` from the element's tag and subtree end.
    @inline(__always)
    static func isSkipped(_ tag: HTMLTag, subtreeEnd: Int, at index: Int) -> Bool {
        switch tag {
        case .head, .script, .style, .template, .svg, .title, .meta, .link, .math:
            return true
        case .iframe, .object, .embed, .select, .option, .button, .input, .textarea, .canvas, .video, .audio, .map, .datalist:
            return subtreeEnd - index < 64
        default:
            return false
        }
    }

    /// Whether a `<noscript>` holds no block of its own (paragraphs, divisions, lists...): then it
    /// is what a browser shows only without scripts — a tracking pixel, an "enable JavaScript"
    /// line, often escaped markup that would read as text — and is left out. A `<noscript>` with
    /// blocks is kept: some platforms put the whole article there for readers without scripts.
    static func isInlineNoscript(_ page: HTMLDocument, at index: Int) -> Bool {
        for inner in page.descendants(of: index) where page.nodes[inner].kind == .element && page.nodes[inner].tag.isBlockLevel {
            return false
        }
        return true
    }

    /// Whether a table holds data (cells of text) rather than laying out the page.
    static func isDataTable(_ page: HTMLDocument, _ table: Int) -> Bool {
        var cells = 0
        for index in page.descendants(of: table) {
            switch page.nodes[index].tag {
            case .table, .div, .p, .ul, .ol, .h1, .h2, .h3, .h4, .h5, .h6, .blockquote, .pre, .section, .article, .form, .dl, .nav, .header, .footer, .aside, .main:
                return false
            case .td, .th:
                cells += 1
            default:
                break
            }
        }
        return cells > 0
    }

    /// Walks the tree and accumulates blocks.
    struct Builder {
        let page: HTMLDocument
        var blocks: [Block] = []
        /// Bytes of the block being built.
        var buffer: [UInt8] = []
        /// Bytes of the buffer that lie inside links.
        var linkBytes = 0
        /// Whether a space is owed before the next word.
        var pendingSpace = false
        /// Depth of `<a>` elements around the current text.
        var linkDepth = 0
        /// Whether an inline element started or ended since the last text.
        var elementBoundary = false
        /// Links of the block being built: where their text starts in the buffer, and the target.
        var openLinks: [(start: Int, url: String)] = []
        /// Finished links of the block being built.
        var links: [Block.Link] = []
        /// Relative targets already resolved against `base` (pages repeat their links).
        var resolved: [String: String] = [:]
        /// The URL relative links resolve against (`<base href>`, else the canonical URL).
        let base: URL?

        /// Creates a builder; `base` is found in the page unless a parent builder passes its own.
        init(page: HTMLDocument, base: URL?? = nil) {
            self.page = page
            if let base {  // a table cell's builder: no room reserved, cells are short
                self.base = base
                return
            }
            buffer.reserveCapacity(4096)
            let baseHref = page.firstElement(.base).flatMap { page.nodes[$0].attribute("href") }
            let canonical = page.elements(named: .link).first { page.nodes[$0].attribute("rel")?.lowercased() == "canonical" }
                .flatMap { page.nodes[$0].attribute("href") }
            self.base = (baseHref ?? canonical ?? page.meta("og:url")).flatMap { URL(string: $0) }
        }

        /// Starts a link at the current position, when it has a target worth keeping.
        mutating func openLink(_ node: HTMLNode) {
            guard let href = node.attribute("href").map({ ByteSearch.trimmed($0) }), !href.isEmpty,
                !href.hasPrefix("#"), !Self.isJavaScript(href)
            else {
                openLinks.append((-1, ""))
                return
            }
            let target: String
            if Self.isPlainAbsolute(href) || base == nil {
                target = href
            } else if let known = resolved[href] {
                target = known
            } else {
                target = URL(string: href, relativeTo: base)?.absoluteString ?? href
                resolved[href] = target
            }
            openLinks.append((buffer.count, target))
        }

        /// `href.lowercased().hasPrefix("javascript:")`, from the bytes when the first twelve
        /// are ASCII (then the prefix's characters are its bytes, and nothing after the colon can
        /// join it); through the characters otherwise.
        static func isJavaScript(_ href: String) -> Bool {
            var count = 0
            var matches = true
            for byte in href.utf8.prefix(javascriptBytes.count + 1) {
                guard byte < 0x80 else { return href.lowercased().hasPrefix("javascript:") }
                if count < javascriptBytes.count, ByteSearch.lower(byte) != javascriptBytes[count] { matches = false }
                count += 1
            }
            return matches && count >= javascriptBytes.count
        }

        static let javascriptBytes = Array("javascript:".utf8)

        /// Whether `href` is an absolute http(s) URL of plain ASCII that URL parsing would leave as
        /// it is (the common case, which skips Foundation's URL parser).
        static func isPlainAbsolute(_ href: String) -> Bool {
            var utf8 = href.utf8[...]
            let lower = { (byte: UInt8) in byte | 0x20 }
            guard utf8.count > 8, lower(utf8[utf8.startIndex]) == UInt8(ascii: "h") else { return false }
            let prefix = Array(utf8.prefix(8)).map(lower)
            if prefix.starts(with: Array("http://".utf8)) { utf8 = utf8.dropFirst(7) } else if prefix.starts(with: Array("https://".utf8)) { utf8 = utf8.dropFirst(8) } else { return false }
            for byte in utf8 {
                switch byte {
                case 0x21, 0x23...0x3B, 0x3D, 0x3F...0x5B, 0x5D, 0x5F, 0x61...0x7A, 0x7E: continue
                default: return false
                }
            }
            return true
        }

        /// Ends the innermost link, recording its text.
        mutating func closeLink() {
            guard let (start, url) = openLinks.popLast(), start >= 0, start <= buffer.count else { return }
            var end = buffer.count
            while end > start, buffer[end - 1] == 0x20 || buffer[end - 1] == 0x0A { end -= 1 }
            var first = start
            while first < end, buffer[first] == 0x20 || buffer[first] == 0x0A { first += 1 }
            guard first < end else { return }
            links.append(Block.Link(text: String(decoding: buffer[first..<end], as: UTF8.self), url: url))
        }

        /// The kind of block an element starts, and its level.
        func kind(of index: Int, inQuote: Bool) -> (Block.Kind, Int) {
            let node = page.nodes[index]
            if let level = node.tag.headingLevel { return (.heading, level) }
            switch node.tag {
            case .li, .dt, .dd:
                if node.tag == .li { return (.listItem, listDepth(index)) }
                return (inQuote ? .quote : .paragraph, 0)
            case .pre: return (.code, 0)
            case .figcaption, .caption: return (.caption, 0)
            case .blockquote: return (.quote, 0)
            default: return (inQuote ? .quote : .paragraph, 0)
            }
        }

        /// Number of `<ul>`/`<ol>` ancestors of a list item.
        func listDepth(_ index: Int) -> Int {
            var depth = 0
            var current = page.nodes[index].parent
            while current >= 0 {
                let tag = page.nodes[Int(current)].tag
                if tag == .ul || tag == .ol || tag == .menu { depth += 1 }
                current = page.nodes[Int(current)].parent
            }
            return max(1, depth)
        }

        /// Ends the current block, owned by element `owner`.
        mutating func flush(owner: Int, kind: Block.Kind, level: Int) {
            defer {
                buffer.removeAll(keepingCapacity: true)
                linkBytes = 0
                pendingSpace = false
                links.removeAll()
                for index in openLinks.indices where openLinks[index].start >= 0 { openLinks[index].start = 0 }
            }
            while let last = buffer.last, last == 0x20 || last == 0x0A { buffer.removeLast() }
            guard !buffer.isEmpty else { return }
            let text = String(decoding: buffer, as: UTF8.self)
            var block = Block(kind, text, level: level, node: owner)
            block.linkLength = linkBytes
            block.links = links
            blocks.append(block)
        }

        /// Appends text with runs of whitespace (and no-break spaces) collapsed.
        ///
        /// Text that follows an inline element's edge without a space, where a lowercase letter or
        /// digit meets a capital (`<span>Eddyline</span><span>Sandpiper</span>`), gets a space:
        /// such pieces are laid out apart by the page's styles.
        mutating func append(_ text: String) {
            let start = buffer.count
            if elementBoundary, !pendingSpace, let last = buffer.last, let first = text.utf8.first,
                first >= 0x41 && first <= 0x5A, (last >= 0x61 && last <= 0x7A) || (last >= 0x30 && last <= 0x39) {
                pendingSpace = true
            }
            elementBoundary = false
            // Runs of bytes between spaces are copied whole.
            let copied: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
                let count = bytes.count
                func isSpace(_ at: Int) -> Bool {
                    let byte = bytes[at]
                    return byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C || (byte == 0xC2 && at + 1 < count && bytes[at + 1] == 0xA0)
                }
                var at = 0
                while at < count {
                    if isSpace(at) {
                        pendingSpace = true
                        at += bytes[at] == 0xC2 ? 2 : 1
                        continue
                    }
                    if pendingSpace {
                        if let last = buffer.last, last != 0x0A { buffer.append(0x20) }
                        pendingSpace = false
                    }
                    var end = at + 1
                    while end < count, !isSpace(end) { end += 1 }
                    buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[at..<end]))
                    at = end
                }
            }
            if copied != nil {
                if linkDepth > 0 { linkBytes += buffer.count - start }
                return
            }
            var iterator = text.utf8.makeIterator()
            var lead: UInt8? = iterator.next()
            while let byte = lead {
                lead = iterator.next()
                if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C {
                    pendingSpace = true
                    continue
                }
                if byte == 0xC2, lead == 0xA0 {
                    lead = iterator.next()
                    pendingSpace = true
                    continue
                }
                if pendingSpace {
                    if let last = buffer.last, last != 0x0A { buffer.append(0x20) }
                    pendingSpace = false
                }
                buffer.append(byte)
            }
            if linkDepth > 0 { linkBytes += buffer.count - start }
        }

        /// Walks the subtree of `root` iteratively.
        mutating func walk(_ root: Int) {
            struct Frame {
                let index: Int
                let end: Int
                let kind: Block.Kind
                let level: Int
                let isBlock: Bool
                let isLink: Bool
            }
            var stack: [Frame] = []
            var owner = root
            var ownerKind = Block.Kind.paragraph
            var ownerLevel = 0
            var quoteDepth = 0
            var index = root + 1
            let end = Int(page.nodes[root].subtreeEnd)
            var steps = 0
            while index < end || !stack.isEmpty {
                while let top = stack.last, index >= top.end {
                    stack.removeLast()
                    elementBoundary = true
                    if top.isLink {
                        linkDepth -= 1
                        closeLink()
                    }
                    if top.isBlock {
                        flush(owner: owner, kind: ownerKind, level: ownerLevel)
                        if top.kind == .quote, page.nodes[top.index].tag == .blockquote { quoteDepth -= 1 }
                        if let parent = stack.last(where: { $0.isBlock }) {
                            owner = parent.index; ownerKind = parent.kind; ownerLevel = parent.level
                        } else {
                            owner = root; ownerKind = .paragraph; ownerLevel = 0
                        }
                    }
                }
                guard index < end else { break }
                steps += 1
                if steps & 4095 == 0, ProcessingDeadline.hasPassed {
                    index = end  // past the time limit: close the open elements and stop (the runner fails the document)
                    continue
                }
                // The node's fields are read where they are (a copy of the node would retain its strings).
                if page.nodes[index].kind == .text {
                    append(page.nodes[index].text)
                    index += 1
                    continue
                }
                let tag = page.nodes[index].tag
                let subtreeEnd = Int(page.nodes[index].subtreeEnd)
                if HTMLBlocks.isSkipped(tag, subtreeEnd: subtreeEnd, at: index) || (tag == .noscript && HTMLBlocks.isInlineNoscript(page, at: index)) {
                    index = subtreeEnd
                    continue
                }
                if tag == .br {
                    while let last = buffer.last, last == 0x20 { buffer.removeLast() }
                    if !buffer.isEmpty, buffer.last != 0x0A { buffer.append(0x0A) }
                    pendingSpace = false
                    index += 1
                    continue
                }
                if tag == .pre {
                    flush(owner: owner, kind: ownerKind, level: ownerLevel)
                    appendPreformatted(index)
                    index = subtreeEnd
                    continue
                }
                if tag == .table, HTMLBlocks.isDataTable(page, index) {
                    flush(owner: owner, kind: ownerKind, level: ownerLevel)
                    appendTable(index)
                    index = subtreeEnd
                    continue
                }
                if tag == .hr || tag == .img {
                    if tag == .hr { flush(owner: owner, kind: ownerKind, level: ownerLevel) }
                    index += 1
                    continue
                }
                let isBlock = tag.isBlockLevel || (tag == .unknown && page.nodes[index].name.contains("-"))
                let isLink = tag == .a
                if isLink {
                    linkDepth += 1
                    openLink(page.nodes[index])
                }
                elementBoundary = true
                var frameKind = Block.Kind.paragraph
                var frameLevel = 0
                if isBlock {
                    flush(owner: owner, kind: ownerKind, level: ownerLevel)
                    if tag == .blockquote { quoteDepth += 1 }
                    (frameKind, frameLevel) = kind(of: index, inQuote: quoteDepth > 0)
                    owner = index; ownerKind = frameKind; ownerLevel = frameLevel
                }
                stack.append(Frame(index: index, end: subtreeEnd, kind: frameKind, level: frameLevel, isBlock: isBlock, isLink: isLink))
                index += 1
            }
            flush(owner: owner, kind: ownerKind, level: ownerLevel)
        }

        /// Emits a `<pre>` element's text as a code block, whitespace kept.
        mutating func appendPreformatted(_ index: Int) {
            var text = ""
            for child in page.descendants(of: index) {
                let node = page.nodes[child]
                if node.kind == .text { text += node.text } else if node.tag == .br { text += "\n" }
            }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let trimmed = lines.drop { $0.allSatisfy(\.isWhitespace) }.reversed().drop { $0.allSatisfy(\.isWhitespace) }.reversed()
            let body = trimmed.map { line -> Substring in
                var line = line
                while let last = line.last, last == " " || last == "\t" || last == "\r" { line = line.dropLast() }
                return line
            }.joined(separator: "\n")
            guard !body.isEmpty else { return }
            blocks.append(Block(.code, body, language: codeLanguage(index), node: index))
        }

        /// The language a `<pre>` or its `<code>` names in a `language-x` or `lang-x` class.
        func codeLanguage(_ index: Int) -> String? {
            for candidate in [index] + Array(page.descendants(of: index).prefix(3)) {
                for name in page.nodes[candidate].classList {
                    if name.hasPrefix("language-") { return String(name.dropFirst(9)) }
                    if name.hasPrefix("lang-") { return String(name.dropFirst(5)) }
                }
            }
            return nil
        }

        /// Emits a data table as one block: a row per line, cells joined by " | ".
        mutating func appendTable(_ index: Int) {
            var rows: [String] = []
            var links = 0
            for row in page.descendants(of: index) where page.nodes[row].tag == .tr {
                var cells: [String] = []
                for cell in page.children(of: row) where page.nodes[cell].tag == .td || page.nodes[cell].tag == .th {
                    var sub = Builder(page: page, base: .some(base))
                    sub.walk(cell)
                    var text = sub.blocks.map(\.text).joined(separator: " ")
                    if text.utf8.contains(0x0A) { text = text.replacingOccurrences(of: "\n", with: " ") }
                    links += sub.blocks.reduce(0) { $0 + $1.linkLength }
                    cells.append(text)
                }
                if cells.contains(where: { !$0.isEmpty }) { rows.append(cells.joined(separator: " | ")) }
            }
            guard !rows.isEmpty else { return }
            var block = Block(.table, rows.joined(separator: "\n"), node: index)
            block.linkLength = links
            blocks.append(block)
        }
    }
}
