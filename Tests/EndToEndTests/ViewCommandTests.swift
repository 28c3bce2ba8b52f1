import Foundation
import Testing

/// `winnow explain` and `winnow report` on real pages and a real traced run.
@Suite struct ViewCommandTests {
    /// How often `needle` occurs in `text`.
    func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// Checks what every view must be: self-contained, script-free, with the policy.
    func expectSelfContained(_ html: String, _ name: String) {
        #expect(html.hasPrefix("<!DOCTYPE html>"), "\(name)")
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"), "\(name)")
        #expect(!html.contains("<script"), "\(name) holds a script")
        for external in [" src=", "<link", "url(", "@import"] { #expect(!html.contains(external), "\(name) loads \(external)") }
    }

    @Test func explainWritesAPageForAnHTMLPageAndATextPage() throws {
        let folder = WinnowProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for page in ["Samples/html/news/battery-train-order.html", "Samples/text/news/battery-train-order.txt"] {
            let output = folder + "/" + (page as NSString).lastPathComponent + ".explain.html"
            let result = try WinnowProcess.run(["explain", page, "-o", output])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("blocks kept"))
            let html = try String(contentsOfFile: output, encoding: .utf8)
            expectSelfContained(html, page)
            #expect(html.contains("<h2 id=\"legend-heading\">Legend</h2>"))
            #expect(html.contains("<input type=\"checkbox\" id=\"hide-removed\">"))
            #expect(count("<li class=\"block kept", in: html) >= 10)
            #expect(count("<li class=\"block removed", in: html) >= 5)
            #expect(html.contains("data-reason=\"rule\""), "the default rules removed nothing in \(page)")
            #expect(html.contains("read → rules → strip → normalize"))
            #expect(html.contains("<h2 id=\"metadata-heading\">Metadata</h2>") && html.contains("source: "))
        }
    }

    @Test func explainRunsThePipelineFileStagesAndFailsOnAMissingPage() throws {
        let folder = WinnowProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let pipeline = folder + "/p.yml"
        try "version: 1\ninput: in\noutput: out\nstages:\n  - read\n  - rules: {drop-blocks: ['^By ']}\n  - write\n".write(toFile: pipeline, atomically: true, encoding: .utf8)
        let output = folder + "/e.html"
        let result = try WinnowProcess.run(["explain", "Samples/text/news/battery-train-order.txt", "--pipeline", pipeline, "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOfFile: output, encoding: .utf8)
        #expect(html.contains("<dt>stages</dt><dd>read → rules</dd>"))
        #expect(html.contains("drop-blocks: ^By "))
        let missing = try WinnowProcess.run(["explain", folder + "/none.html", "-o", folder + "/none.explain.html"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("failed in stage 'read'"))
    }

    @Test func reportOnATracedRunLinksAnExplainPagePerDocument() throws {
        let folder = WinnowProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try WinnowProcess.run(["run", "Pipelines/default.yml", "--output", folder + "/out", "--trace", "--jobs", "2"])
        #expect(run.status == 0, "\(run.stderr)")
        let samples = try FileManager.default.subpathsOfDirectory(atPath: WinnowProcess.repository + "/Samples")
            .filter { $0.hasSuffix(".html") || $0.hasSuffix(".txt") }
        let result = try WinnowProcess.run(["report", folder + "/out", "-o", folder + "/site/report.html"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("\(samples.count) explain pages"))
        let html = try String(contentsOfFile: folder + "/site/report.html", encoding: .utf8)
        expectSelfContained(html, "report.html")
        for heading in ["Summary", "Documents by status", "Dropped documents by reason", "Removals by reason", "Throughput over time", "Slowest documents", "Failures (0)", "Documents"] {
            #expect(html.contains("\">\(heading)</h2>"), "missing \(heading)")
        }
        #expect(count("<svg class=\"chart\" role=\"img\"", in: html) >= 2)
        // Throughput needs _timings.jsonl: a chart when the runner wrote it, else a note.
        let timings = FileManager.default.fileExists(atPath: folder + "/out/_timings.jsonl")
        #expect(html.contains("id=\"chart-throughput-title\"") == timings)
        #expect(html.contains("has no _timings.jsonl") == !timings)
        let pages = try FileManager.default.contentsOfDirectory(atPath: folder + "/site/report-explain").filter { $0.hasSuffix(".html") }
        #expect(pages.count == samples.count)
        for page in pages {
            #expect(html.contains("href=\"report-explain/\(page)\""))
            let explain = try String(contentsOfFile: folder + "/site/report-explain/" + page, encoding: .utf8)
            expectSelfContained(explain, page)
            #expect(explain.contains("href=\"../report.html\""))
            #expect(count("<li class=\"block removed", in: explain) >= 1, "\(page) shows no removal")
        }
    }

    /// Chromium on PATH, if any.
    static let chromium: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        .flatMap { ["\($0)/chromium", "\($0)/chromium-browser"] }
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Both views in a real browser: Tools/views/check-in-browser.sh renders them with headless
    /// Chromium and asserts on the DOM it built (sections, legend, block counts, no injected
    /// element from a hostile page) and on screenshots (the CSS-only toggle hides removed text).
    @Test(.enabled(if: chromium != nil, "needs chromium on PATH (Debian: apt-get install chromium)"))
    func viewsRenderInHeadlessChromium() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [WinnowProcess.repository + "/Tools/views/check-in-browser.sh"]
        var environment = ProcessInfo.processInfo.environment
        environment["WINNOW"] = WinnowProcess.executable
        environment["CHROMIUM"] = Self.chromium
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(errors)")
        #expect(output.contains("check-in-browser: all checks passed"), "\(output)")
        #expect(!errors.contains("FAIL:"), "\(errors)")
    }

    @Test func reportOfAFolderThatIsNoRunExits2() throws {
        let folder = WinnowProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try WinnowProcess.run(["report", folder, "-o", folder + "/r.html"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("holds no _run.json or _manifest.jsonl"))
    }
}
