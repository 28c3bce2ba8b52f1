import Foundation

/// Decides, block by block, whether a plain-text page's block is content or boilerplate.
///
/// 1. A first pass scores each block on its own evidence (``TextPage``) with a linear model.
/// 2. A second pass (boosted trees, ``TreeEnsemble``) rescores each block with that evidence and
///    the first-pass scores around it (``TextContext``): the neighbours' class, the densest
///    stretch of prose, the distance to the nearest strong paragraph, closing headers between.
///    A third pass, when the model has one, does the same from the second pass's scores.
/// 3. A paragraph (``longBlock`` words or more) needs the mode's ``threshold(_:)``; a shorter block
///    needs the page's bar: the scores, calibrated as probabilities, say how many of the
///    best-scored blocks to keep for the best expected F-beta of the page's words, the mode
///    setting beta (``bar(_:words:mode:)``); a page without furniture (``isClean(_:)``) is kept
///    whole; phrase rules override the score for clear furniture
///    (share bars, cookie notices, pagers, copyright lines...), and a block repeating the words of
///    an earlier kept block goes.
enum TextClassifier {
    /// What was decided about one block.
    struct Verdict: Sendable, Hashable {
        /// Whether the block is kept.
        var keep: Bool
        /// Why it goes (`navigation`, `share`, `low-text-density`...); empty when kept.
        var reason: String
        /// The rule that decided, or nil when the score did.
        var rule: String?
        /// The second-pass score, as log-odds of being content.
        var score: Double
        /// The score the block needed (its length's threshold or the page's bar).
        var needed = 0.0

        /// The rule or the score that decided, for the trace: "score -1.52 < -1.00".
        func detail() -> String {
            if let rule { return rule }
            return "score " + Self.format(score) + (keep ? " >= " : " < ") + Self.format(needed)
        }

        /// A number with two decimals, without Foundation's formatting.
        static func format(_ value: Double) -> String {
            let hundredths = Int((abs(value) * 100).rounded())
            let fraction = hundredths % 100
            return (value < 0 && hundredths > 0 ? "-" : "") + "\(hundredths / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
        }
    }

    /// The score a paragraph (``longBlock`` words or more) needs in each mode, whatever the page's
    /// bar: the page bar only asks more of short blocks, so that a clear page does not lose a
    /// weaker paragraph (its closing one, typically) to its stronger ones.
    static func threshold(_ mode: StripStage.Mode) -> Double {
        switch mode {
        case .precision: 0.15
        case .balanced: -0.75
        case .recall: -1.65
        }
    }

    /// From this many words on, a block is held to ``threshold(_:)`` rather than the page's bar.
    static let longBlock = 20

    /// The weight of recall against precision in each mode (the beta of F-beta).
    static func beta(_ mode: StripStage.Mode) -> Double {
        switch mode {
        case .precision: 0.7
        case .balanced: 1.05
        case .recall: 2.0
        }
    }

    /// No block whose calibrated probability of being content is below this is kept.
    static let floor = 0.05

    /// The score a page's blocks need: with p = the calibrated probability of each block
    /// (``TextModel/calibration``) and w its words, keeping the k best-scored blocks has an
    /// expected F-beta of words of (1 + b²) Σₖ p·w / (Σₖ w + b² Σ p·w); the bar is the score of
    /// the k-th block for the best k, and never below the score of probability ``floor``.
    /// So a page of clear prose asks more of a doubtful block than a page of doubtful blocks does.
    static func bar(_ scores: [Double], words: [Int], mode: StripStage.Mode) -> Double {
        let (scale, offset) = TextModel.calibration
        let lowest = (log(floor / (1 - floor)) - offset) / scale
        guard !scores.isEmpty else { return lowest }
        let b2 = beta(mode) * beta(mode)
        let probabilities = scores.map { 1 / (1 + exp(-(scale * $0 + offset))) }
        var expected = 0.0
        for index in scores.indices { expected += probabilities[index] * Double(words[index]) }
        // Best first; equal scores in page order, as train.py's stable sort.
        let order = scores.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
        var kept = 0.0, keptWords = 0.0, best = -Double.infinity, bar = lowest
        for index in order {
            kept += probabilities[index] * Double(words[index])
            keptWords += Double(words[index])
            let gain = (1 + b2) * kept / (keptWords + b2 * expected + 1e-9)
            if gain > best {
                best = gain
                bar = scores[index]
            }
        }
        return max(bar, lowest)
    }

    /// The final scores of a page's blocks (the third pass's, or the second's without one).
    static func scores(_ page: TextPage) -> [Double] {
        let local = TextPage.featureNames.count, context = TextContext.featureNames.count, width = local + context
        var matrix = [Double](repeating: 0, count: page.count * width)
        var first = [Double](repeating: 0, count: page.count)
        return matrix.withUnsafeMutableBufferPointer { matrix in
            for index in 0..<page.count {
                page.write(index, into: matrix, at: index * width + context)
                first[index] = TextModel.firstPass(UnsafeBufferPointer(rebasing: matrix[(index * width + context)..<((index + 1) * width)]))
            }
            let words = page.measures.map(\.words), leading = page.phrases.map(\.first)
            TextContext.write(scores: first, words: words, leading: leading, into: matrix, width: width)
            let second = (0..<page.count).map { TextModel.secondPass.score(UnsafeBufferPointer(rebasing: matrix[($0 * width)..<(($0 + 1) * width)])) }
            guard TextModel.thirdPass.count > 0 else { return second }
            TextContext.write(scores: second, words: words, leading: leading, into: matrix, width: width)
            return (0..<page.count).map { TextModel.thirdPass.score(UnsafeBufferPointer(rebasing: matrix[($0 * width)..<(($0 + 1) * width)])) }
        }
    }

    /// Whether a page shows no furniture at all: no block holds a furniture phrase or meets a
    /// phrase rule, and every block after the first (which may be a headline) is prose of 12
    /// words or more ending a sentence. Such text is clean already (a user's own text, an article
    /// saved without its page) and is kept whole: the model, fitted on pages that all carry
    /// furniture, may read the last paragraph of a short page as its closing furniture.
    static func isClean(_ page: TextPage) -> Bool {
        guard page.count > 0 else { return false }
        for index in 0..<page.count {
            if page.phrases[index].count > 0 || rule(page, index) != nil { return false }
            if index > 0 && (page.measures[index].words < 12 || !page.measures[index].endsSentence) { return false }
        }
        return true
    }

    /// The verdicts for a page's blocks in `mode`.
    static func verdicts(_ page: TextPage, mode: StripStage.Mode) -> [Verdict] {
        let scores = scores(page)
        // A clean page keeps every block: its bar is its lowest score.
        let lowest = scores.min() ?? 0, clean = isClean(page)
        let pageBar = clean ? lowest : bar(scores, words: page.measures.map(\.words), mode: mode)
        let paragraphBar = clean ? lowest : threshold(mode)
        var keptHashes: Set<UInt64> = []
        var verdicts: [Verdict] = []
        verdicts.reserveCapacity(page.count)
        for index in 0..<page.count {
            let measure = page.measures[index], score = scores[index]
            let needed = measure.words >= longBlock ? paragraphBar : pageBar
            if let rule = rule(page, index) {
                verdicts.append(Verdict(keep: false, reason: rule.reason, rule: rule.detail, score: score, needed: needed))
            } else if score < needed {
                verdicts.append(Verdict(keep: false, reason: reason(page, index), rule: nil, score: score, needed: needed))
            } else if measure.words >= 3, measure.textHash != 0, !keptHashes.insert(measure.textHash).inserted {
                verdicts.append(Verdict(keep: false, reason: "duplicate", rule: "repeats a kept block", score: score, needed: needed))
            } else {
                verdicts.append(Verdict(keep: true, reason: "", rule: nil, score: score, needed: needed))
            }
        }
        return verdicts
    }

    /// The phrase rule that removes block `index` whatever its score, if one does.
    static func rule(_ page: TextPage, _ index: Int) -> (reason: String, detail: String)? {
        let measure = page.measures[index], phrase = page.phrases[index]
        if measure.copyrightSign || phrase.rights || (phrase.copyright && measure.digits >= 4), measure.words <= 60 {
            return ("copyright", "copyright notice")
        }
        if let leading = phrase.leading, measure.words <= leading.ruleLimit {
            return (leading.rawValue, "short block opening with a furniture phrase")
        }
        if measure.runTogether >= 3, measure.words <= 3 {
            return ("navigation", "words run together")
        }
        return nil
    }

    /// Why a block the score removed is boilerplate: its phrase, the menu shape, or its low density.
    static func reason(_ page: TextPage, _ index: Int) -> String {
        let measure = page.measures[index]
        if let leading = page.phrases[index].leading { return leading.rawValue }
        if measure.words <= 4 && (page.runs[index] >= 3 || page.capitalShare(index) >= 0.6) { return "navigation" }
        if measure.runTogether >= 2 && measure.words <= 6 { return "navigation" }
        return "low-text-density"
    }
}
