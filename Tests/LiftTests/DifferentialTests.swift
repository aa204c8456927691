import Foundation
import Harness
import Pipeline
import Testing

/// Random programs (`ProgramGenerator`: control flow, locals, memory, globals, calls, traps)
/// optimized by the whole pipeline and run side by side with the original in WasmKit: every
/// export, on edge-biased arguments, must give the same results, traps, memory and globals.
/// `WEFT_DIFFERENTIAL_PROGRAMS` sets how many (the bench run uses thousands).
@Suite struct DifferentialTests {
    static let programs = Int(ProcessInfo.processInfo.environment["WEFT_DIFFERENTIAL_PROGRAMS"] ?? "") ?? 150
    /// The first program's number (`WEFT_DIFFERENTIAL_FROM`), to rerun one that failed.
    static let first = UInt64(ProcessInfo.processInfo.environment["WEFT_DIFFERENTIAL_FROM"] ?? "") ?? 0

    /// With `deadStack`, weft runs with `--assume-dead-stack` on programs whose shadow stack
    /// lies apart from their other memory, and the stack's memory is not compared.
    @Test(arguments: [false, true]) func randomProgramsBehaveTheSame(deadStack: Bool) throws {
        let pipeline =
            deadStack
            ? Pipeline.optimize(rules: try TestPaths.rules, assumptions: Assumptions(deadStack: true))
            : try TestPaths.optimizer
        let top = deadStack ? ProgramGenerator.deadStackTop : 4096
        let stack = deadStack ? top - 4096..<top : nil
        var changed = 0
        var calls = 0
        var frames = 0
        for seed in Self.first..<Self.first + UInt64(Self.programs) {
            var generator = ProgramGenerator(seed: 0xD1FF_0000 + seed, stackTop: top)
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
            frames += output.statistics.contains { $0.contains("dead frames") } ? 1 : 0
            var rng = SplitMix64(seed: seed)
            let plan = Differential.calls(generator.exports, perExport: 8, rng: &rng)
            calls += plan.count
            if let difference = try Differential.compare(original, optimized, calls: plan, deadStack: stack) {
                Issue.record("program \(seed)\(deadStack ? " (dead stack)" : ""): \(difference)\n\(wat)")
                return
            }
        }
        print(
            "differential\(deadStack ? " (dead stack)" : ""): \(Self.programs) programs, \(calls) calls, "
                + "\(changed) changed by weft, \(frames) with frames removed")
        #expect(changed > Self.programs / 2, "weft should change most generated programs")
        if deadStack {
            #expect(frames > Self.programs / 10, "frames only written should be removed")
        } else {
            #expect(frames == 0, "no frame is removed without the assumption")
        }
    }
}
