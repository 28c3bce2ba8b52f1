import Foundation
import Testing
import WinnowTesting
@testable import Winnow

/// The `exec` stage with real programs: a well-behaved filter in both modes, and programs that
/// crash, hang, print garbage or exit badly — each failing only the document in flight.
@Suite struct ExecStageTests {
    /// A Python filter: drops "DROP", crashes on "CRASH", hangs on "HANG", prints garbage on
    /// "GARBAGE"; otherwise upper-cases the text and reports its pid and a counter.
    static let filter = """
        import json, os, sys, time
        seen = 0
        for line in sys.stdin:
            doc = json.loads(line)
            seen += 1
            text = doc.get("text", "")
            if "CRASH" in text:
                print("crashing on purpose", file=sys.stderr, flush=True)
                sys.exit(3)
            if "HANG" in text:
                time.sleep(60)
            if "GARBAGE" in text:
                print("this is not json", flush=True)
                continue
            if "DROP" in text:
                print(json.dumps({"drop": "told-to"}), flush=True)
                continue
            answer = {"text": text.upper(), "metadata": {"extra": {"pid": str(os.getpid()), "seen": str(seen)}, "tags": ["a", "b"]}}
            if "BLOCKS" in text:
                answer = {"blocks": [{"kind": "heading", "level": 2, "text": "Title"}, {"kind": "paragraph", "text": "Body"}]}
            print(json.dumps(answer), flush=True)
        """

    static func script() -> String {
        let path = NSTemporaryDirectory() + "winnow-exec-\(UUID().uuidString).py"
        _ = FileManager.default.createFile(atPath: path, contents: Data(filter.utf8))
        return path
    }

    /// A real interpreter (not a version manager's shell shim, which is slow to start).
    static var python: String {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") ? "/usr/bin/python3" : (ExecProcess.search("python3") ?? "python3")
    }

    func harness(_ mode: String, timeout: Double = 5) throws -> StageHarness<ExecStage> {
        try StageHarness<ExecStage>(options: "command: [\(Self.python), \(Self.script())]\nmode: \(mode)\ntimeout: \(timeout)\nenv: {WINNOW_TEST: '1'}")
    }

    @Test func coProcessAnswersDocumentAfterDocumentFromOneProgram() throws {
        var stage = try harness("co-process")
        let (first, keep) = try stage.run(text: "hello world")
        #expect(keep == .keep)
        #expect(first.text == "HELLO WORLD")
        #expect(first.metadata.tags?.value == ["a", "b"] && first.metadata.tags?.source == .pipeline)
        let (second, _) = try stage.run(text: "again")
        #expect(second.metadata.extra["pid"]?.value == first.metadata.extra["pid"]?.value, "one program for the worker")
        #expect(second.metadata.extra["seen"]?.value == "2")
        let (_, dropped) = try stage.run(text: "please DROP me")
        #expect(dropped == .drop(reason: "told-to"))
        let (blocks, _) = try stage.run(text: "BLOCKS")
        #expect(blocks.blocks.map(\.kind) == [.heading, .paragraph] && blocks.blocks.first?.level == 2)
        try stage.stage.finish()
    }

    @Test func perDocumentModeStartsAProgramForEachDocument() throws {
        var stage = try harness("per-document")
        let (first, _) = try stage.run(text: "one")
        let (second, _) = try stage.run(text: "two")
        #expect(first.text == "ONE" && second.text == "TWO")
        #expect(first.metadata.extra["pid"]?.value != second.metadata.extra["pid"]?.value)
        #expect(second.metadata.extra["seen"]?.value == "1")
    }

    @Test func aCrashFailsOnlyThatDocumentAndTheCoProcessRestarts() throws {
        var stage = try harness("co-process")
        let (before, _) = try stage.run(text: "before")
        do {
            _ = try stage.run(text: "CRASH now")
            Issue.record("a crash must fail the document")
        } catch let error as DocumentError {
            #expect(error.message.contains("exited with status 3") || error.message.contains("before answering"), "\(error)")
            #expect(error.message.contains("crashing on purpose"), "the program's stderr is in the message: \(error)")
        }
        let (after, _) = try stage.run(text: "after")
        #expect(after.text == "AFTER")
        #expect(after.metadata.extra["pid"]?.value != before.metadata.extra["pid"]?.value, "a new program after the crash")
    }

    @Test func aHangIsKilledAtTheTimeout() throws {
        var stage = try harness("co-process", timeout: 3)
        let start = Date()
        #expect(throws: DocumentError.self) { try stage.run(text: "HANG") }
        #expect(Date().timeIntervalSince(start) < 20, "the program sleeps 60 s; the timeout is 3 s")
        #expect(try stage.run(text: "fine").0.text == "FINE")
    }

    @Test func garbageOutputIsAClearError() throws {
        for mode in ["co-process", "per-document"] {
            var stage = try harness(mode)
            do {
                _ = try stage.run(text: "GARBAGE")
                Issue.record("garbage must fail the document")
            } catch let error as DocumentError {
                #expect(error.message.contains("not a JSON object") && error.message.contains("this is not json"), "\(error)")
            }
            #expect(try stage.run(text: "next").0.text == "NEXT")
        }
    }

    @Test func perDocumentNonZeroExitAndMissingProgramsAreErrors() throws {
        var crash = try harness("per-document")
        #expect(throws: DocumentError.self) { try crash.run(text: "CRASH") }
        var missing = try StageHarness<ExecStage>(options: "command: [no-such-program-winnow]")
        do {
            _ = try missing.run(text: "x")
        } catch let error as DocumentError {
            #expect(error.message.contains("not on PATH"))
        }
    }

    @Test func optionsAreCheckedWithTheirPlace() {
        #expect(throws: ConfigurationError.self) { try StageHarness<ExecStage>(options: "mode: co-process") }
        #expect(throws: ConfigurationError.self) { try StageHarness<ExecStage>(options: "command: [cat]\nmode: sometimes") }
        #expect(throws: ConfigurationError.self) { try StageHarness<ExecStage>(options: "command: [cat]\ntimeout: -1") }
    }
}
