import Foundation
import Testing

/// The real `winnow` executable on real folders: outputs, summaries and exit codes.
@Suite struct CommandLineTests {
    @Test func defaultPipelineOnSamplesWritesEveryPage() throws {
        let output = WinnowProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let result = try WinnowProcess.run(["run", "Pipelines/default.yml", "--output", output, "--jobs", "2"])
        #expect(result.status == 0, "\(result.stderr)")
        let files = WinnowProcess.files(in: output)
        let samples = try FileManager.default.subpathsOfDirectory(atPath: WinnowProcess.repository + "/Samples")
            .filter { $0.hasSuffix(".html") || $0.hasSuffix(".txt") }
        #expect(samples.count >= 12)
        for sample in samples {
            let stem = (sample as NSString).deletingPathExtension
            #expect(files[stem + ".txt"] != nil, "missing text output for \(sample)")
            let json = files[stem + ".json"].flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            #expect(json?["id"] as? String == sample, "missing or bad json output for \(sample)")
        }
        for (name, text) in files where !name.hasPrefix("_") && name.hasSuffix(".txt") {
            #expect(!text.isEmpty, "\(name) is empty")
            #expect(!text.contains("\nNEXT ARTICLE\n"), "\(name) kept the pager")
            #expect(!text.split(separator: "\n").contains { $0.hasPrefix("Recommended by") }, "\(name) kept the widget footer")
        }
        let summary = result.stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(summary.hasPrefix("winnow: \(samples.count) read, \(samples.count) written, 0 dropped, 0 failed"))
    }

    @Test func outputIsIdenticalWithOneAndFourJobs() throws {
        let one = WinnowProcess.temporaryFolder(), four = WinnowProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: one); try? FileManager.default.removeItem(atPath: four) }
        #expect(try WinnowProcess.run(["run", "Pipelines/default.yml", "--output", one, "--jobs", "1"]).status == 0)
        #expect(try WinnowProcess.run(["run", "Pipelines/default.yml", "--output", four, "--jobs", "4"]).status == 0)
        var a = WinnowProcess.files(in: one), b = WinnowProcess.files(in: four)
        for name in ["_run.json", "_timings.jsonl", "_winnow.lock"] {
            #expect(a.removeValue(forKey: name) != nil && b.removeValue(forKey: name) != nil, "\(name)")
        }
        #expect(a["_manifest.jsonl"] != nil)
        #expect(!a.isEmpty)
        #expect(a == b)
    }

    @Test func configurationErrorExits78WithFileLineAndColumn() throws {
        let folder = WinnowProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/bad.yml"
        try "version: 1\ninput: in\noutput: out\nstages:\n  - read\n  - strp\n  - rules: {drop-line: ['x']}\n".write(toFile: file, atomically: true, encoding: .utf8)
        for command in [["validate", file], ["run", file]] {
            let result = try WinnowProcess.run(command)
            #expect(result.status == 78)
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.contains { $0.hasPrefix("\(file):6:5: error: unknown stage 'strp'") })
            #expect(lines.contains { $0.hasPrefix("\(file):7:13: error: unknown option 'drop-line' for stage 'rules'; did you mean 'drop-lines'?") })
        }
    }

    @Test func usageErrorExits2() throws {
        #expect(try WinnowProcess.run(["run", "--jobs", "0", "Pipelines/default.yml"]).status == 2)
        #expect(try WinnowProcess.run(["run"]).status == 2)
        #expect(try WinnowProcess.run(["frobnicate"]).status == 2)
    }

    @Test func failedDocumentsExit1AndTheOthersAreWritten() throws {
        let folder = WinnowProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/in", withIntermediateDirectories: true)
        try "Good text.\n".write(toFile: folder + "/in/good.txt", atomically: true, encoding: .utf8)
        _ = FileManager.default.createFile(atPath: folder + "/in/binary.txt", contents: Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 1]))
        let result = try WinnowProcess.run(["run", "--input", folder + "/in", "--output", folder + "/out"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("binary.txt: failed in stage 'read': the file is binary"))
        #expect(result.stderr.contains("2 read, 1 written, 0 dropped, 1 failed"))
        let written = WinnowProcess.files(in: folder + "/out")
        #expect(written["good.txt"] == "Good text.\n")
        #expect(written.keys.filter { !$0.hasPrefix("_") } == ["good.txt"])
        #expect(written["_errors.jsonl"]?.contains("\"stage\":\"read\"") == true)
    }

    @Test func stagesListsEveryStageWithItsOptions() throws {
        let result = try WinnowProcess.run(["stages"])
        #expect(result.status == 0)
        for name in ["read", "rules", "write"] { #expect(result.stdout.contains("\(name)\n")) }
        #expect(result.stdout.contains("drop-lines: [regex] = []"))
        #expect(try WinnowProcess.run(["stages", "nope"]).status == 2)
    }

    @Test func validateSaysOk() throws {
        let result = try WinnowProcess.run(["validate", "Pipelines/default.yml"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("ok"))
    }
}
