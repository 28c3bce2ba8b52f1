import Foundation

/// One run per output folder: an advisory `flock(2)` on `_winnow.lock` in the folder.
///
/// The kernel releases the lock when its holder exits, however it exits (`kill -9` included), so
/// a lock left by a dead process never blocks the next run. The file also records the holder's
/// PID and start time, which a second run reports when it finds the folder busy.
public final class RunLock: @unchecked Sendable {
    /// The lock file's name in the output folder.
    public static let fileName = "_winnow.lock"

    /// Another run holds the folder.
    public struct Busy: Error, CustomStringConvertible, Sendable {
        /// The output folder.
        public var folder: String
        /// What the holder wrote into the lock file ("pid 1234, started 2026-11-29T12:00:00Z"), if readable.
        public var holder: String?

        public var description: String {
            "the output folder \(folder) is in use by another winnow run" + (holder.map { " (\($0))" } ?? "")
                + "; wait for it to end, or pass --wait[=SECONDS] to wait for it"
        }
    }

    private let descriptor: Int32
    /// The lock file's path.
    public let path: String

    /// Takes the lock of `folder` (creating the folder), waiting up to `wait` seconds for another
    /// run to end (nil: do not wait; `.infinity`: wait as long as it takes).
    public init(folder: String, wait: Double? = nil) throws {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        path = folder + "/" + Self.fileName
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw DocumentError("cannot open the lock file \(path): \(String(cString: strerror(errno)))", hint: "check the output folder's permissions")
        }
        let deadline = wait.map { Date().addingTimeInterval(min($0, 1e9)) }
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let failure = errno
            guard failure == EWOULDBLOCK || failure == EINTR else {
                close(descriptor)
                throw DocumentError("cannot lock \(path): \(String(cString: strerror(failure)))", hint: "use an output folder on a file system that supports flock")
            }
            guard let deadline, Date() < deadline else {
                let holder = Self.holder(descriptor)
                close(descriptor)
                throw Busy(folder: folder, holder: holder)
            }
            usleep(100_000)
        }
        self.descriptor = descriptor
        let formatter = ISO8601DateFormatter()
        let text = "pid \(ProcessInfo.processInfo.processIdentifier), started \(formatter.string(from: Date()))\n"
        _ = ftruncate(descriptor, 0)
        _ = text.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// What the current holder wrote into the lock file.
    private static func holder(_ descriptor: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
