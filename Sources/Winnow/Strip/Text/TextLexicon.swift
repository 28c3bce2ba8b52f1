/// Learned word weights: how much each common word leans a block towards content (positive) or
/// furniture (negative), fitted by `Tools/textstrip-training/train.sh` (a logistic regression over
/// the blocks' words of English pages, only words seen on many sites) and stored in
/// ``TextModel/lexiconText``.
///
/// A block's lexicon score (the local feature `lex`) is the sum of its known words' weights over
/// the number of known words plus two, so that a block of few known words stays near 0.
enum TextLexicon {
    /// The language of the pages the lexicon was learned on; on pages of other languages the
    /// lexicon score is 0.
    static let language = "en"

    /// The weights by word hash (``TextVocabulary/hash(_:)``), as `Float` bit patterns.
    static let table = TextVocabulary.WordTable(entries(TextModel.lexiconText))

    /// The entries of a lexicon text: lines of a word and its weight, separated by a space.
    static func entries(_ text: String) -> [UInt64: UInt32] {
        var entries: [UInt64: UInt32] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 2, let weight = Float(parts[1]) else { continue }
            entries[TextVocabulary.hash(parts[0])] = weight.bitPattern
        }
        return entries
    }

    /// The weight of a word's hash, if the lexicon has it.
    @inline(__always)
    static func weight(_ hash: UInt64) -> Float? {
        table[hash].map { Float(bitPattern: $0) }
    }

    /// The lexicon score of a block's word hashes.
    static func score<C: Collection>(_ hashes: C) -> Double where C.Element == UInt64 {
        var sum = 0.0, known = 0
        for hash in hashes {
            guard let weight = weight(hash) else { continue }
            sum += Double(weight)
            known += 1
        }
        return sum / Double(known + 2)
    }
}
