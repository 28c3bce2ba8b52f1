import WinnowHTML

/// Per-element sums over a page's blocks, and the choice of the main container.
struct PageAnalysis {
    let page: HTMLDocument
    let blocks: [Block]
    /// Each block's verdict.
    var verdicts: [HTMLStripper.Verdict] = []
    /// Bytes (UTF-8) of block text inside each element.
    var textLength: [Int32]
    /// `length × (2p − 1)` summed over the blocks inside each element.
    var score: [Double]
    /// Characters of all blocks.
    var totalLength = 0
    /// Characters of each block.
    var lengths: [Int] = []
    /// Each block's furniture phrase (``Boilerplate/phraseReason(_:)``) when it is under 120 bytes.
    var shortPhrases: [String?] = []
    /// Each element's hint, read when a block's ancestor walk passed it.
    var hints: [ElementHint?]

    init(page: HTMLDocument, blocks: [Block]) {
        self.page = page
        self.blocks = blocks
        textLength = [Int32](repeating: 0, count: page.nodes.count)
        score = [Double](repeating: 0, count: page.nodes.count)
        hints = [ElementHint?](repeating: nil, count: page.nodes.count)
        var nameCache = ElementHints.NameCache()
        lengths = blocks.map { $0.text.utf8.count }
        shortPhrases = blocks.indices.map { lengths[$0] < 120 ? Boilerplate.phraseReason(blocks[$0].text) : nil }
        totalLength = lengths.reduce(0, +)
        // Past the document's time limit, the ancestor walks stop (the runner fails the document).
        var late = false
        for (index, block) in blocks.enumerated() {
            if index & 255 == 255, !late { late = ProcessingDeadline.hasPassed }
            guard !late, let owner = block.node else { continue }
            var current = Int32(owner)
            while current >= 0 {
                textLength[Int(current)] += Int32(lengths[index])
                current = page.nodes[Int(current)].parent
            }
        }
        verdicts.reserveCapacity(blocks.count)
        for (index, block) in blocks.enumerated() {
            var verdict = HTMLStripper.Verdict(probability: BlockScore.probability(block, shortPhrase: shortPhrases[index]), furniture: nil)
            if index & 255 == 255, !late { late = ProcessingDeadline.hasPassed }
            if !late, let owner = block.node {
                var current = Int32(owner)
                while current >= 0 {
                    let element = Int(current)
                    let hint = hints[element] ?? ElementHints.hint(page.nodes[element], cache: &nameCache)
                    hints[element] = hint
                    if hint.comments { verdict.inComments = true }
                    if let reason = hint.negative, hint.overlay || Double(textLength[element]) < 0.5 * Double(totalLength) {
                        if verdict.furniture == nil || (hint.strong && !(verdict.furniture?.strong ?? false)) {
                            verdict.furniture = (reason, element, hint.strong)
                        }
                    }
                    current = page.nodes[element].parent
                }
            }
            var p = verdict.probability
            if let furniture = verdict.furniture {
                if furniture.strong {
                    p *= 0.15
                } else if ElementHints.reliableReasons.contains(furniture.reason) && furniture.reason != "comments" {
                    p *= 0.3
                }
            }
            let weight = Double(lengths[index]) * (2 * p - 1)
            if !late, let owner = block.node {
                var current = Int32(owner)
                while current >= 0 {
                    score[Int(current)] += weight
                    current = page.nodes[Int(current)].parent
                }
            }
            verdicts.append(verdict)
        }
    }

    /// The element holding the most content for the least furniture, or nil when no element
    /// holds clearly more content than furniture (pages of short items: listings, shops, link lists).
    func container() -> Int? {
        var best = page.root
        var bestScore = -Double.infinity
        for index in page.nodes.indices where page.nodes[index].kind == .element && textLength[index] > 0 {
            if score[index] > bestScore {
                bestScore = score[index]
                best = index
            }
        }
        return bestScore >= max(120, 0.08 * Double(totalLength)) ? best : nil
    }

    /// A CSS-like path of an element: `body > div#main.content > article`.
    func describe(_ element: Int, depth: Int = .max) -> String {
        var parts: [String] = []
        var current = Int32(element)
        while current >= 0 && parts.count < depth {
            let node = page.nodes[Int(current)]
            var part = node.name
            if let id = node.id { part += "#" + id }
            if let classes = node.className?.split(separator: " ").prefix(2), !classes.isEmpty { part += "." + classes.joined(separator: ".") }
            parts.append(part)
            current = node.parent
        }
        return parts.reversed().joined(separator: " > ")
    }

    /// The indices of the blocks inside element `container`, in order.
    func blockIndices(in container: Int) -> [Int] {
        let range = page.subtree(of: container)
        return blocks.indices.filter { blocks[$0].node.map { range.contains($0) } ?? false }
    }

    /// Whether a furniture mark applies inside `container`: the marked element lies within it.
    ///
    /// Tags, roles and reliable class names (share, cookie, related...) remove their region; other
    /// class names (sidebar, header, hidden...) only when the region holds more furniture than content.
    /// On a page without a prose container (`itemsPage`), only tags, roles and reliable classes count.
    /// A consent dialog counts however much of the container's text it holds.
    func counts(_ furniture: (reason: String, element: Int, strong: Bool), inside container: Int, comments: Bool, itemsPage: Bool = false) -> Bool {
        if furniture.reason == "comments" && comments { return false }
        guard furniture.element > container, page.subtree(of: container).contains(furniture.element),
            hints[furniture.element]?.overlay ?? false || Double(textLength[furniture.element]) < 0.6 * Double(textLength[container])
        else { return false }
        if furniture.strong || ElementHints.reliableReasons.contains(furniture.reason) { return true }
        return !itemsPage && score[furniture.element] <= 0
    }

    /// The page's headline when it stands before the container: the last `<h1>` block before it.
    func titleBlock(before container: Int) -> Int? {
        var candidate: Int?
        for (index, block) in blocks.enumerated() {
            guard let owner = block.node else { continue }
            if owner >= container { break }
            let furniture = verdicts[index].furniture
            let marked = furniture.map { $0.strong || ElementHints.reliableReasons.contains($0.reason) } ?? false
            if block.kind == .heading && block.level == 1 && !marked { candidate = index }
        }
        return candidate
    }
}
