import Foundation
import Harness
import Pipeline
import Testing

/// binaryen's random modules (`wasm-opt -ttf` on seeded bytes), optimized by `weft optimize`'s
/// pipeline and run beside the original in WasmKit as binaryen's `--fuzz-exec` runs them: every
/// export called in order (the hang limit reset before each), results, traps, logged values and
/// memory compared call by call. `WEFT_FUZZ_MODULES` sets how many per feature set (`make
/// differential` runs thousands); `WEFT_FUZZ_FROM` the first seed, to rerun one that failed.
@Suite struct BinaryenFuzzTests {
    static let modules = Int(ProcessInfo.processInfo.environment["WEFT_FUZZ_MODULES"] ?? "") ?? 40
    static let first = UInt64(ProcessInfo.processInfo.environment["WEFT_FUZZ_FROM"] ?? "") ?? 0

    /// The seed of module `n`, and its size: 1 to 16 KiB of fuzzer input.
    static func input(_ n: UInt64) -> (seed: UInt64, size: Int) { (0xF022_0000 + n, 1024 * (1 + Int(n % 16))) }

    @Test(arguments: BinaryenFuzz.Features.allCases)
    func binaryenRandomModulesBehaveTheSameAfterWeftOptimize(features: BinaryenFuzz.Features) throws {
        guard BinaryenFuzz.wasmOpt != nil else {
            Issue.record("wasm-opt (binaryen) is not installed: make deps")
            return
        }
        let pipeline = try TestPaths.optimizer
        var calls = 0
        var originalBytes = 0
        var optimizedBytes = 0
        for n in Self.first..<Self.first + UInt64(Self.modules) {
            let (seed, size) = Self.input(n)
            let original = try BinaryenFuzz.module(seed: seed, size: size, features: features)
            let optimized: [UInt8]
            do {
                optimized = try pipeline.run(original, file: "ttf\(n).wasm").bytes
            } catch {
                Issue.record("module \(n) (\(features)): weft optimize failed: \(error)")
                continue
            }
            if let message = try Subprocess.wasmValidate(optimized) {
                Issue.record("module \(n) (\(features)): output does not validate: \(message)")
                continue
            }
            let expected = try BinaryenFuzz.transcript(original, seed: n)
            let actual = try BinaryenFuzz.transcript(optimized, seed: n)
            calls += expected.count
            originalBytes += original.count
            optimizedBytes += optimized.count
            if let difference = BinaryenFuzz.firstDifference(expected, actual, "optimized") {
                let path = BinaryenFuzz.keep(original, name: "weft-ttf-\(features)-\(n)")
                Issue.record("module \(n) (\(features), WEFT_FUZZ_FROM=\(n), \(path)): \(difference)")
            }
        }
        print(
            "binaryen fuzz (\(features)): \(Self.modules) modules, \(calls) calls, "
                + "\(originalBytes) -> \(optimizedBytes) bytes")
        #expect(calls > Self.modules, "every module should have exports to call")
        #expect(optimizedBytes < originalBytes, "weft should shrink binaryen's random modules")
    }

    @Test func memoryComparedAsWasmAllowsANaNsSignAndPayloadToDiffer() {
        // f32.sqrt(-1) stored at offset 5: x86's default NaN (0xFFC00000) against Arm's
        // (0x7FC00000); and an f64 NaN with another payload at offset 16.
        var x = [UInt8](repeating: 0, count: 32)
        var y = x
        x[5...8] = [0x00, 0x00, 0xC0, 0xFF]
        y[5...8] = [0x00, 0x00, 0xC0, 0x7F]
        x[16...23] = [0, 0, 0, 0, 0, 0, 0xF8, 0x7F]
        y[16...23] = [1, 0, 0, 0, 0, 0, 0xF8, 0xFF]
        #expect(BinaryenFuzz.firstMemoryDifference(x, y) == nil)
        // Not a NaN on one side: a real difference (an infinity against a NaN).
        var z = y
        z[5...8] = [0x00, 0x00, 0x80, 0x7F]
        #expect(BinaryenFuzz.firstMemoryDifference(x, z) == 7)
        // A byte beside a NaN is not covered by it.
        var w = x
        w[9] = 1
        #expect(BinaryenFuzz.firstMemoryDifference(x, w) == 9)
        // Different sizes differ where the shorter ends.
        #expect(BinaryenFuzz.firstMemoryDifference(x, Array(x.prefix(20))) == 20)
    }
}
