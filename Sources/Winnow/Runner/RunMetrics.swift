import Foundation
import Prometheus

/// A run's figures in the Prometheus text format, for node_exporter's textfile collector.
///
/// The file is written to a temporary name beside the target and renamed into place, as the
/// collector requires. `winnow_last_success_timestamp_seconds` keeps the value of the previous
/// file when this run did not succeed, so an alert can fire on "no success for a day".
public enum RunMetrics {
    /// The metrics text for `report`, given the run's exit status and the previous success time.
    /// A gauge `winnow_<name>_<unit>` with its help text.
    private static func gauge(_ registry: PrometheusCollectorRegistry, _ name: String, unit: String = "", labels: [(String, String)] = [], help: String) -> Gauge {
        registry.makeGauge(descriptor: MetricNameDescriptor(namespace: "winnow", metricName: name, unitName: unit, helpText: help), labels: labels)
    }

    public static func render(report: RunReport, exitStatus: Int32, finished: Date, lastSuccess: Date?) -> String {
        let registry = PrometheusCollectorRegistry()
        let documents = "Documents of the last run by status (unchanged: skipped, the manifest records them as done)."
        let counts: [(String, Int)] = [
            ("written", report.written), ("dropped", report.droppedCount), ("failed", report.failedCount),
            ("unchanged", report.unchanged), ("not_reached", report.notReached),
        ]
        for (status, count) in counts {
            gauge(registry, "documents", labels: [("status", status)], help: documents).set(Double(count))
        }
        for (reason, count) in report.dropped.sorted(by: { $0.key < $1.key }) {
            gauge(registry, "dropped_documents", labels: [("reason", reason)], help: "Documents dropped in the last run, by reason.")
                .set(Double(count))
        }
        gauge(registry, "input", unit: "bytes", help: "Bytes of input processed in the last run.").set(Double(report.bytes))
        gauge(registry, "run_duration", unit: "seconds", help: "Wall-clock duration of the last run.").set(report.seconds)
        gauge(registry, "run_jobs", help: "Workers of the last run.").set(Double(report.jobs))
        gauge(registry, "last_run_exit_code", help: "Exit status of the last run (0: success).").set(Double(exitStatus))
        gauge(registry, "last_run_timestamp", unit: "seconds", help: "When the last run ended, in Unix time.")
            .set(finished.timeIntervalSince1970.rounded())
        let success = exitStatus == 0 ? finished : lastSuccess
        if let success {
            gauge(registry, "last_success_timestamp", unit: "seconds", help: "When the last successful run ended, in Unix time.")
                .set(success.timeIntervalSince1970.rounded())
        }
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// The `winnow_last_success_timestamp_seconds` of an existing metrics file, if it has one.
    public static func lastSuccess(inFile path: String) -> Date? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.hasPrefix("winnow_last_success_timestamp_seconds ") {
            if let value = Double(line.split(separator: " ").last ?? "") { return Date(timeIntervalSince1970: value) }
        }
        return nil
    }

    /// Writes the metrics of a run to `path` atomically.
    public static func write(report: RunReport, exitStatus: Int32, to path: String, finished: Date = Date()) throws(DocumentError) {
        let text = render(report: report, exitStatus: exitStatus, finished: finished, lastSuccess: lastSuccess(inFile: path))
        let absolute = (path as NSString).standardizingPath
        var status = stat()
        if stat(absolute, &status) == 0, (status.st_mode & S_IFMT) != S_IFREG {
            // A device or pipe (/dev/null, a FIFO a collector reads): write into it, never replace it.
            guard let handle = FileHandle(forWritingAtPath: absolute) else {
                throw DocumentError("cannot open the metrics file \(path) for writing", hint: "check its permissions")
            }
            defer { try? handle.close() }
            do {
                try handle.write(contentsOf: Data(text.utf8))
            } catch {
                throw DocumentError("cannot write the metrics file \(path): \(error.localizedDescription)")
            }
            return
        }
        let folder = (absolute as NSString).deletingLastPathComponent
        do {
            try OutputPath.writeAtomically(Data(text.utf8), to: (absolute as NSString).lastPathComponent, in: folder.isEmpty ? "." : folder)
        } catch {
            throw DocumentError("cannot write the metrics file \(path): \(error.message)", hint: "check that its folder exists and is writable")
        }
    }
}
