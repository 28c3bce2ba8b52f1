/// A set of phrases found in text in one pass, ignoring ASCII case.
///
/// Phrases are grouped by their first byte, so a scan looks at each position once and compares
/// only the phrases that can start there. Phrases must be lowercase; non-ASCII bytes compare as
/// they are.
///
/// The phrases live in flat arrays (their bytes one after another, a plain record each, the
/// records of one first byte side by side), so a scan touches no reference counts.
struct PhraseSet<Value: Sendable>: Sendable {
    /// One phrase: where its bytes are in `phraseBytes`, how many, and its rank (its place in the
    /// list, which is also its value's index in `values`).
    private struct Entry: Sendable {
        var offset: Int32
        var count: Int32
        var rank: Int32
    }

    /// Every phrase's bytes, one after another.
    private let phraseBytes: [UInt8]
    /// The phrases, grouped by first byte, in rank order within a group.
    private let entries: [Entry]
    /// The phrases starting with byte `b` are `entries[groupStart[b] ..< groupStart[b + 1]]`.
    private let groupStart: [Int32]
    /// The values, by rank.
    private let values: [Value]
    /// A bit for every pair of bytes a phrase starts with (the first byte, high, and the second),
    /// every pair with its first byte for a one-byte phrase: most positions of a text are passed
    /// over on one look at it.
    private let pairs: [UInt64]

    /// Creates the set; a phrase earlier in the list wins over a later one found in the same text.
    init(_ phrases: [(String, Value)]) {
        var groups = [[Entry]](repeating: [], count: 256)
        var bytes: [UInt8] = []
        var pairs = [UInt64](repeating: 0, count: 65_536 / 64)
        for (rank, (phrase, _)) in phrases.enumerated() where !phrase.isEmpty {
            let utf8 = Array(phrase.utf8)
            groups[Int(utf8[0])].append(Entry(offset: Int32(bytes.count), count: Int32(utf8.count), rank: Int32(rank)))
            bytes += utf8
            for second in utf8.count == 1 ? Array(0...255) : [Int(utf8[1])] {
                let pair = Int(utf8[0]) << 8 | second
                pairs[pair >> 6] |= 1 << UInt64(pair & 63)
            }
        }
        self.pairs = pairs
        var starts: [Int32] = [0]
        for group in groups { starts.append(starts[starts.count - 1] + Int32(group.count)) }
        phraseBytes = bytes
        entries = groups.flatMap { $0 }
        groupStart = starts
        values = phrases.map(\.1)
    }

    /// The value of the earliest-listed phrase found anywhere in `text`, if any.
    func firstMatch(in text: String) -> Value? {
        var best = Int32.max
        var text = text
        text.withUTF8 { bytes in
            scan(bytes) { entry in
                if entry.rank < best { best = entry.rank }
            } where: { $0.rank < best }
        }
        return best == .max ? nil : values[Int(best)]
    }

    /// Calls `body` with the value of every occurrence of a phrase in `text`.
    func forEachMatch(in text: String, _ body: (Value) -> Void) {
        var text = text
        text.withUTF8 { forEachMatch(in: $0, body) }
    }

    /// Calls `body` with the value of every occurrence of a phrase in the UTF-8 `bytes`.
    func forEachMatch(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Value) -> Void) {
        scan(bytes) { body(values[Int($0.rank)]) } where: { _ in true }
    }

    /// Whether any phrase occurs in `text`.
    func contains(in text: String) -> Bool { firstMatch(in: text) != nil }

    /// Calls `found` for every phrase that `worthTrying` lets through and that occurs in `bytes`,
    /// position by position.
    @inline(__always)
    private func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ found: (Entry) -> Void, where worthTrying: (Entry) -> Bool) {
        phraseBytes.withUnsafeBufferPointer { phraseBytes in
        pairs.withUnsafeBufferPointer { pairs in
            entries.withUnsafeBufferPointer { entries in
                groupStart.withUnsafeBufferPointer { groupStart in
                    for start in bytes.indices {
                        let first = Int(ByteSearch.lower(bytes[start]))
                        if start + 1 < bytes.count {
                            let pair = first << 8 | Int(ByteSearch.lower(bytes[start + 1]))
                            if pairs[pair >> 6] & (1 << UInt64(pair & 63)) == 0 { continue }
                        }
                        var index = Int(groupStart[first])
                        let end = Int(groupStart[first + 1])
                        while index < end {
                            let entry = entries[index]
                            index += 1
                            guard worthTrying(entry), start + Int(entry.count) <= bytes.count else { continue }
                            var offset = 1
                            let phrase = Int(entry.offset)
                            while offset < Int(entry.count), ByteSearch.lower(bytes[start + offset]) == phraseBytes[phrase + offset] {
                                offset += 1
                            }
                            if offset == Int(entry.count) { found(entry) }
                        }
                    }
                }
            }
        }
        }
    }
}
