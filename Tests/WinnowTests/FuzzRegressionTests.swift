import Foundation
import Testing
import Winnow

/// Inputs the fuzz campaigns (Fuzz/CAMPAIGN.md) found, kept as tests once handled.
@Suite struct FuzzRegressionTests {
    /// `pipeline` target, leak-f418ea0c…: a mangled pipeline file with a multi-line `drop-lines`
    /// pattern. LeakSanitizer saw 764 bytes leaked inside swift-corelibs-foundation's
    /// `NSRegularExpression` (`_CFRegularExpressionCreate`), not in winnow; winnow must answer
    /// with diagnostics, never trap.
    @Test func aMangledPipelineFileWithAnInvalidPatternGivesDiagnostics() throws {
        let bytes = try #require(Data(base64Encoded: "IyB3aW5ub3cnc2QgZWafipOL3490YW5kYXZlIGNvcmUKCnN0YWdlczoKICAtIHJlYWQKICAtIHJ1bGVzOgogICAgICBkcm9wLWxpbmVzOgogICAgICAgIC0gIl4gY29yZQoKc3RhZ2VzOgogIC13J3NuZmtjYXVsdCBwaXBlbGluZTogZXZlcnkgYnVpbHQtaW51biBPcHRpb25hbGl0IGZyb20gdGhlIHJlcG9zaXRvcnJlY3Vyc2l2ZTp5IHJvb3Q6ICBzd2lmdCBydW4gLWM6ICBzd2lmdCBydW4gLWMgcmVsZWFzZSB3aW5ub3cgcnVuIFBpcGVsaW5lcy9kZWZhdWx0LnltbHMjIHdpbm5vdydzIG9lZmF1bHQgcGlwZWwgZm9sZGVyLgpiYWxhbmNlZHZNTU1NTU1NTU1NTU1NTU1NTU1NTU1NTU1NTU1NTU1NTU1NTU1NTU1NTU1NTU1NTU1NTU1NTU1NTU1NTU1NTU1NTU1NTU1NTU1NTU1NTU1NTU1NTWVyc2lvbjogMQoKaW5lOiBldmVyeSBidWlsdGlucHUgCjpmIHRvbGRlcjogLWluIHN0YWdlIGluIHRoZSBzdGFuZGFyZCBvciBeTmZvbGRlcjpJQ0xFJCIKICAtIHN0cmlwOgogICAgU2V0ICBtb2RlOiBiYWxhbmNlZAogIC0gbm9ybXRyaXA6CiAgICBTZXQgIG1vZGU6IGJhbGFuY2VkCiAgLSBub3JtYWxpemU6CiAgICAgIHByb2ZpbGU6IGRlbmVzL2RlZmF1bHQueW1sCiMgUGF0aHMgYXJlZmF1bHQKICAtIHdyaXT/ZGxpZm9ycGU6CiAgICAgIGZvcm1hdHM6IFt0eHQsIFBqc29uXQo="))
        let yaml = String(decoding: bytes, as: UTF8.self)
        #expect(throws: ConfigurationError.self) {
            _ = try PipelineLoader().load(yaml: yaml, file: "fuzz.yml", baseFolder: "/tmp")
        }
        do {
            _ = try PipelineLoader().load(yaml: yaml, file: "fuzz.yml", baseFolder: "/tmp")
        } catch {
            #expect(!error.diagnostics.isEmpty)
            #expect(error.diagnostics.allSatisfy { $0.description.hasPrefix("fuzz.yml:") })
        }
    }

    /// `pipeline` target, timeout-960913a6…: nested complex keys (`? - …`) in a stage's options.
    /// Hashing the stages sorted their keys, which took Yams exponential time (over 10 s); the
    /// hash is now taken of valid files only, and this file is answered with diagnostics at once.
    @Test func nestedComplexKeysAreRejectedQuickly() throws {
        let bytes = try #require(Data(base64Encoded: "IyB3aW5ub3cncyAgY29yZQoKc3RhZ2VzOgogIC0gcmVhZAogIC0gcnVsZXM6CiAgICAgIGRyb3AtbGluZXM6CiAgICAgICAgLSB0czoKICAgICAgICAtICAtIG7IyMjIyMjIyMjIyMggPDw6enIiCiAgICAgID8gLSAgID8gICAgICAgPyAgICA/IC0gICA/ICAgPyAtICAgICAgPyAgICA/IC0gICA/ICAgPyAgICA/ICAgID8gLSAgID8gICA/IC0gICAgICA/ICAgID8gLSAgPyAtICAgPyAgICAgICA/ICAgID8gLSAgID8gICA/IC0gICAgICAgLSAgbSBuyMjIyMjIyMjIyG5lczoKICAgICAgICAtIHRzOgogICAgICAgIC0gIC0gbsjICiAgICAgID8gLSAgID8gICAgICAgPyAgICA/IC0gICA/ICAgPyAtICAgICAgPyAgICA/IC0gICA/ICAgPyAgICA/ICAgID8gLSAgID8gICA/IC0gICAgICA/ICAgID8gLSAgPyAtICAgPyAgICAgICA/ICAgID8gLSAgID8gICA/IC0gICAgICA/ICAgID8gLSAgID8gICA/ICAgID8gICAgPyAtICAgyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMg6CiAgICAgICAgLSB0czoKICAgICAgICAtICAtIG5pdyBzcC13IHNwbWxpbmVzOgogICAgICAgIC0gdHM6CiAgICAgICAgLSBzOgogICAgICAgIC0gIC0gbml3IHNwLXcgc3AtbGluZbDIyMjIyMjIyMjIyMjIOgogICAgICAgIC0gdHM6CiAgICAgICAgLSAgLSBuaXcgc3AtdyBzcG1saW5lczoKICAgICAgICAtIHRzOgogICAgICAgIC0gaXM6CiAgICAgILCwsLCwsLCwsJewsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsHM6CiAgICAgICAgLSB0czoKICAgICAgICAtICAtIG5pdyBzdGFnICAgICAgLSB0czoKICAgICAgICAtICAtIG5pdyBzdGFnZWlzXQo="))
        let yaml = String(decoding: bytes, as: UTF8.self)
        let clock = ContinuousClock.now
        #expect(throws: ConfigurationError.self) {
            _ = try PipelineLoader().load(yaml: yaml, file: "fuzz.yml", baseFolder: "/tmp")
        }
        #expect(ContinuousClock.now - clock < .seconds(2))
    }
}
