import Foundation
import Harness
import Pipeline
import Testing

/// Random programs (`ProgramGenerator`: control flow, locals, memory, globals, calls, traps)
/// optimized by the whole pipeline and run side by side with the original in WasmKit: every
/// export, on edge-biased arguments, must give the same results, traps, memory and globals.
/// `WEFT_DIFFERENTIAL_PROGRAMS` sets how many (the bench run uses thousands).
@Suite struct DifferentialTests {
    static let programs = Int(ProcessInfo.processInfo.environment["WEFT_DIFFERENTIAL_PROGRAMS"] ?? "") ?? 300

    @Test func randomProgramsBehaveTheSame() throws {
        let pipeline = try TestPaths.optimizer
        var changed = 0
        var calls = 0
        for seed in 0..<UInt64(Self.programs) {
            var generator = ProgramGenerator(seed: 0xD1FF_0000 + seed)
            let wat = generator.module(functions: 2 + Int(seed % 4))
            let original = try Pipeline(passes: []).run(Array(wat.utf8), file: "gen\(seed).wat").bytes
            let output = try pipeline.run(original, file: "gen\(seed).wasm")
            let optimized = output.bytes
            // Every function the generator writes is lifted, and every lifted one lowers.
            let counts = output.statistics.first { $0.hasPrefix("saturate: ") && $0.contains("lifted") } ?? ""
            let numbers = counts.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            if numbers.count >= 3, numbers[0] != numbers[1] || numbers[2] != numbers[0] {
                Issue.record("program \(seed): \(counts)\n\(wat)")
                return
            }
            if optimized != original { changed += 1 }
            var rng = SplitMix64(seed: seed)
            let plan = Differential.calls(generator.exports, perExport: 8, rng: &rng)
            calls += plan.count
            if let difference = try Differential.compare(original, optimized, calls: plan) {
                Issue.record("program \(seed): \(difference)\n\(wat)")
                return
            }
        }
        print("differential: \(Self.programs) programs, \(calls) calls, \(changed) changed by weft")
        #expect(changed > Self.programs / 2, "weft should change most generated programs")
    }
}
