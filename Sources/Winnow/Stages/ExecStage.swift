import Foundation

/// Runs an external program as a filter over documents, speaking JSON Lines.
///
/// ```yaml
/// - exec:
///     command: [python3, tagger.py, --lang, en]   # argv: never a shell line
///     mode: co-process          # or per-document
///     env: {MODEL: small}
///     folder: tools             # working folder, relative to the pipeline file
///     timeout: 30               # seconds per document
/// ```
///
/// **Protocol.** For each document winnow writes one line to the program's stdin: the document as
/// the `json` writer would (compact: `id`, `kind`, `text`, `blocks`, `metadata`, `source`). The
/// program answers with one line, a JSON object holding only what changes:
/// - `{"drop": "reason"}` drops the document;
/// - `"text"` replaces the body (blank lines separate paragraphs), or `"blocks"` replaces it with
///   typed blocks (`[{"kind": "heading", "level": 1, "text": "..."}, ...]`);
/// - `"metadata"`: `title`, `authors`, `language`, `tags`, `section`, `description` (source
///   `pipeline`) and `extra` (a map of strings);
/// - `{}` keeps the document as it is.
///
/// In `co-process` mode one program per worker stays up and answers document after document; in
/// `per-document` mode a program starts for each document, reads its one line and exits. A crash,
/// a hang past the timeout, a non-zero exit, or a line that is not such an object fails only the
/// document in flight (with the program's own stderr in the message); a co-process is then
/// started again for the next document.
public struct ExecStage: Stage {
    /// Options of the `exec` stage.
    public struct Options: StageOptions {
        /// The documented options.
        public static let fields = [
            OptionField("command", type: "[string]", default: "(required)", help: "The program and its arguments (argv; no shell). A path with a folder resolves against the pipeline file's folder; a bare name is looked for in the working folder, then on PATH."),
            OptionField("mode", type: "co-process|per-document", default: "co-process", help: "One long-lived program per worker answering a line per document, or one program run per document."),
            OptionField("env", type: "{string: string}", default: "{}", help: "Environment variables added for the program."),
            OptionField("inherit-env", type: "bool", default: "true", help: "Whether the program also gets winnow's own environment."),
            OptionField("folder", type: "path", default: "the pipeline file's folder", help: "The program's working folder."),
            OptionField("timeout", type: "double", default: "30", help: "Seconds the program may take for one document before it is killed and the document fails."),
        ]
        /// argv.
        public var command: [String]
        /// Whether one program serves many documents.
        public var coProcess: Bool
        /// Added environment.
        public var environment: [String: String]
        /// Whether winnow's environment is passed on.
        public var inheritEnvironment: Bool
        /// Working folder.
        public var folder: String
        /// Seconds per document.
        public var timeout: Double

        /// Reads the options.
        public init(from values: OptionValues) {
            command = values.strings("command")
            if command.isEmpty || command[0].isEmpty {
                values.error(values.contains("command") ? "command" : nil, "exec needs 'command': the program and its arguments, as a list such as [python3, filter.py]")
            }
            coProcess = values.choice("mode", ["co-process", "per-document"], default: "co-process") == "co-process"
            environment = values.decode([String: String].self, "env", default: [:])
            inheritEnvironment = values.bool("inherit-env", default: true)
            folder = values.path("folder", default: ".") ?? "."
            timeout = values.double("timeout", default: 30, range: 0.001...86_400)
            // A path with a folder resolves against the pipeline file's folder; a bare name is
            // looked up in the working folder, then on PATH, when the program starts.
            if let program = command.first, program.contains("/") {
                command[0] = PathResolver.resolve(program, against: values.baseFolder)
            }
        }
    }

    /// `exec`.
    public static let name = "exec"
    /// What the stage does.
    public static let summary = "Runs an external program (argv) on each document over JSON Lines: once per document or as a co-process per worker."

    let options: Options
    var process: ExecProcess?

    /// Creates the stage (the co-process starts with the first document).
    public init(options: Options, context: StageContext) throws {
        self.options = options
        signal(SIGPIPE, SIG_IGN)  // a program that exits early must not take winnow with it
    }

    /// Sends the document, applies the answer.
    public mutating func process(_ document: inout Document) throws -> Disposition {
        var line = DocumentJSON.encode(document, includeTrace: false, pretty: false)
        line.append(0x0A)
        let answer: [UInt8]
        if options.coProcess {
            if process == nil || !(process!.isRunning) { process = try ExecProcess(options: options) }
            do {
                answer = try process!.exchange(line, timeout: options.timeout, closeInput: false)
            } catch {
                process?.terminate()
                process = nil
                throw error
            }
        } else {
            let single = try ExecProcess(options: options)
            defer { single.terminate() }
            answer = try single.exchange(line, timeout: options.timeout, closeInput: true)
            try single.waitForExit(timeout: options.timeout)
        }
        return try Self.apply(answer, to: &document, program: options.command[0])
    }

    /// Stops the co-process.
    public mutating func finish() throws {
        process?.closeAndWait(timeout: 5)
        process = nil
    }

    /// Applies one answer line to the document.
    static func apply(_ answer: [UInt8], to document: inout Document, program: String) throws -> Disposition {
        let object: [String: Any]
        do {
            guard let parsed = try JSONSerialization.jsonObject(with: Data(answer)) as? [String: Any] else {
                throw DocumentError("not an object")
            }
            object = parsed
        } catch {
            let shown = String(decoding: answer.prefix(200), as: UTF8.self)
            throw DocumentError("\(program) answered with something that is not a JSON object: '\(shown)'", hint: "print exactly one JSON object per line on stdout (logs go to stderr)")
        }
        if let reason = object["drop"] {
            guard let reason = reason as? String, !reason.isEmpty else {
                throw DocumentError("\(program) answered \"drop\" without a reason string", hint: "answer {\"drop\": \"reason\"}")
            }
            return .drop(reason: reason)
        }
        if let blocks = object["blocks"] {
            guard let list = blocks as? [[String: Any]] else {
                throw DocumentError("\(program) answered \"blocks\" that is not a list of objects", hint: "answer {\"blocks\": [{\"kind\": \"paragraph\", \"text\": \"...\"}]}")
            }
            document.blocks = try list.map { item in
                guard let text = item["text"] as? String else { throw DocumentError("\(program) answered a block without \"text\"") }
                let kindName = item["kind"] as? String ?? "paragraph"
                guard let kind = Block.Kind(rawValue: kindName) else {
                    throw DocumentError("\(program) answered a block of unknown kind '\(kindName)'", hint: "kinds: " + Block.Kind.allCases.map(\.rawValue).joined(separator: ", "))
                }
                var block = Block(kind, text)
                if let level = item["level"] as? Int { block.level = level }
                return block
            }
        } else if let text = object["text"] {
            guard let text = text as? String else { throw DocumentError("\(program) answered \"text\" that is not a string") }
            document.blocks = TextBlocks.split(text)
        }
        if let metadata = object["metadata"] {
            guard let fields = metadata as? [String: Any] else { throw DocumentError("\(program) answered \"metadata\" that is not an object") }
            // In key order, so that the error for an answer with two bad fields is always the same.
            for key in fields.keys.sorted() {
                guard let value = fields[key] else { continue }
                switch (key, value) {
                case ("title", let text as String): document.metadata.title = .init(text, source: .pipeline)
                case ("language", let text as String): document.metadata.language = .init(text, source: .pipeline)
                case ("section", let text as String): document.metadata.section = .init(text, source: .pipeline)
                case ("description", let text as String): document.metadata.description = .init(text, source: .pipeline)
                case ("authors", let list as [String]): document.metadata.authors = .init(list, source: .pipeline)
                case ("tags", let list as [String]): document.metadata.tags = .init(list, source: .pipeline)
                case ("extra", let map as [String: Any]):
                    for name in map.keys.sorted() {
                        guard let item = map[name] else { continue }
                        guard let text = item as? String else { throw DocumentError("\(program) answered extra '\(name)' that is not a string") }
                        document.metadata.extra[name] = .init(text, source: .pipeline)
                    }
                default:
                    throw DocumentError("\(program) answered metadata '\(key)' that winnow does not take (or of the wrong type)", hint: "use title, authors, language, section, description, tags or extra")
                }
            }
        }
        return .keep
    }
}

/// A child process with pipes on stdin, stdout and stderr, read and written without blocking.
final class ExecProcess {
    private let process = Process()
    private let input: Int32
    private let output: Int32
    private let errors: Int32
    private var pending: [UInt8] = []
    private var stderrTail: [UInt8] = []
    private let program: String

    /// Starts the program.
    init(options: ExecStage.Options) throws {
        program = options.command[0]
        var executable = program
        if !program.contains("/") {
            let local = PathResolver.resolve(program, against: options.folder)
            if FileManager.default.isExecutableFile(atPath: local) {
                executable = local
            } else if let found = Self.search(program) {
                executable = found
            } else {
                throw DocumentError("the exec program '\(program)' is not on PATH", hint: "install it, or give its path in 'command'")
            }
        }
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(options.command.dropFirst())
        process.currentDirectoryURL = URL(fileURLWithPath: options.folder)
        var environment = options.inheritEnvironment ? ProcessInfo.processInfo.environment : [:]
        environment.merge(options.environment) { $1 }
        process.environment = environment
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do {
            try process.run()
        } catch {
            throw DocumentError("cannot start the exec program \(executable): \(error.localizedDescription)", hint: "check that it exists and is executable")
        }
        input = stdin.fileHandleForWriting.fileDescriptor
        output = stdout.fileHandleForReading.fileDescriptor
        errors = stderr.fileHandleForReading.fileDescriptor
        // Keep our own copies: the Pipe objects close theirs when released.
        self.inputHandle = stdin.fileHandleForWriting
        self.outputHandle = stdout.fileHandleForReading
        self.errorHandle = stderr.fileHandleForReading
        for fd in [input, output, errors] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
    }

    private let inputHandle: FileHandle
    private let outputHandle: FileHandle
    private let errorHandle: FileHandle
    private var inputClosed = false

    deinit { terminate() }

    /// Whether the program is still running.
    var isRunning: Bool { process.isRunning }

    /// Writes `line`, then reads one answer line, within `timeout` seconds.
    func exchange(_ line: [UInt8], timeout: Double, closeInput: Bool) throws -> [UInt8] {
        let deadline = Date().addingTimeInterval(timeout)
        var written = 0
        while true {
            if let newline = pending.firstIndex(of: 0x0A) {
                let answer = Array(pending[..<newline])
                pending.removeSubrange(...newline)
                return answer
            }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else {
                throw DocumentError("the exec program \(program) gave no answer within \(Self.seconds(timeout))" + stderrNote(), hint: "raise 'timeout', or make the program answer each line promptly (flush stdout)")
            }
            var fds = [pollfd(fd: output, events: Int16(POLLIN), revents: 0), pollfd(fd: errors, events: Int16(POLLIN), revents: 0)]
            if written < line.count { fds.append(pollfd(fd: input, events: Int16(POLLOUT), revents: 0)) }
            let ready = poll(&fds, nfds_t(fds.count), Int32(min(remaining, 1) * 1000) + 1)
            if ready < 0 && errno != EINTR { throw DocumentError("waiting for \(program) failed: \(String(cString: strerror(errno)))") }
            if fds.count > 2, fds[2].revents != 0 {
                let count = line.withUnsafeBytes { write(input, $0.baseAddress! + written, line.count - written) }
                if count < 0, errno != EAGAIN, errno != EINTR {
                    throw DocumentError("the exec program \(program) stopped reading its input (\(String(cString: strerror(errno))))" + stderrNote(), hint: "the program must read one line per document from stdin")
                }
                if count > 0 { written += count }
                if written == line.count, closeInput { closeStandardInput() }
            }
            if fds[1].revents != 0 { drain(errors, into: &stderrTail, keep: 2_000) }
            if fds[0].revents != 0 {
                var chunk = [UInt8](repeating: 0, count: 65_536)
                let count = read(output, &chunk, chunk.count)
                if count > 0 {
                    pending.append(contentsOf: chunk[0..<count])
                    if pending.count > 256 << 20 { throw DocumentError("the exec program \(program) wrote more than 256 MB without a newline") }
                } else if count == 0 {
                    if !pending.isEmpty, closeInput {  // a last line without its newline
                        let answer = pending
                        pending = []
                        return answer
                    }
                    usleep(20_000)
                    drain(errors, into: &stderrTail, keep: 2_000)
                    let status = process.isRunning ? "closed its output" : (process.terminationReason == .uncaughtSignal ? "was killed by signal \(process.terminationStatus)" : "exited with status \(process.terminationStatus)")
                    throw DocumentError("the exec program \(program) \(status) before answering" + stderrNote(), hint: "run it by hand on one line of input to see why")
                }
            }
        }
    }

    /// Waits for a per-document program to exit and checks its status.
    func waitForExit(timeout: Double) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(2_000) }
        if process.isRunning { throw DocumentError("the exec program \(program) did not exit after answering", hint: "in per-document mode the program must exit once it has answered") }
        drain(errors, into: &stderrTail, keep: 2_000)
        if process.terminationStatus != 0 {
            throw DocumentError("the exec program \(program) exited with status \(process.terminationStatus)" + stderrNote())
        }
    }

    /// Closes stdin and gives the program a moment to exit.
    func closeAndWait(timeout: Double) {
        closeStandardInput()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(5_000) }
        terminate()
    }

    /// Kills the program if it still runs.
    func terminate() {
        closeStandardInput()
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    private func closeStandardInput() {
        guard !inputClosed else { return }
        inputClosed = true
        try? inputHandle.close()
    }

    /// The end of the program's stderr, for error messages.
    private func stderrNote() -> String {
        drain(errors, into: &stderrTail, keep: 2_000)
        let text = String(decoding: stderrTail, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "" : "; its stderr ends with: " + String(text.suffix(500))
    }

    private func drain(_ fd: Int32, into buffer: inout [UInt8], keep: Int) {
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = read(fd, &chunk, chunk.count)
            guard count > 0 else { return }
            buffer.append(contentsOf: chunk[0..<count])
            if buffer.count > keep { buffer.removeFirst(buffer.count - keep) }
        }
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.2f s", value)
    }

    /// The program's path on PATH.
    static func search(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = folder + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
