import Foundation
import Yams

extension PipelineLoader {
    /// Walks a pipeline file's node tree, collecting diagnostics as it goes.
    struct Reader {
        let file: String
        let baseFolder: String
        let registry: StageRegistry
        var diagnostics: [Diagnostic] = []

        init(file: String, baseFolder: String, registry: StageRegistry) {
            self.file = file
            self.baseFolder = baseFolder
            self.registry = registry
        }

        mutating func error(_ node: Node?, _ message: String) {
            diagnostics.append(Diagnostic(file: file, line: node?.mark?.line ?? 0, column: node?.mark?.column ?? 0, message: message))
        }

        /// Reads the whole file; nil when something is missing (the diagnostics say what).
        mutating func read(_ root: Node, overrides: Overrides, hash: String) -> PipelineConfiguration? {
            guard let mapping = root.mapping else {
                error(root, "a pipeline file is a mapping with the keys \(PipelineLoader.topKeys.joined(separator: ", ")); found \(OptionValues.describe(root))")
                return nil
            }
            checkKeys(mapping, valid: PipelineLoader.topKeys, what: "top-level key")
            readVersion(mapping, root: root)
            let input = readInput(mapping[Node("input")], override: overrides.input, root: root)
            let output = readFolder(mapping[Node("output")], key: "output", override: overrides.output, root: root)
            let jobs = readJobs(mapping[Node("concurrency")], override: overrides.jobs)
            let maxSeconds = readLimits(mapping[Node("limits")])
            var trace = false
            if let node = mapping[Node("trace")] {
                if let value = node.bool, node.scalar != nil { trace = value } else { error(node, "'trace' must be true or false, found \(OptionValues.describe(node))") }
            }
            if let forced = overrides.trace { trace = forced }
            let stages = readStages(mapping[Node("stages")], root: root)
            var keepDropped = false
            if let outputMapping = mapping[Node("output")]?.mapping, let node = outputMapping[Node("keep-dropped")] {
                if let value = node.bool, node.scalar != nil { keepDropped = value } else { error(node, "'keep-dropped' must be true or false, found \(OptionValues.describe(node))") }
            }
            if let forced = overrides.keepDropped { keepDropped = forced }
            guard let input, let output else { return nil }
            var configuration = PipelineConfiguration(
                file: file, baseFolder: baseFolder, input: input, outputFolder: output,
                jobs: jobs, keepTrace: trace, stages: stages, hash: hash)
            configuration.keepDropped = keepDropped
            configuration.maxSeconds = maxSeconds
            return configuration
        }

        /// Reads `limits: {max-seconds: N}` (0: no limit); the default when absent.
        mutating func readLimits(_ node: Node?) -> Double? {
            let fallback = PipelineConfiguration.defaultMaxSeconds
            guard let node else { return fallback }
            guard let mapping = node.mapping else {
                error(node, "'limits' must be a mapping such as '{max-seconds: 60}', found \(OptionValues.describe(node))")
                return fallback
            }
            checkKeys(mapping, valid: ["max-seconds"], what: "limits key")
            let values = OptionValues(file: file, mapping: mapping, entryMark: node.mark, baseFolder: baseFolder)
            let seconds = values.double("max-seconds", default: fallback, range: 0...86_400)
            diagnostics += values.errors
            return seconds > 0 ? seconds : nil
        }

        /// Reports keys of `mapping` that are not in `valid`, with the nearest valid name.
        mutating func checkKeys(_ mapping: Node.Mapping, valid: [String], what: String) {
            for (key, _) in mapping {
                let name = key.scalar?.string ?? OptionValues.describe(key)
                if !valid.contains(name) {
                    error(key, "unknown \(what) '\(name)'; \(NearestName.hint(for: name, among: valid))")
                }
            }
        }

        mutating func readVersion(_ mapping: Node.Mapping, root: Node) {
            guard let node = mapping[Node("version")] else {
                error(root, "missing 'version: 1' at the top of the pipeline file")
                return
            }
            if node.scalar == nil || node.int != 1 {
                error(node, "unsupported version \(OptionValues.describe(node)); this winnow reads version 1")
            }
        }

        mutating func readInput(_ node: Node?, override: String?, root: Node) -> PipelineConfiguration.Input? {
            var input = PipelineConfiguration.Input(folder: "", include: [], exclude: [], recursive: true)
            if let node, let mapping = node.mapping {
                checkKeys(mapping, valid: ["folder", "include", "exclude", "recursive"], what: "input key")
                let values = OptionValues(file: file, mapping: mapping, entryMark: node.mark, baseFolder: baseFolder)
                input.include = values.strings("include")
                input.exclude = values.strings("exclude")
                input.recursive = values.bool("recursive", default: true)
                diagnostics += values.errors
            }
            guard let folder = readFolder(node, key: "input", override: override, root: root) else { return nil }
            input.folder = folder
            return input
        }

        /// Reads `key: PATH` or `key: {folder: PATH}`, resolved against the file's folder.
        mutating func readFolder(_ node: Node?, key: String, override: String?, root: Node) -> String? {
            if let override {
                return PathResolver.resolve(override, against: FileManager.default.currentDirectoryPath)
            }
            guard let node else {
                error(root, "no \(key) folder: add '\(key): {folder: PATH}' to the pipeline file or pass --\(key)")
                return nil
            }
            if let scalar = node.scalar, !scalar.string.isEmpty {
                return PathResolver.resolve(scalar.string, against: baseFolder)
            }
            if let mapping = node.mapping {
                if key == "output" { checkKeys(mapping, valid: ["folder", "keep-dropped"], what: "output key") }
                if let folder = mapping[Node("folder")] {
                    if let path = folder.scalar?.string, !path.isEmpty {
                        return PathResolver.resolve(path, against: baseFolder)
                    }
                    error(folder, "'\(key).folder' must be a path, found \(OptionValues.describe(folder))")
                    return nil
                }
            }
            error(node, "no \(key) folder: write '\(key): {folder: PATH}' or pass --\(key)")
            return nil
        }

        mutating func readJobs(_ node: Node?, override: Int?) -> Int? {
            var jobs: Int?
            if let node {
                if let mapping = node.mapping {
                    checkKeys(mapping, valid: ["jobs"], what: "concurrency key")
                    let values = OptionValues(file: file, mapping: mapping, entryMark: node.mark, baseFolder: baseFolder)
                    let value = values.int("jobs", default: 0, range: 0...1024)
                    diagnostics += values.errors
                    jobs = value == 0 ? nil : value
                } else {
                    error(node, "'concurrency' must be a mapping such as '{jobs: 4}', found \(OptionValues.describe(node))")
                }
            }
            if let override { jobs = override == 0 ? nil : override }
            return jobs
        }

        mutating func readStages(_ node: Node?, root: Node) -> [StageFactory] {
            guard let node else {
                error(root, "missing 'stages': list the stages to run, e.g. '- read' and '- write' (available: \(registry.names.joined(separator: ", ")))")
                return []
            }
            guard let sequence = node.sequence else {
                error(node, "'stages' must be a list, e.g. '- read', found \(OptionValues.describe(node))")
                return []
            }
            if sequence.isEmpty { error(node, "'stages' is empty; a pipeline needs at least one stage") }
            var factories: [StageFactory] = []
            for item in sequence {
                if let factory = readStage(item) { factories.append(factory) }
            }
            return factories
        }

        /// Reads `- name` or `- name: {options}`.
        mutating func readStage(_ item: Node) -> StageFactory? {
            let nameNode: Node
            var optionsNode: Node?
            if item.scalar != nil {
                nameNode = item
            } else if let mapping = item.mapping, mapping.count == 1, let pair = mapping.first {
                nameNode = pair.key
                optionsNode = pair.value
            } else {
                error(item, "a stage is a name ('- read') or a name with its options ('- strip: {mode: precision}'), found \(OptionValues.describe(item))")
                return nil
            }
            let name = nameNode.scalar?.string ?? ""
            guard let entry = registry.entry(named: name) else {
                error(nameNode, "unknown stage '\(name)'; \(NearestName.hint(for: name, among: registry.names))")
                return nil
            }
            var mapping: Node.Mapping?
            if let optionsNode, optionsNode.null == nil {
                guard let options = optionsNode.mapping else {
                    error(optionsNode, "the options of stage '\(name)' must be a mapping of option names to values, found \(OptionValues.describe(optionsNode))")
                    return nil
                }
                mapping = options
            }
            let values = OptionValues(file: file, mapping: mapping, entryMark: nameNode.mark, baseFolder: baseFolder)
            let valid = entry.fields.map(\.name)
            for (key, keyNode) in values.keys where !valid.contains(key) {
                if valid.isEmpty {
                    error(keyNode, "stage '\(name)' takes no options, found '\(key)'")
                } else {
                    error(keyNode, "unknown option '\(key)' for stage '\(name)'; \(NearestName.hint(for: key, among: valid))")
                }
            }
            do {
                let factory = try entry.configure(values)
                diagnostics += values.errors
                return values.errors.isEmpty ? factory : nil
            } catch let error as ConfigurationError {
                diagnostics += values.errors + error.diagnostics
            } catch {
                diagnostics += values.errors
                self.error(nameNode, "stage '\(name)': \(error)")
            }
            return nil
        }
    }
}
