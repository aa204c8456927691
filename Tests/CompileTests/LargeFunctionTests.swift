import Compile
import Foundation
import Harness
import Testing
import WAT
import WasmDecode

/// Functions past what coloring settles or one literal pool reaches, compiled by `weft
/// compile` in every memory model and run in the Cortex-M3 machine against the original in
/// WasmKit (results, traps, memory):
///
/// - more values live at once than registers, used in nested loops and after them (the
///   shape that made allocation "not settle": spill temporaries spilled again), with calls
///   and i64 values;
/// - every function allocated by the last resort (every value in its own slot);
/// - long straight-line code with many distinct constants, whose loads need literal islands
///   inside the function.
///
/// Functions of 10,000+ instructions run under `make differential`
/// (`WEFT_DIFFERENTIAL_PROGRAMS` set): they take tens of seconds in a debug build.
@Suite struct LargeFunctionTests {
    /// `n` values computed before a three-deep loop nest that reads all of them, then all
    /// read again after it: more than 14 live at once.
    static func pressure(values n: Int) -> String {
        var w =
            "(module (memory (export \"memory\") 1) (func (export \"f\") (param $a i32) (param $b i32) (result i32)\n"
        for i in 0..<n { w += "(local $v\(i) i32)" }
        w += "(local $i i32) (local $j i32) (local $k i32) (local $s i32)\n"
        for i in 0..<n {
            w += "(local.set $v\(i) (i32.add (i32.mul (local.get $a) (i32.const \(2 * i + 3))) (local.get $b)))\n"
            w += "(local.set $b (i32.xor (local.get $b) (local.get $v\(i))))\n"
        }
        w += "(loop $l1 (local.set $j (i32.const 0)) (loop $l2 (local.set $k (i32.const 0)) (loop $l3\n"
        for i in 0..<n { w += "(local.set $s (i32.add (local.get $s) (i32.xor (local.get $v\(i)) (local.get $k))))\n" }
        w +=
            "(local.set $k (i32.add (local.get $k) (i32.const 1))) (br_if $l3 (i32.lt_u (local.get $k) (i32.const 3))))\n"
        w +=
            "(local.set $j (i32.add (local.get $j) (i32.const 1))) (br_if $l2 (i32.lt_u (local.get $j) (i32.const 3))))\n"
        w +=
            "(local.set $i (i32.add (local.get $i) (i32.const 1))) (br_if $l1 (i32.lt_u (local.get $i) (i32.const 3))))\n"
        for i in 0..<n {
            w +=
                "(local.set $s (i32.add (i32.rotl (local.get $s) (i32.const 5)) (i32.mul (local.get $v\(i)) (local.get $s))))\n"
        }
        w += "(i32.store (i32.const 64) (local.get $s))\n"
        return w + "(local.get $s)))"
    }

    /// `n` values of type `t` computed in a loop from loads, calls between them (so values
    /// live across calls need callee-saved registers), all summed and stored back.
    static func calls(values n: Int, _ t: String) -> String {
        var w = "(module (memory (export \"memory\") 1)\n(func $g (param \(t) \(t) \(t) \(t)) (result \(t))"
        w += " (\(t).add (local.get 0) (\(t).mul (local.get 2) (local.get 3))))\n"
        w += "(func (export \"f\") (param $a \(t)) (param $b \(t)) (result \(t))\n"
        for i in 0..<n { w += "(local $v\(i) \(t))" }
        w += "(local $i i32) (local $s \(t))\n(loop $l\n"
        for i in 0..<n {
            w += "(local.set $v\(i) (\(t).xor (\(t).mul (local.get $a) (\(t).const \(i * 1_000_003 + 7)))"
            w += " (\(t).add (local.get $b) (\(t).load offset=\(i * 8) (local.get $i)))))\n"
            if i % 5 == 4 {
                w +=
                    "(local.set $a (call $g (local.get $v\(i)) (local.get $a) (local.get $v\(i - 1)) (local.get $v\(i - 2))))\n"
            }
        }
        for i in 0..<n {
            w += "(local.set $s (\(t).add (\(t).rotl (local.get $s) (\(t).const 3)) (local.get $v\(i))))\n"
            if i % 7 == 6 {
                w +=
                    "(local.set $s (call $g (local.get $s) (local.get $v\(i)) (local.get $v\(n - 1 - i)) (local.get $a)))\n"
            }
        }
        for i in 0..<n {
            w += "(\(t).store offset=\(i * 8) (local.get $i) (\(t).mul (local.get $v\(i)) (local.get $s)))\n"
        }
        w += "(local.set $i (i32.add (local.get $i) (i32.const 1)))\n"
        w += "(br_if $l (i32.lt_u (local.get $i) (i32.const 3))))\n"
        return w + "(local.get $s)))"
    }

    /// `n` statements of straight-line code, each with a distinct 32-bit constant (so each
    /// is a literal load), a third of them stores.
    static func straight(statements n: Int) -> String {
        var w =
            "(module (memory (export \"memory\") 1) (func (export \"f\") (param $a i32) (param $b i32) (result i32)\n"
        w += "(local $x i32) (local $y i32) (local.set $x (local.get $a)) (local.set $y (local.get $b))\n"
        for i in 0..<n {
            let c = Int32(bitPattern: UInt32(truncatingIfNeeded: i &* 2_654_435_761 &+ 12_345))
            switch i % 3 {
            case 0: w += "(local.set $x (i32.add (local.get $x) (i32.const \(c))))\n"
            case 1: w += "(local.set $y (i32.xor (i32.mul (local.get $y) (local.get $x)) (i32.const \(c))))\n"
            default:
                w += "(i32.store offset=\(i * 4 % 4000) (i32.and (local.get $x) (i32.const 0x7ffc))"
                w += " (i32.add (local.get $y) (i32.const \(c))))\n"
            }
        }
        return w + "(i32.add (local.get $x) (local.get $y))))"
    }

    /// Compiles `wat` (optimized or not, by the last resort or not) and checks every call of
    /// `f` on edge-biased arguments against WasmKit; the compiled function's bytes.
    @discardableResult
    static func runsAsInWasmKit(
        _ wat: String, params: [String], memory: MemoryModel, optimize: Bool = false, spillEverywhere: Bool = false,
        calls count: Int = 6
    ) throws -> Int {
        let binary = try wat2wasm(wat)
        let module = try WasmDecoder.decode(binary, file: "large.wat")
        let compiled = try CompiledInstance(
            module: module, memory: memory, optimize: optimize, spillEverywhere: spillEverywhere)
        #expect(compiled.unsupported("f") == nil, "\(compiled.unsupported("f") ?? "")")
        let reference = try Differential.Instance(binary)
        var rng = SplitMix64(seed: 11)
        for call in Differential.calls([("f", params)], perExport: count, rng: &rng) {
            let expected = reference.call(call)
            let got = try compiled.observe(call)
            #expect(got == expected, "f(\(call.arguments.map(KernelRunner.describe)))")
        }
        return compiled.compiled.functions.first { $0.symbol == "f" }?.bytes ?? 0
    }

    /// The spill bytes `--stats` reports for `wat` (not optimized) under `memory`.
    static func spillBytes(_ wat: String, memory: MemoryModel, spillEverywhere: Bool = false) throws -> Int {
        let module = try WasmDecoder.decode(try wat2wasm(wat), file: "large.wat")
        let compiled = try CompiledInstance(module: module, memory: memory, spillEverywhere: spillEverywhere)
        return compiled.compiled.passes.totals.first { $0.name == "spill bytes" }?.value ?? -1
    }

    static let large = ProcessInfo.processInfo.environment["WEFT_DIFFERENTIAL_PROGRAMS"] != nil

    @Test(arguments: MemoryModel.forAnyModule)
    func functionsWithMoreLiveValuesThanRegistersRunAsInWasmKit(_ memory: MemoryModel) throws {
        for n in [14, 30] {
            try Self.runsAsInWasmKit(Self.pressure(values: n), params: ["i32", "i32"], memory: memory)
        }
        try Self.runsAsInWasmKit(Self.pressure(values: 20), params: ["i32", "i32"], memory: memory, optimize: true)
        try Self.runsAsInWasmKit(Self.calls(values: 40, "i32"), params: ["i32", "i32"], memory: memory)
        try Self.runsAsInWasmKit(Self.calls(values: 24, "i64"), params: ["i64", "i64"], memory: memory)
        // Spill code is counted (what `--stats` prints), more of it for the last resort.
        let spilled = try Self.spillBytes(Self.pressure(values: 14), memory: memory)
        let everywhere = try Self.spillBytes(Self.pressure(values: 14), memory: memory, spillEverywhere: true)
        #expect(spilled > 0 && everywhere > spilled)
    }

    @Test(arguments: MemoryModel.forAnyModule)
    func theLastResortSpillingEveryValueRunsAsInWasmKit(_ memory: MemoryModel) throws {
        try Self.runsAsInWasmKit(
            Self.pressure(values: 16), params: ["i32", "i32"], memory: memory, spillEverywhere: true)
        try Self.runsAsInWasmKit(
            Self.calls(values: 12, "i64"), params: ["i64", "i64"], memory: memory, spillEverywhere: true)
        // Random programs (control flow, calls, i64, traps, globals), every function by the
        // last resort; only where out-of-bounds accesses trap as in Wasm.
        guard memory == .checked else { return }
        for seed in UInt64(0)..<6 {
            var generator = ProgramGenerator(seed: 0x5_B111_0000 + seed)
            let wat = generator.module(functions: 3)
            let binary = try wat2wasm(wat)
            let module = try WasmDecoder.decode(binary, file: "gen\(seed).wat")
            let compiled = try CompiledInstance(module: module, memory: memory, spillEverywhere: true)
            let reference = try Differential.Instance(binary)
            var rng = SplitMix64(seed: seed)
            for call in Differential.calls(generator.exports, perExport: 4, rng: &rng) {
                #expect(compiled.unsupported(call.export) == nil)
                let expected = reference.call(call)
                let got = try compiled.observe(call)
                #expect(got == expected, "program \(seed): \(call.export)\n\(wat)")
                if got != expected { return }
            }
        }
    }

    @Test(arguments: MemoryModel.forAnyModule)
    func functionsLongerThanOneLiteralPoolReachesRunAsInWasmKit(_ memory: MemoryModel) throws {
        let bytes = try Self.runsAsInWasmKit(Self.straight(statements: 700), params: ["i32", "i32"], memory: memory)
        #expect(bytes > 8192)
    }

    /// 10,000+ instructions: straight-line code with 3,000 constants, and 200 values live at
    /// once (under `make differential`).
    @Test(.enabled(if: large), arguments: MemoryModel.forAnyModule)
    func functionsOfTenThousandInstructionsRunAsInWasmKit(_ memory: MemoryModel) throws {
        let bytes = try Self.runsAsInWasmKit(
            Self.straight(statements: 3000), params: ["i32", "i32"], memory: memory, calls: 3)
        #expect(bytes > 40000)
        try Self.runsAsInWasmKit(Self.calls(values: 200, "i32"), params: ["i32", "i32"], memory: memory, calls: 3)
        try Self.runsAsInWasmKit(
            Self.pressure(values: 300), params: ["i32", "i32"], memory: memory, spillEverywhere: true, calls: 3)
    }
}
