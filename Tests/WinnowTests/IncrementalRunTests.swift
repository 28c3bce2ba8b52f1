import Foundation
import Testing
@testable import Winnow

/// Incremental runs: unchanged inputs skipped, changes and pipeline edits reprocessed, stale
/// outputs removed, `--prune`, JSON Lines parts kept consistent, failure limits and metrics.
@Suite struct IncrementalRunTests {
    func configuration(_ folder: TemporaryFolder, write: String = "{formats: [txt]}", rules: String = "[\"^NEXT ARTICLE$\"]") throws -> PipelineConfiguration {
        let yaml = """
            version: 1
            input: {folder: in}
            output: {folder: out}
            concurrency: {jobs: 2}
            stages:
              - read
              - rules: {drop-lines: \(rules)}
              - write: \(write)
            """
        folder.write("pipeline.yml", yaml)
        return try PipelineLoader(registry: .builtIn).load(path: folder.path + "/pipeline.yml")
    }

    func corpus(_ folder: TemporaryFolder, count: Int) {
        for index in 0..<count {
            folder.write("in/s\(index % 3)/page\(index).txt", "Headline \(index)\n\nBody paragraph \(index) with words.\n\nNEXT ARTICLE\n")
        }
    }

    func manifest(_ folder: TemporaryFolder) -> [String: ManifestEntry] {
        Dictionary(uniqueKeysWithValues: ManifestState.entries(in: folder.path + "/out/_manifest.jsonl").map { ($0.id, $0) })
    }

    @Test func unchangedInputsAreSkippedAndChangedOnesRedone() throws {
        let folder = TemporaryFolder()
        corpus(folder, count: 30)
        let pipeline = Pipeline(try configuration(folder))
        let first = try pipeline.run()
        #expect(first.written == 30 && first.unchanged == 0)
        let second = try pipeline.run()
        #expect(second.read == 0 && second.unchanged == 30)
        #expect(manifest(folder).count == 30)

        folder.write("in/s1/page4.txt", "A new headline\n\nA changed body.\n")
        let third = try pipeline.run()
        #expect(third.read == 1 && third.written == 1 && third.unchanged == 29)
        #expect(String(decoding: folder.contents(of: "out")["s1/page4.txt"] ?? Data(), as: UTF8.self).hasPrefix("A new headline"))
        #expect(manifest(folder)["s1/page4.txt"]?.sha256 == Digest.sha256(Array("A new headline\n\nA changed body.\n".utf8)))

        // An output deleted by hand is written again.
        try FileManager.default.removeItem(atPath: folder.path + "/out/s0/page0.txt")
        let fourth = try pipeline.run()
        #expect(fourth.read == 1 && folder.contents(of: "out")["s0/page0.txt"] != nil)

        var force = RunOptions()
        force.force = true
        #expect(try pipeline.run(options: force).read == 30)
    }

    @Test func aChangedPipelineReprocessesAndRemovesOutputsItNoLongerWrites() throws {
        let folder = TemporaryFolder()
        corpus(folder, count: 12)
        _ = try Pipeline(try configuration(folder, write: "{formats: [txt, json]}")).run()
        #expect(folder.contents(of: "out")["s0/page0.json"] != nil)
        let changed = try Pipeline(try configuration(folder, write: "{formats: [txt]}")).run()
        #expect(changed.read == 12)
        let files = folder.contents(of: "out")
        #expect(!files.keys.contains { $0.hasSuffix(".json") && !$0.hasPrefix("_") }, "outputs of the old pipeline are removed")
        #expect(files.keys.filter { $0.hasSuffix(".txt") }.count == 12)
        // Same stages, different rule: also a different pipeline.
        #expect(try Pipeline(try configuration(folder, rules: "[\"^Headline\"]")).run().read == 12)
    }

    @Test func aDocumentThatIsNowDroppedLosesItsOldOutput() throws {
        let folder = TemporaryFolder()
        folder.write("in/a.txt", "Real text.\n")
        folder.write("in/b.txt", "Other text.\n")
        let pipeline = Pipeline(try configuration(folder))
        _ = try pipeline.run()
        folder.write("in/b.txt", "NEXT ARTICLE\n")
        let report = try pipeline.run()
        #expect(report.dropped["empty"] == 1)
        #expect(folder.contents(of: "out")["b.txt"] == nil)
        #expect(manifest(folder)["b.txt"]?.status == "dropped")
    }

    @Test func goneInputsKeepTheirOutputsUntilPruned() throws {
        let folder = TemporaryFolder()
        corpus(folder, count: 6)
        let pipeline = Pipeline(try configuration(folder))
        _ = try pipeline.run()
        try FileManager.default.removeItem(atPath: folder.path + "/in/s2/page5.txt")
        let kept = try pipeline.run()
        #expect(kept.gone == 1 && kept.pruned == 0)
        #expect(folder.contents(of: "out")["s2/page5.txt"] != nil)
        var prune = RunOptions()
        prune.prune = true
        let pruned = try pipeline.run(options: prune)
        #expect(pruned.pruned == 1)
        #expect(folder.contents(of: "out")["s2/page5.txt"] == nil)
        #expect(manifest(folder)["s2/page5.txt"] == nil && manifest(folder).count == 5)
    }

    @Test func jsonLinesPartsHoldEveryDocumentOnceAfterChangesAndPrunes() throws {
        let folder = TemporaryFolder()
        corpus(folder, count: 40)
        let pipeline = Pipeline(try configuration(folder, write: "{formats: [jsonl], jsonl-part-bytes: 2048, jsonl-compress: true}"))
        _ = try pipeline.run()
        for index in [3, 17, 22] {
            folder.write("in/s\(index % 3)/page\(index).txt", "Changed \(index)\n")
        }
        try FileManager.default.removeItem(atPath: folder.path + "/in/s0/page9.txt")
        var prune = RunOptions()
        prune.prune = true
        let report = try pipeline.run(options: prune)
        #expect(report.read == 3 && report.unchanged == 36 && report.pruned == 1)

        var lines: [String: [String]] = [:]
        for (name, data) in folder.contents(of: "out") where JSONLinesPartWriter.isPartName(name) {
            let text = String(decoding: try HTMLInputBridge.inflate([UInt8](data)), as: UTF8.self)
            for line in text.split(separator: "\n") {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                lines[object?["id"] as? String ?? "?", default: []].append(object?["text"] as? String ?? "")
            }
        }
        #expect(lines.count == 39)
        #expect(lines.values.allSatisfy { $0.count == 1 }, "each document has exactly one line")
        #expect(lines["s2/page17.txt"] == ["Changed 17"])
        #expect(lines["s0/page9.txt"] == nil)
        // Every part the manifest names exists.
        for entry in manifest(folder).values {
            for output in entry.outputs { #expect(FileManager.default.fileExists(atPath: folder.path + "/out/" + output)) }
        }
    }

    @Test func anInterruptedRunIsCompletedByTheNext() throws {
        let folder = TemporaryFolder()
        corpus(folder, count: 20)
        let pipeline = Pipeline(try configuration(folder))
        _ = try pipeline.run()
        let reference = folder.contents(of: "out").filter { !$0.key.hasPrefix("_") }
        // What a kill -9 leaves: a journal with some entries (one torn), temporary files, no manifest.
        let manifestText = String(decoding: folder.contents(of: "out")["_manifest.jsonl"]!, as: UTF8.self)
        let entries = manifestText.split(separator: "\n")
        folder.write("out/_journal.jsonl", entries.prefix(7).joined(separator: "\n") + "\n" + entries[7].prefix(30))
        try FileManager.default.removeItem(atPath: folder.path + "/out/_manifest.jsonl")
        try FileManager.default.removeItem(atPath: folder.path + "/out/s1/page10.txt")
        folder.write("out/s1/.page13.txt.4242.99.tmp", "partial")
        let report = try pipeline.run()
        #expect(report.unchanged == 7 && report.read == 13)
        let after = folder.contents(of: "out")
        #expect(after.filter { !$0.key.hasPrefix("_") } == reference)
        #expect(after["_journal.jsonl"] == nil)
        #expect(manifest(folder).count == 20)
    }

    @Test func failureLimitsParseAndCompare() {
        #expect(FailureLimit("10") == .count(10))
        #expect(FailureLimit("2.5%") == .percent(2.5))
        #expect(FailureLimit("-1") == nil && FailureLimit("ten") == nil && FailureLimit("120%") == nil)
        #expect(FailureLimit.count(2).exceeded(failed: 3, processed: 100))
        #expect(!FailureLimit.count(2).exceeded(failed: 2, processed: 100))
        #expect(FailureLimit.percent(5).exceeded(failed: 6, processed: 100))
        #expect(!FailureLimit.percent(5).exceeded(failed: 5, processed: 100))
    }

    @Test func aSecondLockOnTheSameFolderIsRefusedAndNamesTheHolder() throws {
        let folder = TemporaryFolder()
        let first = try RunLock(folder: folder.path + "/out")
        #expect(throws: RunLock.Busy.self) { try RunLock(folder: folder.path + "/out", wait: 0.2) }
        do {
            _ = try RunLock(folder: folder.path + "/out")
        } catch let busy as RunLock.Busy {
            #expect(busy.description.contains("pid \(ProcessInfo.processInfo.processIdentifier)"))
        }
        withExtendedLifetime(first) {}
    }

    @Test func metricsAreInThePrometheusTextFormat() throws {
        var report = RunReport()
        report.written = 8
        report.read = 10
        report.dropped = ["empty": 1]
        report.failures = [("a", "read", "binary")]
        report.unchanged = 5
        report.bytes = 1234
        report.seconds = 2.5
        let finished = Date(timeIntervalSince1970: 1_800_000_000)
        let text = RunMetrics.render(report: report, exitStatus: 1, finished: finished, lastSuccess: Date(timeIntervalSince1970: 1_700_000_000))
        let samples = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
        func value(_ name: String) -> Double? {
            samples.first { $0.hasPrefix(name + " ") }.flatMap { Double($0.split(separator: " ").last!) }
        }
        #expect(value("winnow_documents{status=\"written\"}") == 8)
        #expect(value("winnow_documents{status=\"failed\"}") == 1)
        #expect(value("winnow_documents{status=\"unchanged\"}") == 5)
        #expect(value("winnow_dropped_documents{reason=\"empty\"}") == 1)
        #expect(value("winnow_input_bytes") == 1234)
        #expect(value("winnow_run_duration_seconds") == 2.5)
        #expect(value("winnow_last_run_exit_code") == 1)
        #expect(value("winnow_last_success_timestamp_seconds") == 1_700_000_000, "a failed run keeps the last success")
        #expect(text.contains("# TYPE winnow_documents gauge"))
        #expect(text.contains("# HELP winnow_run_duration_seconds "))
        // Every sample line is `name{labels} value`.
        for line in samples {
            #expect(line.wholeMatch(of: /[a-z_]+(\{[a-z_]+="[^"]*"\})? -?[0-9.e+]+/) != nil, "\(line)")
        }
        // A device is written into, never replaced by a regular file.
        try RunMetrics.write(report: report, exitStatus: 0, to: "/dev/null")
        var status = stat()
        #expect(stat("/dev/null", &status) == 0 && (status.st_mode & S_IFMT) == S_IFCHR)
        let success = RunMetrics.render(report: report, exitStatus: 0, finished: finished, lastSuccess: nil)
        #expect(success.contains("winnow_last_success_timestamp_seconds 1800000000"))
    }
}
