import Foundation
import Testing
@testable import Winnow

/// The run report: sections, charts, failures, explain pages, escaping.
@Suite struct RunReportPageTests {
    /// A run folder written by hand: three documents (written with a traced json output, dropped,
    /// failed with a hostile message), and `_timings.jsonl` unless `timings` is false.
    func runFolder(timings: Bool = true) throws -> TemporaryFolder {
        let folder = TemporaryFolder()
        let hostileID = "news/\(HostileText.attribute).html"
        folder.write("_run.json", """
            {"bytes": 30000, "documents": 3, "dropped": 1, "droppedByReason": {"empty": 1}, "failed": 1, "fixes": {},
             "input": "/in", "jobs": 2, "megabytesPerSecond": 0.1, "output": "/out", "pagesPerSecond": 10.5,
             "pipeline": "abc", "pipelineFile": "Pipelines/default.yml", "problems": [],
             "removalsByReason": {"navigation": 4, "footer": 1}, "seconds": 0.3, "started": "2026-11-29T10:00:00Z",
             "winnow": "0.1.0", "written": 1}
            """)
        folder.write("_manifest.jsonl", """
            {"id":"news/a.html","outputs":["news/a.txt","news/a.json"],"path":"/in/news/a.html","pipeline":"abc","sha256":"1","size":10000,"status":"written","winnow":"0.1.0"}
            {"id":"news/b.html","outputs":[],"path":"/in/news/b.html","pipeline":"abc","reason":"empty","sha256":"2","size":900,"stage":"write","status":"dropped","winnow":"0.1.0"}
            {"error":"\(HostileText.markup.replacingOccurrences(of: "\"", with: "\\\""))","id":"\(hostileID.replacingOccurrences(of: "\"", with: "\\\""))","outputs":[],"path":"/in/x","pipeline":"abc","sha256":"3","size":8,"stage":"read","status":"failed","winnow":"0.1.0"}

            """)
        var errors: [String: String] = ["id": hostileID, "path": "/in/x", "stage": "read", "message": HostileText.markup]
        errors["path"] = "/in/x"
        folder.write("_errors.jsonl", String(decoding: try JSONSerialization.data(withJSONObject: errors, options: [.sortedKeys]), as: UTF8.self) + "\n")
        if timings {
            folder.write("_timings.jsonl", """
                {"id":"news/a.html","path":"/in/news/a.html","status":"written","start":0.0,"seconds":0.25,"bytes":10000}
                {"id":"news/b.html","path":"/in/news/b.html","status":"dropped","start":0.01,"seconds":0.02,"bytes":900}
                {"id":"\(hostileID.replacingOccurrences(of: "\"", with: "\\\""))","path":"/in/x","status":"failed","start":0.02,"seconds":0.001,"bytes":8}

                """)
        }
        var document = Document(id: "news/a.html", source: .init(path: "/in/news/a.html", size: 10000), kind: .html, keepTrace: true)
        var block = Block(.paragraph, "The article's text " + HostileText.markup)
        block.origin = 1
        document.blocks = [block]
        document.trace.record(stage: "strip", reason: "navigation", detail: "p=0.05", text: "Home", kind: .listItem, position: 0)
        document.metadata.title = .init("A title", source: .jsonLD)
        folder.write("news/a.json", DocumentJSON.encode(document, includeTrace: true))
        return folder
    }

    @Test func reportShowsEverySectionWithChartsAndLinksExplainPages() throws {
        let folder = try runFolder()
        let page = try RunReportPage(outputFolder: folder.path)
        let written = try page.write(to: folder.path + "/site/report.html")
        #expect(written.explainPages == 1)
        let html = try String(contentsOfFile: folder.path + "/site/report.html", encoding: .utf8)
        let view = try ParsedView(html)
        #expect(view.elements("h1").count == 1)
        let headings = view.elements("h2").map { view.text($0) }
        for expected in ["Summary", "Documents by status", "Dropped documents by reason", "Removals by reason", "Throughput over time", "Slowest documents", "Failures (1)", "Documents"] {
            #expect(headings.contains(expected), "missing section \(expected): \(headings)")
        }
        // Inline SVG charts, each with a title and a description naming every value.
        let charts = view.elements("svg")
        #expect(charts.count == 4)
        for chart in charts { #expect(view.page.attribute("role", of: chart) == "img") }
        #expect(html.contains("<desc id=\"chart-status-desc\">written: 1 (33.33%); dropped: 1 (33.33%); failed: 1 (33.33%)</desc>"))
        #expect(html.contains("<desc id=\"chart-dropped-desc\">empty: 1</desc>"))
        // The slowest document first; the failure with its message as text.
        #expect(view.element(id: "slowest-heading") != nil)
        let rows = view.elements("tr").map { view.text($0) }
        #expect(rows.contains { $0.hasPrefix("news/a.html written 0.250") })
        #expect(rows.contains { $0.contains("read") && $0.contains("<script>document.body") })
        // The explain page exists, is linked, and links back.
        let link = try #require(view.attributes.first { $0.0 == "a" && $0.1 == "href" && $0.2.hasPrefix("report-explain/") }?.2)
        let explain = try String(contentsOfFile: folder.path + "/site/" + link, encoding: .utf8)
        let explainView = try ParsedView(explain)
        #expect(explainView.attributes.contains { $0 == ("a", "href", "../report.html") })
        #expect(explainView.withClass("removed").count == 1)
        #expect(explainView.activeContent.isEmpty)
        #expect(view.activeContent.isEmpty, "\(view.activeContent)")
        #expect(!html.contains("<script") && !html.contains("<img"))
    }

    @Test func withoutTimingsTheThroughputChartIsReplacedByANote() throws {
        let folder = try runFolder(timings: false)
        let html = try RunReportPage(outputFolder: folder.path).render()
        let view = try ParsedView(html)
        #expect(view.elements("svg").count == 3)
        #expect(html.contains("has no _timings.jsonl"))
        #expect(view.elements("h2").contains { view.text($0) == "Throughput over time" })
    }

    @Test func withoutTracesThereAreNoExplainPages() throws {
        let folder = try runFolder()
        var document = Document(id: "news/a.html", source: .init(path: "/in/news/a.html"), kind: .html)
        document.blocks = [Block(.paragraph, "Text")]
        folder.write("news/a.json", DocumentJSON.encode(document, includeTrace: false))
        let written = try RunReportPage(outputFolder: folder.path).write(to: folder.path + "/report.html")
        #expect(written.explainPages == 0 && written.explainFolder == nil)
        #expect(try String(contentsOfFile: folder.path + "/report.html", encoding: .utf8).contains("run with <code>--trace</code>"))
    }

    @Test func aFolderThatIsNoRunIsRefused() {
        let folder = TemporaryFolder()
        #expect(throws: DocumentError.self) { try RunReportPage(outputFolder: folder.path) }
    }

    @Test func explainFileNamesAreSafeAndDistinct() {
        let a = RunReportPage.explainFileName(for: "news/a b.html"), b = RunReportPage.explainFileName(for: "news/a-b.html")
        #expect(a != b)
        #expect((a + b).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") })
        #expect(!RunReportPage.isInside("../etc/passwd") && !RunReportPage.isInside("/etc/passwd") && RunReportPage.isInside("news/a.json"))
    }
}
