import Foundation
import Testing
@testable import Winnow

/// The runner: deterministic output whatever the job count, failures contained and counted.
@Suite struct RunnerTests {
    func configuration(_ folder: TemporaryFolder, output: String, jobs: Int, extra: String = "", registry: StageRegistry = .builtIn) throws -> PipelineConfiguration {
        try PipelineLoader(registry: registry).load(yaml: """
            version: 1
            input: in
            output: \(output)
            concurrency: {jobs: \(jobs)}
            stages:
              - read
            \(extra)
              - rules: {drop-lines: ["^NEXT ARTICLE$", "^Recommended by"]}
              - write
            """, file: "p.yml", baseFolder: folder.path)
    }

    func makeCorpus(_ folder: TemporaryFolder, count: Int) {
        for index in 0..<count {
            let section = ["news", "blog", "news/world"][index % 3]
            folder.write("in/\(section)/page\(index).txt", "Headline \(index)\n\nBody paragraph \(index) with words.\n\nRecommended by Example\n\nNEXT ARTICLE\n")
        }
        folder.write("in/notes.md", "not an input")
        folder.write("in/.hidden.txt", "hidden")
    }

    @Test func outputIsByteIdenticalWithOneAndFourJobs() throws {
        let folder = TemporaryFolder()
        makeCorpus(folder, count: 60)
        let one = try Pipeline(configuration(folder, output: "out1", jobs: 1)).run()
        let four = try Pipeline(configuration(folder, output: "out4", jobs: 4)).run()
        #expect(one.written == 60 && four.written == 60)
        #expect(four.jobs == 4)
        var a = folder.contents(of: "out1"), b = folder.contents(of: "out4")
        for name in ["_run.json", "_timings.jsonl", "_winnow.lock"] {
            #expect(a.removeValue(forKey: name) != nil && b.removeValue(forKey: name) != nil, "\(name)")
        }
        #expect(a.count == 60 + 2)
        #expect(a == b)
        #expect(String(decoding: a["news/page0.txt"] ?? Data(), as: UTF8.self) == "Headline 0\n\nBody paragraph 0 with words.\n")
        #expect(one.removals["rule"] == 120)
    }

    @Test func walkIsDeterministicAndHonoursIncludeExcludeAndRecursion() throws {
        let folder = TemporaryFolder()
        folder.write("b.txt", "b")
        folder.write("a/z.html", "<p>z</p>")
        folder.write("a/y.txt", "y")
        folder.write("a/skip/x.txt", "x")
        folder.write("c.md", "c")
        var input = PipelineConfiguration.Input(folder: folder.path, include: [], exclude: ["a/skip/**"], recursive: true)
        #expect(try InputWalker(input).files().files.map(\.id) == ["a/y.txt", "a/z.html", "b.txt"])
        input.recursive = false
        #expect(try InputWalker(input).files().files.map(\.id) == ["b.txt"])
        input = .init(folder: folder.path, include: ["a/*.txt", "*.md"], exclude: [], recursive: true)
        #expect(try InputWalker(input).files().files.map(\.id) == ["a/y.txt", "c.md"])
    }

    @Test func aFailingDocumentDoesNotStopTheOthersAndIsCounted() throws {
        let folder = TemporaryFolder()
        makeCorpus(folder, count: 9)
        folder.write("in/news/broken.txt", "FAIL here\n")
        var registry = StageRegistry.builtIn
        registry.register(FailOnWord.self)
        let report = try Pipeline(configuration(folder, output: "out", jobs: 2, extra: "  - fail-on-word", registry: registry)).run()
        #expect(report.read == 10)
        #expect(report.written == 9)
        #expect(report.failedCount == 1)
        #expect(report.failures.first?.id == "news/broken.txt")
        #expect(report.failures.first?.stage == "fail-on-word")
        #expect(report.failures.first?.message.contains("found FAIL") == true)
        let written = folder.contents(of: "out")
        #expect(written.keys.filter { !$0.hasPrefix("_") }.count == 9)
        #expect(report.summary.contains("10 read, 9 written, 0 dropped, 1 failed"))
        let errors = String(decoding: written["_errors.jsonl"] ?? Data(), as: UTF8.self).split(separator: "\n")
        #expect(errors.count == 1)
        let error = try JSONSerialization.jsonObject(with: Data(errors[0].utf8)) as? [String: Any]
        #expect(error?["id"] as? String == "news/broken.txt")
        #expect(error?["stage"] as? String == "fail-on-word")
        #expect((error?["message"] as? String)?.contains("found FAIL") == true)
    }

    @Test func emptyDocumentsAreDroppedWithAReason() throws {
        let folder = TemporaryFolder()
        folder.write("in/a.txt", "Real text.\n")
        folder.write("in/b.txt", "   \n\n  \n")
        folder.write("in/c.txt", "NEXT ARTICLE\n")
        let report = try Pipeline(configuration(folder, output: "out", jobs: 2)).run()
        #expect(report.written == 1)
        #expect(report.dropped == ["empty": 2])
        #expect(report.summary.contains("2 dropped (empty: 2)"))
    }

    @Test func manifestHasOneLinePerInputWithStatusHashAndOutputs() throws {
        let folder = TemporaryFolder()
        folder.write("in/a.txt", "Real text.\n")
        folder.write("in/b.txt", "NEXT ARTICLE\n")
        folder.write("in/c.txt", [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0])
        let configuration = try configuration(folder, output: "out", jobs: 2)
        _ = try Pipeline(configuration).run()
        let files = folder.contents(of: "out")
        let lines = String(decoding: files["_manifest.jsonl"] ?? Data(), as: UTF8.self).split(separator: "\n")
        let entries = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
        #expect(entries.map { $0["id"] as? String } == ["a.txt", "b.txt", "c.txt"])
        #expect(entries.map { $0["status"] as? String } == ["written", "dropped", "failed"])
        #expect(entries[0]["sha256"] as? String == Digest.sha256("Real text.\n"))
        #expect(entries[0]["outputs"] as? [String] == ["a.txt"])
        #expect(entries[1]["reason"] as? String == "empty" && entries[1]["stage"] as? String == "write")
        #expect(entries[2]["stage"] as? String == "read")
        #expect(entries.allSatisfy { $0["pipeline"] as? String == configuration.hash && $0["winnow"] as? String == WinnowVersion.current })
        let run = try JSONSerialization.jsonObject(with: files["_run.json"] ?? Data()) as? [String: Any]
        #expect(run?["documents"] as? Int == 3)
        #expect(run?["written"] as? Int == 1 && run?["dropped"] as? Int == 1 && run?["failed"] as? Int == 1)
        #expect((run?["droppedByReason"] as? [String: Int]) == ["empty": 1])
    }

    @Test func keepDroppedWritesDroppedDocumentsForReview() throws {
        let folder = TemporaryFolder()
        folder.write("in/a.txt", "Real text.\n")
        folder.write("in/b.txt", "NEXT ARTICLE\n\n   \n")
        var configuration = try configuration(folder, output: "out", jobs: 1)
        configuration.keepDropped = true
        _ = try Pipeline(configuration).run()
        let files = folder.contents(of: "out")
        #expect(String(decoding: files["_dropped/b.txt"] ?? Data(), as: UTF8.self).hasPrefix("# dropped: empty"))
        #expect(files["b.txt"] == nil)
    }

    @Test func outputFolderInsideTheInputIsNotRead() throws {
        let folder = TemporaryFolder()
        folder.write("in/a.txt", "Real text.\n")
        let configuration = try configuration(folder, output: "in/out", jobs: 1)
        _ = try Pipeline(configuration).run()
        let second = try Pipeline(configuration).run()
        #expect(second.read + second.unchanged == 1)
    }

    @Test func missingInputFolderIsAClearError() throws {
        let folder = TemporaryFolder()
        #expect(throws: DocumentError.self) { try Pipeline(configuration(folder, output: "out", jobs: 1)).run() }
    }
}

/// A test stage that fails documents containing "FAIL".
struct FailOnWord: Stage {
    static let name = "fail-on-word"
    static let summary = "Fails documents that contain FAIL."
    init(options: NoOptions, context: StageContext) {}
    mutating func process(_ document: inout Document) throws -> Disposition {
        if document.text.contains("FAIL") { throw DocumentError("found FAIL in the text") }
        return .keep
    }
}
