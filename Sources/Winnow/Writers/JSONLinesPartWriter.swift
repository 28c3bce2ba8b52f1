import Foundation
import WinnowHTML

/// Appends documents as JSON Lines to numbered part files in a folder, rotating by size.
///
/// - **Names**: `<prefix>-00000.jsonl`, `<prefix>-00001.jsonl`... (`.jsonl.gz` when compressed).
///   Callers give each writer its own prefix (`part-w03`, `shard-0002-w03`), so parallel
///   writers never touch the same file.
/// - **Lines**: one compact ``DocumentJSON`` object and `\n` per document.
/// - **Rotation**: a line that would take the current part past `maxPartBytes` (uncompressed)
///   starts the next part; a line is never split, and a single longer line gets a part alone.
/// - **Atomicity**: a part is written as `.<name>.tmp` in the folder and renamed into place when
///   it is complete, so a reader never sees a partial part. Compressed parts are streamed
///   through one gzip member each and are valid `.gz` files once in place.
/// - **Lifetime**: ``close()`` publishes the last part. A writer released without `close()`
///   deletes its unfinished part. An instance belongs to one thread (one worker).
public final class JSONLinesPartWriter {
    /// The folder the parts are written to.
    public let folder: String
    /// The start of every part's name.
    public let prefix: String
    /// The most uncompressed bytes a part holds (unless one line alone is longer); 0 or less: no limit.
    public let maxPartBytes: Int
    /// Whether parts are gzip-compressed.
    public let compress: Bool
    /// Whether lines include each document's trace.
    public let includeTrace: Bool
    /// The parts published so far, relative to ``folder``, in order.
    public private(set) var parts: [String] = []

    /// The part being written: its name, file, byte count and pending output.
    private struct OpenPart {
        /// The final name, relative to the folder.
        var name: String
        /// The temporary file's full path.
        var temporary: String
        /// The open temporary file.
        var handle: FileHandle
        /// The gzip stream, when compressing.
        var gzip: Gzip.Stream?
        /// Uncompressed bytes appended to this part.
        var bytes = 0
        /// Lines not yet handed to the file (or the gzip stream).
        var pending: [UInt8] = []
    }

    /// The part being written, if any.
    private var current: OpenPart?
    /// The number of the next part to open.
    private var nextNumber = 0
    /// Whether ``close()`` has run.
    private var closed = false
    /// How many pending bytes are buffered before they go to the file.
    private static let flushThreshold = 256 << 10

    /// Creates a writer; nothing is written until the first ``append(_:)``.
    ///
    /// `prefix` must be a plain file name start: no `/`, not empty, not starting with `.`.
    /// Parts are numbered from `firstNumber`; ``nextFreeNumber(in:prefix:)`` gives the first number
    /// no published part of the prefix uses, so that a run never overwrites an earlier run's part.
    public init(folder: String, prefix: String, maxPartBytes: Int, compress: Bool, includeTrace: Bool = false, firstNumber: Int = 0) throws(DocumentError) {
        guard !prefix.isEmpty, !prefix.contains("/"), !prefix.hasPrefix(".") else {
            throw DocumentError("invalid part prefix '\(prefix)'", hint: "use a plain name such as part-w03")
        }
        self.folder = folder
        self.prefix = prefix
        self.maxPartBytes = maxPartBytes
        self.compress = compress
        self.includeTrace = includeTrace
        self.nextNumber = max(0, firstNumber)
    }

    /// Whether an output name is a JSON Lines part: `<prefix>-<digits>.jsonl[.gz]` at the top of the folder.
    public static func isPartName(_ name: String) -> Bool {
        guard !name.contains("/"), !name.hasPrefix("."), !name.hasPrefix("_") else { return false }
        let base: Substring
        if name.hasSuffix(".jsonl") { base = name.dropLast(6) } else if name.hasSuffix(".jsonl.gz") { base = name.dropLast(9) } else { return false }
        let digits = base.reversed().prefix { $0.isASCII && $0.isNumber }
        return digits.count >= 5 && base.dropLast(digits.count).hasSuffix("-")
    }

    /// The first part number after every published part of `prefix` in `folder` (0 when there is none).
    public static func nextFreeNumber(in folder: String, prefix: String) -> Int {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return 0 }
        var next = 0
        for name in names where name.hasPrefix(prefix + "-") && isPartName(name) {
            let base = name.hasSuffix(".gz") ? name.dropLast(9) : name.dropLast(6)
            if let number = Int(base.dropFirst(prefix.count + 1)) { next = max(next, number + 1) }
        }
        return next
    }

    /// Rewrites the part `name` of `folder` without the lines of the documents `ids`; deletes it
    /// when no line is left. Returns how many lines went.
    @discardableResult
    public static func removeLines(of ids: Set<String>, fromPart name: String, in folder: String) throws(DocumentError) -> Int {
        let path = folder + "/" + name
        guard let data = FileManager.default.contents(atPath: path) else { return 0 }
        var bytes = [UInt8](data)
        let compressed = name.hasSuffix(".gz")
        if compressed {
            do {
                bytes = try HTMLInput.inflateGzip(bytes, maxBytes: Int.max / 2)
            } catch {
                throw DocumentError("cannot read the part \(path): \(error)", hint: "delete it and run with --force")
            }
        }
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        var removed = 0
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            let line = bytes[start..<end]
            let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
            if let id = object?["id"] as? String, ids.contains(id) {
                removed += 1
            } else if !line.isEmpty {
                kept.append(contentsOf: line)
                kept.append(0x0A)
            }
            start = end + 1
        }
        guard removed > 0 else { return 0 }
        if kept.isEmpty {
            try? FileManager.default.removeItem(atPath: path)
            return removed
        }
        if compressed {
            do {
                kept = try Gzip.compress(kept)
            } catch {
                throw DocumentError("cannot compress the part \(path): \(error)")
            }
        }
        try OutputPath.writeAtomically(Data(kept), to: name, in: folder)
        return removed
    }

    /// Removes an unfinished part's temporary file.
    deinit {
        if let current {
            try? current.handle.close()
            try? FileManager.default.removeItem(atPath: current.temporary)
        }
    }

    /// The name of the part the last appended line went to, if a part is open.
    public var currentPart: String? { current == nil ? nil : partName(nextNumber - 1) }

    /// The name of part `number`: `<prefix>-00007.jsonl` (or `.jsonl.gz`).
    public func partName(_ number: Int) -> String {
        let digits = String(number)
        return prefix + "-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits + (compress ? ".jsonl.gz" : ".jsonl")
    }

    /// Appends the document as one line, starting a new part first when the line would not fit.
    public func append(_ document: Document) throws(DocumentError) {
        var line = DocumentJSON.encode(document, includeTrace: includeTrace, pretty: false)
        line.append(UInt8(ascii: "\n"))
        try append(line: line)
    }

    /// Appends one complete line (ending in `\n`), rotating parts by size.
    func append(line: [UInt8]) throws(DocumentError) {
        guard !closed else { throw DocumentError("the JSON Lines writer for \(prefix) is already closed") }
        if let part = current, maxPartBytes > 0, part.bytes > 0, part.bytes + line.count > maxPartBytes {
            try finishPart()
        }
        if current == nil { try openPart() }
        current!.bytes += line.count
        current!.pending.append(contentsOf: line)
        if current!.pending.count >= Self.flushThreshold { try flush() }
    }

    /// Publishes the last part; returns every part written, relative to ``folder``, in order.
    ///
    /// Calling it again returns the same list.
    @discardableResult
    public func close() throws(DocumentError) -> [String] {
        guard !closed else { return parts }
        closed = true
        if current != nil { try finishPart() }
        return parts
    }

    /// Opens the next part under its temporary name.
    private func openPart() throws(DocumentError) {
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw DocumentError("cannot create the folder \(folder): \(error.localizedDescription)", hint: "check the output folder's permissions and free space")
        }
        let name = partName(nextNumber)
        let temporary = folder + "/." + name + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let code = errno
            throw DocumentError("cannot create \(temporary): \(String(cString: strerror(code)))", hint: "check the output folder's permissions and free space", errorCode: code)
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var gzip: Gzip.Stream?
        if compress {
            do {
                gzip = try Gzip.Stream()
            } catch {
                try? handle.close()
                try? manager.removeItem(atPath: temporary)
                throw DocumentError("cannot start gzip for \(name): \(error)")
            }
        }
        nextNumber += 1
        current = OpenPart(name: name, temporary: temporary, handle: handle, gzip: gzip)
    }

    /// Hands pending lines to the file, through gzip when compressing; `last` ends the gzip member.
    private func flush(last: Bool = false) throws(DocumentError) {
        guard var part = current else { return }
        do {
            var output = part.pending
            if let gzip = part.gzip {
                output = try gzip.compress(part.pending)
                if last { output.append(contentsOf: try gzip.finish()) }
            }
            if !output.isEmpty { try part.handle.write(contentsOf: Data(output)) }
        } catch {
            // The temporary part may now end in a torn line: drop it, with its lines (their
            // documents list a part that never appears, so the next run does them again).
            current = nil
            try? part.handle.close()
            unlink(part.temporary)
            let code = DocumentError.errorCode(of: error)
            throw DocumentError(
                "cannot write \(part.temporary): \(code.map { String(cString: strerror($0)) } ?? "\(error)")", hint: "check the output folder's free space",
                errorCode: code ?? 0)
        }
        part.pending.removeAll(keepingCapacity: true)
        current = part
    }

    /// Completes the current part and renames it into place.
    private func finishPart() throws(DocumentError) {
        guard let part = current else { return }
        try flush(last: true)
        current = nil
        let path = folder + "/" + part.name
        do {
            try part.handle.close()
        } catch {
            try? FileManager.default.removeItem(atPath: part.temporary)
            let code = DocumentError.errorCode(of: error)
            throw DocumentError(
                "cannot close \(part.temporary): \(code.map { String(cString: strerror($0)) } ?? "\(error)")", hint: "check the output folder's free space",
                errorCode: code ?? 0)
        }
        guard rename(part.temporary, path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(atPath: part.temporary)
            throw DocumentError("cannot move the part into place at \(path): \(String(cString: strerror(code)))", errorCode: code)
        }
        parts.append(part.name)
    }
}
