import Foundation
import Testing

/// The real `winnow` over a folder of hostile inputs all at once, and over an output folder that
/// fills up: the run completes, every bad input has a clear error in `_errors.jsonl` (or, when it
/// cannot even be listed, in the run's problems), the good ones are written, nothing escapes, and
/// the process stays under 1 GB of memory. Inputs are generated in a temporary folder (the big
/// ones sparse or streamed) and removed afterwards.
@Suite(.serialized) struct HostileRunTests {
    /// Writes bytes at `folder/relative`.
    static func write(_ folder: String, _ relative: String, _ bytes: [UInt8]) {
        let path = folder + "/" + relative
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    }

    /// A news-like page that the stripper keeps.
    static func page(_ index: Int) -> String {
        var html = "<html><head><title>Page \(index)</title></head><body><nav><a href='/'>Home</a></nav><article><h1>Headline \(index)</h1>"
        for paragraph in 0..<12 {
            html += "<p>Paragraph \(paragraph) of page \(index) says something long enough to be kept as content, with commas, and a full stop.</p>"
        }
        return html + "</article><footer>Copyright 2026 Example</footer></body></html>"
    }

    /// The peak resident set of the largest child this process has waited for, in bytes.
    static func childrenPeakRSS() -> Int {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
        return usage.ru_maxrss * 1024  // kilobytes on Linux
        #else
        getrusage(RUSAGE_CHILDREN, &usage)
        return usage.ru_maxrss  // bytes on macOS
        #endif
    }

    /// The lines of a JSON Lines file, decoded.
    static func jsonLines(_ path: String) -> [[String: Any]] {
        let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
        return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    @Test func aFolderOfHostileInputsCompletesWithAClearErrorForEachBadFile() throws {
        let folder = WinnowProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let input = folder + "/in"
        for index in 0..<6 { Self.write(input, "good/page\(index).html", Array(Self.page(index).utf8)) }
        Self.write(input, "good/notes.txt", Array("A plain text page, with one paragraph long enough to be kept as the content of the page.\n".utf8))

        // Empty and binary.
        Self.write(input, "bad/empty.html", [])
        Self.write(input, "bad/blank.txt", Array("  \n\n\t \n".utf8))
        Self.write(input, "bad/photo.html", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D] + Array(repeating: 9, count: 500))
        Self.write(input, "bad/archive.txt", [0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0] + Array(repeating: 0, count: 200))
        Self.write(input, "bad/program.html", [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + Array(repeating: 0, count: 500))
        Self.write(input, "bad/nul.txt", Array("text".utf8) + [0, 0, 0, 0] + Array("more".utf8))
        // Encodings: decoded, not failed.
        Self.write(input, "odd/latin1.txt", Array("Caf".utf8) + [0xE9, 0xC0, 0xAF, 0xED, 0xA0, 0x80] + Array(" au lait: a paragraph of text long enough to be kept.\n".utf8))
        Self.write(input, "odd/overlong.html", Array("<html><body><article><p>Overlong ".utf8) + [0xC0, 0xAF, 0xE0, 0x80, 0xAF, 0xF8, 0x88, 0x80, 0x80, 0x80] + Array(" bytes in a paragraph long enough to be kept as content.</p></article></body></html>".utf8))
        let utf16 = "<html><body><article><p>Sixteen bits without a byte order mark, in a paragraph long enough to be kept.</p></article></body></html>"
        Self.write(input, "odd/utf16.html", utf16.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        // Size: 200 MB (sparse), one line of 50 MB, 100,000 levels, a million attributes, a gzip bomb.
        try FileManager.default.createDirectory(atPath: input + "/big", withIntermediateDirectories: true)
        let huge = open(input + "/big/huge.html", O_WRONLY | O_CREAT, 0o644)
        #expect(ftruncate(huge, 200 << 20) == 0)
        close(huge)
        Self.write(input, "big/oneline.txt", Array(repeating: 0x61, count: 50 << 20))
        Self.write(input, "big/deep.html", Array(("<html><body><p>Above the deep part, a paragraph long enough to be kept as content.</p>" + String(repeating: "<div>", count: 100_000) + "deep").utf8))
        var attributes = "<html><body><div"
        for index in 0..<1_000_000 { attributes += " a\(index)=x" }
        Self.write(input, "big/attributes.html", Array((attributes + ">x</div></body></html>").utf8))
        Self.write(input, "big/bomb.html.gz", try Self.gzipBomb(inflatedMegabytes: 80))
        // Entities: a local file's content must never appear.
        let marker = "MARKER-" + UUID().uuidString
        Self.write(folder, "secret.txt", Array(marker.utf8))
        let xhtml = """
            <?xml version="1.0"?>
            <!DOCTYPE html [<!ENTITY xxe SYSTEM "file://\(folder)/secret.txt"><!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]>
            <html xmlns="http://www.w3.org/1999/xhtml"><body><article><p>Entity &xxe; and &e; in a paragraph long enough to be kept as content.</p></article></body></html>
            """
        Self.write(input, "odd/entities.xhtml", Array(xhtml.utf8))
        // Names and files the walker or the reader cannot use.
        let name = Array((input + "/bad/name").utf8) + [0xFF, 0xFE] + Array(".txt".utf8) + [0]
        let descriptor = name.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_WRONLY | O_CREAT, 0o644) }
        close(descriptor)
        #expect(symlink("loop2.html", input + "/bad/loop1.html") == 0)
        #expect(symlink("loop1.html", input + "/bad/loop2.html") == 0)
        if getuid() == 0 {
            // root reads any file whatever its mode; /proc/self/mem is a regular file whose first
            // page cannot be read (EIO).
            #expect(symlink("/proc/self/mem", input + "/bad/unreadable.html") == 0)
        } else {
            Self.write(input, "bad/unreadable.html", Array("<p>secret</p>".utf8))
            chmod(input + "/bad/unreadable.html", 0)
        }

        let before = Self.childrenPeakRSS()
        let clock = ContinuousClock.now
        let result = try WinnowProcess.run(["run", "--input", input, "--output", folder + "/out", "--jobs", "2"])
        let elapsed = ContinuousClock.now - clock
        let peak = Self.childrenPeakRSS()
        print("hostile run: exit \(result.status), peak RSS of the children so far \(peak >> 20) MB, \(elapsed)")
        #expect(result.status == 1, "failures make the exit code 1: \(result.stderr.suffix(2000))")
        #expect(peak < 1 << 30, "peak RSS \(peak >> 20) MB (before: \(before >> 20) MB)")
        #expect(elapsed < .seconds(240), "\(elapsed)")

        let errors = Dictionary(Self.jsonLines(folder + "/out/_errors.jsonl").map { ($0["id"] as? String ?? "", $0["message"] as? String ?? "") }, uniquingKeysWith: { a, _ in a })
        let expected: [String: String] = [
            "bad/empty.html": "input is empty",
            "bad/photo.html": "PNG image",
            "bad/archive.txt": "binary",
            "bad/program.html": "ELF executable",
            "bad/nul.txt": "NUL bytes",
            "bad/unreadable.html": "cannot read",
            "big/huge.html": "larger than max-bytes",
            "big/attributes.html": "more than 1000 attributes",
            "big/bomb.html.gz": "inflates past",
        ]
        for (id, words) in expected {
            #expect(errors[id]?.contains(words) == true, "\(id): \(errors[id] ?? "no error")")
        }
        #expect(Set(errors.keys) == Set(expected.keys), "\(errors)")

        let out = folder + "/out/"
        for index in 0..<6 { #expect(FileManager.default.fileExists(atPath: out + "good/page\(index).txt")) }
        for written in ["good/notes.txt", "odd/latin1.txt", "odd/overlong.txt", "odd/utf16.txt", "odd/entities.txt", "big/deep.txt", "big/oneline.txt"] {
            #expect(FileManager.default.fileExists(atPath: out + written), "\(written)")
        }
        let utf16Text = (try? String(contentsOfFile: out + "odd/utf16.txt", encoding: .utf8)) ?? ""
        #expect(utf16Text.contains("Sixteen bits"))
        let manifest = Self.jsonLines(out + "_manifest.jsonl")
        #expect(manifest.first { $0["id"] as? String == "bad/blank.txt" }?["reason"] as? String == "empty")
        for (relative, text) in WinnowProcess.files(in: folder + "/out") {
            #expect(!text.contains(marker), "\(relative) holds the local file's content")
        }
        let entities = (try? String(contentsOfFile: out + "odd/entities.txt", encoding: .utf8)) ?? ""
        #expect(entities.utf8.count < 10_000, "the entity bomb did not expand")
        let run = (try? JSONSerialization.jsonObject(with: FileManager.default.contents(atPath: out + "_run.json") ?? Data())) as? [String: Any]
        let problems = (run?["problems"] as? [String] ?? []).joined(separator: "\n")
        #expect(problems.contains("not valid UTF-8"), "\(problems)")
        #expect(problems.contains("loop1.html: the symbolic link loops"), "\(problems)")
        #expect(result.stderr.contains("not valid UTF-8"), "problems are printed as warnings")
    }

    /// A gzip member of `inflatedMegabytes` MB of spaces, streamed through gzip(1) so that the
    /// inflated bytes are never held in memory.
    static func gzipBomb(inflatedMegabytes: Int) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "head -c \(inflatedMegabytes << 20) /dev/zero | tr '\\0' ' ' | gzip -1"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return [UInt8](data)
    }

    @Test func aFullOutputFolderStopsWith74LeavesNothingTornAndTheNextRunCompletes() throws {
        let folder = WinnowProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = folder + "/out"
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let mount = try Self.shell("mount -t tmpfs -o size=2m tmpfs '\(output)' 2>&1")
        guard mount.status == 0 else {
            print("skipping the full-disk test: cannot mount a tmpfs (\(mount.output.trimmingCharacters(in: .whitespacesAndNewlines))); it needs root")
            return
        }
        defer { _ = try? Self.shell("umount '\(output)'") }
        for index in 0..<400 { Self.write(folder + "/in", "s\(index % 4)/page\(index).html", Array(Self.page(index).utf8)) }
        Self.write(folder, "p.yml", Array("""
            version: 1
            input: in
            output: out
            stages:
              - read
              - strip
              - write: {formats: [txt, json, jsonl], jsonl-part-bytes: 200000}
            """.utf8))

        let full = try WinnowProcess.run(["run", "p.yml", "--jobs", "2"], in: folder)
        #expect(full.status == 74, "exit code \(full.status): \(full.stderr.suffix(1500))")
        #expect(full.stderr.contains("No space left on device"), "\(full.stderr.suffix(1500))")
        #expect(full.stderr.contains("stopped early"), "\(full.stderr.suffix(1500))")
        Self.expectNothingTorn(output)
        // Still full: the same again (the jsonl parts it could not publish are not taken for done).
        let again = try WinnowProcess.run(["run", "p.yml", "--jobs", "2"], in: folder)
        #expect(again.status == 74, "exit code \(again.status): \(again.stderr.suffix(1500))")
        Self.expectNothingTorn(output)

        // Free space, run again: it completes, and the folder is what a clean run leaves.
        #expect(try Self.shell("mount -o remount,size=64m '\(output)'").status == 0)
        let rerun = try WinnowProcess.run(["run", "p.yml", "--jobs", "2"], in: folder)
        #expect(rerun.status == 0, "\(rerun.stderr.suffix(1500))")
        Self.expectNothingTorn(output)
        #expect(!FileManager.default.fileExists(atPath: output + "/_journal.jsonl"))
        let manifest = Self.jsonLines(output + "/_manifest.jsonl")
        #expect(manifest.count == 400)
        #expect(manifest.allSatisfy { $0["status"] as? String == "written" })

        let clean = try WinnowProcess.run(["run", "p.yml", "--jobs", "2", "--output", folder + "/clean"], in: folder)
        #expect(clean.status == 0)
        // The same files as a clean run; the manifests differ only in how documents spread over
        // jsonl parts (by design: one series per worker, numbered on).
        let isPart = { (name: String) in name.hasPrefix("part-") }
        let a = CronRunTests.comparable(output).filter { !isPart($0.key) }
        let b = CronRunTests.comparable(folder + "/clean").filter { !isPart($0.key) }
        #expect(a.keys.sorted() == b.keys.sorted())
        for key in a.keys.sorted() where key != "_manifest.jsonl" {
            #expect(a[key] == b[key], "\(key): the rerun leaves what a clean run leaves")
        }
        let withoutParts = { (text: String?) -> [String] in
            (text ?? "").split(separator: "\n").map { String($0).replacing(/"part-[^"]*"/, with: "PART") }
        }
        #expect(withoutParts(a["_manifest.jsonl"]) == withoutParts(b["_manifest.jsonl"]))
        // Every document is in the jsonl parts exactly once.
        var ids: [String] = []
        for (name, _) in WinnowProcess.files(in: output) where isPart(name) {
            ids += Self.jsonLines(output + "/" + name).compactMap { $0["id"] as? String }
        }
        let missing = Set((0..<400).map { "s\($0 % 4)/page\($0).html" }).subtracting(ids).sorted()
        let missingEntries = manifest.filter { missing.prefix(3).contains($0["id"] as? String ?? "") }
        #expect(ids.count == 400 && Set(ids).count == 400, "\(ids.count) lines, \(Set(ids).count) ids; missing \(missing.prefix(5)): \(missingEntries)")
    }

    /// No temporary files, no torn outputs: every JSON file parses, every text file is whole,
    /// every journal and manifest line decodes, every jsonl part's lines decode.
    static func expectNothingTorn(_ output: String) {
        for (relative, text) in WinnowProcess.files(in: output) {
            let name = (relative as NSString).lastPathComponent
            #expect(!name.hasSuffix(".tmp"), "temporary file left: \(relative)")
            if relative == "_winnow.lock" { continue }
            if relative.hasSuffix(".json") {
                #expect((try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil, "torn \(relative)")
            } else if relative.hasSuffix(".jsonl") {
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                #expect(lines.last == "", "\(relative) ends with a whole line")
                for line in lines.dropLast() {
                    #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "torn line in \(relative)")
                }
            } else if relative.hasSuffix(".txt") {
                #expect(text.hasPrefix("Headline") && text.hasSuffix("full stop.\n"), "torn \(relative)")
            }
        }
    }

    /// Runs a shell command; its status and combined output.
    static func shell(_ command: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
