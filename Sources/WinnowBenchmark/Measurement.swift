import Dispatch
import Foundation
import Synchronization
import Winnow
import WinnowHTML

/// What a benchmark row measures.
enum Variant: String, CaseIterable {
    case parseFloor = "libxml2 parse alone (floor)"
    case reader = "reader (parse into the arena + blocks)"
    case readerStripper = "reader + stripper"
    case pipeline = "full default pipeline (files in, files out)"
}

extension Variant {
    /// The row named on the command line: floor, reader, reader-stripper, pipeline.
    static func named(_ name: String) -> Variant? {
        ["floor": .parseFloor, "reader": .reader, "reader-stripper": .readerStripper, "pipeline": .pipeline][name]
    }
}

/// One row of the benchmark table.
struct Measurement {
    var variant: Variant
    var jobs: Int
    var pages: Int
    var bytes: Int
    var seconds: Double
    var peakRSS: Int
    var floorRatio: Double?

    var pagesPerSecond: Double { Double(pages) / seconds }

    /// The row as one JSON object.
    var jsonLine: String {
        String(format: "{\"row\": \"%@\", \"jobs\": %d, \"pages\": %d, \"bytes\": %d, \"seconds\": %.6f, \"peak_rss\": %d}",
               variant.rawValue, jobs, pages, bytes, seconds, peakRSS)
    }
    var megabytesPerSecond: Double { Double(bytes) / 1e6 / seconds }

    /// Runs an in-memory variant over the corpus with `jobs` workers.
    static func inMemory(_ variant: Variant, corpus: Corpus, jobs: Int, rounds: Int) -> Measurement {
        let start = DispatchTime.now()
        for _ in 0..<rounds {
            let next = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: jobs) { _ in
                let stripper = StripStage(options: .init(), context: StageContext(inputFolder: "/", outputFolder: "/", baseFolder: "/"))
                var stage = stripper
                while true {
                    let index = next.add(1, ordering: .relaxed).oldValue
                    guard index < corpus.pages.count else { break }
                    let bytes = corpus.pages[index]
                    switch variant {
                    case .parseFloor:
                        ParseFloor.parse(bytes)
                    case .reader, .readerStripper:
                        guard let page = try? HTMLParser.parse(bytes) else { continue }
                        var document = Document(id: "p.html", source: .init(path: "p.html"), kind: .html)
                        document.blocks = HTMLBlocks.blocks(of: page)
                        document.html = page
                        if variant == .readerStripper { _ = try? stage.process(&document) }
                    case .pipeline:
                        break
                    }
                }
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return Measurement(variant: variant, jobs: jobs, pages: corpus.pages.count * rounds, bytes: corpus.bytes * rounds, seconds: seconds, peakRSS: peakResidentBytes())
    }

    /// Runs the default pipeline file's stages over the corpus folder into a temporary output.
    static func pipeline(corpus: Corpus, jobs: Int, rounds: Int) -> Measurement {
        let output = NSTemporaryDirectory() + "winnow-bench-output"
        let yaml = "version: 1\ninput: {folder: \"\(corpus.folder)\", include: [\"*.html\", \"*.htm\", \"*.html.gz\"]}\noutput: \"\(output)\"\nstages: [read, strip, write]\n"
        let start = DispatchTime.now()
        var pages = 0
        for _ in 0..<rounds {
            try? FileManager.default.removeItem(atPath: output)
            guard let configuration = try? PipelineLoader().load(yaml: yaml, file: "<bench>", baseFolder: "/", overrides: .init(jobs: jobs)),
                let report = try? Pipeline(configuration).run()
            else { continue }
            pages += report.read
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        try? FileManager.default.removeItem(atPath: output)
        return Measurement(variant: .pipeline, jobs: jobs, pages: pages, bytes: corpus.bytes * rounds, seconds: seconds, peakRSS: peakResidentBytes())
    }

    /// The process's peak resident set size, from /proc/self/status (VmHWM).
    static func peakResidentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.filter(\.isNumber)
            return (Int(digits) ?? 0) * 1024
        }
        return 0
    }

    /// Prints the rows as a Markdown table.
    static func printTable(_ rows: [Measurement]) {
        print("| variant | jobs | pages/s | MB/s | × parse floor | peak RSS (MB, process so far) |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for row in rows {
            let ratio = row.floorRatio.map { String(format: "%.2f", $0) } ?? "—"
            print(String(format: "| %@ | %d | %.0f | %.1f | %@ | %d |", row.variant.rawValue, row.jobs, row.pagesPerSecond, row.megabytesPerSecond, ratio, row.peakRSS / 1_000_000))
        }
        let byVariant = Dictionary(grouping: rows, by: \.variant)
        for (variant, measurements) in byVariant.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where measurements.count > 1 {
            let sorted = measurements.sorted { $0.jobs < $1.jobs }
            if let one = sorted.first, let many = sorted.last {
                print(String(format: "scaling %@: %d jobs %.2f× of 1 job", variant.rawValue, many.jobs, many.pagesPerSecond / one.pagesPerSecond))
            }
        }
    }
}
