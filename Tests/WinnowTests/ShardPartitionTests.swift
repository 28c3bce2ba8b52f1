import Foundation
import Testing
@testable import Winnow

/// The partition of sharded runs, the names shards use, and the array-job environments.
struct ShardPartitionTests {
    /// Fixed values: output folders written by one winnow must be re-run and merged by the next,
    /// so the partition may never change (first 8 bytes of SHA-256, big-endian, mod count).
    @Test func thePartitionIsAFixedFunctionOfThePath() {
        #expect(ShardPartition.shard(of: "news/a.html", count: 4) == 3)
        #expect(ShardPartition.shard(of: "news/a.html", count: 1000) == 367)
        #expect(ShardPartition.shard(of: "html/news/battery-train-order.html", count: 4) == 0)
        #expect(ShardPartition.shard(of: "html/news/battery-train-order.html", count: 3) == 2)
        #expect(ShardPartition.shard(of: "a", count: 7) == 4)
        #expect(ShardPartition.shard(of: "été/ünïcode.txt", count: 3) == 2)
        #expect(ShardPartition.shard(of: "anything", count: 1) == 0)
    }

    @Test func shardsAreRoughlyEven() {
        var counts = [Int](repeating: 0, count: 8)
        for index in 0..<8000 { counts[ShardPartition.shard(of: "site/page-\(index).html", count: 8)] += 1 }
        #expect(counts.allSatisfy { $0 > 850 && $0 < 1150 }, "\(counts)")
    }

    @Test func eachShardHasItsOwnFileNames() {
        let whole = RunNames()
        let shard = RunNames(shard: 3)
        #expect(whole.manifest == "_manifest.jsonl" && whole.lock == "_winnow.lock" && whole.journal == "_journal.jsonl")
        #expect(shard.manifest == "_shards/0003/_manifest.jsonl")
        #expect(shard.journal == "_shards/0003/_journal.jsonl")
        #expect(shard.lock == "_shards/0003/_winnow.lock")
        #expect(shard.run == "_shards/0003/_run.json" && shard.errors == "_shards/0003/_errors.jsonl" && shard.timings == "_shards/0003/_timings.jsonl")
        #expect(shard.marker == "_shards/0003/_done.json")
        #expect(whole.partPrefix(worker: 2) == "part-w02")
        #expect(shard.partPrefix(worker: 12) == "shard-0003-w12")
        #expect(RunNames(shard: 12345).stateFolder == "_shards/12345")
        #expect(shard.ownsPart("shard-0003-w00-00000.jsonl") && shard.ownsPart("shard-0003-w01-00002.jsonl.gz"))
        #expect(!shard.ownsPart("shard-0004-w00-00000.jsonl") && !shard.ownsPart("part-w00-00000.jsonl"))
        #expect(whole.ownsPart("part-w00-00000.jsonl") && !whole.ownsPart("shard-0003-w00-00000.jsonl"))
    }

    @Test func theIndexComesFromTheFirstEngineVariable() throws {
        #expect(try ShardEnvironment.detect([:]) == nil)
        let slurm = try #require(try ShardEnvironment.detect([
            "SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "7", "SLURM_ARRAY_TASK_COUNT": "8", "SLURM_ARRAY_TASK_STEP": "1",
        ]))
        #expect(slurm.index == 3 && slurm.trustedCount == 8 && slurm.variable == "SLURM_ARRAY_TASK_ID")
        // Arrays that do not start at 0, step, or leave gaps say nothing about the shard count.
        for (min, max, count, step) in [("1", "8", "8", "1"), ("0", "6", "4", "2"), ("2", "2", "1", "1"), ("0", "7", "3", "1")] {
            let partial = try ShardEnvironment.detect([
                "SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MIN": min, "SLURM_ARRAY_TASK_MAX": max, "SLURM_ARRAY_TASK_COUNT": count, "SLURM_ARRAY_TASK_STEP": step,
            ])
            #expect(partial?.trustedCount == nil, "\(min)-\(max):\(step) count \(count)")
        }
        #expect(try ShardEnvironment.detect(["JOB_COMPLETION_INDEX": "5"]) == ShardEnvironment(variable: "JOB_COMPLETION_INDEX", index: 5))
        #expect(try ShardEnvironment.detect(["AWS_BATCH_JOB_ARRAY_INDEX": "9", "AWS_BATCH_JOB_ARRAY_SIZE": "10"])?.trustedCount == 10)
        #expect(try ShardEnvironment.detect(["BATCH_TASK_INDEX": "0", "BATCH_TASK_COUNT": "4"])?.trustedCount == 4)
        #expect(try ShardEnvironment.detect(["SLURM_ARRAY_TASK_ID": "1", "JOB_COMPLETION_INDEX": "4"])?.index == 1, "Slurm first")
        #expect(throws: DocumentError.self) { try ShardEnvironment.detect(["JOB_COMPLETION_INDEX": "x"]) }
    }

    @Test func thePlanDigestIgnoresWhenThePlanWasMade() throws {
        let folder = NSTemporaryDirectory() + "winnow-plan-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/in", withIntermediateDirectories: true)
        for name in ["a.html", "b.txt", "c.html"] {
            _ = FileManager.default.createFile(atPath: folder + "/in/" + name, contents: Data("<p>\(name)</p>".utf8))
        }
        let configuration = try PipelineLoader(registry: .builtIn).load(yaml: "version: 1\ninput: in\noutput: out\nstages: [read, write]\n", file: "p.yml", baseFolder: folder)
        var plan = try ShardPlan(configuration: configuration, shards: 2)
        #expect(plan.inputs.map(\.id) == ["a.html", "b.txt", "c.html"])
        let digest = plan.digest
        plan.created = "2000-01-01T00:00:00Z"
        #expect(plan.digest == digest)
        plan.inputs[0].size += 1
        #expect(plan.digest != digest)
        try plan.write(to: folder + "/out")
        #expect(try ShardPlan.load(from: folder + "/out") == plan)
        let files = (0..<2).flatMap { plan.files(ofShard: $0).map(\.id) }
        #expect(files.sorted() == ["a.html", "b.txt", "c.html"])
    }
}
