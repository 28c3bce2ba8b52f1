import Foundation
import Testing

/// Sharded runs with the real `winnow`: the partition, shards + merge against a single run,
/// `status`, `merge --partial`, the index from array-job environments, and re-running one shard.
@Suite(.serialized) struct ShardRunTests {
    /// Runs `winnow` with `environment` added to a copy of this process's environment from which
    /// every array-job variable is removed.
    static func winnow(_ arguments: [String], environment: [String: String] = [:]) throws -> WinnowProcess.Result {
        var variables = ProcessInfo.processInfo.environment.filter {
            !$0.key.hasPrefix("SLURM_") && !$0.key.hasPrefix("AWS_BATCH_") && !$0.key.hasPrefix("BATCH_TASK_") && $0.key != "JOB_COMPLETION_INDEX"
        }
        variables.merge(environment) { $1 }
        return try WinnowProcess.run(arguments, environment: variables)
    }

    /// The ids in a manifest (or any JSON Lines file with `id`s).
    static func ids(_ path: String) -> [String] {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["id"] as? String
        }
    }

    /// The files of an output folder that a sharded run and a single run share byte for byte:
    /// all but the timings, the lock, and the sharding's own files.
    static func comparable(_ folder: String) -> [String: String] {
        WinnowProcess.files(in: folder).filter {
            !["_run.json", "_timings.jsonl", "_winnow.lock", "_plan.json"].contains($0.key) && !$0.key.hasPrefix("_shards/")
        }
    }

    /// A binary file no reader accepts: that document fails.
    static let binary = Data([0x00, 0x01, 0x02, 0xFF, 0x00, 0x89, 0x50, 0x4E, 0x47])

    /// Runs the shards of the plan in `output` one after the other; returns their exit statuses.
    static func runShards(_ count: Int, input: String, output: String, pipeline: String = "Pipelines/default.yml") throws -> [Int32] {
        try (0..<count).map { index in
            try Self.winnow(["run", pipeline, "--input", input, "--output", output, "--shard", "\(index)/\(count)", "--jobs", "1"]).status
        }
    }

    @Test func thePartitionIsStableWhenFilesAreAdded() throws {
        let folder = CronRunTests.corpus(60)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func assignment(_ output: String) throws -> [String: Int] {
            var result: [String: Int] = [:]
            for index in 0..<4 {
                let shard = try Self.winnow(["run", "--input", folder + "/in", "--output", output, "--shard", "\(index)/4", "--jobs", "1"])
                #expect(shard.status == 0, "\(shard.stderr)")
                for id in Self.ids(output + "/_shards/000\(index)/_manifest.jsonl") {
                    #expect(result[id] == nil, "\(id) is in two shards")
                    result[id] = index
                }
            }
            return result
        }
        let before = try assignment(folder + "/out1")
        #expect(before.count == 60)
        #expect(Set(before.values).count == 4, "every shard has inputs")
        for index in 0..<40 {
            _ = FileManager.default.createFile(atPath: folder + "/in/extra-\(index).html", contents: Data("<html><body><p>Extra page \(index), long enough to keep as content.</p></body></html>".utf8))
        }
        let after = try assignment(folder + "/out2")
        #expect(after.count == 100)
        for (id, shard) in before { #expect(after[id] == shard, "\(id) moved from shard \(shard) to \(after[id] ?? -1)") }
    }

    @Test func fourShardsAndAMergeEqualASingleRunByteForByte() throws {
        let folder = CronRunTests.corpus(80)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = FileManager.default.createFile(atPath: folder + "/in/07/broken.html", contents: Self.binary)
        _ = FileManager.default.createFile(atPath: folder + "/in/05/empty.html", contents: Data("<html><body><nav>Home</nav></body></html>".utf8))
        let single = try Self.winnow(["run", "Pipelines/default.yml", "--input", folder + "/in", "--output", folder + "/single"])
        #expect(single.status == 1, "the broken page fails: \(single.stderr)")

        let output = folder + "/sharded"
        let plan = try Self.winnow(["plan", "Pipelines/default.yml", "--input", folder + "/in", "--output", output, "--shards", "4"])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("planned 82 inputs in 4 shards"), "\(plan.stdout)")
        // The four shards at once, as an array job runs them.
        var processes: [Process] = []
        for index in 0..<4 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: WinnowProcess.executable)
            process.arguments = ["run", "Pipelines/default.yml", "--input", folder + "/in", "--output", output, "--shard", "\(index)/4", "--jobs", "1", "--quiet"]
            process.currentDirectoryURL = URL(fileURLWithPath: WinnowProcess.repository)
            process.standardError = FileHandle.nullDevice
            try process.run()
            processes.append(process)
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.map(\.terminationStatus).sorted() == [0, 0, 0, 1], "one shard has the broken page")

        let status = try Self.winnow(["status", output])
        #expect(status.status == 1, "a shard failed: \(status.stdout)")
        #expect(status.stdout.contains("4 shards: 3 done, 1 failed, 0 running, 0 missing; 82 documents finished"), "\(status.stdout)")
        #expect(status.stdout.contains("failed    ") && status.stdout.contains("(1 document failed)"), "\(status.stdout)")

        let merge = try Self.winnow(["merge", output])
        #expect(merge.status == 1, "merged, with a failed document: \(merge.stderr)")
        #expect(merge.stdout.contains("merged 4 of 4 shards"), "\(merge.stdout)")
        let sharded = Self.comparable(output), reference = Self.comparable(folder + "/single")
        #expect(sharded.keys.sorted() == reference.keys.sorted())
        for (name, text) in reference { #expect(sharded[name] == text, "\(name) differs") }
        let report = try JSONSerialization.jsonObject(with: FileManager.default.contents(atPath: output + "/_run.json") ?? Data()) as? [String: Any]
        #expect(report?["documents"] as? Int == 82)
        #expect(report?["failed"] as? Int == 1)
        #expect(report?["shards"] as? Int == 4)

        // A plain run on the merged folder is incremental: it reads the merged manifest.
        let plain = try Self.winnow(["run", "Pipelines/default.yml", "--input", folder + "/in", "--output", output])
        #expect(plain.stderr.contains("1 read") && plain.stderr.contains("81 unchanged"), "\(plain.stderr)")
        for (name, text) in reference where name != "_manifest.jsonl" { #expect(Self.comparable(output)[name] == text, "\(name) differs") }
    }

    @Test func jsonlPartsDifferOnlyInTheirNames() throws {
        let folder = CronRunTests.corpus(40)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let pipeline = folder + "/jsonl.yml"
        try """
            version: 1
            input: in
            output: out
            stages: [read, strip, {write: {formats: [txt, jsonl]}}]
            """.write(toFile: pipeline, atomically: true, encoding: .utf8)
        #expect(try Self.winnow(["run", pipeline, "--output", folder + "/single", "--jobs", "1"]).status == 0)
        #expect(try Self.winnow(["plan", pipeline, "--shards", "3"]).status == 0)
        #expect(try Self.runShards(3, input: folder + "/in", output: folder + "/out", pipeline: pipeline) == [0, 0, 0])
        #expect(try Self.winnow(["merge", folder + "/out"]).status == 0)
        func lines(_ output: String) -> [String] {
            WinnowProcess.files(in: output).filter { $0.key.hasSuffix(".jsonl") && !$0.key.hasPrefix("_") }.values.flatMap { $0.split(separator: "\n").map(String.init) }.sorted()
        }
        func normalized(_ files: [String: String]) -> [String: String] {
            files.filter { !$0.key.hasSuffix(".jsonl") || $0.key.hasPrefix("_") }.mapValues {
                $0.replacingOccurrences(of: #"(shard-\d{4}-w\d\d|part-w\d\d)-\d{5}\.jsonl"#, with: "PART", options: .regularExpression)
            }
        }
        #expect(lines(folder + "/out").count == 40)
        #expect(lines(folder + "/out") == lines(folder + "/single"))
        #expect(normalized(Self.comparable(folder + "/out")) == normalized(Self.comparable(folder + "/single")))
        #expect(WinnowProcess.files(in: folder + "/out").keys.contains { $0.hasPrefix("shard-0002-w00-") })
    }

    @Test func statusReportsDoneFailedRunningAndMissing() throws {
        let folder = CronRunTests.corpus(40)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = folder + "/out"
        #expect(try Self.winnow(["status", output]).status == 78, "no such folder")
        #expect(try Self.winnow(["plan", "Pipelines/default.yml", "--input", folder + "/in", "--output", output, "--shards", "4"]).status == 0)
        let missing = try Self.winnow(["status", output])
        #expect(missing.status == 3)
        #expect(missing.stdout.contains("shard 0000  missing") && missing.stdout.contains("planned (never run)"), "\(missing.stdout)")
        #expect(try Self.runShards(4, input: folder + "/in", output: output) == [0, 0, 0, 0])
        let done = try Self.winnow(["status", output])
        #expect(done.status == 0, "\(done.stdout)")
        #expect(done.stdout.contains("4 shards: 4 done, 0 failed, 0 running, 0 missing; 40 documents finished (40 written, 0 dropped, 0 failed) of 40 planned"), "\(done.stdout)")

        // Shard 1 is running: something holds its lock.
        let lock = open(output + "/_shards/0001/_winnow.lock", O_RDWR)
        #expect(flock(lock, LOCK_EX) == 0)
        // Shard 2 was killed: a journal and no marker. Shard 3's marker belongs to an earlier plan.
        try FileManager.default.removeItem(atPath: output + "/_shards/0002/_done.json")
        _ = FileManager.default.createFile(atPath: output + "/_shards/0002/_journal.jsonl", contents: Data())
        let planned = try Self.winnow(["plan", "Pipelines/default.yml", "--input", folder + "/in", "--output", output, "--shards", "4"])
        #expect(planned.status == 78, "no new plan while a shard runs")
        #expect(planned.stderr.contains("shard 0001 of \(output) is running"), "\(planned.stderr)")
        let mixed = try Self.winnow(["status", output])
        #expect(mixed.status == 3)
        #expect(mixed.stdout.contains("shard 0001  running"), "\(mixed.stdout)")
        #expect(mixed.stdout.contains("shard 0002  failed") && mixed.stdout.contains("interrupted"), "\(mixed.stdout)")
        let merge = try Self.winnow(["merge", output])
        #expect(merge.status == 3)
        #expect(merge.stderr.contains("shard 0001 is running") && merge.stderr.contains("shard 0002 is failed (interrupted"), "\(merge.stderr)")
        flock(lock, LOCK_UN)
        close(lock)
        _ = FileManager.default.createFile(atPath: folder + "/in/new.html", contents: Data("<html><body><p>A new page with a sentence.</p></body></html>".utf8))
        #expect(try Self.winnow(["plan", "Pipelines/default.yml", "--input", folder + "/in", "--output", output, "--shards", "4"]).status == 0)
        let stale = try Self.winnow(["status", output])
        #expect(stale.stdout.contains("its marker is from an earlier plan"), "\(stale.stdout)")
        #expect(stale.stdout.contains("0 done"), "\(stale.stdout)")
        let wrongCount = try Self.winnow(["plan", "Pipelines/default.yml", "--input", folder + "/in", "--output", output, "--shards", "3"])
        #expect(wrongCount.status == 78)
        #expect(wrongCount.stderr.contains("holds the shards of a 4-shard run"), "\(wrongCount.stderr)")
    }

    @Test func mergeRefusesMissingShardsUnlessPartial() throws {
        let folder = CronRunTests.corpus(40)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = folder + "/out"
        #expect(try Self.winnow(["plan", "Pipelines/default.yml", "--input", folder + "/in", "--output", output, "--shards", "4"]).status == 0)
        for index in 0..<3 {
            #expect(try Self.winnow(["run", "Pipelines/default.yml", "--input", folder + "/in", "--output", output, "--shard", "\(index)/4"]).status == 0)
        }
        let refused = try Self.winnow(["merge", output])
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("1 of 4 shards are not finished: shard 0003 is missing (never run)"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--partial"))
        #expect(!FileManager.default.fileExists(atPath: output + "/_manifest.jsonl"))

        let partial = try Self.winnow(["merge", output, "--partial"])
        #expect(partial.status == 0, "\(partial.stderr)")
        #expect(partial.stdout.contains("merged 3 of 4 shards") && partial.stdout.contains("partial: 1 shards not merged"), "\(partial.stdout)")
        let shardIDs = (0..<3).flatMap { Self.ids(output + "/_shards/000\($0)/_manifest.jsonl") }
        #expect(Self.ids(output + "/_manifest.jsonl") == shardIDs.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        let report = String(decoding: FileManager.default.contents(atPath: output + "/_run.json") ?? Data(), as: UTF8.self)
        #expect(report.contains("partial merge: shard 0003 not merged") && report.contains("\"complete\" : false"), "\(report)")

        #expect(try Self.winnow(["run", "Pipelines/default.yml", "--input", folder + "/in", "--output", output, "--shard", "3/4"]).status == 0)
        let full = try Self.winnow(["merge", output])
        #expect(full.status == 0, "\(full.stderr)")
        #expect(Self.ids(output + "/_manifest.jsonl").count == 40)
    }

    @Test func theIndexComesFromTheEnvironmentAndMismatchesAreErrors() throws {
        let folder = CronRunTests.corpus(30)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let base = ["run", "Pipelines/default.yml", "--input", folder + "/in", "--jobs", "1"]
        let slurm = ["SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "3", "SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_STEP": "1"]

        // Slurm's index with --shards alone; the array 0-3 agrees with 4 shards.
        let fromSlurm = try Self.winnow(base + ["--output", folder + "/a", "--shards", "4"], environment: slurm.merging(["SLURM_ARRAY_TASK_ID": "2"]) { $1 })
        #expect(fromSlurm.status == 0, "\(fromSlurm.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder + "/a/_shards/0002/_done.json"))
        // The array 0-4 does not.
        let wrongArray = try Self.winnow(
            base + ["--output", folder + "/a", "--shard", "2/4"],
            environment: slurm.merging(["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MAX": "4", "SLURM_ARRAY_TASK_COUNT": "5"]) { $1 })
        #expect(wrongArray.status == 78)
        #expect(wrongArray.stderr.contains("the shard count is 4, but SLURM_ARRAY_TASK_COUNT (the array 0-4) says the array job has 5 tasks"), "\(wrongArray.stderr)")
        // A re-run of one task (--array=2) has an untrustworthy count: the flag decides.
        let rerun = try Self.winnow(
            base + ["--output", folder + "/a", "--shards", "4"],
            environment: ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MIN": "2", "SLURM_ARRAY_TASK_MAX": "2", "SLURM_ARRAY_TASK_COUNT": "1", "SLURM_ARRAY_TASK_STEP": "1"])
        #expect(rerun.status == 0, "\(rerun.stderr)")

        // Kubernetes Indexed Job: the index only; the count from the plan.
        #expect(try Self.winnow(["plan", "Pipelines/default.yml", "--input", folder + "/in", "--output", folder + "/k", "--shards", "3"]).status == 0)
        let kubernetes = try Self.winnow(base + ["--output", folder + "/k", "--shard", "env"], environment: ["JOB_COMPLETION_INDEX": "1"])
        #expect(kubernetes.status == 0, "\(kubernetes.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder + "/k/_shards/0001/_done.json"))
        let disagree = try Self.winnow(base + ["--output", folder + "/k", "--shard", "1/5"])
        #expect(disagree.status == 78)
        #expect(disagree.stderr.contains("disagrees with the plan"), "\(disagree.stderr)")

        // AWS Batch: its array size is trusted.
        let aws = try Self.winnow(base + ["--output", folder + "/b", "--shards", "4"], environment: ["AWS_BATCH_JOB_ARRAY_INDEX": "0", "AWS_BATCH_JOB_ARRAY_SIZE": "5"])
        #expect(aws.status == 78)
        #expect(aws.stderr.contains("the shard count is 4, but AWS_BATCH_JOB_ARRAY_SIZE says the array job has 5 tasks"), "\(aws.stderr)")
        // A smaller array (the first shards re-run alone) is only worth a notice.
        let fewer = try Self.winnow(base + ["--output", folder + "/b", "--shards", "4"], environment: ["AWS_BATCH_JOB_ARRAY_INDEX": "0", "AWS_BATCH_JOB_ARRAY_SIZE": "1"])
        #expect(fewer.status == 0, "\(fewer.stderr)")
        #expect(fewer.stderr.contains("the array job has 1 tasks for 4 shards"), "\(fewer.stderr)")
        // Google Cloud Batch with an offset (a second array for shards 2-3).
        let google = try Self.winnow(
            base + ["--output", folder + "/b", "--shards", "4", "--shard-offset", "2"], environment: ["BATCH_TASK_INDEX": "1", "BATCH_TASK_COUNT": "2"])
        #expect(google.status == 0, "\(google.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder + "/b/_shards/0003/_done.json"))
        let beyond = try Self.winnow(base + ["--output", folder + "/b", "--shards", "4", "--shard-offset", "3"], environment: ["BATCH_TASK_INDEX": "1"])
        #expect(beyond.status == 78)
        #expect(beyond.stderr.contains("shard 4 (from BATCH_TASK_INDEX=1 + --shard-offset 3) does not exist: there are 4 shards"), "\(beyond.stderr)")

        let none = try Self.winnow(base + ["--output", folder + "/c", "--shard", "env", "--shards", "2"])
        #expect(none.status == 78)
        #expect(none.stderr.contains("no array-task index in the environment"), "\(none.stderr)")
        let noCount = try Self.winnow(base + ["--output", folder + "/c", "--shard", "1"])
        #expect(noCount.status == 78)
        #expect(noCount.stderr.contains("the shard count is unknown"), "\(noCount.stderr)")
        #expect(try Self.winnow(base + ["--output", folder + "/c", "--shard", "x/2"]).status == 2)

        // A changed pipeline against the plan: re-plan.
        let other = folder + "/other.yml"
        try "version: 1\ninput: in\noutput: k\nstages:\n  - read\n  - strip: {mode: precision}\n  - write\n".write(toFile: other, atomically: true, encoding: .utf8)
        let changed = try Self.winnow(["run", other, "--shard", "0/3"])
        #expect(changed.status == 78)
        #expect(changed.stderr.contains("is not the one the plan") && changed.stderr.contains("winnow plan"), "\(changed.stderr)")
    }

    @Test func rerunningOneFailedShardRedoesOnlyItsWork() throws {
        let folder = CronRunTests.corpus(60)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = folder + "/out"
        let broken = folder + "/in/03/broken.html"
        _ = FileManager.default.createFile(atPath: broken, contents: Self.binary)
        #expect(try Self.winnow(["plan", "Pipelines/default.yml", "--input", folder + "/in", "--output", output, "--shards", "4"]).status == 0)
        let statuses = try Self.runShards(4, input: folder + "/in", output: output)
        #expect(statuses.filter { $0 == 1 }.count == 1)
        let failed = statuses.firstIndex(of: 1) ?? 0
        let markers = (0..<4).map { FileManager.default.contents(atPath: output + "/_shards/000\($0)/_done.json") }

        _ = FileManager.default.createFile(atPath: broken, contents: Data("<html><body><article><h1>Fixed</h1><p>The page is readable now, with a full sentence.</p></article></body></html>".utf8))
        let again = try Self.winnow(["run", "Pipelines/default.yml", "--input", folder + "/in", "--output", output, "--shard", "\(failed)/4"])
        #expect(again.status == 0, "\(again.stderr)")
        let planned = Self.ids(output + "/_shards/000\(failed)/_manifest.jsonl").count
        #expect(again.stderr.contains("1 read, 1 written, 0 dropped, 0 failed, \(planned - 1) unchanged"), "\(again.stderr)")
        for index in 0..<4 where index != failed {
            #expect(FileManager.default.contents(atPath: output + "/_shards/000\(index)/_done.json") == markers[index], "shard \(index) untouched")
        }
        #expect(try Self.winnow(["status", output]).status == 0)
        #expect(try Self.winnow(["merge", output]).status == 0)
        #expect(try Self.winnow(["run", "Pipelines/default.yml", "--input", folder + "/in", "--output", folder + "/single"]).status == 0)
        #expect(Self.comparable(output) == Self.comparable(folder + "/single"))
    }
}
