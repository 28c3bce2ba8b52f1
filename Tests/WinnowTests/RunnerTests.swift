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
        let a = folder.contents(of: "out1"), b = folder.contents(of: "out4")
        #expect(a.count == 60)
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
        #expect(folder.contents(of: "out").count == 9)
        #expect(report.summary.contains("10 read, 9 written, 0 dropped, 1 failed"))
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
