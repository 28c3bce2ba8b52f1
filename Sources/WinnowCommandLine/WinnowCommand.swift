import ArgumentParser
import Foundation
import Winnow

/// The `winnow` command: runs pipelines that turn scraped pages into clean text.
public struct WinnowCommand: ParsableCommand {
    /// The command's name, help and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "winnow",
        abstract: "Turn scraped web pages into clean, normalized text.",
        discussion: """
            Exit codes: 0 success; 1 some documents failed (the others were processed), or more \
            than --max-failures; 2 usage error; 74 the output folder could not be written; 75 the \
            output folder is locked by another run; 78 configuration error; 130 / 143 interrupted \
            by SIGINT / SIGTERM.
            """,
        version: WinnowVersion.current,
        subcommands: [Run.self, Validate.self, Stages.self, Extract.self, Explain.self, Report.self, Plan.self, Status.self, Merge.self, Slurm.self]
    )

    /// Creates the command (ArgumentParser fills it).
    public init() {}

    /// Runs the command line with `registry`'s stages, mapping errors to winnow's exit codes.
    ///
    /// A package that adds its own stages calls this from its `main.swift`:
    /// `var r = StageRegistry.builtIn; r.register(MyStage.self); WinnowCommand.entry(registry: r)`.
    public static func entry(registry: StageRegistry = .builtIn) -> Never {
        Registry.current = registry
        do {
            var command = try parseAsRoot(preparedArguments(Array(CommandLine.arguments.dropFirst())))
            try command.run()
            Foundation.exit(0)
        } catch let error as ConfigurationError {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            Foundation.exit(ExitStatus.configuration)
        } catch let error as DocumentError {
            FileHandle.standardError.write(Data(("winnow: error: \(error)\n").utf8))
            Foundation.exit(ExitStatus.configuration)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(ExitStatus.usage)
            }
            exit(withError: error)
        }
    }
}

/// The command line with a bare `--wait` (wait as long as it takes) spelt `--wait=forever`,
/// since `--wait[=SECONDS]` takes its value only after `=`.
func preparedArguments(_ arguments: [String]) -> [String] {
    var result: [String] = []
    for argument in arguments {
        if argument == "--" { return result + arguments[result.count...] }
        result.append(argument == "--wait" ? "--wait=" + WinnowCommand.Run.waitForever : argument)
    }
    return result
}

/// winnow's exit statuses.
enum ExitStatus {
    /// Some documents failed.
    static let someFailed: Int32 = 1
    /// The command line was wrong.
    static let usage: Int32 = 2
    /// The output folder could not be written (EX_IOERR).
    static let outputFailed: Int32 = 74
    /// Another run holds the output folder (EX_TEMPFAIL).
    static let locked: Int32 = 75
    /// The pipeline file was wrong (EX_CONFIG).
    static let configuration: Int32 = 78
}

/// The registry the commands use (set once by ``WinnowCommand/entry(registry:)`` before parsing).
enum Registry {
    nonisolated(unsafe) static var current = StageRegistry.builtIn
}
