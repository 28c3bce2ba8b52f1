import ArgumentParser
import Winnow

extension WinnowCommand {
    /// `winnow stages`.
    struct Stages: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the stages a pipeline file can name, with their options.")

        @Argument(help: "Show only this stage.")
        var name: String?

        func run() throws {
            let entries = Registry.current.entries.filter { name == nil || $0.name == name }
            if let name, entries.isEmpty {
                throw ValidationError("no stage named '\(name)'; stages: \(Registry.current.names.joined(separator: ", "))")
            }
            for (index, entry) in entries.enumerated() {
                if index > 0 { print("") }
                print("\(entry.name)\n  \(entry.summary)")
                if entry.fields.isEmpty { print("  (no options)") }
                for field in entry.fields {
                    print("  \(field.name): \(field.type) = \(field.defaultValue)")
                    print("      \(field.help)")
                }
            }
        }
    }
}
