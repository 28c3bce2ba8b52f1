import Foundation

/// A language guess: an ISO 639-1 code and how sure the guess is.
public struct LanguageGuess: Sendable, Hashable, Codable {
    /// ISO 639-1 code (`en`, `de`, `zh`...).
    public var code: String
    /// Confidence in 0...1.
    public var confidence: Double

    /// Creates a guess.
    public init(code: String, confidence: Double) {
        self.code = code
        self.confidence = confidence
    }
}

/// Identifies the language of a text from the text itself.
///
/// Two steps, both over Unicode scalars (no per-character allocation) and over the first
/// ``maxBytes`` of the text only:
/// 1. The letters' scripts are counted. A script used by one language decides it (Greek → `el`,
///    Hangul → `ko`, Thai → `th`, Han → `zh`, Han with kana → `ja`, ...).
/// 2. For Latin, Cyrillic, Arabic and Devanagari text, a character n-gram model (1- to 4-grams
///    within words, derived from Lingua's models: see Tools/language-model) scores every language
///    of that script; the best wins, and the confidence is its share of a softmax over the scores,
///    so close languages that tie (`nb`/`da`/`nn`, `hr`/`bs`, `id`/`ms`, `es`/`pt`) get a low one.
///
/// The model is decoded once, lazily, from data compiled into the binary; identification is
/// thread-safe. Norwegian is reported as `nb` (Bokmål) or `nn` (Nynorsk).
public enum LanguageIdentifier {
    /// The ISO 639-1 codes the identifier can return.
    public static var supported: [String] { supportedCodes }

    /// How much of a text is looked at: its first 16 KiB (as UTF-8).
    public static let maxBytes = 16 * 1024

    /// Letters (1- to 4-gram positions) the n-gram model scores at most; plenty for a clear verdict.
    static let maxScoredLetters = 4000

    /// Texts with less letter weight than this (see ``ScriptCensus``) get no guess.
    public static let minimumLetters = 3

    /// Bonus, in nats, for the page's declared language when it competes: enough to break a near
    /// tie between close languages, far too little to overturn a paragraph's evidence.
    static let hintBonus = 3.0

    /// Per-letter penalty, in nats, for the rarer member of a close pair, so a near tie goes to the
    /// language far more common on the web (Bosnian → Croatian, Malay → Indonesian, Nynorsk →
    /// Bokmål, Afrikaans → Dutch); clear evidence still wins.
    /// The page's declared language lifts its penalty.
    static let rarerVariantPenalty: [String: Double] = ["bs": 0.15, "ms": 0.15, "nn": 0.05, "af": 0.05]

    /// Mean per-letter fit (see `ranked`) at and below which the confidence is cut to a tenth, and
    /// from which it is left whole.
    static let poorFit = 5.5
    static let goodFit = 8.0

    /// Softmax temperature turning score gaps (nats) into confidences.
    static let temperature = 2.0

    private static let supportedCodes: [String] = {
        var codes = Set(LanguageModel.shared?.codes ?? [])
        for script in WritingScript.allCases {
            if let code = script.soleLanguage { codes.insert(code) }
        }
        return codes.sorted()
    }()

    /// The most likely language of `text`, or nil when the text is too short or carries no letters.
    /// `hint` is the page's declared language (`<html lang>`, `Content-Language`): evidence, not truth.
    public static func identify(_ text: String, hint: String? = nil) -> LanguageGuess? {
        ranked(text, hint: hint, limit: 1).first
    }

    /// The `limit` most likely languages of `text`, best first, with confidences that sum to at
    /// most 1; empty when the text is too short or carries no letters. `hint` as in ``identify(_:hint:)``.
    public static func ranked(_ text: String, hint: String? = nil, limit: Int = 3) -> [LanguageGuess] {
        guard limit > 0 else { return [] }
        let census = ScriptCensus(text, maxBytes: maxBytes)
        guard census.total >= Double(minimumLetters), let (script, share) = census.dominant else { return [] }
        let hinted = normalizedHint(hint)
        // A script weighs less when much of the text is in others (a Russian text half in English).
        let scriptFactor = min(1, share / 0.8)

        if script == .han || script == .kana {
            let cjk = census.count(.han) + census.count(.kana)
            if census.count(.kana) * 20 >= cjk {
                return [guess("ja", 0.99 * scriptFactor)]
            }
            if census.count(.kana) == 0, hinted == "ja" {
                return [guess("ja", 0.6 * scriptFactor)]
            }
            return [guess("zh", 0.99 * scriptFactor)]
        }
        if let code = script.soleLanguage {
            return [guess(code, 0.99 * scriptFactor)]
        }
        guard let model = LanguageModel.shared else { return [] }
        let candidates = model.codes.indices.filter { model.scripts[$0] == script }
        guard !candidates.isEmpty else { return [] }

        var scores = [Double](repeating: 0, count: model.codes.count)
        let letters = model.score(text, candidates: candidates, into: &scores, maxScalars: census.scalars, maxLetters: maxScoredLetters)
        guard letters > 0 else { return [] }
        // How well the best language explains the letters, per letter (relative to `floor`): about 9.4
        // for ordinary prose, under 8 for 1% of it, 5.5–7 for navigation lists, keyboard mashing
        // and unsupported languages. A poor fit lowers the confidence, not the ranking.
        let fit = (candidates.map { scores[$0] }.max() ?? 0) / Double(letters)
        let fitFactor = min(1, max(0.1, (fit - poorFit) / (goodFit - poorFit)))
        for i in candidates {
            let code = model.codes[i]
            if code == hinted {
                scores[i] += hintBonus
            } else if let rate = rarerVariantPenalty[code] {
                scores[i] -= rate * Double(letters)
            }
        }
        let order = candidates.sorted { scores[$0] > scores[$1] }
        let best = scores[order[0]]
        var total = 0.0
        for i in order {
            total += expDifference(scores[i] - best)
        }
        var codes: [String] = []
        var shares: [Double] = []
        for i in order {
            var code = model.codes[i]
            // Serbian in Latin letters reads as Croatian or Bosnian to the model; the page says which
            // (the two then count as one).
            if hinted == "sr", script == .latin, code == "hr" || code == "bs" { code = "sr" }
            let share = expDifference(scores[i] - best) / total
            if let at = codes.firstIndex(of: code) {
                shares[at] += share
            } else if codes.count < limit {
                codes.append(code)
                shares.append(share)
            }
        }
        return zip(codes, shares).map { guess($0, $1 * scriptFactor * fitFactor) }
    }

    private static func expDifference(_ gap: Double) -> Double {
        gap < -60 ? 0 : exp(gap / temperature)
    }

    private static func guess(_ code: String, _ confidence: Double) -> LanguageGuess {
        LanguageGuess(code: code, confidence: (confidence * 1000).rounded() / 1000)
    }

    /// The primary subtag of a BCP 47 tag, lower-cased, with legacy and macrolanguage codes mapped
    /// to the ones the identifier returns (`iw` → `he`, `in` → `id`, `no` → `nb`, `fil` → `tl`).
    static func normalizedHint(_ hint: String?) -> String? {
        guard let hint else { return nil }
        let primary = hint.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? ""
        switch primary {
        case "": return nil
        case "iw": return "he"
        case "in": return "id"
        case "no": return "nb"
        case "fil": return "tl"
        case "sh": return "sr"
        default: return primary
        }
    }
}

/// Counts letters by script over the start of a text.
struct ScriptCensus {
    private var counts = [Int](repeating: 0, count: WritingScript.allCases.count)
    /// Letters counted, weighted: Latin once, other alphabets twice (a Russian sentence that names
    /// `gnome-user-share` is Russian), ideographs and Hangul syllables three times.
    private(set) var total = 0.0
    /// Scalars looked at (the model scores no further).
    private(set) var scalars = 0

    init(_ text: String, maxBytes: Int) {
        var bytes = 0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            bytes += v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4
            if bytes > maxBytes { break }
            scalars += 1
            if v < 0x80 {
                let folded = v | 0x20
                if folded >= 0x61 && folded <= 0x7A { counts[Int(WritingScript.latin.rawValue)] += 1 }
                continue
            }
            guard scalar.properties.isAlphabetic else { continue }
            counts[Int(WritingScript.of(v).rawValue)] += 1
        }
        for script in WritingScript.allCases where script != .other {
            total += Double(count(script)) * Self.weight(script)
        }
    }

    /// How many letters of `script` were counted.
    func count(_ script: WritingScript) -> Int { counts[Int(script.rawValue)] }

    private static func weight(_ script: WritingScript) -> Double {
        switch script {
        case .latin: 1
        case .han, .kana, .hangul: 3
        default: 2
        }
    }

    /// The script with the most (weighted) letters, Han and kana pooled, and its share of all.
    var dominant: (WritingScript, Double)? {
        guard total > 0 else { return nil }
        var best: WritingScript?
        var bestWeight = 0.0
        for script in WritingScript.allCases where script != .other && script != .kana {
            var w = Double(count(script)) * Self.weight(script)
            if script == .han { w += Double(count(.kana)) * Self.weight(.kana) }
            if w > bestWeight {
                best = script
                bestWeight = w
            }
        }
        guard let best, bestWeight > 0 else { return nil }
        return (best, bestWeight / total)
    }
}
