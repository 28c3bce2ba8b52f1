/// A set of phrases found in text in one pass, ignoring ASCII case.
///
/// Phrases are grouped by their first byte, so a scan looks at each position once and compares
/// only the phrases that can start there. Phrases must be lowercase; non-ASCII bytes compare as
/// they are.
struct PhraseSet<Value: Sendable>: Sendable {
    /// Phrases by their first (lowercase) byte: the phrase's bytes, its value and its rank.
    private let byFirstByte: [[(bytes: [UInt8], value: Value, rank: Int)]]

    /// Creates the set; a phrase earlier in the list wins over a later one found in the same text.
    init(_ phrases: [(String, Value)]) {
        var table = [[(bytes: [UInt8], value: Value, rank: Int)]](repeating: [], count: 256)
        for (rank, (phrase, value)) in phrases.enumerated() where !phrase.isEmpty {
            let bytes = Array(phrase.utf8)
            table[Int(bytes[0])].append((bytes, value, rank))
        }
        byFirstByte = table
    }

    /// The value of the earliest-listed phrase found anywhere in `text`, if any.
    func firstMatch(in text: String) -> Value? {
        var best: (rank: Int, value: Value)?
        var text = text
        text.withUTF8 { bytes in
            for start in bytes.indices {
                for candidate in byFirstByte[Int(ByteSearch.lower(bytes[start]))] where candidate.rank < (best?.rank ?? .max) {
                    if Self.matches(candidate.bytes, in: bytes, at: start) { best = (candidate.rank, candidate.value) }
                }
            }
        }
        return best?.value
    }

    /// Calls `body` with the value of every occurrence of a phrase in `text`.
    func forEachMatch(in text: String, _ body: (Value) -> Void) {
        var text = text
        text.withUTF8 { forEachMatch(in: $0, body) }
    }

    /// Calls `body` with the value of every occurrence of a phrase in the UTF-8 `bytes`.
    func forEachMatch(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Value) -> Void) {
        for start in bytes.indices {
            for candidate in byFirstByte[Int(ByteSearch.lower(bytes[start]))] where Self.matches(candidate.bytes, in: bytes, at: start) {
                body(candidate.value)
            }
        }
    }

    /// Whether any phrase occurs in `text`.
    func contains(in text: String) -> Bool { firstMatch(in: text) != nil }

    /// Whether `phrase` occurs in `bytes` at `start`, ignoring ASCII case.
    @inline(__always)
    static func matches(_ phrase: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        guard start + phrase.count <= bytes.count else { return false }
        var offset = 1
        while offset < phrase.count {
            if ByteSearch.lower(bytes[start + offset]) != phrase[offset] { return false }
            offset += 1
        }
        return true
    }
}
