import Foundation
import Testing

/// The real `winnow` process as cron runs it: locks between two processes, signals, `kill -9`
/// followed by a rerun, metrics, and quiet output when stderr is not a terminal.
@Suite(.serialized) struct CronRunTests {
    /// A folder of `count` generated HTML pages, big enough that a run takes a moment.
    static func corpus(_ count: Int) -> String {
        let folder = WinnowProcess.temporaryFolder()
        for index in 0..<count {
            let sub = folder + "/in/" + String(format: "%02d", index % 20)
            try? FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true)
            var html = "<html><head><title>Page \(index)</title></head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Headline \(index)</h1>"
            for paragraph in 0..<25 {
                html += "<p>Paragraph \(paragraph) of page \(index) says something long enough to be kept as content, with commas, and a full stop.</p>"
            }
            html += "</article><footer>Copyright 2026 Example</footer></body></html>"
            _ = FileManager.default.createFile(atPath: sub + "/page\(index).html", contents: Data(html.utf8))
        }
        return folder
    }

    /// Starts `winnow` without waiting for it.
    static func start(_ arguments: [String]) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: WinnowProcess.executable)
        process.arguments = arguments
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return (process, err)
    }

    /// Lines in a file (0 when it does not exist).
    static func lines(_ path: String) -> Int {
        (FileManager.default.contents(atPath: path) ?? Data()).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    /// Waits until `condition` holds or `seconds` pass.
    @discardableResult
    static func waitUntil(_ seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(2_000)
        }
        return condition()
    }

    /// The files of an output folder, without those that differ from run to run by design.
    static func comparable(_ folder: String) -> [String: String] {
        WinnowProcess.files(in: folder).filter { !["_run.json", "_timings.jsonl", "_winnow.lock"].contains($0.key) }
    }

    @Test func aSecondRunOnTheSameOutputExits75NamingTheHolderOrWaits() throws {
        let folder = Self.corpus(600)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (first, _) = try Self.start(["run", "--input", folder + "/in", "--output", folder + "/out", "--jobs", "1"])
        #expect(Self.waitUntil(300) { Self.lines(folder + "/out/_journal.jsonl") > 0 })
        let second = try WinnowProcess.run(["run", "--input", folder + "/in", "--output", folder + "/out"])
        #expect(second.status == 75)
        #expect(second.stderr.contains("in use by another winnow run (pid \(first.processIdentifier), started "), "\(second.stderr)")
        let waited = try WinnowProcess.run(["run", "--input", folder + "/in", "--output", folder + "/out", "--wait=120"])
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        #expect(waited.status == 0, "\(waited.stderr)")
        #expect(waited.stderr.contains("600 unchanged"), "\(waited.stderr)")
    }

    @Test func sigtermAndSigintStopCleanlyAndTheNextRunCompletes() throws {
        let folder = Self.corpus(1500)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (signal, status) in [(SIGTERM, Int32(143)), (SIGINT, Int32(130))] {
            let output = folder + "/out-\(signal)"
            let (process, err) = try Self.start(["run", "--input", folder + "/in", "--output", output, "--jobs", "2"])
            #expect(Self.waitUntil(300) { Self.lines(output + "/_journal.jsonl") >= 100 })
            kill(process.processIdentifier, signal)
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == status, "\(stderr)")
            #expect(stderr.contains("not reached"), "\(stderr)")
            let done = Self.lines(output + "/_manifest.jsonl")
            #expect(done >= 100 && done < 1500)
            #expect(!FileManager.default.fileExists(atPath: output + "/_journal.jsonl"))
            #expect(!WinnowProcess.files(in: output).keys.contains { $0.hasSuffix(".tmp") })
            let rerun = try WinnowProcess.run(["run", "--input", folder + "/in", "--output", output])
            #expect(rerun.status == 0)
            #expect(rerun.stderr.contains("\(1500 - done) read"), "\(rerun.stderr)")
            #expect(Self.lines(output + "/_manifest.jsonl") == 1500)
        }
    }

    @Test func repeatedKillNineThenARerunGivesTheOutputOfAnUninterruptedRun() throws {
        let folder = Self.corpus(1200)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let reference = try WinnowProcess.run(["run", "Pipelines/default.yml", "--input", folder + "/in", "--output", folder + "/reference"])
        #expect(reference.status == 0)
        let output = folder + "/killed"
        // Kill at many points: before anything is recorded, after a few documents, mid-run, late.
        var kills = 0
        for threshold in [0, 1, 5, 40, 150, 300, 500, 700, 900, 1100] {
            let (process, _) = try Self.start(["run", "Pipelines/default.yml", "--input", folder + "/in", "--output", output])
            // (A generous bound: it ends as soon as the journal has the lines; a sanitized build
            // runs many times slower.)
            let reached = Self.waitUntil(300) { Self.lines(output + "/_journal.jsonl") >= threshold || !process.isRunning }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                kills += 1
            }
            process.waitUntilExit()
            #expect(reached)
        }
        #expect(kills >= 5, "the runs ended before they could be killed")
        let rerun = try WinnowProcess.run(["run", "Pipelines/default.yml", "--input", folder + "/in", "--output", output])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(Self.comparable(output) == Self.comparable(folder + "/reference"))
    }

    @Test func metricsFileQuietOutputAndFailureLimit() throws {
        let folder = Self.corpus(30)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = FileManager.default.createFile(atPath: folder + "/in/00/broken.html", contents: Data([0x00, 0x01, 0x02, 0xFF, 0x00, 0x89, 0x50, 0x4E, 0x47]))
        let metrics = folder + "/winnow.prom"
        let failed = try WinnowProcess.run(["run", "--input", folder + "/in", "--output", folder + "/out", "--metrics-file", metrics])
        #expect(failed.status == 1)
        #expect(!failed.stderr.contains("\r") && !failed.stderr.contains("ETA"), "no progress bar when stderr is not a terminal")
        let text = String(decoding: FileManager.default.contents(atPath: metrics) ?? Data(), as: UTF8.self)
        #expect(text.contains("winnow_documents{status=\"written\"} 30"))
        #expect(text.contains("winnow_documents{status=\"failed\"} 1"))
        #expect(text.contains("winnow_last_run_exit_code 1"))
        #expect(!text.contains("winnow_last_success_timestamp_seconds"), "no success yet")

        let tolerated = try WinnowProcess.run(["run", "--input", folder + "/in", "--output", folder + "/out", "--max-failures", "5%", "--metrics-file", metrics, "--quiet"])
        #expect(tolerated.status == 0, "\(tolerated.stderr)")
        #expect(tolerated.stderr.contains("failed in stage 'read'"), "errors still print with --quiet")
        #expect(!tolerated.stderr.contains("unchanged"), "no summary with --quiet")
        let after = String(decoding: FileManager.default.contents(atPath: metrics) ?? Data(), as: UTF8.self)
        #expect(after.contains("winnow_last_success_timestamp_seconds "))
        #expect(after.contains("winnow_documents{status=\"unchanged\"} 30"))

        let strict = try WinnowProcess.run(["run", "--input", folder + "/in", "--output", folder + "/out", "--max-failures", "0"])
        #expect(strict.status == 1)

        let json = try WinnowProcess.run(["run", "--input", folder + "/in", "--output", folder + "/out", "--log-format", "json"])
        let objects = json.stderr.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects.count == json.stderr.split(separator: "\n").count, "every line is a JSON object")
        #expect(objects.contains { $0["level"] as? String == "error" })
        #expect(objects.contains { ($0["unchanged"] as? Int) == 30 })

        let bad = try WinnowProcess.run(["run", "--input", folder + "/in", "--output", folder + "/out", "--max-failures", "lots"])
        #expect(bad.status == 2)
    }
}
