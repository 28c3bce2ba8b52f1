import Foundation
import Testing
import WinnowHTML
@testable import Winnow

/// JSON Lines parts: rotation, names, gzip, atomic publication.
@Suite struct WriterJSONLinesTests {
    /// Document `index`, with a text whose length varies with the index.
    func document(_ index: Int) -> Document {
        Document(id: "docs/page\(index).html", source: .init(path: "/in/docs/page\(index).html", size: index),
                 kind: .html, blocks: [Block(.heading, "Page \(index)", level: 1), Block(.paragraph, String(repeating: "word \(index) ", count: 1 + index % 13))])
    }

    /// The visible (non-hidden) files of a folder, sorted.
    func visibleFiles(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    /// The ids of every line of the given parts, checking that each line is a JSON object.
    func ids(in folder: String, parts: [String], gzip: Bool) throws -> [String] {
        var ids: [String] = []
        for part in parts {
            var bytes = Array(try #require(FileManager.default.contents(atPath: folder + "/" + part)))
            if gzip { bytes = try HTMLInput.inflateGzip(bytes) }
            #expect(bytes.last == UInt8(ascii: "\n"))
            for line in bytes.split(separator: UInt8(ascii: "\n")) {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
                ids.append(try #require(object["id"] as? String))
            }
        }
        return ids
    }

    /// Many documents rotate into numbered parts under the size limit, none lost or duplicated.
    @Test func manyDocumentsRotateIntoSeveralNamedParts() throws {
        let folder = TemporaryFolder()
        let writer = try JSONLinesPartWriter(folder: folder.path + "/jsonl", prefix: "part-w03", maxPartBytes: 4_000, compress: false)
        for index in 0..<120 { try writer.append(document(index)) }
        let parts = try writer.close()
        #expect(parts.count > 3)
        #expect(parts == (0..<parts.count).map { String(format: "part-w03-%05ld.jsonl", $0) })
        #expect(visibleFiles(folder.path + "/jsonl") == parts)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/jsonl").count == parts.count)
        for part in parts {
            let size = try #require(FileManager.default.attributesOfItem(atPath: folder.path + "/jsonl/" + part)[.size] as? Int)
            #expect(size > 0 && size <= 4_000)
        }
        #expect(try ids(in: folder.path + "/jsonl", parts: parts, gzip: false) == (0..<120).map { "docs/page\($0).html" })
        #expect(try writer.close() == parts)
        #expect(throws: DocumentError.self) { try writer.append(document(0)) }
    }

    /// Each line is the compact DocumentJSON object followed by a newline.
    @Test func lineMatchesCompactDocumentJSON() throws {
        let folder = TemporaryFolder()
        let writer = try JSONLinesPartWriter(folder: folder.path, prefix: "shard-0002-w03", maxPartBytes: 0, compress: false)
        for index in 0..<5 { try writer.append(document(index)) }
        #expect(try writer.close() == ["shard-0002-w03-00000.jsonl"])
        let expected = (0..<5).flatMap { DocumentJSON.encode(document($0), includeTrace: false, pretty: false) + [UInt8(ascii: "\n")] }
        #expect(FileManager.default.contents(atPath: folder.path + "/shard-0002-w03-00000.jsonl") == Data(expected))
    }

    /// A line longer than the limit gets a part of its own; lines are never split.
    @Test func aLineLongerThanAPartGetsAPartAlone() throws {
        let folder = TemporaryFolder()
        let writer = try JSONLinesPartWriter(folder: folder.path, prefix: "p", maxPartBytes: 10, compress: false)
        for index in 0..<3 { try writer.append(document(index)) }
        let parts = try writer.close()
        #expect(parts == ["p-00000.jsonl", "p-00001.jsonl", "p-00002.jsonl"])
        #expect(try ids(in: folder.path, parts: parts, gzip: false) == ["docs/page0.html", "docs/page1.html", "docs/page2.html"])
    }

    /// Compressed parts inflate to exactly the bytes of the uncompressed parts.
    @Test func gzipPartsInflateToTheSameLines() throws {
        let folder = TemporaryFolder()
        let plain = try JSONLinesPartWriter(folder: folder.path + "/plain", prefix: "part-w00", maxPartBytes: 3_000, compress: false)
        let packed = try JSONLinesPartWriter(folder: folder.path + "/gz", prefix: "part-w00", maxPartBytes: 3_000, compress: true)
        for index in 0..<80 {
            try plain.append(document(index))
            try packed.append(document(index))
        }
        let plainParts = try plain.close(), packedParts = try packed.close()
        #expect(packedParts.count > 2 && packedParts == plainParts.map { $0 + ".gz" })
        for (plainPart, packedPart) in zip(plainParts, packedParts) {
            let original = Array(try #require(FileManager.default.contents(atPath: folder.path + "/plain/" + plainPart)))
            let compressed = Array(try #require(FileManager.default.contents(atPath: folder.path + "/gz/" + packedPart)))
            #expect(HTMLInput.isGzip(compressed) && compressed.count < original.count)
            #expect(try HTMLInput.inflateGzip(compressed) == original)
        }
        #expect(try ids(in: folder.path + "/gz", parts: packedParts, gzip: true).count == 80)
    }

    /// A large compressed part, streamed through gzip in several flushes, inflates to every line.
    @Test func largeCompressedPartStreamsInSeveralFlushes() throws {
        let folder = TemporaryFolder()
        let writer = try JSONLinesPartWriter(folder: folder.path, prefix: "big", maxPartBytes: 0, compress: true)
        var expected: [UInt8] = []
        for index in 0..<2_000 {
            try writer.append(document(index))
            expected += DocumentJSON.encode(document(index), includeTrace: false, pretty: false) + [UInt8(ascii: "\n")]
        }
        #expect(expected.count > 3 << 18)
        #expect(try writer.close() == ["big-00000.jsonl.gz"])
        let compressed = Array(try #require(FileManager.default.contents(atPath: folder.path + "/big-00000.jsonl.gz")))
        #expect(try HTMLInput.inflateGzip(compressed) == expected)
    }

    /// A part is only visible under its name once it is complete.
    @Test func noPartIsVisibleBeforeItIsClosed() throws {
        let folder = TemporaryFolder()
        let writer = try JSONLinesPartWriter(folder: folder.path, prefix: "part-w01", maxPartBytes: 1_000, compress: true)
        try writer.append(document(1))
        #expect(visibleFiles(folder.path).isEmpty)
        #expect(FileManager.default.fileExists(atPath: folder.path + "/.part-w01-00000.jsonl.gz.tmp"))
        while writer.parts.isEmpty { try writer.append(document(2)) }
        #expect(visibleFiles(folder.path) == ["part-w01-00000.jsonl.gz"])
        #expect(FileManager.default.fileExists(atPath: folder.path + "/.part-w01-00001.jsonl.gz.tmp"))
        let parts = try writer.close()
        #expect(visibleFiles(folder.path) == parts && parts.count == 2)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/.part-w01-00001.jsonl.gz.tmp"))
    }

    /// A writer released without close leaves no file; a writer with no documents writes none.
    @Test func aWriterReleasedWithoutCloseLeavesNothing() throws {
        let folder = TemporaryFolder()
        do {
            let writer = try JSONLinesPartWriter(folder: folder.path, prefix: "part-w02", maxPartBytes: 0, compress: false)
            try writer.append(document(1))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        let unused = try JSONLinesPartWriter(folder: folder.path + "/none", prefix: "p", maxPartBytes: 0, compress: true)
        #expect(try unused.close().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/none"))
    }

    /// Prefixes that are empty, hidden or contain a slash are refused.
    @Test func prefixesThatWouldLeaveTheFolderAreRefused() {
        for prefix in ["", "a/b", "../x", ".hidden"] {
            #expect(throws: DocumentError.self) { try JSONLinesPartWriter(folder: "/tmp", prefix: prefix, maxPartBytes: 0, compress: false) }
        }
    }

    /// Gzip output inflates back to its input at every level, at once or streamed.
    @Test func gzipCompressRoundTrips() throws {
        var generator = SystemRandomNumberGenerator()
        let random = (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let repetitive = Array(String(repeating: "winnow keeps the text. ", count: 50_000).utf8)
        for input in [[], Array("a".utf8), random, repetitive] {
            for level: Int32 in [0, 1, 6, 9, -1] {
                let compressed = try Gzip.compress(input, level: level)
                #expect(HTMLInput.isGzip(compressed))
                #expect(try HTMLInput.inflateGzip(compressed) == input)
            }
        }
        #expect(try Gzip.compress(repetitive).count < repetitive.count / 50)
        #expect(throws: GzipError.invalidLevel(10)) { try Gzip.compress([1], level: 10) }
        let stream = try Gzip.Stream()
        var joined = try stream.compress(Array(repetitive[..<1000]))
        joined += try stream.compress(Array(repetitive[1000...]))
        joined += try stream.finish()
        #expect(try HTMLInput.inflateGzip(joined) == repetitive)
        #expect(throws: GzipError.finished) { try stream.finish() }
    }
}
