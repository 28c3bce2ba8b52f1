import Foundation
import WinnowHTML

/// The features the learned block classifier (``HTMLBlockModel``) reads for each block of a page:
/// the heuristic verdicts (probability, furniture marks, container, keep), the block's own text
/// (length, links, punctuation), its place in the page (position, depth, the text share of its
/// ancestors), its neighbours, and how often blocks with the same DOM signature repeat (items of
/// a listing, posts of a thread).
///
/// The order is the model's: changing it means refitting (Tools/htmlstrip-training).
struct BlockFeatures {
    /// The features' names, in row order.
    static let names = [
        "p", "heuristicKeep", "insideContainer", "furnitureLevel", "furnitureCounts", "inComments", "postsAreContent", "itemsPage",
        "kind", "level", "logLength", "words", "linkDensity", "marksPer100", "digitShare", "position", "charOffset",
        "depth", "depthBelowContainer", "containerShare", "containerScoreShare", "parentShare", "grandparentShare",
        "positiveAncestor", "signatureCount", "signatureShare", "previousP", "nextP", "previousKeep", "nextKeep",
        "headingDistance", "headingLevel", "logTotalLength", "logBlockCount", "pageLinkDensity", "isTitle",
        "bestAncestorScoreShare", "bestAncestorTextShare", "phrase", "dateline", "endsWithMark", "linkCount", "meanLinkLength",
        "classProduct", "classItem", "classPost", "classPrice", "classReview", "classComment", "classDetail", "classTitle",
        "furnitureShare", "signatureKeepShare", "siblingBlocks",
    ]

    /// Substrings of ancestors' class and id names, one feature each (in the order of the `class…` names).
    static let classGroups: [[[UInt8]]] = [
        ["product"], ["item", "card", "tile"], ["post", "message", "reply", "thread", "topic", "answer", "question"], ["price"],
        ["review", "rating"], ["comment"], ["desc", "detail", "spec", "info", "summary"], ["title", "name", "heading"],
    ].map { $0.map { Array($0.utf8) } }

    /// The class groups an element's class and id name, a bit each.
    static func groups(of element: HTMLNode) -> UInt16 {
        var names = ""
        if let value = element.attribute("class") { names += value }
        if let value = element.attribute("id") { names += " " + value }
        return groups(ofNames: names)
    }

    /// The class groups a class-and-id string names, a bit each (ASCII case ignored).
    static func groups(ofNames names: String) -> UInt16 {
        var groups: UInt16 = 0
        groupPhrases.forEachMatch(in: names) { groups |= $0 }
        return groups
    }

    /// ``classGroups`` in one set: each needle with its group's bit.
    static let groupPhrases = PhraseSet(classGroups.enumerated().flatMap { group, needles in
        needles.map { (String(decoding: $0, as: UTF8.self), UInt16(1) << group) }
    })

    /// One row per block.
    var rows: [[Double]]

    init(analysis: PageAnalysis, container: Int, keep: [Bool], postsAreContent: Bool, itemsPage: Bool, title: Int?) {
        let page = analysis.page
        let blocks = analysis.blocks
        let count = blocks.count
        let total = Double(max(1, analysis.totalLength))
        let containerRange = page.subtree(of: container)
        let containerDepth = Double(page.nodes[container].depth)
        let containerShare = Double(analysis.textLength[container]) / total
        let containerScoreShare = analysis.score[container] / total
        let pageLinks = Double(blocks.reduce(0) { $0 + $1.linkLength })
        // Signatures: the owner's tag and class with its parent's, so that the items of one list
        // (or the posts of one thread) share theirs.
        var signatures = [Int](repeating: -1, count: count)
        var signatureIDs: [String: Int] = [:]
        var signatureCounts: [Int] = [], signatureLengths: [Int] = [], signatureKept: [Int] = []
        var classFlags = [[Double]](repeating: [Double](repeating: 0, count: Self.classGroups.count), count: count)
        var positive = [Double](repeating: 0, count: count)
        var bestScoreShare = [Double](repeating: 0, count: count)
        var bestTextShare = [Double](repeating: 0, count: count)
        var parentShare = [Double](repeating: 0, count: count)
        var grandparentShare = [Double](repeating: 0, count: count)
        var depth = [Double](repeating: 0, count: count)
        var siblingBlocks = [Double](repeating: 0, count: count)
        var blocksPerParent: [Int: Int] = [:]
        // By element: the class groups its class and id name (a bit each; .max: not read yet); for
        // the path from it to the root, whether an element on it has a positive hint, and its
        // best-scoring element (the lowest of those with the highest score; -1 none, -2 not read yet).
        var nodeGroups = [UInt16](repeating: .max, count: page.nodes.count)
        var chainPositive = [Bool](repeating: false, count: page.nodes.count)
        var chainBest = [Int32](repeating: -2, count: page.nodes.count)
        var path: [Int] = []
        func resolveChain(_ node: Int) {
            path.removeAll(keepingCapacity: true)
            var current = node
            while current >= 0, chainBest[current] == -2 {
                path.append(current)
                current = Int(page.nodes[current].parent)
            }
            for element in path.reversed() {
                let parent = Int(page.nodes[element].parent)
                let above = parent >= 0 ? Int(chainBest[parent]) : -1
                let score = analysis.score[element]
                chainPositive[element] = (parent >= 0 && chainPositive[parent]) || (analysis.hints[element]?.positive ?? false)
                chainBest[element] = Int32(above >= 0 ? (score >= analysis.score[above] ? element : above) : (score > -Double.infinity ? element : -1))
            }
        }
        // Past the document's time limit, the ancestor walks stop (the runner fails the document).
        var late = false
        for (index, block) in blocks.enumerated() {
            if index & 255 == 255, !late { late = ProcessingDeadline.hasPassed }
            guard !late, let owner = block.node else { continue }
            let node = page.nodes[owner]
            depth[index] = Double(node.depth)
            let parent = Int(node.parent)
            var key = node.name + "." + (node.className ?? "")
            if parent >= 0 {
                let parentNode = page.nodes[parent]
                key += "<" + parentNode.name + "." + (parentNode.className ?? "")
                parentShare[index] = Double(analysis.textLength[parent]) / total
                blocksPerParent[parent, default: 0] += 1
                let grandparent = Int(parentNode.parent)
                if grandparent >= 0 {
                    let up = Int(page.nodes[grandparent].parent)
                    grandparentShare[index] = Double(analysis.textLength[up >= 0 ? up : grandparent]) / total
                }
            }
            let id: Int
            if let known = signatureIDs[key] {
                id = known
            } else {
                id = signatureCounts.count
                signatureIDs[key] = id
                signatureCounts.append(0); signatureLengths.append(0); signatureKept.append(0)
            }
            signatures[index] = id
            signatureCounts[id] += 1
            signatureLengths[id] += analysis.lengths[index]
            if keep[index] { signatureKept[id] += analysis.lengths[index] }
            // Ancestors: class groups (six levels), positive hints and the best-scoring one (the
            // lowest of the highest score), each element's read once per page.
            var current = Int32(owner)
            var level = 0
            var groups: UInt16 = 0
            while current >= 0, level < 6 {
                let element = Int(current)
                let ancestor = page.nodes[element]
                if !ancestor.attributes.isEmpty {
                    if nodeGroups[element] == .max { nodeGroups[element] = Self.groups(of: ancestor) }
                    groups |= nodeGroups[element]
                }
                level += 1
                current = ancestor.parent
            }
            for group in Self.classGroups.indices where groups & (1 << group) != 0 { classFlags[index][group] = 1 }
            resolveChain(owner)
            if chainPositive[owner] { positive[index] = 1 }
            let best = Int(chainBest[owner])
            if best >= 0 {
                bestScoreShare[index] = analysis.score[best] / total
                bestTextShare[index] = Double(analysis.textLength[best]) / total
            }
        }
        for (index, block) in blocks.enumerated() {
            if let owner = block.node, page.nodes[owner].parent >= 0 {
                siblingBlocks[index] = Double(blocksPerParent[Int(page.nodes[owner].parent)] ?? 0)
            }
        }
        var furnitureLength = 0
        for verdict in analysis.verdicts.indices where analysis.verdicts[verdict].furniture != nil { furnitureLength += analysis.lengths[verdict] }
        let furnitureShare = Double(furnitureLength) / total
        var rows: [[Double]] = []
        rows.reserveCapacity(count)
        var offset = 0
        var lastHeading: Int?
        for (index, block) in blocks.enumerated() {
            let verdict = analysis.verdicts[index]
            let length = analysis.lengths[index]
            let text = block.text
            var furnitureLevel = 0.0, furnitureCounts = 0.0
            if let furniture = verdict.furniture {
                furnitureLevel = furniture.strong ? 3 : ElementHints.reliableReasons.contains(furniture.reason) ? 2 : 1
                furnitureCounts = analysis.counts(furniture, inside: container, comments: postsAreContent, itemsPage: itemsPage) ? 1 : 0
            }
            let inside = block.node.map { containerRange.contains($0) } ?? false
            var digits = 0
            for byte in text.utf8 where byte >= 0x30 && byte <= 0x39 { digits += 1 }
            let last = text.unicodeScalars.last
            let endsWithMark = last.map { ".!?:;。！？\"'”)".unicodeScalars.contains($0) } ?? false
            let signature = signatures[index]
            let phrase = length < 120 && analysis.shortPhrases[index] != nil
            let dateline = length < 90 && Boilerplate.isDateline(text)
            var row: [Double] = [
                verdict.probability, keep[index] ? 1 : 0, inside ? 1 : 0, furnitureLevel, furnitureCounts, verdict.inComments ? 1 : 0,
                postsAreContent ? 1 : 0, itemsPage ? 1 : 0,
                Double(Block.Kind.allCases.firstIndex(of: block.kind) ?? 0), Double(block.level), log2(1 + Double(length)),
                Double(BlockScore.wordCount(text)), min(1, Double(block.linkLength) / Double(max(1, length))),
                100 * Double(BlockScore.sentenceMarks(text)) / Double(max(1, length)), Double(digits) / Double(max(1, length)),
                Double(index) / Double(count), Double(offset) / total,
                depth[index], depth[index] - containerDepth, containerShare, containerScoreShare, parentShare[index], grandparentShare[index],
                positive[index], signature >= 0 ? Double(signatureCounts[signature]) : 0,
                signature >= 0 ? Double(signatureLengths[signature]) / total : 0,
                index > 0 ? analysis.verdicts[index - 1].probability : -1, index + 1 < count ? analysis.verdicts[index + 1].probability : -1,
                index > 0 ? (keep[index - 1] ? 1 : 0) : -1, index + 1 < count ? (keep[index + 1] ? 1 : 0) : -1,
                lastHeading.map { Double(min(20, index - $0)) } ?? 30, lastHeading.map { Double(blocks[$0].level) } ?? 0,
                log2(1 + total), log2(1 + Double(count)), pageLinks / total, index == title ? 1 : 0,
                bestScoreShare[index], bestTextShare[index], phrase ? 1 : 0, dateline ? 1 : 0, endsWithMark ? 1 : 0,
                Double(block.links.count), block.links.isEmpty ? 0 : Double(block.linkLength) / Double(block.links.count),
            ]
            row.append(contentsOf: classFlags[index])
            row.append(furnitureShare)
            row.append(signature >= 0 && signatureLengths[signature] > 0 ? Double(signatureKept[signature]) / Double(signatureLengths[signature]) : 0)
            row.append(siblingBlocks[index])
            rows.append(row)
            offset += length
            if block.kind == .heading { lastHeading = index }
        }
        self.rows = rows
    }
}
