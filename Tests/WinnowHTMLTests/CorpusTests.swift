import Foundation
import Testing
import WinnowHTML

/// Parses every page of the shared WCXB dev set; skipped when `../shared` is absent (as in CI).
@Suite("Corpus")
struct CorpusTests {
    static let directory: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/datasets/wcxb-dev/html").standardizedFileURL

    static let pages: [URL] = {
        let files = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
        return files.filter { $0.lastPathComponent.hasSuffix(".html.gz") }.sorted { $0.path < $1.path }
    }()

    /// Shards run in parallel; the debug build parses the ~400 MB set in well under a minute.
    static let shardCount = 4

    @Test("every WCXB dev page inflates, parses and satisfies the arena invariants",
          .enabled(if: !CorpusTests.pages.isEmpty), arguments: 0..<CorpusTests.shardCount)
    func allPagesParse(shard: Int) throws {
        var failures: [String] = []
        for (index, url) in Self.pages.enumerated() where index % Self.shardCount == shard {
            do {
                let bytes = try HTMLInput.inflateGzip(Array(try Data(contentsOf: url)))
                let document = try HTMLParser.parse(bytes)
                if let problem = Self.invariantViolation(document) {
                    failures.append("\(url.lastPathComponent): \(problem)")
                }
            } catch {
                failures.append("\(url.lastPathComponent): \(error)")
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(20))")
    }

    /// A description of the first broken arena invariant, or nil.
    static func invariantViolation(_ document: HTMLDocument) -> String? {
        guard document.nodes.first?.tag == .html else { return "root is not <html>" }
        guard Int(document.nodes[0].subtreeEnd) == document.count else { return "root does not span the arena" }
        if document.truncatedDepth { return "depth limit hit" }
        for (index, node) in document.nodes.enumerated() {
            let end = Int(node.subtreeEnd)
            guard end > index, end <= document.count else { return "node \(index) has subtree end \(end)" }
            if index > 0 {
                let parent = Int(node.parent)
                guard parent >= 0, parent < index, end <= Int(document.nodes[parent].subtreeEnd),
                      node.depth == document.nodes[parent].depth + 1
                else { return "node \(index) is not inside its parent \(parent)" }
            }
            if node.isText, end != index + 1 { return "text node \(index) has children" }
        }
        return nil
    }
}
