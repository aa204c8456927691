import Foundation
import Harness
import Pipeline
import Testing
import WasmDecode
import WasmModel

/// Single functions far larger than the generator's: 100, 1,000 and 10,000 operators in three
/// shapes go through `weft optimize`'s pipeline, and the output validates (weft's validator and
/// wabt's) and runs as the original does in WasmKit (results, memory). `WEFT_STRESS_SIZES`
/// (operators, comma-separated) replaces the sizes: `make differential` runs 100,000.
@Suite struct BigFunctionTests {
    @Test(arguments: StressFunction.allCases, StressFunction.sizes)
    func aFunctionOfThisSizeOptimizesValidatesAndRunsAsBefore(_ shape: StressFunction, _ operators: Int) throws {
        let (wat, params) = shape.module(operators: operators)
        let original = try Pipeline(passes: []).run(Array(wat.utf8), file: "\(shape)-\(operators).wat").bytes
        let decoded = try WasmDecoder.decode(original, file: "\(shape)-\(operators).wasm")
        let size = decoded.functions.first?.body.count ?? 0
        #expect(size >= operators, "\(shape): \(size) operators, \(operators) asked")
        let start = Date()
        let output = try StressFunction.onLargeStack {
            try TestPaths.optimizer.run(original, file: "\(shape)-\(operators).wasm")
        }
        let seconds = Date().timeIntervalSince(start)
        let optimized = output.bytes
        let saturate = output.statistics.first { $0.hasPrefix("saturate: ") && $0.contains("lifted") } ?? ""
        print(
            "\(shape) \(size) operators: \(original.count) -> \(optimized.count) bytes in "
                + String(format: "%.2f s", seconds) + " (\(saturate))")
        // Valid by wabt, and by weft's validator (the empty pipeline decodes and validates).
        #expect(try Subprocess.wasmValidate(optimized) == nil, "\(shape) \(operators)")
        _ = try Pipeline(passes: []).run(optimized, file: "\(shape)-\(operators).optimized.wasm")
        var rng = SplitMix64(seed: UInt64(operators))
        let calls = Differential.calls([("f", params)], perExport: 6, rng: &rng)
        let difference = try Differential.compare(original, optimized, calls: calls)
        #expect(difference == nil, "\(shape) \(operators): \(difference ?? "")")
    }
}
