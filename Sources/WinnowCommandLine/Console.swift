import Foundation
import Logging
import Winnow

/// Standard error, shared by the log handler and the progress bar so that a log line never lands
/// in the middle of the bar: the bar is cleared, the line written, the bar drawn again.
final class Console: Sendable {
    static let shared = Console()

    /// Whether standard error is a terminal.
    let isTerminal = isatty(STDERR_FILENO) == 1
    private let progress = Locked<String?>(nil)

    /// Writes a line (a newline is added).
    func line(_ text: String) {
        progress.withLock { bar in
            var out = ""
            if bar != nil { out += "\r\u{1B}[K" }
            out += text + "\n"
            if let bar { out += bar }
            Self.write(out)
        }
    }

    /// Shows `bar` in place of the previous one (terminals only).
    func show(progress text: String) {
        progress.withLock { bar in
            bar = text
            Self.write("\r\u{1B}[K" + text)
        }
    }

    /// Removes the progress bar.
    func clearProgress() {
        progress.withLock { bar in
            if bar != nil { Self.write("\r\u{1B}[K") }
            bar = nil
        }
    }

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// How log lines look.
enum LogFormat: String, CaseIterable, Sendable {
    /// `winnow: warning: message` for people and cron mail (journald adds its own timestamps).
    case text
    /// One JSON object per line (`time`, `level`, `message` and the metadata) for log collectors.
    case json
}

/// A swift-log handler writing to standard error in winnow's text or JSON format.
struct ConsoleLogHandler: LogHandler {
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    let format: LogFormat

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadata
        if let extra = event.metadata { all.merge(extra) { $1 } }
        switch format {
        case .text:
            var line = "winnow: "
            if event.level >= .warning { line += "\(event.level == .critical ? "error" : event.level.rawValue): " }
            line += "\(event.message)"
            if !all.isEmpty {
                line += " (" + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + ")"
            }
            Console.shared.line(line)
        case .json:
            var object: [String: Any] = [
                "time": Self.timestamp(), "level": event.level.rawValue, "message": "\(event.message)", "logger": "winnow",
            ]
            for (key, value) in all { object[key] = Self.json(value) }
            if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) {
                Console.shared.line(String(decoding: data, as: UTF8.self))
            }
        }
    }

    private static func json(_ value: Logger.MetadataValue) -> Any {
        switch value {
        case .string(let text): return Int(text) ?? Double(text).map { $0 as Any } ?? text
        case .stringConvertible(let convertible): return "\(convertible)"
        case .array(let values): return values.map(json)
        case .dictionary(let values): return values.mapValues(json)
        }
    }

    private static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}

/// A progress bar with pages/s and ETA, drawn at most ten times a second on a terminal.
final class ProgressBar: Sendable {
    private struct State: Sendable {
        var done = 0
        var lastDraw: UInt64 = 0
    }

    private let total: Int
    private let start = DispatchTime.now().uptimeNanoseconds
    private let state = Locked(State())

    init(total: Int) {
        self.total = total
    }

    /// Counts one finished document and redraws when it is time.
    func advance() {
        let now = DispatchTime.now().uptimeNanoseconds
        let text: String? = state.withLock { state in
            state.done += 1
            guard now - state.lastDraw > 100_000_000 || state.done == total else { return nil }
            state.lastDraw = now
            return render(done: state.done, elapsed: Double(now - start) / 1e9)
        }
        if let text { Console.shared.show(progress: text) }
    }

    /// `[██████░░░░░░]  1234/10000  12%  250 pages/s  ETA 0:35`.
    func render(done: Int, elapsed: Double) -> String {
        let width = 24
        let share = total > 0 ? Double(done) / Double(total) : 1
        let filled = min(width, Int(share * Double(width)))
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        var text = "[" + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + "] "
        text += "\(done)/\(total) \(Int(share * 100))%"
        text += String(format: "  %.0f pages/s", rate)
        if rate > 0, done < total {
            let remaining = Int(Double(total - done) / rate)
            text += String(format: "  ETA %d:%02d", remaining / 60, remaining % 60)
        }
        return text
    }
}
