import Foundation

/// Names and safe writing of output files.
public enum OutputPath {
    /// Input extensions that output names drop, longest first.
    static let inputExtensions = [".html.gz", ".htm.gz", ".xhtml.gz", ".txt.gz", ".text.gz", ".html", ".htm", ".xhtml", ".txt", ".text", ".gz"]

    /// The id without its input extension: `news/a.html.gz` -> `news/a`.
    public static func stem(of id: String) -> String {
        let lower = id.lowercased()
        for suffix in inputExtensions where lower.hasSuffix(suffix) && lower.count > suffix.count {
            return String(id.dropLast(suffix.count))
        }
        return id
    }

    /// The stem of an id as one file name: `%` and `/` escaped (`news/a.html` -> `news%2Fa`).
    public static func flatName(of id: String) -> String {
        stem(of: id).replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "/", with: "%2F")
    }

    /// Writes `data` to `relative` inside `folder` through a temporary file and a rename.
    ///
    /// Refuses relative paths that would leave the folder (`..`, absolute paths, empty parts) and
    /// names that the file system cannot hold (a part over 255 bytes).
    public static func writeAtomically(_ data: Data, to relative: String, in folder: String) throws(DocumentError) {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
        guard !relative.hasPrefix("/"), !parts.isEmpty, !parts.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }) else {
            throw DocumentError("refusing to write \(relative): it would leave the output folder", hint: "rename the input file")
        }
        if let long = parts.first(where: { $0.utf8.count > 240 }) {
            throw DocumentError("cannot write \(relative): the name '\(long.prefix(40))…' is longer than the file system allows", hint: "rename the input file or use layout: mirror")
        }
        let path = folder + "/" + relative
        let directory = (path as NSString).deletingLastPathComponent
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw DocumentError(
                "cannot create the folder \(directory): \(PipelineLoader.reason(error))", hint: "check the output folder's permissions and free space",
                errorCode: DocumentError.errorCode(of: error) ?? 0)
        }
        let name = (path as NSString).lastPathComponent
        let temporary = directory + "/.\(name).\(ProcessInfo.processInfo.processIdentifier).\(UInt64.random(in: 0...UInt64.max)).tmp"
        // POSIX calls rather than FileManager.createFile, which writes through a temporary file of
        // its own (`.dat.nosync…`) that an interrupted run could not recognise and clean up.
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let code = errno
            throw DocumentError("cannot write \(path): \(String(cString: strerror(code)))", hint: "check the output folder's permissions and free space", errorCode: code)
        }
        let failure = writeAll(data, to: descriptor)
        if close(descriptor) != 0 || failure != nil {
            let code = failure ?? errno
            unlink(temporary)
            throw DocumentError(
                "cannot write \(path): \(String(cString: strerror(code)))", hint: "free space in the output folder (or fix its permissions), then run again",
                errorCode: code)
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw DocumentError("cannot move the output into place at \(path): \(String(cString: strerror(code)))", errorCode: code)
        }
    }

    /// Writes all of `data` to a file descriptor, retrying short and interrupted writes; returns
    /// the errno of a failed write (ENOSPC on a full disk), nil when everything was written.
    static func writeAll(_ data: Data, to descriptor: Int32) -> Int32? {
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += count
            }
            return nil
        }
    }
}
