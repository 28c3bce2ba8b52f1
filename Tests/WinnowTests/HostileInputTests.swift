import Foundation
import Testing
import WinnowHTML
import WinnowTesting
@testable import Winnow

/// Hostile input, at the level of the stages and the runner: every case ends in a correct
/// document or a clear per-document error, never a trap, a hang or a silently lost file. Big
/// inputs are generated in a temporary folder and removed at once. The same cases, all in one
/// folder and through the real executable, are in `EndToEndTests/HostileRunTests`.
@Suite struct HostileInputTests {
    /// What became of one input: the kept text, or the error of the stage that failed.
    enum Result {
        case text(String, Document)
        case failed(stage: String, message: String)

        var text: String? { if case .text(let text, _) = self { return text } else { return nil } }
        var error: String? { if case .failed(_, let message) = self { return message } else { return nil } }
    }

    /// Runs `read` (from bytes, as a file named `id`), `strip` and `normalize`.
    static func process(_ bytes: [UInt8], id: String, read options: String = "") throws -> Result {
        let reader = try StageHarness<ReadStage>(options: options)
        var document = Document(id: id, source: .init(path: "/in/" + id, size: bytes.count), keepTrace: true)
        do {
            try reader.stage.read(bytes, into: &document)
        } catch {
            return .failed(stage: "read", message: "\(error)")
        }
        var strip = try StageHarness<StripStage>()
        var normalize = try StageHarness<NormalizeStage>()
        (document, _) = try strip.run(document)
        (document, _) = try normalize.run(document)
        return .text(document.text, document)
    }

    /// The text `read` makes of the bytes (before the stripper judges it), or the error.
    static func readText(_ bytes: [UInt8], id: String) throws -> Result {
        let reader = try StageHarness<ReadStage>()
        var document = Document(id: id, source: .init(path: "/in/" + id, size: bytes.count))
        do {
            try reader.stage.read(bytes, into: &document)
        } catch {
            return .failed(stage: "read", message: "\(error)")
        }
        return .text(document.blocks.map(\.text).joined(separator: "\n\n"), document)
    }

    // MARK: empty, binary, encodings

    @Test func emptyAndWhitespaceOnlyFiles() throws {
        for bytes in [[], Array(" \n\t\r\n  ".utf8)] as [[UInt8]] {
            let html = try Self.process(bytes, id: "a.html")
            #expect(html.error?.contains("input is empty") == true, "\(html)")
            let text = try Self.process(bytes, id: "a.txt")
            #expect(text.text == "", "an empty text file has no text, and the writer drops it as empty")
        }
    }

    @Test func binaryFilesFailWithTheirKind() throws {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52] + Array(repeating: 7, count: 64)
        let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0] + Array("page.html".utf8) + Array(repeating: 0, count: 32)
        let elf: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + Array(repeating: 0, count: 56)
        for (bytes, kind) in [(png, "PNG image"), (zip, "ZIP archive"), (elf, "ELF executable")] {
            let html = try Self.process(bytes, id: "a.html")
            #expect(html.error?.contains(kind) == true, "\(html)")
            let text = try Self.process(bytes, id: "a.txt")
            #expect(text.error?.contains("binary") == true, "\(text)")
            let unnamed = try Self.process(bytes, id: "a.bin")
            #expect(unnamed.error?.contains("binary") == true, "\(unnamed)")
        }
    }

    @Test func invalidAndOverlongUTF8DecodesWithoutTrapping() throws {
        let overlong: [[UInt8]] = [[0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xF0, 0x80, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFF], [0xC3]]
        for bad in overlong {
            let body = Array("Caf".utf8) + [0xE9] + Array(" au lait, with a long sentence of words to keep ".utf8) + bad + Array(" and more words after it.".utf8)
            let text = try Self.readText(body, id: "a.txt")
            #expect(text.text?.contains("Café au lait") == true, "\(bad): \(text)")
            #expect(throws: Never.self) { try Self.process(body, id: "a.txt") }
            let html = try Self.process(Array("<html><body><article><p>".utf8) + body + Array("</p></article></body></html>".utf8), id: "a.html")
            #expect(html.text?.contains("au lait") == true, "\(bad): \(html)")
        }
    }

    @Test func utf16WithoutAByteOrderMarkIsDecoded() throws {
        let page = "<html><body><article><p>Grüße aus Köln, a paragraph long enough to be kept as the page's content.</p></article></body></html>"
        let little = page.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big = page.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        for bytes in [little, big] {
            let html = try Self.process(bytes, id: "a.html")
            #expect(html.text?.contains("Grüße aus Köln") == true, "\(html)")
        }
        let text = "Grüße aus Köln, a paragraph long enough to be kept as the page's content.\n"
        let result = try Self.readText(text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, id: "a.txt")
        #expect(result.text?.contains("Grüße aus Köln") == true, "\(result)")
    }

    @Test func nulBytesFailEarlyOrAreRemoved() throws {
        let early = Array("<p>a".utf8) + [0, 0, 0] + Array("b</p>".utf8)
        #expect(try Self.process(early, id: "a.html").error?.contains("NUL bytes") == true)
        #expect(try Self.process(early, id: "a.txt").error?.contains("NUL bytes") == true)
        // NUL bytes past the first kilobytes: the page reads, and no NUL reaches the text.
        let filler = String(repeating: "A sentence of filler words that keeps the page going. ", count: 100)
        let late = Array("<html><body><article><p>\(filler)</p><p>after".utf8) + [0] + Array(" the nul byte, more words follow here.</p></article></body></html>".utf8)
        let html = try Self.process(late, id: "a.html")
        #expect(html.text.map { !$0.contains("\0") } ?? (html.error != nil), "\(html)")
        let lateText = Array("\(filler)\n\nafter".utf8) + [0] + Array(" the nul byte\n".utf8)
        let text = try Self.process(lateText, id: "a.txt")
        #expect(text.text.map { !$0.contains("\0") } == true, "\(text)")
        #expect(try Self.readText(lateText, id: "a.txt").text?.contains("after") == true)
    }

    // MARK: size, depth, nodes, attributes

    @Test func aFileOverMaxBytesIsRefusedWithoutBeingRead() throws {
        let folder = TemporaryFolder()
        let path = folder.path + "/huge.html"
        let descriptor = open(path, O_WRONLY | O_CREAT, 0o644)
        #expect(ftruncate(descriptor, 200 << 20) == 0)  // 200 MB, sparse: no disk used
        close(descriptor)
        var reader = try StageHarness<ReadStage>()
        var document = Document(id: "huge.html", source: .init(path: path, size: 200 << 20))
        let clock = ContinuousClock.now
        #expect { _ = try reader.stage.process(&document) } throws: { "\($0)".contains("larger than max-bytes (209715200 bytes") }
        #expect(ContinuousClock.now - clock < .seconds(1), "refused by its size, not read")
    }

    @Test func elementsNestedAHundredThousandDeepAreCutAtMaxDepth() throws {
        let page = String(repeating: "<div>", count: 100_000) + "deep text" + String(repeating: "</div>", count: 100_000)
        let result = try Self.process(Array(("<html><body><p>Shallow paragraph, long enough to be kept as content of the page.</p>" + page).utf8), id: "a.html")
        guard case .text(let text, let document) = result else { Issue.record("\(result)"); return }
        #expect(document.html?.truncatedDepth == true)
        #expect(text.contains("Shallow paragraph"))
    }

    @Test func anElementWithAMillionAttributesFailsFast() throws {
        var page = "<html><body><div"
        page.reserveCapacity(12 << 20)
        for index in 0..<1_000_000 { page += " a\(index)=x" }
        page += ">text</div></body></html>"
        let clock = ContinuousClock.now
        let result = try Self.process(Array(page.utf8), id: "a.html")
        #expect(result.error?.contains("more than 1000 attributes") == true, "\(result)")
        #expect(ContinuousClock.now - clock < .seconds(30), "libxml2 alone would take hours")
        // Quoted values with spaces, and scripts full of '<', do not count as attributes or tags.
        let quoted = "<html><body><p title=\"" + String(repeating: "w ", count: 5_000) + "\">Kept text of a paragraph that is long enough.</p><script>"
            + String(repeating: "if (a <b c d e) {} ", count: 2_000) + "</script></body></html>"
        #expect(try Self.process(Array(quoted.utf8), id: "a.html").text?.contains("Kept text") == true)
    }

    @Test func moreStartTagsThanMaxNodesFailBeforeParsing() throws {
        let page = "<html><body>" + String(repeating: "<b>x</b>", count: 2_000)
        let result = try Self.process(Array(page.utf8), id: "a.html", read: "max-nodes: 1000")
        #expect(result.error?.contains("more than 1000 nodes") == true, "\(result)")
        #expect(throws: HTMLParseError.tooManyNodes(limit: 1000)) {
            try HTMLParser.parse(Array(page.utf8), limits: HTMLParseLimits(maxNodes: 1000))
        }
    }

    // MARK: entities

    @Test func externalEntitiesAndEntityBombsNeverExpand() throws {
        let folder = TemporaryFolder()
        let marker = "SECRET-" + UUID().uuidString
        folder.write("secret.txt", marker + "\n")
        let secret = folder.path + "/secret.txt"
        var bomb = "<!ENTITY lol \"lol\">"
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            bomb += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">"
        }
        let xhtml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE html [
              <!ENTITY xxe SYSTEM "file://\(secret)">
              <!ENTITY xxe2 SYSTEM "\(secret)">
              <!ENTITY % pe SYSTEM "file://\(secret)"> %pe;
              \(bomb)
            ]>
            <html xmlns="http://www.w3.org/1999/xhtml"><head><title>t &xxe;</title></head>
            <body><article><p>Before &xxe; and &xxe2; after, a paragraph long enough to be kept as content.</p>
            <p>Laughs: &lol9; end of the second paragraph of the page, also long enough.</p>
            <img src="file://\(secret)"/><iframe src="\(secret)"></iframe></article></body></html>
            """
        for id in ["a.xhtml", "a.html", "a.xhtml.gz"] {
            let bytes = id.hasSuffix(".gz") ? try Gzip.compress(Array(xhtml.utf8)) : Array(xhtml.utf8)
            let result = try Self.process(bytes, id: id)
            guard case .text(let text, let document) = result else { Issue.record("\(id): \(result)"); continue }
            #expect(!text.contains(marker) && !text.contains("SECRET"), "\(id)")
            #expect(text.utf8.count < 10_000, "\(id): the entity bomb did not expand")
            #expect(text.contains("after, a paragraph"), "\(id)")
            let json = String(decoding: DocumentJSON.encode(document, includeTrace: true), as: UTF8.self)
            #expect(!json.contains(marker), "\(id): not even in the trace or metadata")
        }
    }

    // MARK: gzip

    @Test func aGzipFileThatInflatesPastTheCapFails() throws {
        let stream = try Gzip.Stream(level: 1)
        var gzip: [UInt8] = try stream.compress(Array("<html><body><p>".utf8))
        let chunk = [UInt8](repeating: 0x41, count: 1 << 20)
        for _ in 0..<8 { gzip += try stream.compress(chunk) }
        gzip += try stream.finish()
        let result = try Self.process(gzip, id: "a.html.gz", read: "max-inflated-bytes: 1048576")
        #expect(result.error?.contains("inflates past 1048576 bytes") == true, "\(result)")
        let corrupt = Array(gzip.prefix(gzip.count / 2))
        #expect(try Self.process(corrupt, id: "b.html.gz").error?.contains("gzip data is truncated") == true)
    }

    // MARK: time

    @Test func aDocumentPastMaxSecondsFailsAndTheRunGoesOn() throws {
        let folder = TemporaryFolder()
        folder.write("in/a-slow.txt", "Slow document text.\n")
        folder.write("in/b-fast.txt", "Fast document text.\n")
        var registry = StageRegistry.builtIn
        registry.register(SlowStage.self)
        let configuration = try PipelineLoader(registry: registry).load(yaml: """
            version: 1
            input: in
            output: out
            limits: {max-seconds: 0.3}
            concurrency: {jobs: 1}
            stages: [read, slow, write]
            """, file: "p.yml", baseFolder: folder.path)
        #expect(configuration.maxSeconds == 0.3)
        let report = try Pipeline(configuration).run()
        #expect(report.written == 1)
        #expect(report.failures.count == 1)
        #expect(report.failures.first?.id == "a-slow.txt")
        #expect(report.failures.first?.stage == "slow")
        #expect(report.failures.first?.message.contains("processing took longer than 0.3 s") == true, "\(report.failures)")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/out/b-fast.txt"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out/a-slow.txt"))
    }

    @Test func theTreeCopyStopsAtTheDeadline() throws {
        let page = Array(("<html><body>" + String(repeating: "<p>word</p>", count: 50_000) + "</body></html>").utf8)
        #expect(throws: HTMLParseError.tookTooLong(seconds: 1e-6)) {
            try ProcessingDeadline.run(seconds: 1e-6) {
                usleep(1_000)
                _ = try HTMLParser.parse(page)
            }
        }
        #expect(throws: Never.self) { _ = try HTMLParser.parse(page) }  // no deadline outside run(seconds:)
        #expect(ProcessingDeadline.Exceeded(seconds: 60).description.contains("longer than 60 s"))
    }

    @Test func limitsAreValidatedWithTheirPlace() throws {
        func diagnostics(_ limits: String) -> [String] {
            do {
                _ = try PipelineLoader().load(yaml: "version: 1\ninput: in\noutput: out\n\(limits)\nstages: [read, write]\n", file: "p.yml", baseFolder: "/tmp")
                return []
            } catch {
                return error.diagnostics.map(\.description)
            }
        }
        #expect(diagnostics("limits: {max-secs: 5}").first?.contains("p.yml:4:10: error: unknown limits key 'max-secs'") == true, "\(diagnostics("limits: {max-secs: 5}"))")
        #expect(diagnostics("limits: {max-seconds: -1}").first?.contains("p.yml:4:") == true)
        #expect(diagnostics("limits: 5").first?.contains("'limits' must be a mapping") == true)
        let defaults = try PipelineLoader().load(yaml: "version: 1\ninput: in\noutput: out\nstages: [read]\n", file: "p.yml", baseFolder: "/tmp")
        #expect(defaults.maxSeconds == 60)
        let none = try PipelineLoader().load(yaml: "version: 1\ninput: in\noutput: out\nlimits: {max-seconds: 0}\nstages: [read]\n", file: "p.yml", baseFolder: "/tmp")
        #expect(none.maxSeconds == nil)
    }

    // MARK: the input folder

    @Test func namesThatAreNotUTF8AndSymlinkLoopsAreReportedNotLost() throws {
        let folder = TemporaryFolder()
        folder.write("in/good.txt", "Good text.\n")
        let bad = Array((folder.path + "/in/bad").utf8) + [0xFF] + Array(".txt".utf8) + [0]
        let descriptor = bad.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_WRONLY | O_CREAT, 0o644) }
        #expect(descriptor >= 0)
        close(descriptor)
        #expect(symlink("loop-b.txt", folder.path + "/in/loop-a.txt") == 0)
        #expect(symlink("loop-a.txt", folder.path + "/in/loop-b.txt") == 0)
        #expect(symlink("missing.txt", folder.path + "/in/dangling.txt") == 0)
        #expect(symlink("..", folder.path + "/in/up") == 0)  // a folder link: never followed
        let configuration = try PipelineLoader().load(yaml: "version: 1\ninput: in\noutput: out\nstages: [read, write]\n", file: "p.yml", baseFolder: folder.path)
        let report = try Pipeline(configuration).run()
        #expect(report.written == 1)
        let problems = report.problems.joined(separator: "\n")
        #expect(problems.contains("its name is not valid UTF-8"), "\(problems)")
        #expect(problems.contains("loop-a.txt: the symbolic link loops"), "\(problems)")
        #expect(problems.contains("loop-b.txt: the symbolic link loops"), "\(problems)")
        #expect(problems.contains("dangling.txt: the symbolic link leads nowhere"), "\(problems)")
        let run = String(decoding: FileManager.default.contents(atPath: folder.path + "/out/_run.json") ?? Data(), as: UTF8.self)
        #expect(run.contains("not valid UTF-8"), "the problems are in _run.json")
    }

    @Test func filesThatVanishOrChangeDuringTheRun() throws {
        let folder = TemporaryFolder()
        folder.write("in/a.txt", "First document, which changes the others.\n")
        folder.write("in/b.txt", "Second document, deleted before it is read.\n")
        folder.write("in/c.txt", "Third document, old text.\n")
        var registry = StageRegistry.builtIn
        registry.register(MeddlingStage.self)
        let configuration = try PipelineLoader(registry: registry).load(yaml: """
            version: 1
            input: in
            output: out
            concurrency: {jobs: 1}
            stages: [meddle, read, write]
            """, file: "p.yml", baseFolder: folder.path)
        let report = try Pipeline(configuration).run()
        #expect(report.written == 2)
        #expect(report.failures.map(\.id) == ["b.txt"])
        #expect(report.failures.first?.message.contains("cannot open") == true, "\(report.failures)")
        let c = String(decoding: FileManager.default.contents(atPath: folder.path + "/out/c.txt") ?? Data(), as: UTF8.self)
        #expect(c.contains("new text"), "the bytes read are the ones processed")
        let manifest = ManifestState.load(folder: folder.path + "/out")
        #expect(manifest.entries["c.txt"]?.sha256 == Digest.sha256(Data("Third document, new text, longer than before.\n".utf8)))
    }
}

/// A stage that takes half a second.
struct SlowStage: Stage {
    struct Options: StageOptions {
        static let fields: [OptionField] = []
        init(from values: OptionValues) {}
    }
    static let name = "slow"
    static let summary = "Sleeps on documents named slow."
    init(options: Options, context: StageContext) {}
    mutating func process(_ document: inout Document) throws -> Disposition {
        if document.id.contains("slow") { usleep(500_000) }
        return .keep
    }
}

/// A stage that, on `a.txt`, deletes `b.txt` and rewrites `c.txt` (inputs changing under a run).
struct MeddlingStage: Stage {
    struct Options: StageOptions {
        static let fields: [OptionField] = []
        init(from values: OptionValues) {}
    }
    static let name = "meddle"
    static let summary = "Changes the input folder during a run."
    let folder: String
    init(options: Options, context: StageContext) { folder = context.inputFolder }
    mutating func process(_ document: inout Document) throws -> Disposition {
        if document.id == "a.txt" {
            try? FileManager.default.removeItem(atPath: folder + "/b.txt")
            _ = FileManager.default.createFile(atPath: folder + "/c.txt", contents: Data("Third document, new text, longer than before.\n".utf8))
        }
        return .keep
    }
}
