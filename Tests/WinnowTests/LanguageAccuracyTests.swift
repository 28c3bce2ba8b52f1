import Foundation
import Testing
@testable import Winnow

/// Accuracy of the language identifier on `Tests/Fixtures/language/paragraphs.tsv`: paragraphs of
/// GNOME Help and the Debian Administrator's Handbook (CC-BY-SA 3.0), text the model never saw.
/// Set `WINNOW_LANGUAGE_REPORT=1` to print the per-language table and the confusions
/// (`Benchmarks/language/run.sh` does).
@Suite("Language accuracy")
struct LanguageAccuracyTests {
    /// One labelled paragraph.
    struct Sample {
        var language: String
        var source: String
        var text: String
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let samples: [Sample] = {
        let url = repository.appendingPathComponent("Tests/Fixtures/language/paragraphs.tsv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { return nil }
            return Sample(language: String(fields[0]), source: String(fields[1]), text: String(fields[2]))
        }
    }()

    static var report: Bool { ProcessInfo.processInfo.environment["WINNOW_LANGUAGE_REPORT"] != nil }

    /// Counts per language: long (100+ characters) and short paragraphs, right and total.
    struct Tally {
        var longRight = 0, long = 0, shortRight = 0, short = 0
    }

    @Test func paragraphsOfAHundredCharactersOrMoreAreAtLeast97PercentRight() throws {
        let supported = Set(LanguageIdentifier.supported)
        let samples = Self.samples.filter { supported.contains($0.language) }
        try #require(samples.count > 1000)
        var tallies: [String: Tally] = [:]
        var confusions: [String: Int] = [:]
        var calibration: [Int: (right: Int, total: Int)] = [:]
        for sample in samples {
            let guess = LanguageIdentifier.identify(sample.text)
            let right = guess?.code == sample.language
            let long = sample.text.count >= 100
            var tally = tallies[sample.language, default: Tally()]
            if long {
                tally.long += 1
                tally.longRight += right ? 1 : 0
            } else {
                tally.short += 1
                tally.shortRight += right ? 1 : 0
            }
            tallies[sample.language] = tally
            let bucket = guess.map { $0.confidence >= 0.99 ? 99 : $0.confidence >= 0.9 ? 90 : $0.confidence >= 0.7 ? 70 : $0.confidence >= 0.5 ? 50 : 0 } ?? -1
            calibration[bucket, default: (0, 0)].right += right ? 1 : 0
            calibration[bucket, default: (0, 0)].total += 1
            if !right, ProcessInfo.processInfo.environment["WINNOW_LANGUAGE_REPORT"] == "2" {
                let ranked = LanguageIdentifier.ranked(sample.text, limit: 3).map { "\($0.code) \($0.confidence)" }
                print("  \(sample.language) \(ranked): \(sample.text.prefix(120))")
            }
            if !right {
                confusions["\(sample.language)→\(guess?.code ?? "nil") (\(long ? "long" : "short"))", default: 0] += 1
            }
        }
        let long = tallies.values.reduce(0) { $0 + $1.long }
        let longRight = tallies.values.reduce(0) { $0 + $1.longRight }
        let short = tallies.values.reduce(0) { $0 + $1.short }
        let shortRight = tallies.values.reduce(0) { $0 + $1.shortRight }
        let longAccuracy = Double(longRight) / Double(max(1, long))
        let shortAccuracy = Double(shortRight) / Double(max(1, short))
        print(String(format: "language accuracy: %d languages; %d/%d = %.2f%% on 100+ characters; %d/%d = %.2f%% on shorter paragraphs",
                     tallies.count, longRight, long, 100 * longAccuracy, shortRight, short, 100 * shortAccuracy))
        if Self.report {
            for (language, t) in tallies.sorted(by: { $0.key < $1.key }) {
                print(String(format: "  %@  long %3d/%3d  short %3d/%3d", language, t.longRight, t.long, t.shortRight, t.short))
            }
            for (bucket, counts) in calibration.sorted(by: { $0.key < $1.key }) {
                print("  confidence ≥ \(Double(bucket) / 100): \(counts.right)/\(counts.total) right")
            }
            for (confusion, count) in confusions.sorted(by: { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }) {
                print("  \(count)× \(confusion)")
            }
        }
        #expect(tallies.count >= 20)
        #expect(longAccuracy >= 0.97)
        #expect(shortAccuracy >= 0.85)
    }

    /// Galician is not in the model: its paragraphs come out as a close neighbour, never with
    /// full confidence in a far one.
    @Test func unsupportedGalicianFallsOnANeighbour() {
        let galician = Self.samples.filter { $0.language == "gl" && $0.text.count >= 100 }
        let guesses = galician.compactMap { LanguageIdentifier.identify($0.text)?.code }
        let neighbours = guesses.filter { ["pt", "es", "ca"].contains($0) }.count
        #expect(neighbours * 10 >= guesses.count * 9, "\(guesses)")
    }

    /// The calling thread's CPU time: steadier than the wall clock on a loaded machine.
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Throughput, printed: over every paragraph 20 times with `WINNOW_LANGUAGE_REPORT` (the
    /// README's release figures), over a fifth of them once otherwise.
    @Test func throughput() {
        let texts = Self.samples.map(\.text).enumerated().filter { Self.report || $0.offset % 5 == 0 }.map(\.element)
        let bytes = texts.reduce(0) { $0 + $1.utf8.count }
        _ = LanguageIdentifier.identify("warm up the model")
        let rounds = Self.report ? 20 : 1
        let start = Self.threadCPUSeconds()
        var found = 0
        for _ in 0..<rounds {
            for text in texts where LanguageIdentifier.identify(text) != nil {
                found += 1
            }
        }
        let seconds = Self.threadCPUSeconds() - start
        #expect(found > 0)
        print(String(format: "language throughput: %.0f paragraphs/s, %.1f MB/s (%d paragraphs, %.0f bytes average, one thread, CPU time)",
                     Double(texts.count * rounds) / seconds, Double(bytes * rounds) / seconds / 1e6, texts.count, Double(bytes) / Double(texts.count)))
        // Whole documents: each language's paragraphs joined (about 18 KB each; the identifier
        // reads the first 16 KiB and scores at most 4,000 letters).
        let documents = Dictionary(grouping: Self.samples, by: \.language).sorted { $0.key < $1.key }.map(\.value).map { $0.map(\.text).joined(separator: "\n\n") }
        let documentBytes = documents.reduce(0) { $0 + $1.utf8.count }
        let documentStart = Self.threadCPUSeconds()
        for _ in 0..<rounds {
            for document in documents where LanguageIdentifier.identify(document) != nil {
                found += 1
            }
        }
        let documentSeconds = Self.threadCPUSeconds() - documentStart
        print(String(format: "language throughput: %.0f documents/s, %.2f ms each (%d documents, %.0f KB average, one thread, CPU time)",
                     Double(documents.count * rounds) / documentSeconds, 1000 * documentSeconds / Double(documents.count * rounds),
                     documents.count, Double(documentBytes) / Double(documents.count) / 1000))
    }
}
