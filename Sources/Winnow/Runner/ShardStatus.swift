import Foundation

/// A shard's completion marker, `_shards/NNNN/_done.json`: written last, atomically, when a shard
/// run ends (and removed when the next run of the shard starts), so its presence means "this
/// shard's manifest is final".
public struct ShardMarker: Codable, Sendable, Hashable {
    /// The shard.
    public var shard: Int
    /// The number of shards.
    public var shards: Int
    /// `done` (every input of the shard written or dropped) or `failed` (documents failed, or the
    /// run stopped before its end).
    public var status: String
    /// The digest of the plan the shard followed (``ShardPlan/digest``), nil without a plan.
    public var plan: String?
    /// The pipeline hash.
    public var pipeline: String
    /// Entries in the shard's manifest.
    public var documents: Int
    /// Of those, written.
    public var written: Int
    /// Of those, dropped.
    public var dropped: Int
    /// Of those, failed.
    public var failed: Int
    /// Documents processed by the shard's last run.
    public var read: Int
    /// Documents its last run found unchanged.
    public var unchanged: Int
    /// Documents its last run did not reach (it stopped early).
    public var notReached: Int
    /// Whether the last run reached every input.
    public var complete: Bool
    /// Why the last run stopped early, if it did.
    public var stoppedEarly: String?
    /// When the run ended (ISO 8601).
    public var finished: String
    /// The machine it ran on.
    public var host: String
    /// The winnow version.
    public var winnow: String

    /// The marker of a shard run that ended with `report`, its manifest holding `entries`.
    init(shard: ShardSelection, pipeline: String, entries: [String: ManifestEntry], report: RunReport) {
        self.shard = shard.index
        shards = shard.count
        plan = shard.plan?.digest
        self.pipeline = pipeline
        documents = entries.count
        written = entries.values.filter { $0.status == "written" }.count
        dropped = entries.values.filter { $0.status == "dropped" }.count
        failed = entries.values.filter { $0.status == "failed" }.count
        read = report.read
        unchanged = report.unchanged
        notReached = report.notReached
        stoppedEarly = report.stoppedEarly ?? report.outputProblem
        complete = stoppedEarly == nil && report.notReached == 0
        status = complete && failed == 0 ? "done" : "failed"
        finished = ISO8601DateFormatter().string(from: Date())
        host = ProcessInfo.processInfo.hostName
        winnow = WinnowVersion.current
    }

    /// Writes the marker into the shard's state folder of `folder`, atomically.
    func write(to folder: String) throws(DocumentError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = ((try? encoder.encode(self)) ?? Data()) + Data("\n".utf8)
        try OutputPath.writeAtomically(data, to: RunNames(shard: shard).marker, in: folder)
    }

    /// The marker of `shard` in `folder`, if there is a readable one.
    public static func load(folder: String, shard: Int) -> ShardMarker? {
        guard let data = FileManager.default.contents(atPath: folder + "/" + RunNames(shard: shard).marker) else { return nil }
        return try? JSONDecoder().decode(ShardMarker.self, from: data)
    }
}

/// Where one shard of an output folder stands.
public struct ShardStatus: Sendable {
    /// The shard's state.
    public enum State: String, Sendable {
        /// Finished, every input written or dropped.
        case done
        /// Finished with failed documents, or stopped before its end (interrupted, killed).
        case failed
        /// A run of the shard holds its lock now.
        case running
        /// Never run, or its marker belongs to another plan or shard count.
        case missing
    }

    /// The shard.
    public var shard: Int
    /// Its state.
    public var state: State
    /// Why, in a few words ("3 documents failed", "interrupted: no marker", "pid 42, started …").
    public var detail: String
    /// Its marker, when it has a current one.
    public var marker: ShardMarker?
    /// The inputs the plan gives it, when there is a plan.
    public var planned: Int?
    /// Documents its journal records (a running or interrupted run's progress).
    public var journaled: Int

    /// Whether `winnow merge` can take the shard: it finished a run over all its inputs under
    /// the current plan (failed documents included: they are part of the result, as in a
    /// single-machine run).
    public var isMergeable: Bool { marker?.complete == true && (state == .done || state == .failed) }
}

/// The shards of an output folder, as `winnow status` and `winnow merge` see them.
public struct ShardSurvey: Sendable {
    /// The output folder.
    public var folder: String
    /// The number of shards.
    public var count: Int
    /// The plan, if the folder has one.
    public var plan: ShardPlan?
    /// Every shard, in order.
    public var shards: [ShardStatus]

    /// Shards in `state`.
    public func count(_ state: ShardStatus.State) -> Int { shards.filter { $0.state == state }.count }

    /// Surveys `folder`. The shard count comes from `count`, else the plan, else the shards'
    /// markers (which must agree).
    public static func read(folder: String, count: Int? = nil) throws(DocumentError) -> ShardSurvey {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw DocumentError("the output folder \(folder) does not exist", hint: "give the output folder of a sharded run (the one with _plan.json or _shards/)")
        }
        let plan = try ShardPlan.load(from: folder)
        let total: Int
        if let plan, let count, count != plan.shards {
            throw DocumentError("--shards \(count) disagrees with the plan \(folder)/\(RunNames.planFile), which has \(plan.shards) shards", hint: "leave out --shards, or make the plan again")
        } else if let known = count ?? plan?.shards {
            total = known
        } else {
            let labels = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/" + RunNames.shardsFolder)) ?? []
            let counts = Set(labels.compactMap(Int.init).compactMap { ShardMarker.load(folder: folder, shard: $0)?.shards })
            guard counts.count == 1, let only = counts.first else {
                throw DocumentError(
                    counts.isEmpty ? "\(folder) has no plan and no finished shard, so its shard count is unknown" : "the shards of \(folder) disagree on their count (\(counts.sorted().map(String.init).joined(separator: ", ")))",
                    hint: "pass --shards N, or make a plan with 'winnow plan PIPELINE --shards N'")
            }
            total = only
        }
        guard total >= 1 else { throw DocumentError("the shard count must be at least 1, not \(total)") }
        let digest = plan?.digest
        var planned = [Int](repeating: 0, count: total)
        if let plan {
            for input in plan.inputs { planned[ShardPartition.shard(of: input.id, count: total)] += 1 }
        }
        var shards: [ShardStatus] = []
        for shard in 0..<total {
            let names = RunNames(shard: shard)
            var status = ShardStatus(shard: shard, state: .missing, detail: "", marker: nil, planned: plan == nil ? nil : planned[shard], journaled: 0)
            status.journaled = lineCount(folder + "/" + names.journal)
            let marker = ShardMarker.load(folder: folder, shard: shard)
            if let holder = lockHolder(folder + "/" + names.lock) {
                status.state = .running
                status.detail = holder
            } else if let marker {
                if marker.shards != total {
                    status.detail = "its marker is from a run with \(marker.shards) shards"
                } else if marker.plan != digest {
                    status.detail = digest == nil ? "its marker is from a planned run, and the plan is gone" : "its marker is from an earlier plan"
                } else {
                    status.marker = marker
                    if marker.status == "done" {
                        status.state = .done
                    } else {
                        status.state = .failed
                        var reasons: [String] = []
                        if marker.failed > 0 { reasons.append("\(marker.failed) document\(marker.failed == 1 ? "" : "s") failed") }
                        if let stopped = marker.stoppedEarly { reasons.append("stopped early: \(stopped)") }
                        status.detail = reasons.joined(separator: "; ")
                    }
                }
            } else if FileManager.default.fileExists(atPath: folder + "/" + names.journal) {
                status.state = .failed
                status.detail = "interrupted: its run ended without a marker (killed?)"
            } else if FileManager.default.fileExists(atPath: folder + "/" + names.stateFolder) {
                status.detail = "no marker: its last run did not finish"
            } else {
                status.detail = "never run"
            }
            shards.append(status)
        }
        return ShardSurvey(folder: folder, count: total, plan: plan, shards: shards)
    }

    /// What the holder of the lock file at `path` wrote ("pid 42, started …"), when a process
    /// holds it now; nil when it is free or absent. (It takes a shared lock for an instant, which
    /// a run starting at that moment waits out.)
    public static func lockHolder(_ path: String) -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        if flock(descriptor, LOCK_SH | LOCK_NB) == 0 {
            flock(descriptor, LOCK_UN)
            return nil
        }
        let text = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return text.isEmpty ? "locked" : text
    }

    /// Lines in a file (0 when it does not exist).
    static func lineCount(_ path: String) -> Int {
        (FileManager.default.contents(atPath: path) ?? Data()).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }
}
