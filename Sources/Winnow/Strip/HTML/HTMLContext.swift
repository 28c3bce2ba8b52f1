import Foundation

/// The evidence around each block of an HTML page, from the block model's first-pass scores of
/// the whole page: the scores of its neighbours and of the window around it; how the other blocks
/// of its DOM signature (the other items of its list, the other posts of its thread), of its
/// parent and of the element above scored; how much of the page the first pass keeps; whether the
/// block stands before the page's first strong paragraph or after its last one (a gallery or a
/// "more stories" list after the article), how far the nearest one is, and how much of the kept
/// text lies before it; where its score ranks in the page.
///
/// Tools/htmlstrip-training/train.py computes the same numbers (`context()`): changing one means
/// changing both and refitting.
enum HTMLContext {
    /// The names of the context features, in row order; ``BlockFeatures`` follow them.
    static let featureNames = [
        "s", "sp1", "sn1", "sp2", "sn2", "w3", "sigMean", "sigKept", "parentMean", "grandparentMean",
        "keptShare", "beforeCore", "afterCore", "coreDistance", "keptBefore", "rank",
    ]

    /// A block is strong ("core") when the first pass is sure of it and it is a real paragraph.
    static let coreProbability = 0.8, coreLength = 100

    /// The context features of every block, from its first-pass log-odds `scores`, its length in
    /// UTF-8 bytes and its groups; `threshold` is the first pass's keep threshold.
    static func rows(scores: [Double], lengths: [Int], groups: [(signature: Int, parent: Int, grandparent: Int)], threshold: Double) -> [[Double]] {
        let n = scores.count
        guard n > 0 else { return [] }
        let sigmoid = scores.map { 1 / (1 + exp(-$0)) }
        let weight = lengths.map { Double($0 + 1) }
        let kept = scores.map { $0 > threshold }
        // Sums per group: weight, weight × sigmoid, count, kept count.
        struct Sums { var weight = 0.0, weighted = 0.0, count = 0, kept = 0 }
        func sums(_ key: (Int) -> Int) -> [Int: Sums] {
            var table: [Int: Sums] = [:]
            for index in 0..<n where key(index) >= 0 {
                table[key(index), default: Sums()].weight += weight[index]
                table[key(index), default: Sums()].weighted += weight[index] * sigmoid[index]
                table[key(index), default: Sums()].count += 1
                if kept[index] { table[key(index), default: Sums()].kept += 1 }
            }
            return table
        }
        let bySignature = sums { groups[$0].signature }
        let byParent = sums { groups[$0].parent }
        let byGrandparent = sums { groups[$0].grandparent }
        /// The weighted mean sigmoid of the other blocks of the group, or -1 when there are none.
        func othersMean(_ table: [Int: Sums], _ key: Int, _ index: Int) -> Double {
            guard key >= 0, let group = table[key], group.count > 1 else { return -1 }
            return (group.weighted - weight[index] * sigmoid[index]) / (group.weight - weight[index])
        }
        let totalLength = Double(max(1, lengths.reduce(0, +)))
        var keptLength = 0
        for index in 0..<n where kept[index] { keptLength += lengths[index] }
        let core = (0..<n).map { sigmoid[$0] > coreProbability && lengths[$0] >= coreLength }
        let firstCore = core.firstIndex(of: true), lastCore = core.lastIndex(of: true)
        var distance = [Double](repeating: 50, count: n)
        var seen: Int?
        for index in 0..<n {
            if core[index] { seen = index }
            if let seen { distance[index] = min(distance[index], Double(index - seen)) }
        }
        seen = nil
        for index in stride(from: n - 1, through: 0, by: -1) {
            if core[index] { seen = index }
            if let seen { distance[index] = min(distance[index], Double(seen - index)) }
        }
        var rank = [Double](repeating: 0, count: n)
        for (position, index) in (0..<n).sorted(by: { (scores[$0], $0) < (scores[$1], $1) }).enumerated() {
            rank[index] = Double(position) / Double(max(1, n - 1))
        }
        func score(_ index: Int) -> Double { index >= 0 && index < n ? scores[index] : -10 }
        var rows: [[Double]] = []
        rows.reserveCapacity(n)
        var keptBefore = 0
        for index in 0..<n {
            var windowWeight = 0.0, windowSum = 0.0
            for other in max(0, index - 3)..<min(n, index + 4) where other != index {
                windowWeight += weight[other]
                windowSum += weight[other] * sigmoid[other]
            }
            let group = groups[index]
            var signatureKept = -1.0
            if group.signature >= 0, let sums = bySignature[group.signature], sums.count > 1 {
                signatureKept = Double(sums.kept - (kept[index] ? 1 : 0)) / Double(sums.count - 1)
            }
            rows.append([
                scores[index], score(index - 1), score(index + 1), score(index - 2), score(index + 2),
                windowWeight > 0 ? windowSum / windowWeight : -1,
                othersMean(bySignature, group.signature, index), signatureKept,
                othersMean(byParent, group.parent, index), othersMean(byGrandparent, group.grandparent, index),
                Double(keptLength) / totalLength,
                firstCore.map { index < $0 ? 1 : 0 } ?? 0, lastCore.map { index > $0 ? 1 : 0 } ?? 0,
                distance[index], Double(keptBefore) / Double(max(1, keptLength)), rank[index],
            ])
            if kept[index] { keptBefore += lengths[index] }
        }
        return rows
    }
}
