import Foundation
import WinnowHTML

/// Keeps the main content of an HTML page's blocks, judged on the page's tree.
///
/// 1. Every block gets a content probability from its own text (``BlockScore``) and is marked as
///    furniture when an element around it says so (``ElementHints``: `<nav>`, `class="share"`...).
/// 2. Every element gets the sum, over the blocks inside it, of `length × (2p − 1)`: content adds,
///    furniture subtracts. The element with the highest sum is the main container: the subtree
///    that holds the most content for the least furniture.
/// 3. Inside the container, blocks are kept or dropped by their probability, with undecided
///    blocks taking the class of their neighbours (as jusText smooths); the page's headline is
///    kept when it stands just before the container.
struct HTMLStripper {
    let options: StripStage.Options

    /// Whether traces carry every block's model features (`WINNOW_HTMLSTRIP_FEATURES=1`), for
    /// fitting the block model with Tools/htmlstrip-training.
    static let dumpFeatures = ProcessInfo.processInfo.environment["WINNOW_HTMLSTRIP_FEATURES"] == "1"

    /// What the stripper decided about one block.
    struct Verdict {
        var probability: Double
        /// The reason given by an element around the block, and the element.
        var furniture: (reason: String, element: Int, strong: Bool)?
        /// Whether an element around the block holds readers' comments.
        var inComments = false
    }

    /// Removes boilerplate blocks from an HTML document.
    func strip(_ document: inout Document) {
        guard let page = document.html, !document.blocks.isEmpty else { return }
        let blocks = document.blocks
        let analysis = PageAnalysis(page: page, blocks: blocks)
        var keep = [Bool](repeating: false, count: blocks.count)
        var reasons = [String](repeating: "outside-main-content", count: blocks.count)
        let container: Int
        var mode = options.mode
        var itemsPage = false
        if let found = analysis.container() {
            container = found
            document.trace.note("strip: main container \(analysis.describe(container)) score \(Int(analysis.score[container])) of \(analysis.totalLength) characters")
        } else {
            container = page.firstElement(.body) ?? page.root
            mode = .recall
            itemsPage = true
            document.trace.note("strip: no element holds mostly prose; keeping the page's items outside its furniture")
        }
        let inside = analysis.blockIndices(in: container)
        // A container made mostly of comments, with no article of its own before them, is a forum
        // or Q&A thread: its posts are the content.
        var commentLength = 0, articleLength = 0
        for index in inside {
            if analysis.verdicts[index].inComments {
                commentLength += analysis.lengths[index]
            } else if commentLength == 0 && analysis.verdicts[index].probability >= 0.6 {
                articleLength += analysis.lengths[index]
            }
        }
        let postsAreContent = options.comments || (commentLength * 5 >= Int(analysis.textLength[container]) * 2 && articleLength < 1_200)
        if postsAreContent && !options.comments { document.trace.note("strip: the main content is a thread of posts; comments are kept") }
        classify(inside, analysis: analysis, container: container, mode: mode, comments: postsAreContent, itemsPage: itemsPage, keep: &keep, reasons: &reasons)
        if mode != .precision, analysis.container() != nil {
            keepItemsAround(container, analysis: analysis, keep: &keep)
        }
        if let title = analysis.titleBlock(before: container), !keep[title] {
            keep[title] = true
        }
        if options.comments {
            for (index, verdict) in analysis.verdicts.enumerated() where verdict.inComments && !keep[index] {
                let furniture = verdict.furniture.map { $0.reason != "comments" && ($0.strong || ElementHints.reliableReasons.contains($0.reason)) } ?? false
                if !furniture && verdict.probability >= 0.45 { keep[index] = true }
            }
        }
        if !keep.contains(true) {
            // Nothing looked like content: keep what no furniture mark covers rather than nothing.
            for (index, verdict) in analysis.verdicts.enumerated() where verdict.furniture == nil && verdict.probability >= 0.05 {
                keep[index] = true
            }
        }
        if HTMLBlockModel.ensemble.count > 0 || (Self.dumpFeatures && document.trace.keepText) {
            let title = analysis.titleBlock(before: container)
            let features = BlockFeatures(
                analysis: analysis, container: container, keep: keep, postsAreContent: postsAreContent, itemsPage: itemsPage, title: title)
            if Self.dumpFeatures && document.trace.keepText {
                for (index, row) in features.rows.enumerated() {
                    document.trace.note("features\t\(index)\t" + row.map { String(format: "%.5g", $0) }.joined(separator: ",") + "\t" + blocks[index].text)
                }
            }
            if HTMLBlockModel.ensemble.count > 0 {
                applyModel(features, analysis: analysis, title: title, keep: &keep, reasons: &reasons, trace: &document.trace)
            }
        }
        var kept: [Block] = []
        kept.reserveCapacity(inside.count + 1)
        for (index, block) in blocks.enumerated() {
            if !keep[index], !document.pinned.isEmpty, let node = block.node, document.pinned.contains(where: { $0.contains(node) }) {
                keep[index] = true
                document.trace.note("strip: kept a block a rule marks as content (keep-elements)")
            }
            if keep[index] {
                kept.append(block)
            } else {
                var detail: String?  // a removal's detail is kept with its text only
                if document.trace.keepText {
                    detail = String(format: "p=%.2f", analysis.verdicts[index].probability)
                    if let furniture = analysis.verdicts[index].furniture {
                        detail? += " \(furniture.reason) from \(analysis.describe(furniture.element, depth: 2))"
                    }
                }
                document.trace.record(stage: StripStage.name, reason: reasons[index], detail: detail, text: block.text, kind: block.kind, position: block.origin)
            }
        }
        document.blocks = kept
    }

    /// Lets the learned block model (``HTMLBlockModel``) decide every block from the heuristics'
    /// verdicts and the block's features; keeps the heuristics' choice when the model keeps nothing.
    ///
    /// Four verdicts of the heuristics stand whatever the model says: the page's headline before
    /// the container stays, and consent dialogs, script or markup text and short furniture phrases
    /// (copyright lines, share prompts...) go.
    func applyModel(_ features: BlockFeatures, analysis: PageAnalysis, title: Int?, keep: inout [Bool], reasons: inout [String], trace: inout Trace) {
        let threshold = HTMLBlockModel.threshold + (options.mode == .precision ? 0.75 : options.mode == .recall ? -0.75 : 0)
        var decided = keep
        var phrases: [Int: String] = [:]
        for (index, row) in features.rows.enumerated() {
            let block = analysis.blocks[index]
            if index == title {
                decided[index] = true
            } else if let furniture = analysis.verdicts[index].furniture, analysis.hints[furniture.element]?.overlay ?? false {
                decided[index] = false
                phrases[index] = furniture.reason
            } else if analysis.verdicts[index].probability <= 0.02, block.kind != .code, BlockScore.looksLikeMarkup(block.text) {
                decided[index] = false
            } else if analysis.lengths[index] < 120, let reason = analysis.shortPhrases[index] {
                decided[index] = false
                phrases[index] = reason
            } else {
                decided[index] = HTMLBlockModel.ensemble.score(row) > threshold
            }
        }
        let introduced = Self.dropLinksIntroducedByPhrase(analysis: analysis, phrases: &phrases, decided: &decided)
        guard decided.contains(true) else { return }
        for index in decided.indices where decided[index] != keep[index] && !decided[index] {
            reasons[index] = phrases[index] ?? "block-model"
        }
        // The phrase that introduces links explains them better than a heuristic's density.
        for index in introduced { reasons[index] = phrases[index] ?? reasons[index] }
        if options.comments {
            // Asked-for comments stay whatever the model says.
            for (index, verdict) in analysis.verdicts.enumerated() where verdict.inComments && keep[index] { decided[index] = true }
        }
        trace.note("strip: block model keeps \(decided.filter { $0 }.count) of \(decided.count) blocks (heuristics \(keep.filter { $0 }.count))")
        keep = decided
    }

    /// A related-links or recommendation phrase ("Related articles", "Weiterlesen:", "Lire aussi")
    /// introduces the links after it: the run of short blocks that are (almost) all link text
    /// right after such a phrase goes with it, whatever class names their elements carry.
    /// Returns the blocks it dropped.
    static func dropLinksIntroducedByPhrase(analysis: PageAnalysis, phrases: inout [Int: String], decided: inout [Bool]) -> [Int] {
        var dropped: [Int] = []
        for (index, reason) in phrases.sorted(by: { $0.key < $1.key }) where reason == "related-links" || reason == "recommended" {
            var next = index + 1
            while next < analysis.blocks.count, phrases[next] == nil {
                let block = analysis.blocks[next], length = analysis.lengths[next]
                guard length > 0, length < 200, block.linkLength * 10 >= length * 8 else { break }
                decided[next] = false
                phrases[next] = reason
                dropped.append(next)
                next += 1
            }
        }
        return dropped
    }

    /// On pages whose content is spread (a listing with an introduction, a shop page), keeps the
    /// item-like blocks outside the container that no furniture mark covers.
    ///
    /// A page is spread when the text outside the container that is not marked as furniture is
    /// larger than the container's own; on an article the container holds most of it.
    func keepItemsAround(_ container: Int, analysis: PageAnalysis, keep: inout [Bool]) {
        let range = analysis.page.subtree(of: container)
        var outside: [Int] = []
        var outsideLength = 0
        for (index, verdict) in analysis.verdicts.enumerated() {
            guard let owner = analysis.blocks[index].node, !range.contains(owner), verdict.probability >= 0.2 else { continue }
            if let furniture = verdict.furniture, furniture.strong || ElementHints.reliableReasons.contains(furniture.reason) || furniture.reason == "header" { continue }
            if Boilerplate.phraseReason(analysis.blocks[index].text) != nil { continue }
            outside.append(index)
            outsideLength += analysis.lengths[index]
        }
        guard outsideLength > Int(analysis.textLength[container]) else { return }
        for index in outside { keep[index] = true }
    }

    /// Keeps or drops the blocks inside the container.
    func classify(_ indices: [Int], analysis: PageAnalysis, container: Int, mode: StripStage.Mode, comments: Bool, itemsPage: Bool, keep: inout [Bool], reasons: inout [String]) {
        enum Class { case good, bad, neutral }
        let (high, low): (Double, Double) = switch mode {
        case .precision: (0.65, 0.45)
        case .balanced: (0.6, 0.3)
        case .recall: (0.5, 0.15)
        }
        var classes: [Class] = []
        classes.reserveCapacity(indices.count)
        for index in indices {
            let verdict = analysis.verdicts[index]
            if let furniture = verdict.furniture, analysis.counts(furniture, inside: container, comments: comments, itemsPage: itemsPage) {
                classes.append(.bad)
                reasons[index] = furniture.reason
            } else if verdict.probability >= high {
                classes.append(.good)
            } else if verdict.probability < low {
                classes.append(.bad)
                reasons[index] = Boilerplate.phraseReason(analysis.blocks[index].text) ?? "low-text-density"
            } else {
                classes.append(.neutral)
                reasons[index] = "low-text-density"
            }
        }
        // The nearest decided class before and after each position, in two linear passes.
        var previousClass = [Class?](repeating: nil, count: classes.count)
        var nextClass = [Class?](repeating: nil, count: classes.count)
        var last: Class?
        for position in classes.indices {
            previousClass[position] = last
            if classes[position] != .neutral { last = classes[position] }
        }
        last = nil
        for position in classes.indices.reversed() {
            nextClass[position] = last
            if classes[position] != .neutral { last = classes[position] }
        }
        for position in classes.indices {
            var decided = classes[position]
            if decided == .neutral {
                let previous = previousClass[position], next = nextClass[position]
                switch mode {
                case .precision: decided = previous == .good && next == .good ? .good : .bad
                case .balanced: decided = previous == .good || next == .good ? .good : .bad
                case .recall: decided = previous == .bad && next == .bad ? .bad : .good
                }
            }
            keep[indices[position]] = decided == .good
        }
    }
}
