import Foundation

/// A run's picture as one self-contained HTML file: documents by status and drop reason,
/// removals by reason (inline SVG charts), throughput over time, the slowest documents, every
/// failure with its message, and links to per-document explain pages when the run kept traces.
///
/// It reads the run's files in the output folder: `_run.json`, `_manifest.jsonl`,
/// `_errors.jsonl` and, when present, `_timings.jsonl` (one line per document:
/// `{"id", "path", "status", "start", "seconds", "bytes"}`, times in seconds since the run
/// started); without it the throughput chart and slowest documents are left out with a note.
///
/// ``write(to:explainLimit:)`` also writes an explain page (``ExplainPage``) for every written
/// document whose `.json` output (or `.jsonl` line) carries a trace (`winnow run --trace`), into
/// a folder next to the report named after it (`report.html` → `report-explain/`), and links
/// them from the report.
public struct RunReportPage: Sendable {
    /// One document of the run, from the manifest.
    struct Entry {
        var id: String
        var status: String
        var stage: String?
        var reason: String?
        var error: String?
        var outputs: [String]
    }

    /// One `_timings.jsonl` line.
    struct Timing {
        var id: String
        var status: String
        var start: Double
        var seconds: Double
        var bytes: Int
    }

    /// The output folder.
    public let folder: String
    /// `_run.json`, if present.
    let run: [String: JSONValue]
    /// `_manifest.jsonl`, in input order.
    let entries: [Entry]
    /// `_errors.jsonl`.
    let errors: [(id: String, stage: String, message: String)]
    /// `_timings.jsonl`, nil when the folder has none.
    let timings: [Timing]?

    /// Reads the run files of `outputFolder`; fails when it holds neither `_run.json` nor
    /// `_manifest.jsonl`.
    public init(outputFolder: String) throws {
        folder = outputFolder
        func data(_ name: String) -> Data? { FileManager.default.contents(atPath: outputFolder + "/" + name) }
        let runData = data("_run.json"), manifestData = data("_manifest.jsonl")
        guard runData != nil || manifestData != nil else {
            throw DocumentError("\(outputFolder) holds no _run.json or _manifest.jsonl", hint: "give the output folder of a 'winnow run'")
        }
        run = runData.flatMap { try? JSONValue.parse($0).object } ?? [:]
        entries = JSONValue.parseLines(manifestData ?? Data()).compactMap { line in
            guard let id = line["id"]?.string else { return nil }
            return Entry(
                id: id, status: line["status"]?.string ?? "unknown", stage: line["stage"]?.string, reason: line["reason"]?.string,
                error: line["error"]?.string, outputs: line["outputs"]?.array?.compactMap(\.string) ?? [])
        }
        var errors = JSONValue.parseLines(data("_errors.jsonl") ?? Data()).map { line in
            (id: line["id"]?.string ?? "?", stage: line["stage"]?.string ?? "?", message: line["message"]?.string ?? "")
        }
        if errors.isEmpty {
            errors = entries.filter { $0.status == "failed" }.map { ($0.id, $0.stage ?? "?", $0.error ?? "") }
        }
        self.errors = errors
        timings = data("_timings.jsonl").map { bytes in
            JSONValue.parseLines(bytes).compactMap { line in
                guard let id = line["id"]?.string, let seconds = line["seconds"]?.double else { return nil }
                return Timing(id: id, status: line["status"]?.string ?? "unknown", start: line["start"]?.double ?? 0, seconds: seconds, bytes: line["bytes"]?.int ?? 0)
            }
        }
    }

    /// What ``write(to:explainLimit:)`` wrote.
    public struct Written: Sendable {
        /// The report's path.
        public var report: String
        /// The folder of explain pages, when any was written.
        public var explainFolder: String?
        /// How many explain pages were written.
        public var explainPages: Int
    }

    /// Writes the report to `path` and, for traced runs, up to `explainLimit` explain pages into
    /// `<report name>-explain/` next to it.
    public func write(to path: String, explainLimit: Int = 1_000) throws -> Written {
        let reportURL = URL(fileURLWithPath: path)
        let directory = reportURL.deletingLastPathComponent().path
        let name = reportURL.lastPathComponent
        let stem = (name as NSString).deletingPathExtension
        let explainName = stem + "-explain"
        let explainFolder = directory + "/" + explainName
        var links: [String: String] = [:]
        var written = 0
        var parts: [String: [String: [String: JSONValue]]] = [:]
        for entry in entries where entry.status == "written" && written < explainLimit {
            guard let object = tracedDocument(entry, parts: &parts) else { continue }
            let file = Self.explainFileName(for: entry.id)
            if written == 0 {
                try FileManager.default.createDirectory(atPath: explainFolder, withIntermediateDirectories: true)
            }
            let page = ExplainPage(object: object, outcome: .kept, backLink: "../" + Self.percentEncoded(name))
            try Data(page.render().utf8).write(to: URL(fileURLWithPath: explainFolder + "/" + file), options: .atomic)
            links[entry.id] = Self.percentEncoded(explainName) + "/" + file
            written += 1
        }
        let tracedTotal = written < explainLimit ? written : entries.filter { $0.status == "written" }.count
        try Data(render(explainLinks: links, explainLimited: written >= explainLimit && tracedTotal > written).utf8).write(to: reportURL, options: .atomic)
        return Written(report: reportURL.path, explainFolder: written > 0 ? explainFolder : nil, explainPages: written)
    }

    /// The JSON object of a written document when its output carries a trace.
    func tracedDocument(_ entry: Entry, parts: inout [String: [String: [String: JSONValue]]]) -> [String: JSONValue]? {
        for output in entry.outputs where Self.isInside(output) {
            if output.hasSuffix(".json") {
                guard let data = FileManager.default.contents(atPath: folder + "/" + output),
                      let object = try? JSONValue.parse(data).object, object["trace"] != nil
                else { continue }
                return object
            }
            if output.hasSuffix(".jsonl") {
                if parts[output] == nil {
                    var byID: [String: [String: JSONValue]] = [:]
                    for line in JSONValue.parseLines(FileManager.default.contents(atPath: folder + "/" + output) ?? Data()) {
                        if let object = line.object, let id = object["id"]?.string, object["trace"] != nil { byID[id] = object }
                    }
                    parts[output] = byID
                }
                if let object = parts[output]?[entry.id] { return object }
            }
        }
        return nil
    }

    /// Whether an output path from the manifest stays inside the output folder.
    static func isInside(_ relative: String) -> Bool {
        !relative.hasPrefix("/") && !relative.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." || $0.isEmpty }
    }

    /// A file name for a document's explain page: letters, digits and `-` of its id, and a hash
    /// of the id so that different ids never share a name.
    static func explainFileName(for id: String) -> String {
        let readable = HTMLEscaping.token(OutputPath.stem(of: id), limit: 80)
        return readable + "-" + Digest.sha256(id).prefix(10) + ".html"
    }

    /// A path segment with everything but unreserved ASCII percent-encoded.
    static func percentEncoded(_ segment: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        return segment.addingPercentEncoding(withAllowedCharacters: allowed) ?? "report.html"
    }

    /// Counts by status: from the manifest, else from `_run.json`.
    var statusCounts: [(status: String, count: Int)] {
        if !entries.isEmpty {
            var counts: [String: Int] = [:]
            for entry in entries { counts[entry.status, default: 0] += 1 }
            let known = ["written", "dropped", "failed"]
            return known.map { ($0, counts[$0] ?? 0) } + counts.keys.filter { !known.contains($0) }.sorted().map { ($0, counts[$0]!) }
        }
        return ["written", "dropped", "failed"].map { ($0, run[$0]?.int ?? 0) }
    }

    /// Dropped documents per reason.
    var droppedByReason: [String: Int] {
        if !entries.isEmpty {
            var counts: [String: Int] = [:]
            for entry in entries where entry.status == "dropped" { counts[entry.reason ?? "unknown", default: 0] += 1 }
            return counts
        }
        return (run["droppedByReason"]?.object ?? [:]).compactMapValues(\.int)
    }

    /// The report as HTML; `explainLinks` maps document ids to their explain pages.
    public func render(explainLinks: [String: String] = [:], explainLimited: Bool = false) -> String {
        let statuses = statusCounts
        let total = statuses.reduce(0) { $0 + $1.count }
        func percent(_ count: Int) -> String { total == 0 ? "" : " (\(SVGChart.format(Double(count) * 100 / Double(total)))%)" }

        var body = "<header class=\"top\"><div class=\"wrap\"><p class=\"eyebrow\">winnow run report</p>"
        body += "<h1>\(HTMLEscaping.text(run["output"]?.string ?? folder))</h1>"
        var sub: [String] = []
        if let started = run["started"]?.string { sub.append("started " + HTMLEscaping.text(started)) }
        if let file = run["pipelineFile"]?.string { sub.append("pipeline " + HTMLEscaping.text(file)) }
        if let input = run["input"]?.string { sub.append("input " + HTMLEscaping.text(input)) }
        if let version = run["winnow"]?.string { sub.append("winnow " + HTMLEscaping.text(version)) }
        body += "<p class=\"sub\">\(sub.joined(separator: " · "))</p></div></header>\n<main id=\"main\" class=\"layout\">\n"

        // Summary.
        body += "<section class=\"panel wide\" aria-labelledby=\"summary-heading\"><h2 id=\"summary-heading\">Summary</h2><ul class=\"stats\">"
        var stats: [(String, String)] = [("documents", ViewPage.count(total))]
        for (status, count) in statuses { stats.append((status + percent(count), ViewPage.count(count))) }
        if let seconds = run["seconds"]?.double { stats.append(("seconds", SVGChart.format(seconds))) }
        if let jobs = run["jobs"]?.int { stats.append(("jobs", String(jobs))) }
        if let rate = run["pagesPerSecond"]?.double { stats.append(("pages/s", SVGChart.format(rate))) }
        if let rate = run["megabytesPerSecond"]?.double { stats.append(("MB/s", SVGChart.format(rate))) }
        if let bytes = run["bytes"]?.int { stats.append(("input", ViewPage.bytes(bytes))) }
        for (label, value) in stats { body += "<li><span class=\"n\">\(value)</span><span class=\"l\">\(HTMLEscaping.text(label))</span></li>" }
        body += "</ul>"
        let problems = run["problems"]?.array?.compactMap(\.string) ?? []
        if !problems.isEmpty {
            body += "<h3>Problems of the run</h3><ul>" + problems.map { "<li>\(HTMLEscaping.text($0))</li>" }.joined() + "</ul>"
        }
        body += "</section>\n"

        // Status and drop reasons.
        body += "<section class=\"panel\" aria-labelledby=\"status-heading\"><h2 id=\"status-heading\">Documents by status</h2>"
        body += SVGChart.bars(id: "chart-status", title: "Documents by status", bars: statuses.map {
            SVGChart.Bar(label: $0.status, value: Double($0.count), display: ViewPage.count($0.count) + percent($0.count), fill: "bar-" + $0.status)
        })
        body += "</section>\n"
        let dropped = droppedByReason
        body += "<section class=\"panel\" aria-labelledby=\"dropped-heading\"><h2 id=\"dropped-heading\">Dropped documents by reason</h2>"
        if dropped.isEmpty {
            body += "<p class=\"empty\">No document was dropped.</p>"
        } else {
            body += SVGChart.bars(id: "chart-dropped", title: "Dropped documents by reason", bars: Self.sorted(dropped).map {
                SVGChart.Bar(label: $0.key, value: Double($0.value), display: ViewPage.count($0.value), fill: "bar-dropped")
            })
        }
        body += "</section>\n"
        let removals = (run["removalsByReason"]?.object ?? [:]).compactMapValues(\.int)
        if !removals.isEmpty {
            body += "<section class=\"panel wide\" aria-labelledby=\"removals-heading\"><h2 id=\"removals-heading\">Removals by reason</h2>"
            body += SVGChart.bars(id: "chart-removals", title: "Removed blocks and lines by reason", bars: Self.sorted(removals).prefix(20).map {
                SVGChart.Bar(label: $0.key, value: Double($0.value), display: ViewPage.count($0.value), fill: "g-" + ViewPage.group(of: $0.key) + " fill-edge")
            })
            if removals.count > 20 { body += "<p class=\"note\">The 20 most frequent of \(removals.count) reasons.</p>" }
            body += "</section>\n"
        }

        // Throughput and slowest documents.
        body += throughputSection()
        body += slowestSection(links: explainLinks)

        // Failures.
        body += "<section class=\"panel wide\" aria-labelledby=\"failures-heading\"><h2 id=\"failures-heading\">Failures (\(ViewPage.count(errors.count)))</h2>"
        if errors.isEmpty {
            body += "<p class=\"empty\">No document failed.</p>"
        } else {
            body += "<div class=\"scroll\"><table><thead><tr><th scope=\"col\">document</th><th scope=\"col\">stage</th><th scope=\"col\">message</th></tr></thead><tbody>"
            for failure in errors {
                body += "<tr><td>\(HTMLEscaping.text(failure.id))</td><td>\(HTMLEscaping.text(failure.stage))</td><td>\(HTMLEscaping.text(failure.message))</td></tr>"
            }
            body += "</tbody></table></div>"
        }
        body += "</section>\n"

        // Documents with explain pages.
        body += "<section class=\"panel wide\" aria-labelledby=\"documents-heading\"><h2 id=\"documents-heading\">Documents</h2>"
        if explainLinks.isEmpty {
            body += "<p class=\"note\">No explain pages: run with <code>--trace</code> and a <code>json</code> or <code>jsonl</code> output to get one per written document.</p>"
        } else {
            body += "<p class=\"note\">\(ViewPage.count(explainLinks.count)) written documents have an explain page showing every block kept or removed.\(explainLimited ? " Only the first \(explainLinks.count) pages were written (raise --explain-limit)." : "")</p>"
        }
        let shown = entries.prefix(1_000)
        if !shown.isEmpty {
            body += "<div class=\"scroll\"><table><thead><tr><th scope=\"col\">document</th><th scope=\"col\">status</th><th scope=\"col\">stage and reason</th></tr></thead><tbody>"
            for entry in shown {
                body += "<tr><td>\(Self.documentCell(entry.id, links: explainLinks))</td><td class=\"status status-\(HTMLEscaping.token(entry.status))\">\(HTMLEscaping.text(entry.status))</td><td>"
                if let stage = entry.stage { body += HTMLEscaping.text(stage) + ": " + HTMLEscaping.text(entry.reason ?? entry.error ?? "") }
                body += "</td></tr>"
            }
            body += "</tbody></table></div>"
            if entries.count > shown.count { body += "<p class=\"note\">The first \(shown.count) of \(ViewPage.count(entries.count)) documents; the full list is in _manifest.jsonl.</p>" }
        }
        body += "</section>\n</main>\n"
        body += "<footer class=\"foot\">Made by winnow \(HTMLEscaping.text(WinnowVersion.current)) from the run files in \(HTMLEscaping.text(folder)). This page loads nothing and runs no script.</footer>"
        return ViewPage.document(title: "winnow run report", bodyClass: "report", body: body)
    }

    /// The throughput chart: documents finished per second over the run.
    func throughputSection() -> String {
        var html = "<section class=\"panel wide\" aria-labelledby=\"throughput-heading\"><h2 id=\"throughput-heading\">Throughput over time</h2>"
        guard let timings, !timings.isEmpty else {
            return html + "<p class=\"note\">This run folder has no _timings.jsonl (written by newer winnow versions), so throughput over time cannot be shown.</p></section>\n"
        }
        let duration = max(timings.map { $0.start + $0.seconds }.max() ?? 0, 1e-6)
        let count = min(48, max(4, timings.count / 3))
        let width = duration / Double(count)
        var finished = [Double](repeating: 0, count: count)
        for timing in timings {
            let bucket = min(count - 1, max(0, Int((timing.start + timing.seconds) / width)))
            finished[bucket] += 1
        }
        let rates = finished.map { $0 / width }
        html += SVGChart.columns(id: "chart-throughput", title: "Documents finished per second over the run", values: rates, duration: duration, unit: "docs/s")
        let bytes = timings.reduce(0) { $0 + $1.bytes }
        html += "<p class=\"note\">\(ViewPage.count(timings.count)) documents in \(SVGChart.format(duration)) s: \(SVGChart.format(Double(timings.count) / duration)) documents/s and \(SVGChart.format(Double(bytes) / 1e6 / duration)) MB/s on average; each column covers \(SVGChart.format(width)) s.</p>"
        return html + "</section>\n"
    }

    /// The ten slowest documents.
    func slowestSection(links: [String: String]) -> String {
        var html = "<section class=\"panel wide\" aria-labelledby=\"slowest-heading\"><h2 id=\"slowest-heading\">Slowest documents</h2>"
        guard let timings, !timings.isEmpty else {
            return html + "<p class=\"note\">No per-document timings in this run folder (_timings.jsonl).</p></section>\n"
        }
        html += "<div class=\"scroll\"><table><thead><tr><th scope=\"col\">document</th><th scope=\"col\">status</th><th scope=\"col\" class=\"num\">seconds</th><th scope=\"col\" class=\"num\">size</th><th scope=\"col\" class=\"num\">MB/s</th></tr></thead><tbody>"
        for timing in timings.sorted(by: { ($0.seconds, $1.id) > ($1.seconds, $0.id) }).prefix(10) {
            let rate = timing.seconds > 0 ? SVGChart.format(Double(timing.bytes) / 1e6 / timing.seconds) : "–"
            html += "<tr><td>\(Self.documentCell(timing.id, links: links))</td><td class=\"status status-\(HTMLEscaping.token(timing.status))\">\(HTMLEscaping.text(timing.status))</td>"
            html += "<td class=\"num\">\(ViewPage.decimal(timing.seconds, 3))</td><td class=\"num\">\(ViewPage.bytes(timing.bytes))</td><td class=\"num\">\(rate)</td></tr>"
        }
        return html + "</tbody></table></div></section>\n"
    }

    /// A document's id, linked to its explain page when there is one.
    static func documentCell(_ id: String, links: [String: String]) -> String {
        guard let link = links[id] else { return HTMLEscaping.text(id) }
        return "<a href=\"\(HTMLEscaping.text(link))\">\(HTMLEscaping.text(id))</a>"
    }

    /// Counts, largest first, then by name.
    static func sorted(_ counts: [String: Int]) -> [(key: String, value: Int)] {
        counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
    }
}
