import Foundation
import Testing
@testable import Winnow

/// The `dedup` stage: exact and near duplicates across a run, kept deterministically (the smallest
/// id of a group), whatever the job count, order of inputs or history of incremental runs.
@Suite struct DedupTests {
    /// A long text of distinct sentences, so that one changed word moves the SimHash by a few bits.
    static func article(_ seed: Int, change: Int? = nil) -> String {
        var generator = SeededWords(seed: UInt64(seed))
        var sentences: [String] = []
        for index in 0..<60 {
            var words = (0..<12).map { _ in generator.word() }
            if index == 30, let change { words[5] = "changed\(change)" }
            sentences.append(words.joined(separator: " ").capitalized + ".")
        }
        return stride(from: 0, to: sentences.count, by: 6).map { sentences[$0..<min($0 + 6, sentences.count)].joined(separator: " ") }
            .joined(separator: "\n\n") + "\n"
    }

    /// A copy of `article(seed)` with one word changed, chosen (deterministically) so that the
    /// two SimHashes are at most two bits apart: one changed word moves a few bits, but how many
    /// depends on the words.
    static func nearCopy(_ seed: Int) -> String {
        let original = SimHash.hash(article(seed))
        for change in 0..<200 {
            let copy = article(seed, change: change)
            if SimHash.distance(original, SimHash.hash(copy)) <= 2 { return copy }
        }
        preconditionFailure("no near copy of article \(seed)")
    }

    static func key(_ text: String, distance: Int? = 3) -> DedupKey {
        DedupKey(sha256: Digest.sha256(Data(text.utf8)), simhash: SimHash.hex(SimHash.hash(text)), maxDistance: distance)
    }

    @Test func exactAndNearCopiesNameTheSmallestKeptId() {
        let a = Self.article(1), near = Self.nearCopy(1), other = Self.article(2)
        #expect(SimHash.distance(SimHash.hash(a), SimHash.hash(near)) <= 3)
        #expect(SimHash.distance(SimHash.hash(a), SimHash.hash(other)) > 12)
        let documents = [("c.txt", Self.key(a)), ("a.txt", Self.key(a)), ("b.txt", Self.key(near)), ("d.txt", Self.key(other))]
        let verdicts = DedupResolver.copies(documents.map { (id: $0.0, key: $0.1) })
        #expect(verdicts.count == 2)
        #expect(verdicts["c.txt"] == .init(of: "a.txt", distance: 0, exact: true))
        #expect(verdicts["b.txt"]?.of == "a.txt" && verdicts["b.txt"]?.exact == false && verdicts["b.txt"]?.reason == "near-duplicate")
        #expect(verdicts["a.txt"] == nil && verdicts["d.txt"] == nil)

        // Exact only: the near copy stays.
        let exactOnly = DedupResolver.copies(documents.map { (id: $0.0, key: Self.key($0.0 == "b.txt" ? near : ($0.0 == "d.txt" ? other : a), distance: nil)) })
        #expect(Set(exactOnly.keys) == ["c.txt"])
    }

    @Test func theDecisionDependsOnTheSetNotTheOrder() {
        // Chains of near copies (each within the threshold of the next), exact copies and loners.
        var documents: [(id: String, key: DedupKey)] = []
        for group in 0..<20 {
            for member in 0..<5 {
                let text = Self.article(100 + group, change: member == 0 ? nil : member)
                documents.append(("g\(group)/m\(member).txt", Self.key(text)))
                if member == 2 { documents.append(("g\(group)/copy.txt", Self.key(text))) }
            }
        }
        let expected = DedupResolver.copies(documents)
        #expect(!expected.isEmpty)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            #expect(DedupResolver.copies(documents.shuffled(using: &generator)) == expected)
        }
        // Every copy names a kept document (never another copy), at most max-distance away.
        for (id, verdict) in expected {
            #expect(expected[verdict.of] == nil, "\(id) names \(verdict.of), itself a copy")
            #expect(verdict.distance <= 3)
        }
    }

    @Test func bandsCoverAllBitsForEveryThreshold() {
        for threshold in 0...DedupResolver.maxDistanceLimit {
            let bands = DedupResolver.bandRanges(threshold)
            #expect(bands.count == threshold + 1)
            #expect(bands.first?.lowerBound == 0 && bands.last?.upperBound == 64)
            #expect(zip(bands, bands.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        }
        // Two hashes exactly max-distance apart, with the differing bits spread over every band,
        // are still found.
        let base: UInt64 = 0x0123_4567_89AB_CDEF
        let threshold = 6
        var flipped = base
        for band in DedupResolver.bandRanges(threshold).prefix(threshold) { flipped ^= 1 << UInt64(band.lowerBound) }
        let keys = [
            (id: "a", key: DedupKey(sha256: "1", simhash: SimHash.hex(base), maxDistance: threshold)),
            (id: "b", key: DedupKey(sha256: "2", simhash: SimHash.hex(flipped), maxDistance: threshold)),
        ]
        #expect(DedupResolver.copies(keys)["b"]?.distance == threshold)
    }

    // MARK: Runs

    func configuration(_ folder: TemporaryFolder, jobs: Int, formats: String = "[txt, json]", input: String = "in", output: String = "out") throws -> PipelineConfiguration {
        folder.write("pipeline-\(output).yml", """
            version: 1
            input: {folder: \(input)}
            output: {folder: \(output)}
            concurrency: {jobs: \(jobs)}
            stages:
              - read
              - normalize
              - dedup: {max-distance: 3}
              - write: {formats: \(formats)}
            """)
        return try PipelineLoader(registry: .builtIn).load(path: folder.path + "/pipeline-\(output).yml")
    }

    func manifest(_ folder: TemporaryFolder, _ output: String = "out") -> [String: ManifestEntry] {
        Dictionary(uniqueKeysWithValues: ManifestState.entries(in: folder.path + "/\(output)/_manifest.jsonl").map { ($0.id, $0) })
    }

    /// The output folder without the files that say when and how fast the run went.
    func outputs(_ folder: TemporaryFolder, _ output: String = "out") -> [String: Data] {
        folder.contents(of: output).filter { !["_run.json", "_timings.jsonl", "_winnow.lock"].contains($0.key) }
    }

    /// 40 pages in 8 groups: an original, exact copies and near copies under other names.
    func corpus(_ folder: TemporaryFolder, in input: String = "in", order: [Int]? = nil) {
        var files: [(String, String)] = []
        for group in 0..<8 {
            files.append(("\(input)/site\(group % 3)/z-original-\(group).txt", Self.article(group)))
            files.append(("\(input)/site\((group + 1) % 3)/copy-\(group).txt", Self.article(group)))
            files.append(("\(input)/mirror/\(group)/near.txt", Self.nearCopy(group)))
            files.append(("\(input)/mirror/\(group)/exact.txt", Self.article(group)))
            files.append(("\(input)/unique/\(group).txt", Self.article(1000 + group)))
        }
        for index in order ?? Array(files.indices) { folder.write(files[index].0, files[index].1) }
    }

    @Test func oneCopyOfEachGroupIsWrittenWhateverTheJobsAndTheOrderOfFiles() throws {
        let folder = TemporaryFolder()
        corpus(folder)
        let one = try Pipeline(configuration(folder, jobs: 1)).run()
        #expect(one.written == 16 && one.dropped["duplicate", default: 0] == 16 && one.dropped["near-duplicate", default: 0] == 8)
        let entries = manifest(folder)
        // The smallest id of each group ("mirror/G/exact.txt") is the one kept.
        for group in 0..<8 {
            #expect(entries["mirror/\(group)/exact.txt"]?.status == "written")
            #expect(entries["mirror/\(group)/near.txt"]?.duplicateOf == "mirror/\(group)/exact.txt")
            #expect(entries["mirror/\(group)/near.txt"]?.reason == "near-duplicate")
            #expect(entries["site\((group + 1) % 3)/copy-\(group).txt"]?.duplicateOf == "mirror/\(group)/exact.txt")
            #expect(entries["site\((group + 1) % 3)/copy-\(group).txt"]?.reason == "duplicate")
            #expect(entries["site\((group + 1) % 3)/copy-\(group).txt"]?.stage == "dedup")
            #expect(entries["site\((group + 1) % 3)/copy-\(group).txt"]?.outputs == [])
        }
        let written = outputs(folder).keys.filter { !$0.hasPrefix("_") }
        #expect(written.count == 32)  // txt + json of the 16 kept
        #expect(!written.contains { $0.contains("copy-") || $0.contains("near.") })

        // Four jobs, and the same files created in another order (directory order differs).
        let reference = outputs(folder)
        _ = try Pipeline(configuration(folder, jobs: 4, output: "out4")).run()
        #expect(outputs(folder, "out4") == reference)
        var generator = SystemRandomNumberGenerator()
        let shuffled = TemporaryFolder()
        corpus(shuffled, order: Array(0..<40).shuffled(using: &generator))
        _ = try Pipeline(configuration(shuffled, jobs: 4)).run()
        // (json outputs and the manifest name the input's full path, which differs here.)
        func decisions(_ folder: TemporaryFolder) -> [String: String] {
            manifest(folder).mapValues { "\($0.status) \($0.reason ?? "") \($0.duplicateOf ?? "") \($0.outputs)" }
        }
        #expect(decisions(shuffled) == decisions(folder))
        #expect(outputs(shuffled).filter { $0.key.hasSuffix(".txt") } == reference.filter { $0.key.hasSuffix(".txt") })
    }

    @Test func incrementalRunsRetractAndReinstateAsAFreshRunWould() throws {
        let folder = TemporaryFolder()
        folder.write("in/b.txt", Self.article(1))
        folder.write("in/c.txt", Self.article(2))
        let pipeline = Pipeline(try configuration(folder, jobs: 2, formats: "[txt, jsonl]"))
        #expect(try pipeline.run().written == 2)

        // A later copy with a larger id is dropped; the original stays.
        folder.write("in/d.txt", Self.article(1))
        let second = try pipeline.run()
        #expect(second.read == 1 && second.dropped["duplicate"] == 1 && second.unchanged == 2)
        #expect(manifest(folder)["d.txt"]?.duplicateOf == "b.txt")

        // A copy with a smaller id: the unchanged original is retracted (its txt and its jsonl
        // line go), the new one is kept.
        folder.write("in/a.txt", Self.article(1))
        let third = try pipeline.run()
        // (d.txt is recorded again: it now copies a.txt.)
        #expect(third.written == 1 && third.dropped["duplicate"] == 2, "\(third.summary)")
        var entries = manifest(folder)
        #expect(entries["a.txt"]?.status == "written" && entries["b.txt"]?.duplicateOf == "a.txt" && entries["d.txt"]?.duplicateOf == "a.txt")
        #expect(folder.contents(of: "out")["b.txt"] == nil)
        let lines = folder.contents(of: "out").filter { $0.key.hasSuffix(".jsonl") && !$0.key.hasPrefix("_") }
            .flatMap { String(decoding: $0.value, as: UTF8.self).split(separator: "\n") }
        #expect(lines.count == 2 && lines.contains { $0.contains("\"a.txt\"") } && !lines.contains { $0.contains("\"b.txt\"") })

        // The original goes: its first copy is written again, in the same run.
        try FileManager.default.removeItem(atPath: folder.path + "/in/a.txt")
        var prune = RunOptions()
        prune.prune = true
        let fourth = try pipeline.run(options: prune)
        #expect(fourth.written == 1 && fourth.pruned == 1, "\(fourth.summary)")
        entries = manifest(folder)
        #expect(entries["b.txt"]?.status == "written" && entries["d.txt"]?.duplicateOf == "b.txt" && entries["a.txt"] == nil)

        // The folder is now what a fresh run over the same inputs writes.
        let fresh = TemporaryFolder()
        fresh.write("in/b.txt", Self.article(1))
        fresh.write("in/c.txt", Self.article(2))
        fresh.write("in/d.txt", Self.article(1))
        _ = try Pipeline(configuration(fresh, jobs: 2, formats: "[txt, jsonl]")).run()
        func documents(_ folder: TemporaryFolder) -> [String: String] {
            var result: [String: String] = [:]
            for (name, data) in folder.contents(of: "out") where !name.hasPrefix("_") {
                let text = String(decoding: data, as: UTF8.self)
                if name.hasSuffix(".jsonl") {
                    // Lines name the input's full path, which differs here: compare ids and texts.
                    for line in text.split(separator: "\n") {
                        let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                        result["jsonl " + (object?["id"] as? String ?? "?")] = object?["text"] as? String
                    }
                } else {
                    result[name] = text
                }
            }
            return result
        }
        #expect(documents(folder) == documents(fresh))
        #expect(manifest(folder).mapValues(\.status) == manifest(fresh).mapValues(\.status))
        #expect(manifest(folder).mapValues(\.duplicateOf) == manifest(fresh).mapValues(\.duplicateOf))
    }

    @Test func shardsDecideAloneAndTheMergeDecidesAcrossThem() throws {
        let folder = TemporaryFolder()
        corpus(folder)
        _ = try Pipeline(configuration(folder, jobs: 2, output: "single")).run()
        let sharded = try configuration(folder, jobs: 1, formats: "[txt, jsonl]", output: "sharded")
        for index in 0..<3 {
            var options = RunOptions()
            options.shard = ShardSelection(index: index, count: 3)
            _ = try Pipeline(sharded).run(options: options)
        }
        let merged = try ShardMerge.merge(folder: folder.path + "/sharded", count: 3)
        #expect(merged.written == 16 && merged.dropped == 24)
        func decisions(_ output: String) -> [String: String] {
            manifest(folder, output).mapValues { "\($0.status) \($0.reason ?? "") \($0.duplicateOf ?? "")" }
        }
        #expect(decisions("sharded") == decisions("single"))
        // The retracted copies' lines left the shards' jsonl parts: one line per kept document.
        let lines = folder.contents(of: "sharded").filter { $0.key.hasSuffix(".jsonl") && !$0.key.hasPrefix("_") && !$0.key.contains("/") }
            .flatMap { String(decoding: $0.value, as: UTF8.self).split(separator: "\n") }
        #expect(lines.count == 16)
    }

    @Test func emptyTextsAreNotCopiesOfEachOther() throws {
        let folder = TemporaryFolder()
        folder.write("in/a.txt", "   \n")
        folder.write("in/b.txt", "\n\n")
        folder.write("in/c.txt", "Some text.\n")
        let report = try Pipeline(configuration(folder, jobs: 1)).run()
        #expect(report.dropped["duplicate"] == nil && report.dropped["near-duplicate"] == nil)
    }

    @Test func optionsAreValidated() throws {
        let folder = TemporaryFolder()
        folder.write("p.yml", "version: 1\ninput: {folder: in}\noutput: {folder: out}\nstages:\n  - read\n  - dedup: {max-distance: 40}\n  - write\n")
        #expect(throws: (any Error).self) { try PipelineLoader(registry: .builtIn).load(path: folder.path + "/p.yml") }
    }
}

/// Deterministic pseudo-words from a seed, drawn with the normalizer tests' SplitMix64 generator.
struct SeededWords {
    var generator: TextGenerator
    init(seed: UInt64) {
        // Seeds n and n+1 must not give shifted sequences: start from a hash of the seed.
        var first = TextGenerator(seed: seed)
        generator = TextGenerator(seed: first.next() ^ 0x5851_F42D_4C95_7F2D)
    }
    mutating func word() -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let length = 3 + generator.int(below: 7)
        return String((0..<length).map { _ in letters[generator.int(below: 26)] })
    }
}
