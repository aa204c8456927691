import Foundation
import Harness
import Pipeline
import Testing
import WasmDecode

/// The case that started the project (bench/corpus/gust): after `weft optimize`, `gust_poll`
/// has no call to the mixer, and a `transition` call survives only where the cost model
/// measured that keeping it is smaller — the report says by how many bytes.
@Suite struct GustCaseTests {
    @Test func theMixerIsGoneAndEveryKeptSeamIsJustified() throws {
        let path = ReferenceBehaviourTests.build + "/gust/gust.wasm"
        let input = try ReferenceBehaviourTests.binary(path)
        let module = try WasmDecoder.decode(input, file: "gust.wasm")
        let output = try TestPaths.optimizer.run(module, file: "gust.wasm")
        let report = try SeamReport(
            input: module, output: output, hot: ["gust_poll"], inlining: InlineOptions(),
            policies: try TestPaths.rules.inlinePolicies)
        let poll = try #require(report.functions.first)
        #expect(poll.name == "gust_poll")
        #expect(!poll.calls.contains { $0.callee == "mix" }, "\(report.text)")
        for call in poll.calls where !call.imported {
            let kept = try #require(call.bytesKept, "\(call.callee) kept without a measurement")
            let inlined = try #require(call.bytesInlined)
            #expect(kept < inlined, "\(call.callee): kept although inlining measured \(inlined) ≤ \(kept)")
        }
    }
}
