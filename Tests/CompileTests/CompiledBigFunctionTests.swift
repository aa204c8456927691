import Compile
import Foundation
import Harness
import Testing
import WAT
import WasmDecode

/// `weft compile` at scale: the stress functions of `BigFunctionTests` (100, 1,000 and 10,000
/// operators; `WEFT_STRESS_SIZES` replaces the sizes and `make differential` runs 100,000)
/// optimized and compiled under the checked memory model, every function compiled (none left
/// as a stub), linked by both linkers, and run in the Cortex-M3 machine as the original runs
/// in WasmKit: results and memory.
@Suite struct CompiledBigFunctionTests {
    @Test(arguments: StressFunction.allCases, StressFunction.sizes)
    func aFunctionOfThisSizeCompilesAndRunsAsInWasmKit(_ shape: StressFunction, _ operators: Int) throws {
        let (wat, params) = shape.module(operators: operators)
        let binary = try wat2wasm(wat)
        let module = try WasmDecoder.decode(binary, file: "\(shape)-\(operators).wasm")
        let start = Date()
        let images = try StressFunction.onLargeStack {
            try CompiledInstance.linked(module: module, memory: .checked, optimize: true)
        }
        let seconds = Date().timeIntervalSince(start)
        let bytes = images.first?.compiled.functions.first { $0.symbol == "f" }?.bytes ?? 0
        print(
            "compiled \(shape) \(operators) operators: \(bytes) bytes of Thumb-2 in "
                + String(format: "%.2f s", seconds))
        for image in images {
            // A fresh reference per image: the calls change memory.
            let reference = try Differential.Instance(binary)
            #expect(image.unsupported("f") == nil, "\(shape) \(operators): \(image.unsupported("f") ?? "")")
            var rng = SplitMix64(seed: UInt64(operators))
            for call in Differential.calls([("f", params)], perExport: 4, rng: &rng) {
                let expected = reference.call(call)
                let got = try image.observe(call)
                #expect(
                    got == expected,
                    "\(shape) \(operators), \(image.linker): f(\(call.arguments.map(KernelRunner.describe)))")
            }
        }
    }
}
