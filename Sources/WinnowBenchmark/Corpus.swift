import Foundation
import WinnowHTML

/// The pages a benchmark runs over, inflated in memory.
struct Corpus {
    /// Each page's bytes.
    var pages: [[UInt8]]
    /// Total bytes.
    var bytes: Int
    /// Where the pages came from.
    var origin: String
    /// A folder holding the pages as files, for the pipeline row.
    var folder: String

    /// Loads `.html`/`.html.gz` pages from `folder`, or from `../shared/datasets/wcxb-dev/html`,
    /// or generates a corpus when neither exists.
    static func load(folder: String, limit: Int?) -> Corpus {
        var folder = folder
        if folder.isEmpty {
            let shared = FileManager.default.currentDirectoryPath + "/../shared/datasets/wcxb-dev/html"
            folder = FileManager.default.fileExists(atPath: shared) ? shared : ""
        }
        if folder.isEmpty { return generated(count: limit ?? 1_000) }
        var names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".html") || $0.hasSuffix(".html.gz") || $0.hasSuffix(".htm") }
            .sorted()
        if let limit { names = Array(names.prefix(limit)) }
        var pages: [[UInt8]] = []
        var total = 0
        for name in names {
            guard let data = FileManager.default.contents(atPath: folder + "/" + name) else { continue }
            var bytes = [UInt8](data)
            if HTMLInput.isGzip(bytes), let inflated = try? HTMLInput.inflateGzip(bytes, maxBytes: 256 << 20) { bytes = inflated }
            total += bytes.count
            pages.append(bytes)
        }
        return Corpus(pages: pages, bytes: total, origin: folder, folder: folder)
    }

    /// A generated corpus of news-like pages, written to a temporary folder.
    static func generated(count: Int) -> Corpus {
        let folder = NSTemporaryDirectory() + "winnow-bench-corpus"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var pages: [[UInt8]] = []
        var total = 0
        for index in 0..<count {
            let paragraphs = (0..<(8 + index % 12)).map { p in
                "<p>Paragraph \(p) of story \(index): the council met on Tuesday to discuss the new bridge, and residents asked how long the works would last and who would pay for them.</p>"
            }.joined()
            let menu = (0..<20).map { "<li><a href=\"/s\($0)\">Section \($0)</a></li>" }.joined()
            let html = "<!DOCTYPE html><html><head><title>Story \(index)</title></head><body><header><nav><ul>\(menu)</ul></nav></header><main><article><h1>Story \(index)</h1>\(paragraphs)</article></main><aside class=\"related\"><ul>\(menu)</ul></aside><footer><p>© 2024 Example News. All rights reserved.</p></footer></body></html>"
            let bytes = Array(html.utf8)
            _ = FileManager.default.createFile(atPath: folder + "/page\(index).html", contents: Data(bytes))
            total += bytes.count
            pages.append(bytes)
        }
        return Corpus(pages: pages, bytes: total, origin: "generated", folder: folder)
    }
}
