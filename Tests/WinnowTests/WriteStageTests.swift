import Foundation
import Testing
@testable import Winnow

/// The `write` stage's formats, layouts and safety, through real runs.
@Suite struct WriteStageTests {
    func run(_ folder: TemporaryFolder, write: String, jobs: Int = 1, output: String = "out") throws -> RunReport {
        let configuration = try PipelineLoader().load(
            yaml: "version: 1\ninput: in\noutput: \(output)\nstages:\n  - read\n  - write: \(write)\n",
            file: "p.yml", baseFolder: folder.path, overrides: .init(jobs: jobs))
        return try Pipeline(configuration).run()
    }

    func corpus(_ folder: TemporaryFolder, count: Int = 3) {
        for index in 0..<count {
            folder.write("in/news/page\(index).txt", "Headline \(index)\n\nFirst paragraph of page \(index).\n\nSecond paragraph.\n")
        }
    }

    @Test func writesEveryFormatBesideEachOther() throws {
        let folder = TemporaryFolder()
        corpus(folder)
        let report = try run(folder, write: "{formats: [txt, markdown, json, jsonl], front-matter: true}")
        #expect(report.written == 3)
        let files = folder.contents(of: "out")
        #expect(String(decoding: files["news/page0.txt"] ?? Data(), as: UTF8.self) == "Headline 0\n\nFirst paragraph of page 0.\n\nSecond paragraph.\n")
        #expect(String(decoding: files["news/page0.md"] ?? Data(), as: UTF8.self) == "Headline 0\n\nFirst paragraph of page 0.\n\nSecond paragraph.\n")
        let json = try JSONSerialization.jsonObject(with: files["news/page1.json"] ?? Data()) as? [String: Any]
        #expect(json?["id"] as? String == "news/page1.txt")
        #expect((json?["blocks"] as? [[String: Any]])?.count == 3)
        let parts = files.keys.filter { $0.hasPrefix("part-w00-") }
        #expect(parts == ["part-w00-00000.jsonl"])
        let lines = String(decoding: files["part-w00-00000.jsonl"] ?? Data(), as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 3)
        let manifest = String(decoding: files["_manifest.jsonl"] ?? Data(), as: UTF8.self)
        #expect(manifest.contains("\"outputs\":[\"news/page0.txt\",\"news/page0.md\",\"news/page0.json\",\"part-w00-00000.jsonl\"]"))
    }

    @Test func jsonlPartsRotateCompressAndHoldEveryDocumentOnce() throws {
        let folder = TemporaryFolder()
        corpus(folder, count: 40)
        _ = try run(folder, write: "{formats: [jsonl], jsonl-part-bytes: 2048, jsonl-compress: true}", jobs: 2)
        let files = folder.contents(of: "out")
        let parts = files.keys.filter { $0.hasSuffix(".jsonl.gz") }.sorted()
        #expect(parts.count > 2)
        var ids: [String] = []
        for part in parts {
            let inflated = try HTMLInputBridge.inflate([UInt8](files[part]!))
            for line in String(decoding: inflated, as: UTF8.self).split(separator: "\n") {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                ids.append(object?["id"] as? String ?? "")
            }
        }
        #expect(ids.sorted() == (0..<40).map { "news/page\($0).txt" }.sorted())
        #expect(!files.keys.contains { $0.hasSuffix(".tmp") })
    }

    @Test func rerunWithFewerWorkersLeavesNoStaleParts() throws {
        let folder = TemporaryFolder()
        corpus(folder, count: 20)
        folder.write("out/part-w03-00000.jsonl", "{\"id\":\"left by a run with four workers\"}\n")
        folder.write("out/part-w00-00001.jsonl", "{\"id\":\"left by a larger run\"}\n")
        folder.write("out/notes.jsonl", "kept: not a part\n")
        _ = try run(folder, write: "{formats: [jsonl]}", jobs: 1)
        #expect(folder.contents(of: "out")["notes.jsonl"] != nil)
        let parts = folder.contents(of: "out").keys.filter { $0.hasPrefix("part-") }
        #expect(parts == ["part-w00-00000.jsonl"])
        #expect(String(decoding: folder.contents(of: "out")["part-w00-00000.jsonl"] ?? Data(), as: UTF8.self).split(separator: "\n").count == 20)
    }

    @Test func flatLayoutEscapesFolders() throws {
        let folder = TemporaryFolder()
        corpus(folder, count: 1)
        folder.write("in/a%b.txt", "Percent.\n")
        _ = try run(folder, write: "{formats: [txt], layout: flat}")
        let names = Set(folder.contents(of: "out").keys.filter { !$0.hasPrefix("_") })
        #expect(names == ["news%2Fpage0.txt", "a%25b.txt"])
    }

    @Test func pathsLeavingTheOutputFolderAreRefused() {
        let folder = TemporaryFolder()
        for bad in ["../escape.txt", "/etc/passwd", "a/../../b.txt", "a//b.txt", "./a.txt", String(repeating: "x", count: 300) + ".txt"] {
            #expect(throws: DocumentError.self) { try OutputPath.writeAtomically(Data("x".utf8), to: bad, in: folder.path) }
        }
        #expect(!FileManager.default.fileExists(atPath: (folder.path as NSString).deletingLastPathComponent + "/escape.txt"))
    }

    @Test func aFailedWriteLeavesNoPartialFile() throws {
        let folder = TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path + "/out/taken.txt/inner", withIntermediateDirectories: true)
        #expect(throws: DocumentError.self) { try OutputPath.writeAtomically(Data("text".utf8), to: "taken.txt", in: folder.path + "/out") }
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/out")
        #expect(left == ["taken.txt"])
    }

    @Test func unknownFormatIsAConfigurationErrorNamingTheChoices() {
        do {
            _ = try PipelineLoader().load(yaml: "version: 1\ninput: in\noutput: out\nstages:\n  - write: {formats: [md]}\n", file: "p.yml", baseFolder: "/")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("no value 'md'"))
            #expect(error.description.contains("markdown"))
        }
    }
}

/// Links found by the HTML reader, written into markdown on request.
@Suite struct MarkdownLinkTests {
    @Test func linksAreResolvedAgainstTheCanonicalURLAndWrittenInline() throws {
        let html = """
            <html><head><link rel="canonical" href="https://news.example/world/rivers.html"></head><body>
            <p>Read the <a href="/reports/2024.pdf">full report [PDF]</a> or the <a href="https://other.example/x (1)">summary</a>.</p>
            <p>No <a href="#top">anchors</a> or <a href="javascript:void(0)">scripts</a>.</p></body></html>
            """
        let page = try WinnowHTMLBridge.parse(html)
        let blocks = HTMLBlocks.blocks(of: page)
        #expect(blocks[0].links == [
            Block.Link(text: "full report [PDF]", url: "https://news.example/reports/2024.pdf"),
            Block.Link(text: "summary", url: "https://other.example/x%20(1)"),
        ])
        #expect(blocks[1].links.isEmpty)
        var document = Document(id: "a.html", source: .init(path: "/a.html"), blocks: blocks)
        document.kind = .html
        #expect(MarkdownWriter.render(document, frontMatter: false, links: true) == """
            Read the [full report \\[PDF\\]](https://news.example/reports/2024.pdf) or the [summary](<https://other.example/x%20(1)>).

            No anchors or scripts.

            """)
        #expect(!MarkdownWriter.render(document, frontMatter: false).contains("]("))
    }
}
