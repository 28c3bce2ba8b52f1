import Foundation
import Testing
import WinnowHTML

/// Parses every page of the shared WCXB dev set; skipped when `../shared` is absent (as in CI).
@Suite("Corpus")
struct CorpusTests {
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/datasets/wcxb-dev/html").standardizedFileURL

    static var pages: [URL] {
        let files = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
        return files.filter { $0.lastPathComponent.hasSuffix(".html.gz") }.sorted { $0.path < $1.path }
    }

    @Test("every WCXB dev page inflates and parses", .enabled(if: !CorpusTests.pages.isEmpty))
    func allPagesParse() throws {
        var failures: [String] = []
        var encodings: [String: Int] = [:]
        for url in Self.pages {
            do {
                let bytes = try HTMLInput.inflateGzip(Array(try Data(contentsOf: url)))
                let document = try HTMLParser.parse(bytes)
                encodings[document.encoding.description, default: 0] += 1
                if document.nodes[0].tag != .html || document.truncatedDepth {
                    failures.append("\(url.lastPathComponent): unexpected root or truncation")
                }
            } catch {
                failures.append("\(url.lastPathComponent): \(error)")
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(20))")
        print("corpus: \(Self.pages.count) pages, encodings \(encodings.sorted { $0.value > $1.value })")
    }
}
