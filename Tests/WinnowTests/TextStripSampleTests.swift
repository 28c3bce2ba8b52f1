import Foundation
import Testing
import WinnowTesting
@testable import Winnow

/// The seed-shaped samples of `Samples/text/` come out exactly as `Tests/Fixtures/samples-expected/`
/// says: the headline and body paragraphs in order, the facts in metadata.
@Suite("TextStrip samples")
struct TextStripSampleTests {
    /// The expected result of one sample.
    struct Expected: Decodable {
        var title: String
        var author: String
        var published: String
        var section: String
        var source: String?
        var body: [String]
    }

    /// The repository's root folder.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The samples, as `<folder>/<name>`.
    static let samples: [String] = {
        let expected = root.appendingPathComponent("Tests/Fixtures/samples-expected")
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: expected.path)) ?? []
        return folders.sorted().flatMap { folder in
            let names = (try? FileManager.default.contentsOfDirectory(atPath: expected.appendingPathComponent(folder).path)) ?? []
            return names.filter { $0.hasSuffix(".json") }.sorted().map { "\(folder)/\($0.dropLast(5))" }
        }
    }()

    /// Strips a text as the pipeline would read it.
    static func strip(_ bytes: [UInt8], options: String = "") throws -> Document {
        var harness = try StageHarness<StripStage>(options: options)
        let text = TextDecoding.decode(bytes).text
        let document = Document(id: "page.txt", source: .init(path: "/in/page.txt"), kind: .text, blocks: TextBlocks.split(text), keepTrace: true)
        return try harness.run(document).0
    }

    /// There are samples to check.
    @Test func samplesArePresent() {
        #expect(Self.samples.count >= 6)
    }

    /// Each sample's body and metadata, exactly.
    @Test(arguments: samples)
    func sample(_ sample: String) throws {
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: Self.root.appendingPathComponent("Tests/Fixtures/samples-expected/\(sample).json")))
        let bytes = try [UInt8](Data(contentsOf: Self.root.appendingPathComponent("Samples/text/\(sample).txt")))
        let document = try Self.strip(bytes)
        #expect(document.blocks.map(\.text) == expected.body)
        #expect(document.metadata.authors?.value == [expected.author])
        #expect(document.metadata.published?.value.iso == expected.published)
        #expect(document.metadata.published?.value.granularity == .minute)
        #expect(document.metadata.section?.value == expected.section)
        #expect(document.metadata.agency?.value == expected.source)
        #expect(document.metadata.title?.value == expected.title)
        #expect(document.metadata.authors?.source == .text)
        #expect(document.metadata.captions?.value.count == 1)
    }

    /// With `metadata: false` the same lines go, and nothing is written to metadata.
    @Test(arguments: samples.prefix(1))
    func metadataOff(_ sample: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.root.appendingPathComponent("Samples/text/\(sample).txt")))
        let on = try Self.strip(bytes)
        let off = try Self.strip(bytes, options: "metadata: false")
        #expect(off.blocks.map(\.text) == on.blocks.map(\.text))
        #expect(off.metadata == Metadata())
    }

    /// The seed page of `../shared`: headline and body only, facts in metadata (skipped without it).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: root.appendingPathComponent("../shared/seed").path)))
    func seed() throws {
        let folder = Self.root.appendingPathComponent("../shared/seed")
        guard let name = try FileManager.default.contentsOfDirectory(atPath: folder.path).first(where: { $0.hasSuffix(".txt") }) else { return }
        let document = try Self.strip([UInt8](Data(contentsOf: folder.appendingPathComponent(name))))
        let texts = document.blocks.map(\.text)
        #expect(texts.first?.hasPrefix("India has ties with Russia") == true)
        #expect(texts.dropFirst().first?.hasPrefix("India's relationship with Russia is") == true)
        #expect(texts.last?.hasSuffix("and Russia as well.\"") == true)
        #expect(!texts.contains { $0.contains("IMAGE:") || $0.contains("Copyright") || $0.contains("NEXT ARTICLE") || $0.contains("Recommended by") })
        #expect(document.metadata.authors?.value == ["Lalit K Jha"])
        #expect(document.metadata.published?.value.iso == "2022-02-26T15:37:00+05:30")
        #expect(document.metadata.agency?.value == "PTI")
        #expect(document.metadata.section?.value == "NEWS")
        #expect(document.trace.counts["byline"] == 2)
    }
}
