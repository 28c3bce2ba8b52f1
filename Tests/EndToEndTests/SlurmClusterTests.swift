import Foundation
import Testing

/// The Slurm integration (`Tools/slurm/test.sh`) on a real cluster started on loopback: a 4-task
/// array job, `status`, `merge`, a byte-for-byte comparison with a single-machine run, then a
/// failed shard re-submitted alone.
///
/// It starts daemons as root, so it runs only when asked: `WINNOW_SLURM_TEST=1 swift test --filter
/// Slurm` (with `slurmctld slurmd slurm-client munge` installed). `.ci/run` runs the script itself
/// after `swift test`; a plain `swift test` skips this test and says why.
@Suite struct SlurmClusterTests {
    static let requested = ProcessInfo.processInfo.environment["WINNOW_SLURM_TEST"] == "1"

    /// The exit status of `process`, reaped with `waitpid` (Foundation's own monitor was seen to
    /// miss the exit of this script, whose daemons it starts outlive it as orphans).
    static func wait(for process: Process) -> Int32 {
        let pid = process.processIdentifier
        var status: Int32 = 0
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F) }
            if reaped < 0 && errno != EINTR {
                process.waitUntilExit()
                return process.terminationStatus
            }
            usleep(100_000)
        }
    }

    @Test(.enabled(
        if: requested,
        "the Slurm cluster test runs only with WINNOW_SLURM_TEST=1 (root, Debian's slurmctld slurmd slurm-client munge); .ci/run runs Tools/slurm/test.sh"))
    func anArrayJobMergesLikeASingleRunAndAFailedShardIsRerunAlone() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: WinnowProcess.repository + "/Tools/slurm/test.sh")
        var environment = ProcessInfo.processInfo.environment
        environment["WINNOW"] = WinnowProcess.executable
        process.environment = environment
        // Output to a file rather than a pipe: nothing the script leaves behind can hold this test.
        let folder = WinnowProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let log = folder + "/slurm-test.log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let status = Self.wait(for: process)
        try handle.close()
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(status == 0, "\(text)")
        #expect(text.contains("slurm test [") && text.contains("passed"), "\(text)")
    }
}
