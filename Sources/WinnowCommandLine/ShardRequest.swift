import Foundation
import Winnow

/// What `--shard` asked for: an index and maybe a count, or the environment's index.
enum ShardRequest: Equatable {
    /// `--shard INDEX/COUNT` or `--shard INDEX`.
    case explicit(index: Int, count: Int?)
    /// `--shard env`.
    case environment

    /// Parses `3/8`, `3` or `env`; nil when the text is none of them.
    init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == "env" {
            self = .environment
            return
        }
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let index = Int(parts[0]), index >= 0 else { return nil }
        if parts.count == 2 {
            guard let count = Int(parts[1]), count >= 1 else { return nil }
            self = .explicit(index: index, count: count)
        } else {
            self = .explicit(index: index, count: nil)
        }
    }

    /// The shard a `winnow run` processes, from its flags, the plan in the output folder and the
    /// environment; nil for a whole-folder run (no `--shard`, no `--shards`).
    ///
    /// The count comes from `--shard I/N`, `--shards N` or the plan, which must agree; never from
    /// an engine's count alone (Slurm's is the number of tasks submitted, not of shards). An
    /// engine count that is trustworthy (``ShardEnvironment/trustedCount``) and larger than the
    /// shard count is an error (the array has tasks past the last shard, so it was submitted for
    /// another count), as is an index out of range; a smaller one is only worth a `warn`ing, since
    /// re-running the first shards alone (`--array=0` or `0-1`) looks just like it.
    static func resolve(
        shard: String?, shards: Int?, offset: Int, folder: String, environment: [String: String], warn: (String) -> Void = { _ in }
    ) throws(DocumentError) -> ShardSelection? {
        guard shard != nil || shards != nil else { return nil }
        let request = shard.flatMap(ShardRequest.init) ?? .environment
        let plan = try ShardPlan.load(from: folder)
        let planPath = folder + "/" + RunNames.planFile
        var index: Int
        var count: Int?
        var source: String
        var detected: ShardEnvironment?
        switch request {
        case .explicit(let given, let givenCount):
            index = given
            count = givenCount
            source = "--shard \(shard ?? "")"
            if let givenCount, let shards, givenCount != shards {
                throw DocumentError("--shard \(shard ?? "") and --shards \(shards) disagree on the shard count", hint: "give the count once")
            }
            // An explicit index that is the environment's ($SLURM_ARRAY_TASK_ID/4) is checked like one taken from it.
            if let found = try ShardEnvironment.detect(environment), found.index == given { detected = found }
        case .environment:
            guard let found = try ShardEnvironment.detect(environment) else {
                throw DocumentError(
                    "no array-task index in the environment (looked for \(ShardEnvironment.indexVariables.joined(separator: ", ")))",
                    hint: "run inside an array job, or give the shard with --shard INDEX/COUNT")
            }
            detected = found
            index = found.index + offset
            source = "\(found.variable)=\(found.index)" + (offset == 0 ? "" : " + --shard-offset \(offset)")
        }
        count = count ?? shards
        if let plan {
            if let count, count != plan.shards {
                throw DocumentError(
                    "the shard count \(count) (from \(shard.map { "--shard \($0)" } ?? "--shards")) disagrees with the plan \(planPath), which has \(plan.shards) shards",
                    hint: "use the plan's count, or make the plan again with 'winnow plan PIPELINE --shards \(count)'")
            }
            count = plan.shards
        }
        guard let total = count else {
            throw DocumentError(
                "the shard count is unknown: \(source) gives only the index, and \(folder) has no plan",
                hint: "pass --shard INDEX/COUNT or --shards N, or make a plan with 'winnow plan PIPELINE --shards N'")
        }
        if let detected, offset == 0, let trusted = detected.trustedCount, trusted < total {
            warn("the array job has \(trusted) tasks for \(total) shards (\(detected.countSource ?? "the environment")): shards \(trusted) to \(total - 1) need tasks of their own, unless they are done")
        }
        if let detected, offset == 0, let trusted = detected.trustedCount, trusted > total {
            throw DocumentError(
                "the shard count is \(total), but \(detected.countSource ?? "the environment") says the array job has \(trusted) tasks",
                hint: "submit the array as 0-\(total - 1) (sbatch --array=0-\(total - 1)), or use --shards \(trusted) and a plan with \(trusted) shards")
        }
        guard index < total else {
            throw DocumentError(
                "shard \(index) (from \(source)) does not exist: there are \(total) shards, numbered 0 to \(total - 1)",
                hint: detected == nil ? "give an index below \(total)" : "submit the array as 0-\(total - 1), or set --shard-offset so that indexes stay below \(total)")
        }
        return ShardSelection(index: index, count: total, plan: plan)
    }
}
