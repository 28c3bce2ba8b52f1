import Foundation
import WinnowHTML

/// winnow's character n-gram language model, decoded once from ``languageModelBase64``.
///
/// For each language it holds conditional log-probabilities P(letter | up to 3 previous letters of
/// the same word), for the most probable 1- to 4-grams (see Tools/language-model/derive.py).
/// Letters map to a compact alphabet (upper case folded onto lower case at load time, so scoring
/// never builds a String); a 1–4-gram packs its alphabet indices, 12 bits each, into a UInt64
/// key, looked up in an open-addressing hash table whose value points at (language, quantized
/// -log p) entries.
struct LanguageModel: Sendable {
    /// Language codes, in the model's order.
    let codes: [String]
    /// The script of each language (of its most probable letter).
    let scripts: [WritingScript]
    /// Alphabet index of scalars below 0x3000 (0 = not in the alphabet).
    private let lowAlphabet: [UInt16]
    /// Alphabet index of the other scalars.
    private let highAlphabet: [UInt32: UInt16]
    private let keys: [UInt64]
    /// `start << 8 | count` into `entries`.
    private let slots: [UInt32]
    private let shift: UInt64
    /// `language << 8 | quantized -log p`.
    private let entries: [UInt16]

    /// Quantization steps per nat in the data.
    static let step = 16.0
    /// Cost of backing off one order (a 4-gram missing, so the 3-gram is used...), in nats.
    static let backoff = 2.0
    /// Log-probability of a letter a language's model does not know at all.
    static let floor = -12.0
    /// The longest n-gram.
    static let maxOrder = 4

    /// The model, decoded on first use (thread-safe: Swift initializes a static once).
    static let shared: LanguageModel? = LanguageModel(base64: languageModelBase64)

    /// Decodes the model; nil when the data is damaged.
    init?(base64: String) {
        guard let packed = Data(base64Encoded: base64, options: .ignoreUnknownCharacters),
              let raw = try? HTMLInput.inflateGzip([UInt8](packed), maxBytes: 16 << 20)
        else { return nil }
        var reader = ByteReader(bytes: raw)
        guard reader.take(4) == Array("WLM1".utf8), let languageCount = reader.varint(), languageCount < 255 else { return nil }
        var codes: [String] = []
        for _ in 0..<languageCount {
            guard let length = reader.byte(), let code = reader.take(Int(length)) else { return nil }
            codes.append(String(decoding: code, as: UTF8.self))
        }
        guard let alphabetSize = reader.varint(), alphabetSize < 4095 else { return nil }
        var alphabet: [UInt32] = []
        var previous = 0
        for _ in 0..<alphabetSize {
            guard let delta = reader.varint() else { return nil }
            previous += delta
            alphabet.append(UInt32(previous))
        }
        var grams: [(key: UInt64, start: Int, count: Int)] = []
        var entries: [UInt16] = []
        var bestUnigram = [Int](repeating: 255, count: languageCount)
        var bestLetter = [UInt32](repeating: 0, count: languageCount)
        for order in 1...LanguageModel.maxOrder {
            guard let count = reader.varint() else { return nil }
            for _ in 0..<count {
                var key: UInt64 = 0
                for _ in 0..<order {
                    guard let index = reader.varint(), index >= 1, index <= alphabetSize else { return nil }
                    key = key << 12 | UInt64(index)
                }
                guard let n = reader.byte() else { return nil }
                let start = entries.count
                for _ in 0..<n {
                    guard let language = reader.byte(), let q = reader.byte(), Int(language) < languageCount else { return nil }
                    entries.append(UInt16(language) << 8 | UInt16(q))
                    if order == 1, Int(q) < bestUnigram[Int(language)] {
                        bestUnigram[Int(language)] = Int(q)
                        bestLetter[Int(language)] = alphabet[Int(key) - 1]
                    }
                }
                grams.append((key, start, Int(n)))
            }
        }
        // Alphabet lookup, with upper and title case folded onto the (lower-case) model letters.
        var low = [UInt16](repeating: 0, count: 0x3000)
        var high: [UInt32: UInt16] = [:]
        func set(_ scalar: UInt32, _ index: UInt16) {
            if scalar < 0x3000 {
                if low[Int(scalar)] == 0 { low[Int(scalar)] = index }
            } else if high[scalar] == nil {
                high[scalar] = index
            }
        }
        for (i, value) in alphabet.enumerated() {
            set(value, UInt16(i + 1))
        }
        for (i, value) in alphabet.enumerated() {
            guard let scalar = Unicode.Scalar(value) else { continue }
            for mapped in [scalar.properties.uppercaseMapping, scalar.properties.titlecaseMapping] {
                let scalars = mapped.unicodeScalars
                if scalars.count == 1, let upper = scalars.first, upper != scalar {
                    set(upper.value, UInt16(i + 1))
                }
            }
        }
        var capacity = 1
        var bits: UInt64 = 0
        while capacity < grams.count * 2 {
            capacity <<= 1
            bits += 1
        }
        var keys = [UInt64](repeating: 0, count: capacity)
        var slots = [UInt32](repeating: 0, count: capacity)
        let shift = 64 - bits
        for gram in grams {
            var i = Int(truncatingIfNeeded: (gram.key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while keys[i] != 0 {
                i = (i + 1) & (capacity - 1)
            }
            keys[i] = gram.key
            slots[i] = UInt32(gram.start) << 8 | UInt32(gram.count)
        }
        self.codes = codes
        self.scripts = bestLetter.map { WritingScript.of($0) }
        self.lowAlphabet = low
        self.highAlphabet = high
        self.keys = keys
        self.slots = slots
        self.shift = shift
        self.entries = entries
    }

    /// The alphabet index of a scalar, 0 when the model does not know it.
    @inline(__always)
    func letterIndex(_ v: UInt32) -> UInt64 {
        v < 0x3000 ? UInt64(lowAlphabet[Int(v)]) : UInt64(highAlphabet[v] ?? 0)
    }

    /// Adds to `scores` (one per language) the log-probability of every modelled letter among the
    /// first `maxScalars` scalars of `text` under each language, up to `maxLetters` letters;
    /// returns how many letters were scored. Only the `candidates` (language indices) are scored;
    /// a letter's lower orders are not looked up once every candidate has found its n-gram.
    ///
    /// Each letter counts once per language, at the longest context that language's model holds
    /// (less `backoff` per order it had to drop); letters a language does not know at all score
    /// `floor`. Scores are kept relative to `floor`, which all languages share.
    ///
    /// A letter's score depends only on its context (it and up to 3 letters before it in its word),
    /// so the contexts are counted first, in a small table of the text's own, and each distinct
    /// context is looked up in the model once and weighed by its count. Every entry is a whole
    /// number of 1/`step` nats, so the scores are summed exactly, in integers: the same as adding
    /// the letters one by one in any order.
    func score(_ text: String, candidates: [Int], into scores: inout [Double], maxScalars: Int, maxLetters: Int) -> Int {
        // 1. The letters' contexts, counted. A context packs its letters' alphabet indices (never
        // 0), 12 bits each, so it also tells how many letters it holds.
        var capacity = 64
        var tableShift: UInt64 = 58
        while capacity < 2 * min(max(maxLetters, 1), max(maxScalars, 1)) {
            capacity <<= 1
            tableShift -= 1
        }
        var contextKeys = [UInt64](repeating: 0, count: capacity)
        var contextCounts = [Int32](repeating: 0, count: capacity)
        var letters = 0
        contextKeys.withUnsafeMutableBufferPointer { contextKeys in
        contextCounts.withUnsafeMutableBufferPointer { contextCounts in
            let tableMask = capacity - 1
            var context: UInt64 = 0
            var seen = 0
            for scalar in text.unicodeScalars {
                seen += 1
                if seen > maxScalars { break }
                let index = letterIndex(scalar.value)
                if index == 0 {
                    context = 0
                    continue
                }
                context = (context << 12 | index) & 0xFFFF_FFFF_FFFF
                var i = Int(truncatingIfNeeded: (context &* 0x9E37_79B9_7F4A_7C15) >> tableShift)
                while true {
                    let k = contextKeys[i]
                    if k == context {
                        contextCounts[i] += 1
                        break
                    }
                    if k == 0 {
                        contextKeys[i] = context
                        contextCounts[i] = 1
                        break
                    }
                    i = (i + 1) & tableMask
                }
                letters += 1
                if letters >= maxLetters { break }
            }
        }
        }
        guard letters > 0 else { return 0 }

        // 2. Each distinct context's n-grams looked up in the model, all first: the lookups are
        // independent, so their cache misses overlap. found[4 * j + order - 1] is the slot of the
        // j-th context's last `order` letters in its low 32 bits (0 when the model does not hold
        // them) and the gram's first entry above: reading it here brings the entries into the cache
        // while the other lookups are under way.
        var contexts: [UInt64] = []
        var counts: [Int] = []
        contexts.reserveCapacity(letters)
        counts.reserveCapacity(letters)
        for slot in 0..<capacity where contextKeys[slot] != 0 {
            contexts.append(contextKeys[slot])
            counts.append(Int(contextCounts[slot]))
        }
        var found = [UInt64](repeating: 0, count: 4 * contexts.count)
        let mask = keys.count - 1
        found.withUnsafeMutableBufferPointer { found in
        keys.withUnsafeBufferPointer { keys in
        slots.withUnsafeBufferPointer { slots in
        entries.withUnsafeBufferPointer { entries in
            for (j, context) in contexts.enumerated() {
                var order = 4
                var gramMask: UInt64 = 0xFFFF_FFFF_FFFF
                while order > 0 {
                    let key = context & gramMask
                    if key > gramMask >> 12 {
                        var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
                        while true {
                            let k = keys[i]
                            if k == key {
                                let slot = slots[i]
                                let first = slot & 0xFF == 0 ? 0 : UInt64(entries[Int(slot >> 8)])
                                found[4 * j + order - 1] = first << 32 | UInt64(slot)
                                break
                            }
                            if k == 0 { break }
                            i = (i + 1) & mask
                        }
                    }
                    order -= 1
                    gramMask >>= 12
                }
            }
        }
        }
        }
        }

        // 3. Each distinct context scored once, in 1/`step` nats.
        // stamp[l] == j: language l has scored the j-th context; Int.max: not a candidate. So a
        // language scores an entry of the j-th context exactly when stamp[l] < j, which the loop
        // below applies without branching (whether a language has scored is unpredictable).
        var stamp = [Int](repeating: Int.max, count: codes.count)
        for c in candidates { stamp[c] = -1 }
        let candidateCount = candidates.count
        var units = [Int](repeating: 0, count: codes.count)
        // The score of an entry, by backoff depth and quantized -log p, relative to `floor`, in
        // 1/`step` nats (a whole number: backoff and floor are whole nats).
        let unitsPerNat = Int(LanguageModel.step)
        let backoffUnits = Int(LanguageModel.backoff) * unitsPerNat
        let floorUnits = -Int(LanguageModel.floor) * unitsPerNat
        units.withUnsafeMutableBufferPointer { units in
        stamp.withUnsafeMutableBufferPointer { stamp in
        found.withUnsafeBufferPointer { found in
        entries.withUnsafeBufferPointer { entries in
            for (j, context) in contexts.enumerated() {
                let count = counts[j]
                let length = (context >> 36 != 0) ? 4 : (context >> 24 != 0) ? 3 : (context >> 12 != 0) ? 2 : 1
                var filled = 0
                var order = length
                while order > 0, filled < candidateCount {
                    let slot = UInt32(truncatingIfNeeded: found[4 * j + order - 1])
                    let start = Int(slot >> 8)
                    let base = floorUnits - (length - order) * backoffUnits
                    for e in entries[start..<start + Int(slot & 0xFF)] {
                        let language = Int(e >> 8)
                        let s = stamp[language]
                        // -1 when s < j (s is -1, an earlier context, j or Int.max), else 0.
                        let take = (s &- j) >> 63
                        stamp[language] = s ^ ((s ^ j) & take)
                        units[language] &+= (count &* (base &- Int(e & 0xFF))) & take
                        filled &-= take
                    }
                    order -= 1
                }
            }
        }
        }
        }
        }
        for c in candidates {
            scores[c] += Double(units[c]) / LanguageModel.step
        }
        return letters
    }
}

/// Reads the model's bytes: single bytes, byte runs and LEB128 varints.
private struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    mutating func byte() -> UInt8? {
        guard offset < bytes.count else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func take(_ n: Int) -> [UInt8]? {
        guard n >= 0, offset + n <= bytes.count else { return nil }
        defer { offset += n }
        return Array(bytes[offset..<offset + n])
    }

    mutating func varint() -> Int? {
        var value = 0
        var shift = 0
        while let b = byte() {
            value |= Int(b & 0x7F) << shift
            if b & 0x80 == 0 { return value }
            shift += 7
            if shift > 56 { return nil }
        }
        return nil
    }
}
