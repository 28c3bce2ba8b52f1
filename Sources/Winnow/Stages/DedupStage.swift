import Foundation

/// Drops exact and near-duplicate documents across the whole run.
///
/// ```yaml
/// - dedup:
///     near-duplicates: true
///     max-distance: 3
/// ```
///
/// The stage fingerprints each document's text as it stands when the stage runs (put it after
/// `normalize`): the SHA-256 of the text for exact duplicates, and its 64-bit SimHash for near
/// duplicates (Hamming distance at most `max-distance`). Which copy is kept cannot depend on the
/// job count or the order workers finish in, so no copy is dropped while the run goes on: every
/// document passes, and when all are done the run decides over all fingerprints, including those
/// the manifest records for unchanged documents. In the order of their ids (byte order), a
/// document is kept unless it duplicates one already kept; the smallest id of a group wins. The
/// others are retracted: their outputs are removed and the manifest records them as dropped by
/// `dedup` (reason `duplicate` or `near-duplicate`) with `duplicate-of` naming the kept
/// document. A document dropped earlier as a copy whose original has gone or changed is
/// processed again in the same run. See ``DedupResolver``.
public struct DedupStage: Stage {
    /// Options of the `dedup` stage.
    public struct Options: StageOptions {
        /// The documented options.
        public static let fields = [
            OptionField("near-duplicates", type: "bool", default: "true", help: "Also drop near-duplicates (SimHash within max-distance); false drops exact copies of the text only."),
            OptionField("max-distance", type: "int", default: "3", help: "The largest Hamming distance (bits of 64) between two texts' SimHashes that makes them near-duplicates (0...12)."),
        ]
        /// Whether near-duplicates are dropped too.
        public var nearDuplicates: Bool
        /// The Hamming distance threshold.
        public var maxDistance: Int

        /// Reads the options.
        public init(from values: OptionValues) {
            nearDuplicates = values.bool("near-duplicates", default: true)
            maxDistance = values.int("max-distance", default: 3, range: 0...DedupResolver.maxDistanceLimit)
        }
    }

    /// `dedup`.
    public static let name = "dedup"
    /// What the stage does.
    public static let summary = "Drops exact (SHA-256) and near (SimHash) duplicates across the run; the smallest id of each group is kept, whatever the job count."

    let options: Options

    /// Creates the stage.
    public init(options: Options, context: StageContext) {
        self.options = options
    }

    /// Records the document's fingerprint; the decision is the run's, at its end.
    public mutating func process(_ document: inout Document) throws -> Disposition {
        let text = document.text
        guard !text.isEmpty else {
            document.dedupKey = nil
            return .keep
        }
        document.dedupKey = DedupKey(
            sha256: Digest.sha256(Data(text.utf8)), simhash: SimHash.hex(SimHash.hash(text)),
            maxDistance: options.nearDuplicates ? options.maxDistance : nil)
        return .keep
    }
}

/// A document's fingerprint for deduplication, as the manifest records it.
public struct DedupKey: Codable, Sendable, Hashable {
    /// The hex SHA-256 of the text.
    public var sha256: String
    /// The text's SimHash, 16 hex digits.
    public var simhash: String
    /// The near-duplicate threshold of the stage that made the key; nil: exact duplicates only.
    public var maxDistance: Int?

    /// Creates a key.
    public init(sha256: String, simhash: String, maxDistance: Int?) {
        self.sha256 = sha256
        self.simhash = simhash
        self.maxDistance = maxDistance
    }

    enum CodingKeys: String, CodingKey {
        case sha256
        case simhash
        case maxDistance = "max-distance"
    }

    /// The SimHash as a number.
    var simhashValue: UInt64 { UInt64(simhash, radix: 16) ?? 0 }
}

/// Decides, over the fingerprints of a whole run, which documents are copies of which.
///
/// Documents are taken in the byte order of their ids; each is kept unless its text's SHA-256
/// equals a kept document's (`duplicate`) or, when near-duplicates count, its SimHash lies within
/// the threshold of a kept document's (`near-duplicate`; the kept document with the smallest
/// distance, then the smallest id, is named). The result depends on the set of documents only.
/// Near-duplicate candidates are found through `max-distance + 1` bands of the 64 bits (two
/// hashes within distance d agree on at least one of d + 1 bands), so the pass costs about one
/// lookup per band and document, not a comparison of every pair.
public enum DedupResolver {
    /// The largest threshold accepted (13 bands of 4 to 5 bits still narrow candidates down).
    public static let maxDistanceLimit = 12

    /// Why a document is a copy.
    public struct Verdict: Sendable, Hashable {
        /// The kept document it duplicates.
        public var of: String
        /// The Hamming distance between their SimHashes (0 for an exact duplicate).
        public var distance: Int
        /// Whether the texts are identical.
        public var exact: Bool

        /// `duplicate` or `near-duplicate`.
        public var reason: String { exact ? "duplicate" : "near-duplicate" }
    }

    /// The copies among `documents` (id and fingerprint), by id.
    public static func copies(_ documents: [(id: String, key: DedupKey)]) -> [String: Verdict] {
        let sorted = documents.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        // One banding for the largest threshold also finds every pair within a smaller one.
        let widest = documents.compactMap { $0.key.maxDistance.map { min(max(0, $0), maxDistanceLimit) } }.max()
        let bands = widest.map(bandRanges) ?? []
        var tables = Array(repeating: [UInt64: [Int]](), count: bands.count)
        var exact: [String: String] = [:]
        var kept: [(id: String, hash: UInt64)] = []
        var verdicts: [String: Verdict] = [:]
        for (id, key) in sorted {
            if let original = exact[key.sha256] {
                verdicts[id] = Verdict(of: original, distance: 0, exact: true)
                continue
            }
            let hash = key.simhashValue
            if let threshold = key.maxDistance.map({ min(max(0, $0), maxDistanceLimit) }) {
                var best: (index: Int, distance: Int)?
                var seen = Set<Int>()
                for (band, range) in bands.enumerated() {
                    for candidate in tables[band][bits(hash, range)] ?? [] where seen.insert(candidate).inserted {
                        let distance = SimHash.distance(hash, kept[candidate].hash)
                        guard distance <= threshold else { continue }
                        if let current = best, (current.distance, current.index) <= (distance, candidate) { continue }
                        best = (candidate, distance)
                    }
                }
                if let best {
                    verdicts[id] = Verdict(of: kept[best.index].id, distance: best.distance, exact: false)
                    continue
                }
            }
            kept.append((id, hash))
            for (band, range) in bands.enumerated() { tables[band][bits(hash, range), default: []].append(kept.count - 1) }
            exact[key.sha256] = id
        }
        return verdicts
    }

    /// `threshold + 1` contiguous bit ranges covering the 64 bits.
    static func bandRanges(_ threshold: Int) -> [Range<Int>] {
        let count = threshold + 1
        var ranges: [Range<Int>] = []
        var start = 0
        for band in 0..<count {
            let width = 64 / count + (band < 64 % count ? 1 : 0)
            ranges.append(start..<(start + width))
            start += width
        }
        return ranges
    }

    /// The bits of `hash` in `range`, shifted down.
    @inline(__always)
    static func bits(_ hash: UInt64, _ range: Range<Int>) -> UInt64 {
        let width = range.count
        let mask: UInt64 = width >= 64 ? ~0 : (1 << UInt64(width)) - 1
        return (hash >> UInt64(range.lowerBound)) & mask
    }
}
