import Foundation
import Testing
@testable import Winnow

/// The enricher over the project's sample pages: text bylines, datelines with their zones,
/// agencies and section labels, and the same facts from the HTML versions; the JSON writer
/// shows every field with its source.
@Suite("Enrich samples")
struct EnrichSampleTests {
    typealias Support = EnrichTestSupport

    /// The repository's root.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// What each text sample states: author, published (ISO with offset), agency, section.
    static let expected: [(file: String, author: String, published: String, agency: String?, section: String)] = [
        ("blog/fahrradstrasse-am-kanal", "Jana Brückner", "2024-11-18T14:05:00+01:00", "dpa", "STADTLEBEN"),
        ("blog/no-dig-clay-soil", "Nell Carraway", "2023-07-02T11:20:00-07:00", nil, "GARDENING"),
        ("news/battery-train-order", "Tom Hallworth", "2024-06-04T08:30:00+01:00", "Reuters", "BUSINESS"),
        ("news/bushfire-season-outlook", "Marcus Whitfield", "2023-08-21T07:45:00+10:00", "AAP", "NATIONAL"),
        ("news/desalination-plant-expansion", "Anjali Mehra", "2023-03-03T09:12:00+05:30", "PTI", "NEWS"),
        ("news/lakefront-cafe-reopens", "Rosa Delgado", "2025-01-09T18:45:00-05:00", "AP", "LOCAL"),
    ]

    /// Text samples: byline, dateline (IST, BST, MEZ, AEST, PDT, ET), agency and section, source `text`.
    @Test(arguments: expected.indices)
    func textSample(_ index: Int) throws {
        let sample = Self.expected[index]
        let text = try String(contentsOf: Self.root.appendingPathComponent("Samples/text/\(sample.file).txt"), encoding: .utf8)
        let metadata = try Support.enrich(text: text)
        #expect(metadata.authors == .init([sample.author], source: .text))
        #expect(metadata.published?.value.iso == sample.published)
        #expect(metadata.published?.source == .text)
        #expect(metadata.agency?.value == sample.agency)
        #expect(metadata.section?.value == sample.section)
        #expect(metadata.counts?.value.words ?? 0 > 100)
        #expect(metadata.sha256?.source == .computed)
    }

    /// HTML samples: a title and the same author and day as the text version.
    @Test(arguments: expected.indices)
    func htmlSample(_ index: Int) throws {
        let sample = Self.expected[index]
        let url = Self.root.appendingPathComponent("Samples/html/\(sample.file).html")
        let metadata = try Support.enrich(bytes: Array(try Data(contentsOf: url)))
        #expect(metadata.title != nil)
        #expect(metadata.authors?.value == [sample.author])
        #expect(metadata.published?.value.iso.prefix(10) == sample.published.prefix(10))
    }

    /// The JSON writer shows every present field as `{value, source}`, computed ones included.
    @Test func jsonShowsSources() throws {
        var document = Document(id: "a.txt", source: .init(path: "/a.txt"), kind: .text, blocks: [Block(.paragraph, "Levels fell. Farmers worry.")])
        document.metadata.title = .init("River levels fall", source: .jsonLD)
        var stage = EnrichStage(options: .init(), context: Support.context)
        _ = try stage.process(&document)
        guard case .object(let object) = DocumentJSON.object(document, includeTrace: false),
              case .object(let metadata)? = object["metadata"] else {
            Issue.record("no metadata object")
            return
        }
        for key in ["title", "counts", "readingMinutes", "sha256", "simhash"] {
            guard case .object(let field)? = metadata[key] else {
                Issue.record("\(key) is missing")
                continue
            }
            #expect(field["source"] != nil && field["value"] != nil)
        }
        #expect(metadata["title"].map { "\($0)" }?.contains("json-ld") == true)
    }
}
