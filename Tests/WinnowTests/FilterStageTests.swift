import Testing
import WinnowTesting
@testable import Winnow

/// The `filter` stage: each condition keeps or drops with its reason.
@Suite struct FilterStageTests {
    static let long = Array(repeating: "The river rose slowly through the night and the town watched it.", count: 10).joined(separator: " ")

    @Test func wordBoundsDropWithTheirReasons() throws {
        var filter = try StageHarness<FilterStage>(options: "min-words: 20\nmax-words: 200")
        #expect(try filter.run(text: "Too short to keep.").1 == .drop(reason: "too-short"))
        #expect(try filter.run(text: Self.long).1 == .keep)
        #expect(try filter.run(text: Array(repeating: Self.long, count: 5).joined(separator: "\n\n")).1 == .drop(reason: "too-long"))
        let (document, _) = try filter.run(text: "Too short.")
        #expect(document.trace.notes.contains { $0.contains("2 words < min-words 20") })
    }

    @Test func languagesAndConfidence() throws {
        var filter = try StageHarness<FilterStage>(options: "languages: [en, de]\nmin-language-confidence: 0.5")
        var document = Document(id: "a.txt", source: .init(path: "a.txt"), blocks: [Block(.paragraph, Self.long)])
        #expect(try filter.run(document).1 == .drop(reason: "language"), "no language known")
        document.metadata.language = .init("en-GB", source: .computed)
        document.metadata.languageConfidence = 0.9
        #expect(try filter.run(document).1 == .keep)
        document.metadata.languageConfidence = 0.2
        #expect(try filter.run(document).1 == .drop(reason: "language"))
        document.metadata.language = .init("fr", source: .computed)
        document.metadata.languageConfidence = 0.9
        #expect(try filter.run(document).1 == .drop(reason: "language"))
    }

    @Test func pageKindsAndRequiredFields() throws {
        var filter = try StageHarness<FilterStage>(options: "page-kinds: [article]\nrequire: [title, published]")
        var document = Document(id: "a.html", source: .init(path: "a.html"), blocks: [Block(.paragraph, Self.long)])
        document.metadata.pageKind = .init("product", source: .computed)
        #expect(try filter.run(document).1 == .drop(reason: "page-kind"))
        document.metadata.pageKind = .init("article", source: .jsonLD)
        #expect(try filter.run(document).1 == .drop(reason: "missing-title"))
        document.metadata.title = .init("A title", source: .dom)
        #expect(try filter.run(document).1 == .drop(reason: "missing-published"))
        document.metadata.published = .init(.init(iso: "2024-05-01", granularity: .day), source: .meta)
        #expect(try filter.run(document).1 == .keep)
    }

    @Test func mistakesAreConfigurationErrors() {
        #expect(throws: ConfigurationError.self) { try StageHarness<FilterStage>(options: "min-words: 50\nmax-words: 10") }
        #expect(throws: ConfigurationError.self) { try StageHarness<FilterStage>(options: "languages: [english]") }
        #expect(throws: ConfigurationError.self) { try StageHarness<FilterStage>(options: "page-kinds: [blog]") }
        #expect(throws: ConfigurationError.self) { try StageHarness<FilterStage>(options: "require: [colour]") }
    }
}
