import Testing
@testable import Winnow

/// The registry lists built-in stages and takes library users' own.
@Suite struct RegistryTests {
    @Test func builtInStagesAreRegisteredInOrder() {
        let names = StageRegistry.builtIn.names
        #expect(names.starts(with: ["read"]))
        #expect(names.contains("rules") && names.contains("write"))
        for entry in StageRegistry.builtIn.entries {
            #expect(!entry.summary.isEmpty)
            for field in entry.fields { #expect(!field.help.isEmpty && !field.defaultValue.isEmpty) }
        }
    }

    @Test func userStagesRegisterAndReplaceByName() throws {
        var registry = StageRegistry.builtIn
        let count = registry.entries.count
        registry.register(Uppercase.self)
        #expect(registry.entries.count == count + 1)
        registry.register(Uppercase.self)
        #expect(registry.entries.count == count + 1)
        let configuration = try PipelineLoader(registry: registry).load(
            yaml: "version: 1\ninput: in\noutput: out\nstages: [read, uppercase]\n", file: "p.yml", baseFolder: "/")
        #expect(configuration.stages.map(\.name) == ["read", "uppercase"])
        var stage = try configuration.stages[1].make(StageContext(inputFolder: "/", outputFolder: "/", baseFolder: "/"))
        var document = Document(id: "a.txt", source: .init(path: "/a.txt"), blocks: [Block(.paragraph, "quiet")])
        #expect(try stage.process(&document) == .keep)
        #expect(document.text == "QUIET")
    }

    @Test func unknownNameIsNotFound() {
        #expect(StageRegistry.builtIn.entry(named: "nope") == nil)
    }
}
