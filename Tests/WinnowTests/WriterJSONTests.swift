import Foundation
import Testing
@testable import Winnow

/// The JSON document: structure, heading paths, metadata sources, trace, determinism.
@Suite struct WriterJSONTests {
    /// A document with headings at several levels, metadata, fixes and a trace.
    func sample(keepTrace: Bool = true) -> Document {
        var document = Document(
            id: "news/a.html",
            source: .init(path: "/in/news/a.html", size: 5120, modified: Date(timeIntervalSince1970: 1_714_557_600), encoding: "UTF-8"),
            kind: .html,
            blocks: [
                Block(.heading, "Top", level: 1),
                Block(.paragraph, "Intro \"quoted\"\nsecond line"),
                Block(.heading, "Sub", level: 2),
                Block(.paragraph, "Body / slash"),
                Block(.heading, "Deep", level: 3),
                Block(.listItem, "Item", level: 1),
                Block(.heading, "Sub2", level: 2),
                Block(.code, "print(1)\t", language: "swift"),
            ],
            keepTrace: keepTrace
        )
        document.metadata.title = .init("Top", source: .jsonLD)
        document.metadata.authors = .init(["Ann", "Bo"], source: .meta)
        document.metadata.published = .init(.init(iso: "2022-02-26", granularity: .day), source: .openGraph)
        document.metadata.language = .init("en", source: .computed)
        document.metadata.languageConfidence = 0.75
        document.metadata.extra["mentions"] = .init("winnow", source: .pipeline)
        document.fixes = ["entity": 2, "mojibake": 1, "bom": 1]
        document.trace.record(stage: "strip", reason: "navigation", detail: "class=nav", text: "Home | News", kind: .listItem)
        document.trace.record(stage: "rules", reason: "rule")
        document.trace.note("container: article")
        return document
    }

    /// The JSON bytes decoded into a dictionary.
    func decode(_ bytes: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    /// The object holds the id, kind, text, source and fixes, and no trace unless asked.
    @Test func topLevelFieldsAndSource() throws {
        let object = try decode(DocumentJSON.encode(sample(), includeTrace: false))
        #expect(object["id"] as? String == "news/a.html")
        #expect(object["kind"] as? String == "html")
        #expect(object["text"] as? String == sample().text)
        let source = try #require(object["source"] as? [String: Any])
        #expect(source["path"] as? String == "/in/news/a.html")
        #expect(source["size"] as? Int == 5120)
        #expect(source["modified"] as? String == "2024-05-01T10:00:00Z")
        #expect(source["encoding"] as? String == "UTF-8")
        #expect(object["fixes"] as? [String: Int] == ["entity": 2, "mojibake": 1, "bom": 1])
        #expect(object["trace"] == nil)
    }

    /// Blocks carry their kind, level and language where set, and the headings above them.
    @Test func blocksCarryKindLevelLanguageAndHeadingPath() throws {
        let object = try decode(DocumentJSON.encode(sample(), includeTrace: false))
        let blocks = try #require(object["blocks"] as? [[String: Any]])
        #expect(blocks.count == 8)
        let paths = blocks.map { $0["headingPath"] as? [String] }
        #expect(paths == [[], ["Top"], ["Top"], ["Top", "Sub"], ["Top", "Sub"], ["Top", "Sub", "Deep"], ["Top"], ["Top", "Sub2"]])
        #expect(blocks[0]["kind"] as? String == "heading" && blocks[0]["level"] as? Int == 1)
        #expect(blocks[1]["level"] == nil && blocks[1]["language"] == nil)
        #expect(blocks[1]["text"] as? String == "Intro \"quoted\"\nsecond line")
        #expect(blocks[5]["kind"] as? String == "list-item")
        #expect(blocks[7]["language"] as? String == "swift" && blocks[7]["text"] as? String == "print(1)\t")
    }

    /// Metadata holds only present fields, each with its value and source.
    @Test func metadataHoldsPresentFieldsWithSources() throws {
        let object = try decode(DocumentJSON.encode(sample(), includeTrace: false))
        let metadata = try #require(object["metadata"] as? [String: [String: Any]])
        #expect(Set(metadata.keys) == ["title", "authors", "published", "language", "extra"])
        #expect(metadata["title"]?["value"] as? String == "Top" && metadata["title"]?["source"] as? String == "json-ld")
        #expect(metadata["authors"]?["value"] as? [String] == ["Ann", "Bo"] && metadata["authors"]?["source"] as? String == "meta")
        let published = try #require(metadata["published"]?["value"] as? [String: String])
        #expect(published == ["iso": "2022-02-26", "granularity": "day"])
        #expect(metadata["published"]?["source"] as? String == "opengraph")
        #expect(metadata["language"]?["confidence"] as? Double == 0.75)
        let extra = try #require(metadata["extra"] as? [String: [String: String]])
        #expect(extra == ["mentions": ["value": "winnow", "source": "pipeline"]])
        let bare = try decode(DocumentJSON.encode(Document(id: "x", source: .init(path: "x")), includeTrace: false))
        #expect((bare["metadata"] as? [String: Any])?.isEmpty == true)
        #expect(bare["fixes"] == nil && bare["kind"] == nil)
    }

    /// The trace holds counts, removals and notes when asked for.
    @Test func traceAppearsOnlyWhenAsked() throws {
        let object = try decode(DocumentJSON.encode(sample(), includeTrace: true))
        let trace = try #require(object["trace"] as? [String: Any])
        #expect(trace["counts"] as? [String: Int] == ["navigation": 1, "rule": 1])
        #expect(trace["notes"] as? [String] == ["container: article"])
        let removals = try #require(trace["removals"] as? [[String: String]])
        #expect(removals == [
            ["stage": "strip", "reason": "navigation", "detail": "class=nav", "text": "Home | News", "kind": "list-item"],
            ["stage": "rules", "reason": "rule"],
        ])
        let quiet = try decode(DocumentJSON.encode(sample(keepTrace: false), includeTrace: true))
        let quietTrace = try #require(quiet["trace"] as? [String: Any])
        #expect((quietTrace["removals"] as? [Any])?.isEmpty == true)
        #expect(quietTrace["counts"] as? [String: Int] == ["navigation": 1, "rule": 1])
    }

    /// The same document gives the same bytes, keys sorted.
    @Test func outputIsDeterministicWithSortedKeys() throws {
        let first = DocumentJSON.encode(sample(), includeTrace: true)
        for _ in 0..<20 {
            #expect(DocumentJSON.encode(sample(), includeTrace: true) == first)
        }
        let text = String(decoding: first, as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"blocks\": [\n    {\n"))
        #expect(text.hasSuffix("}\n"))
        #expect(text.contains("\"Body / slash\""))
        let fixes = try #require(text.range(of: "\"fixes\": {\n    \"bom\": 1,\n    \"entity\": 2,\n    \"mojibake\": 1\n  }"))
        #expect(!fixes.isEmpty)
        let keys = ["\"blocks\"", "\"fixes\"", "\"id\"", "\"kind\"", "\"metadata\"", "\"source\"", "\"text\"", "\"trace\""]
        let offsets = keys.compactMap { text.range(of: "\n  " + $0)?.lowerBound }
        #expect(offsets.count == keys.count && offsets == offsets.sorted())
    }

    /// The compact form is one line holding the same object; control characters are escaped.
    @Test func compactFormIsOneLineOfTheSameObject() throws {
        let compact = DocumentJSON.encode(sample(), includeTrace: true, pretty: false)
        #expect(!compact.contains(UInt8(ascii: "\n")))
        #expect(compact.starts(with: Array("{\"blocks\":[{\"headingPath\":[],\"kind\":\"heading\"".utf8)))
        let pretty = try decode(DocumentJSON.encode(sample(), includeTrace: true))
        let oneLine = try decode(compact)
        #expect(NSDictionary(dictionary: pretty).isEqual(to: oneLine))
        let control = Document(id: "c\u{1}\u{7F}é", source: .init(path: "p"), blocks: [Block(.paragraph, "a\u{0}b\u{1F}\"q\\ \n\t\r ü ✓ end")])
        let decoded = try decode(DocumentJSON.encode(control, includeTrace: false, pretty: false))
        #expect(decoded["id"] as? String == "c\u{1}\u{7F}é" && decoded["text"] as? String == "a\u{0}b\u{1F}\"q\\ \n\t\r ü ✓ end")
    }
}
