import Dispatch
import Foundation
import Winnow
import WinnowHTML

/// `winnow-bench [FOLDER] [--jobs 1,2] [--rounds N] [--limit N] [--only ROW] [--json]`: throughput of
/// the libxml2 parse alone (the floor), the reader, reader + stripper, and the `read, strip, write`
/// pipeline, on the same pages in one run. `--only floor|reader|reader-stripper|pipeline` measures
/// one row, and `--json` prints each row as a JSON line (for `Benchmarks/speed/run.py`, which runs
/// each row in its own process to get its own peak RSS).
///
/// Pages are read and inflated into memory first, so the first three rows measure CPU work only;
/// the pipeline row runs `Pipeline` over the folder, reading and writing files as `winnow run` does.
struct BenchmarkCommand {
    var folder: String
    var jobsList: [Int]
    var rounds: Int
    var limit: Int?
    var only: Variant?
    var json = false

    static func parse(_ arguments: [String]) -> BenchmarkCommand {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        var command = BenchmarkCommand(folder: "", jobsList: cores > 1 ? [1, cores] : [1], rounds: 1, limit: nil)
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--jobs":
                index += 1
                command.jobsList = arguments[index].split(separator: ",").compactMap { Int($0) }
            case "--rounds":
                index += 1
                command.rounds = max(1, Int(arguments[index]) ?? 1)
            case "--limit":
                index += 1
                command.limit = Int(arguments[index])
            case "--only":
                index += 1
                command.only = Variant.named(arguments[index])
                if command.only == nil {
                    FileHandle.standardError.write(Data("winnow-bench: --only takes floor, reader, reader-stripper or pipeline\n".utf8))
                    exit(2)
                }
            case "--json":
                command.json = true
            default:
                command.folder = argument
            }
            index += 1
        }
        return command
    }
}

let command = BenchmarkCommand.parse(Array(CommandLine.arguments.dropFirst()))
let corpus = Corpus.load(folder: command.folder, limit: command.limit)
if !command.json { print("winnow-bench: \(corpus.pages.count) pages, \(String(format: "%.1f", Double(corpus.bytes) / 1e6)) MB (\(corpus.origin)), \(command.rounds) round(s)") }
var rows: [Measurement] = []
for jobs in command.jobsList {
    var floor: Measurement?
    for variant in Variant.allCases where command.only == nil || command.only == variant || (variant == .parseFloor && !command.json) {
        var measurement = variant == .pipeline
            ? Measurement.pipeline(corpus: corpus, jobs: jobs, rounds: command.rounds)
            : Measurement.inMemory(variant, corpus: corpus, jobs: jobs, rounds: command.rounds)
        if variant == .parseFloor { floor = measurement }
        measurement.floorRatio = floor.map { measurement.pagesPerSecond / $0.pagesPerSecond }
        if command.only == nil || command.only == variant { rows.append(measurement) }
        if command.json, command.only == nil || command.only == variant { print(measurement.jsonLine) }
    }
}
if !command.json { Measurement.printTable(rows) }
