import Foundation

/// The evidence around each block, from the first-pass scores of the whole page: the scores of
/// its neighbours and of the window around it (jusText's smoothing, learned), whether it lies
/// between the page's first and last strong paragraphs or in its densest stretch, how far the
/// nearest strong paragraph is, and how many "Related" / "Share" / "Comments" headers stand
/// between it and that paragraph; where its score ranks in the page, how long it is next to the
/// longest block, where the heaviest and the longest blocks are, and the length, stop-word density
/// and sentence end of its neighbours (read from the local features already in the row).
enum TextContext {
    /// The names of the context features, in the order ``write(scores:words:leading:into:width:)`` writes them.
    static let featureNames = [
        "s", "sp1", "sn1", "sp2", "sn2", "nmax", "nmin", "w3", "w8", "between", "inbte", "ldist", "before",
        "nostrong", "reldens", "logn", "strongfrac", "nstrong", "dfirst", "dlast", "barA", "barB", "isbar",
        "srank", "sdmax", "wrel", "dheavy", "lwp1", "lwn1", "lwp2", "lwn2", "swdp1", "swdn1", "endpp1", "endpn1",
        "wbefore", "dlong",
    ]

    /// The local features read from the neighbours' rows (offsets into ``TextPage/featureNames``):
    /// words (log), stop-word density, sentence end.
    static let neighbourLocal = (words: 0, stopWords: 2, sentenceEnd: 4)

    /// Writes the context features of every block at the start of its row of `matrix` (`width`
    /// numbers a row), whose local features (``TextPage``) follow them and are already written.
    static func write(scores: [Double], words: [Int], leading: [TextPhrases.Reason?], into matrix: UnsafeMutableBufferPointer<Double>, width: Int) {
        let n = scores.count
        guard n > 0 else { return }
        let sigmoid = scores.map { 1 / (1 + exp(-$0)) }
        let strong = (0..<n).map { sigmoid[$0] > 0.8 && words[$0] >= 15 }
        let strongIndices = (0..<n).filter { strong[$0] }
        let first = strongIndices.first ?? n, last = strongIndices.last ?? -1
        let densest = densestStretch((0..<n).map { (sigmoid[$0] - 0.5) * log1p(Double(words[$0])) })
        var distance = [Double](repeating: 50, count: n)
        var seen: Int?
        for index in 0..<n {
            if strong[index] { seen = index }
            if let seen { distance[index] = min(distance[index], Double(index - seen)) }
        }
        seen = nil
        for index in stride(from: n - 1, through: 0, by: -1) {
            if strong[index] { seen = index }
            if let seen { distance[index] = min(distance[index], Double(seen - index)) }
        }
        var massSums = [0.0], sigmoidSums = [0.0]
        for index in 0..<n {
            massSums.append(massSums[index] + sigmoid[index] * Double(words[index]))
            sigmoidSums.append(sigmoidSums[index] + sigmoid[index])
        }
        let total = max(1, massSums[n])
        let density = (0..<n).map { massSums[min(n, $0 + 11)] - massSums[max(0, $0 - 10)] }
        let densest21 = max(1, density.max() ?? 1)
        let allWords = max(1, Double(words.reduce(0, +)))
        let strongWords = Double(strongIndices.reduce(0) { $0 + words[$1] })
        let barrier = (0..<n).map { leading[$0]?.closesArticle == true && words[$0] <= 6 }
        let above = barriers(barrier, strong: strong, order: Array(0..<n))
        let below = barriers(barrier, strong: strong, order: Array((0..<n).reversed()))
        func score(_ index: Int) -> Double { index >= 0 && index < n ? scores[index] : -3 }
        func windowMean(_ index: Int, _ radius: Int) -> Double {
            let low = max(0, index - radius), high = min(n, index + radius + 1), count = high - low - 1
            return count > 0 ? (sigmoidSums[high] - sigmoidSums[low] - sigmoid[index]) / Double(count) : 0
        }
        let hasStrong = !strongIndices.isEmpty
        var rank = [Double](repeating: 0, count: n)
        for (position, index) in (0..<n).sorted(by: { (scores[$0], $0) < (scores[$1], $1) }).enumerated() {
            rank[index] = Double(position) / Double(max(1, n - 1))
        }
        let topScore = scores.max() ?? 0
        let logWords = words.map { log1p(Double($0)) }
        let longestLog = max(1e-9, logWords.max() ?? 0)
        var heavy = 0, longest = 0
        for index in 0..<n {
            if sigmoid[index] * Double(words[index]) > sigmoid[heavy] * Double(words[heavy]) { heavy = index }
            if words[index] > words[longest] { longest = index }
        }
        let localStart = featureNames.count
        func neighbour(_ index: Int, _ feature: Int) -> Double {
            index >= 0 && index < n ? matrix[index * width + localStart + feature] : 0
        }
        var wordsBefore = 0
        for index in 0..<n {
            var column = index * width
            func put(_ value: Double) {
                matrix[column] = value
                column += 1
            }
            put(scores[index]); put(score(index - 1)); put(score(index + 1)); put(score(index - 2)); put(score(index + 2))
            put(max(score(index - 1), score(index + 1))); put(min(score(index - 1), score(index + 1)))
            put(windowMean(index, 3)); put(windowMean(index, 8)); put(first <= index && index <= last ? 1 : 0)
            put(densest.contains(index) ? 1 : 0); put(log1p(distance[index])); put(massSums[index + 1] / total)
            put(hasStrong ? 0 : 1); put(density[index] / densest21); put(log1p(Double(n))); put(strongWords / allWords)
            put(log1p(Double(strongIndices.count))); put(hasStrong ? Double(index - first) / Double(n) : 0)
            put(hasStrong ? Double(index - last) / Double(n) : 0); put(above[index]); put(below[index]); put(barrier[index] ? 1 : 0)
            put(rank[index]); put(scores[index] - topScore); put(logWords[index] / longestLog); put(Double(index - heavy) / Double(n))
            let (lengthAt, stopAt, endAt) = neighbourLocal
            put(neighbour(index - 1, lengthAt)); put(neighbour(index + 1, lengthAt)); put(neighbour(index - 2, lengthAt)); put(neighbour(index + 2, lengthAt))
            put(neighbour(index - 1, stopAt)); put(neighbour(index + 1, stopAt)); put(neighbour(index - 1, endAt)); put(neighbour(index + 1, endAt))
            put(Double(wordsBefore) / allWords)
            let offset = index - longest
            put(log1p(Double(abs(offset))) * (offset > 0 ? 1 : offset < 0 ? -1 : 0))
            wordsBefore += words[index]
        }
    }

    /// The stretch of blocks with the largest sum of `values` (Kadane's maximum subarray).
    static func densestStretch(_ values: [Double]) -> ClosedRange<Int> {
        var best = -Double.infinity, current = 0.0, start = 0, range = 0...0
        for (index, value) in values.enumerated() {
            if current <= 0 {
                current = value
                start = index
            } else {
                current += value
            }
            if current > best {
                best = current
                range = start...index
            }
        }
        return range
    }

    /// For each block, the closing headers (at most 3) passed since the last strong block in `order`.
    static func barriers(_ barrier: [Bool], strong: [Bool], order: [Int]) -> [Double] {
        var result = [Double](repeating: 0, count: barrier.count)
        var count: Int?
        for index in order {
            if strong[index] {
                count = 0
            } else if let passed = count, barrier[index] {
                count = passed + 1
            }
            result[index] = Double(min(3, count ?? 0))
        }
        return result
    }
}
