import Foundation
import Testing

/// The real executable with site rules and deduplication on a folder of pages copied under host
/// folders, as a mirroring crawler saves them.
@Suite struct PluggableStageRunTests {
    /// The sample pages copied under two host folders.
    func corpus() throws -> String {
        let folder = WinnowProcess.temporaryFolder()
        let samples = WinnowProcess.repository + "/Samples/html"
        let pages = try FileManager.default.subpathsOfDirectory(atPath: samples).filter { $0.hasSuffix(".html") }.sorted()
        #expect(pages.count >= 3)
        let manager = FileManager.default
        for host in ["news.example.com", "mirror.example.org"] {
            try manager.createDirectory(atPath: "\(folder)/in", withIntermediateDirectories: true)
            try manager.copyItem(atPath: samples, toPath: "\(folder)/in/\(host)")
        }
        try """
            version: 1
            input: {folder: in}
            output: {folder: out}
            stages:
              - read
              - rules:
                  drop-lines: ["^NEXT ARTICLE$"]
                  sites:
                    "*.example.org": {drop-xpath: ["//p[contains(., 'Recommended by')]"]}
              - strip
              - normalize
              - dedup
              - write: {formats: [txt, json]}
            """.write(toFile: folder + "/pipeline.yml", atomically: true, encoding: .utf8)
        return folder
    }

    @Test func copiesAreDroppedTheSameWayWithOneAndFourJobs() throws {
        let folder = try corpus()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let one = try WinnowProcess.run(["run", folder + "/pipeline.yml", "--jobs", "1", "--output", folder + "/one"])
        #expect(one.status == 0, "\(one.stderr)")
        let four = try WinnowProcess.run(["run", folder + "/pipeline.yml", "--jobs", "4", "--output", folder + "/four"])
        #expect(four.status == 0, "\(four.stderr)")
        var a = WinnowProcess.files(in: folder + "/one"), b = WinnowProcess.files(in: folder + "/four")
        for name in ["_run.json", "_timings.jsonl", "_winnow.lock"] {
            a.removeValue(forKey: name)
            b.removeValue(forKey: name)
        }
        #expect(a == b)
        // The copies under mirror.example.org sort first: they are kept, the originals dropped.
        let entries = (a["_manifest.jsonl"] ?? "").split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let dropped = entries.filter { $0["reason"] as? String == "duplicate" }
        #expect(!dropped.isEmpty && dropped.count == entries.count / 2, "\(entries)")
        for entry in dropped {
            let id = entry["id"] as? String ?? ""
            #expect(id.hasPrefix("news.example.com/"))
            #expect(entry["duplicate-of"] as? String == "mirror.example.org/" + id.dropFirst("news.example.com/".count))
            #expect(a[(id as NSString).deletingPathExtension + ".txt"] == nil)
        }
        #expect(one.stderr.contains("dropped (duplicate: \(dropped.count))"), "\(one.stderr)")
        for (name, text) in a where name.hasSuffix(".txt") && !name.hasPrefix("_") {
            #expect(!text.split(separator: "\n").contains("NEXT ARTICLE"), "\(name)")
        }
    }
}
