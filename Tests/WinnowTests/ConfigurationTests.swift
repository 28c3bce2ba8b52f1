import Foundation
import Testing
@testable import Winnow

/// Every kind of pipeline-file mistake is reported with its line and column.
@Suite struct ConfigurationTests {
    let loader = PipelineLoader()

    func diagnostics(_ yaml: String) -> [Diagnostic] {
        do {
            _ = try loader.load(yaml: yaml, file: "p.yml", baseFolder: "/base")
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test func validFileLoadsWithPathsResolvedAgainstItsFolder() throws {
        let configuration = try loader.load(yaml: """
            version: 1
            input: {folder: pages, include: ["*.html"], exclude: ["drafts/**"]}
            output: ../out
            concurrency: {jobs: 3}
            stages:
              - read
              - rules: {drop-lines: ["^NEXT ARTICLE$"]}
              - write
            """, file: "p.yml", baseFolder: "/base/pipelines")
        #expect(configuration.input.folder == "/base/pipelines/pages")
        #expect(configuration.outputFolder == "/base/out")
        #expect(configuration.input.include == ["*.html"])
        #expect(configuration.jobs == 3)
        #expect(configuration.stages.map(\.name) == ["read", "rules", "write"])
    }

    @Test func yamlSyntaxErrorHasLineAndColumn() {
        let found = diagnostics("version: 1\nstages:\n  - read\n  - [write\n")
        #expect(found.count == 1)
        #expect(found[0].line >= 4)
        #expect(found[0].column > 0)
        #expect(found[0].description.hasPrefix("p.yml:\(found[0].line):\(found[0].column): error: YAML syntax"))
    }

    @Test func unknownStageSuggestsNearestName() {
        let found = diagnostics("version: 1\ninput: in\noutput: out\nstages:\n  - read\n  - rulez\n")
        #expect(found.map(\.line) == [6])
        #expect(found[0].column == 5)
        #expect(found[0].message.contains("unknown stage 'rulez'"))
        #expect(found[0].message.contains("did you mean 'rules'?"))
    }

    @Test func misspelledOptionSuggestsNearestName() {
        let found = diagnostics("version: 1\ninput: in\noutput: out\nstages:\n  - rules:\n      drop-line: ['x']\n")
        #expect(found.count == 1)
        #expect(found[0].line == 6 && found[0].column == 7)
        #expect(found[0].message.contains("unknown option 'drop-line' for stage 'rules'; did you mean 'drop-lines'?"))
    }

    @Test func wrongTypeIsReportedAtTheValue() {
        let found = diagnostics("version: 1\ninput: in\noutput: out\nstages:\n  - rules:\n      case-insensitive: maybe\n")
        #expect(found.count == 1)
        #expect(found[0].line == 6 && found[0].column == 25)
        #expect(found[0].message.contains("must be true or false, found 'maybe'"))
    }

    @Test func badValueNamesTheValidChoices() {
        let found = diagnostics("version: 1\ninput: in\noutput: out\nstages:\n  - write: {formats: [text]}\n")
        #expect(found.count == 1)
        #expect(found[0].line == 5)
        #expect(found[0].message.contains("no value 'text'"))
        #expect(found[0].message.contains("txt"))
    }

    @Test func badRegexIsAConfigurationError() {
        let found = diagnostics("version: 1\ninput: in\noutput: out\nstages:\n  - rules:\n      drop-lines: ['ok', '(unclosed']\n")
        #expect(found.count == 1)
        #expect(found[0].line == 6 && found[0].column == 26)
        #expect(found[0].message.contains("not a valid regular expression"))
    }

    @Test func unknownTopLevelKeyAndMissingPartsAreAllReported() {
        let found = diagnostics("versoin: 1\nstages: []\n")
        let messages = found.map(\.message)
        #expect(messages.contains { $0.contains("unknown top-level key 'versoin'; did you mean 'version'?") })
        #expect(messages.contains { $0.contains("missing 'version: 1'") })
        #expect(messages.contains { $0.contains("no input folder") })
        #expect(messages.contains { $0.contains("no output folder") })
        #expect(messages.contains { $0.contains("'stages' is empty") })
        #expect(found.first { $0.message.contains("versoin") }?.line == 1)
    }

    @Test func unsupportedVersionAndBadJobs() {
        let found = diagnostics("version: 2\ninput: in\noutput: out\nconcurrency: {jobs: -1}\nstages: [read]\n")
        #expect(found.map(\.line) == [1, 4])
        #expect(found[0].message.contains("unsupported version '2'"))
        #expect(found[1].message.contains("between 0 and 1024"))
    }

    @Test func stageOptionsMustBeAMapping() {
        let found = diagnostics("version: 1\ninput: in\noutput: out\nstages:\n  - rules: [a, b]\n")
        #expect(found.count == 1 && found[0].line == 5 && found[0].column == 12)
        #expect(found[0].message.contains("must be a mapping"))
    }

    @Test func stageWithoutOptionsRejectsOptions() {
        var registry = StageRegistry.builtIn
        registry.register(Uppercase.self)
        do {
            _ = try PipelineLoader(registry: registry).load(yaml: "version: 1\ninput: in\noutput: out\nstages:\n  - uppercase: {loud: true}\n", file: "p.yml", baseFolder: "/")
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.first?.message == "stage 'uppercase' takes no options, found 'loud'")
        }
    }

    @Test func commandLineOverridesReplaceTheFile() throws {
        let configuration = try loader.load(
            yaml: "version: 1\nstages: [read]\n", file: "p.yml", baseFolder: "/base",
            overrides: .init(input: "/data/in", output: "/data/out", jobs: 2))
        #expect(configuration.input.folder == "/data/in")
        #expect(configuration.outputFolder == "/data/out")
        #expect(configuration.jobs == 2)
    }

    @Test func pipelineHashFollowsStagesOnly() throws {
        func hash(_ yaml: String) throws -> String { try loader.load(yaml: yaml, file: "p.yml", baseFolder: "/").hash }
        let base = try hash("version: 1\ninput: a\noutput: b\nstages: [read, {rules: {drop-lines: ['x']}}]\n")
        let relaid = try hash("# comment\nversion: 1\ninput: other\noutput: elsewhere\nconcurrency: {jobs: 3}\nstages:\n  - read\n  - rules:\n      drop-lines:\n        - 'x'\n")
        let changed = try hash("version: 1\ninput: a\noutput: b\nstages: [read, {rules: {drop-lines: ['y']}}]\n")
        #expect(base == relaid)
        #expect(base != changed)
        #expect(base.count == 64)
    }

    @Test func missingFileIsReportedWithItsPath() {
        do {
            _ = try loader.load(path: "/nonexistent/pipeline.yml")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("/nonexistent/pipeline.yml: error: cannot read the pipeline file"))
        }
    }
}

/// A stage of a library user: uppercases text.
struct Uppercase: Stage {
    static let name = "uppercase"
    static let summary = "Uppercases the text."
    init(options: NoOptions, context: StageContext) {}
    mutating func process(_ document: inout Document) throws -> Disposition {
        for index in document.blocks.indices { document.blocks[index].text = document.blocks[index].text.uppercased() }
        return .keep
    }
}
