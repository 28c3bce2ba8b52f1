import Foundation
import Testing
@testable import Winnow

/// Every HTML page in `Samples/html` comes out as exactly its headline and body, in order.
@Suite struct HTMLSamplesTests {
    /// The repository root, from this file's path.
    static let repository: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The sample names with an expectation: `news/battery-train-order`.
    static let samples: [String] = {
        let folder = repository + "/Tests/Fixtures/samples-expected"
        return (FileManager.default.subpaths(atPath: folder) ?? [])
            .filter { $0.hasSuffix(".json") }
            .map { String($0.dropLast(5)) }
            .sorted()
    }()

    @Test(arguments: samples)
    func bodyComesOutExactly(sample: String) throws {
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.repository + "/Tests/Fixtures/samples-expected/\(sample).json"))) as? [String: Any]
        let body = expected?["body"] as? [String] ?? []
        let document = try Extraction.extract(path: Self.repository + "/Samples/html/\(sample).html")
        // The expectation lists a table's rows one by one; a table block holds them as lines.
        let kept = document.blocks.flatMap { $0.kind == .table ? $0.text.split(separator: "\n").map(String.init) : [$0.text] }
        #expect(kept == body)
    }

    @Test func samplesArePresent() {
        #expect(Self.samples.count >= 6)
    }
}

/// Markdown of the samples keeps their structure exactly.
@Suite struct SampleMarkdownTests {
    func markdown(_ sample: String) throws -> String {
        let document = try Extraction.extract(path: HTMLSamplesTests.repository + "/Samples/html/\(sample).html")
        return MarkdownWriter.render(document, frontMatter: false)
    }

    @Test func tableBecomesAGFMTable() throws {
        #expect(try markdown("news/bushfire-season-outlook").contains("""
            | Region | Rainfall since June (mm) | Long-term average (mm) |
            | --- | --- | --- |
            | Coastal north | 142 | 231 |
            | Inland north | 58 | 119 |
            | Southern ranges | 96 | 188 |
            | Western plains | 21 | 64 |
            """))
    }

    @Test func listAndHeadingsKeepTheirShape() throws {
        let cafe = try markdown("news/lakefront-cafe-reopens")
        #expect(cafe.contains("""
            - A reinforced roof rated for much higher wind loads
            - Larger windows facing the lake, replacing the old bait-shop shutters
            - A counter rebuilt from timber salvaged from the original dock
            """))
        let trains = try markdown("news/battery-train-order")
        #expect(trains.hasPrefix("# Regional rail operator orders 40 battery trains in bid to retire ageing diesel fleet\n\n"))
        #expect(trains.contains("\n\n## What happens to the old trains\n\n"))
        #expect(trains.contains("\n\n## Funding questions\n\n"))
    }
}
