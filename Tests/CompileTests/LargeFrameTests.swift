import Foundation
import Harness
import Testing
import Thumb
import WAT
import WasmDecode

@testable import Compile

/// Frames past sp-relative reach (4,095 bytes) and live ranges split around loops and calls,
/// compiled by `weft compile` in every memory model, linked by both linkers and run in the
/// Cortex-M3 machine against WasmKit (results, traps, memory):
///
/// - a call with hundreds to thousands of i64 stack arguments (an outgoing area of 4 KB,
///   8 KB, 70 KB) and more than four words of results (the result buffer above it), with
///   i64, f64 and i32 values live across it and across the loop around it, so their spill
///   slots, the stores of the arguments, the callee's reads of its own and the result loads
///   all lie beyond reach;
/// - the `LargeFunctionTests` shapes with splitting on and off: pieces made, never more spill
///   bytes with them.
@Suite struct LargeFrameTests {
    /// `$g` takes `p` i64 parameters, an f64 and an i32 (all but the first two i64 on the
    /// stack) and returns six results (through the buffer); `f` computes `n` values (i64,
    /// f64, i32 in turn) in a loop, calls `$g` with them, and folds them and the results
    /// into an i64 after the call and after the loop. Floats are only compared, never
    /// reinterpreted (NaN payloads are the soft-float library's).
    static func frame(stackParameters p: Int, values n: Int) -> String {
        let types = ["i64", "f64", "i32"]
        var w = "(module (memory (export \"memory\") 1)\n(func $g (param"
        w += String(repeating: " i64", count: p) + " f64 i32) (result i32 i64 f64 i32 i64 i32)\n"
        w += "(i32.wrap_i64 (local.get 0)) (i64.add (local.get \(p / 2)) (local.get \(p - 1)))"
        w += " (f64.add (local.get \(p)) (f64.const 1.5)) (local.get \(p + 1))"
        w += " (i64.mul (local.get 1) (local.get \(p - 2))) (i32.const 7))\n"
        w += "(func (export \"f\") (param $a i64) (param $c i64) (result i64) (local $b f64)\n"
        for i in 0..<n { w += "(local $v\(i) \(types[i % 3]))" }
        w += "(local $i i32) (local $s i64) (local $r0 i32) (local $r1 i64) (local $r2 f64) (local $r3 i32)"
        w += " (local $r4 i64) (local $r5 i32)\n(local.set $b (f64.convert_i64_s (local.get $c)))\n(loop $l\n"
        for i in 0..<n {
            switch i % 3 {
            case 0:
                w += "(local.set $v\(i) (i64.add (i64.mul (local.get $a) (i64.const \(i * 7919 + 3)))"
                w += " (i64.load offset=\(i * 8) (local.get $i))))\n"
            case 1:
                w += "(local.set $v\(i) (f64.add (f64.mul (local.get $b) (f64.const 1.25))"
                w += " (f64.convert_i32_s (i32.add (local.get $i) (i32.const \(i))))))\n"
            default:
                w +=
                    "(local.set $v\(i) (i32.xor (i32.wrap_i64 (local.get $a)) (i32.load offset=\(i * 4) (local.get $i))))\n"
            }
        }
        let wide = stride(from: 0, to: n, by: 3).map { "(local.get $v\($0))" }
        w += "(call $g"
        for j in 0..<p { w += " " + wide[j % wide.count] }
        w += " (local.get $b) (local.get $i))\n"
        w += "(local.set $r5) (local.set $r4) (local.set $r3) (local.set $r2) (local.set $r1) (local.set $r0)\n"
        w += "(local.set $s (i64.add (local.get $s) (i64.add (local.get $r1) (local.get $r4))))\n"
        w += "(local.set $s (i64.xor (local.get $s) (i64.extend_i32_u (i32.add (local.get $r0)"
        w += " (i32.add (local.get $r3) (local.get $r5))))))\n"
        w += "(local.set $s (i64.add (local.get $s) (i64.extend_i32_u (f64.gt (local.get $r2) (f64.const 100)))))\n"
        func fold(_ i: Int) -> String {
            switch i % 3 {
            case 0: "(local.get $v\(i))"
            case 1: "(i64.extend_i32_u (f64.lt (local.get $v\(i)) (f64.const \(i * 10))))"
            default: "(i64.extend_i32_s (local.get $v\(i)))"
            }
        }
        for i in 0..<n { w += "(local.set $s (i64.add (i64.rotl (local.get $s) (i64.const 3)) \(fold(i))))\n" }
        w += "(local.set $i (i32.add (local.get $i) (i32.const 1)))\n"
        w += "(br_if $l (i32.lt_u (local.get $i) (i32.const 3))))\n"
        for i in 0..<n { w += "(local.set $s (i64.xor (i64.rotl (local.get $s) (i64.const 1)) \(fold(i))))\n" }
        w += "(i64.store (i32.const 512) (local.get $s))\n"
        return w + "(local.get $s)))"
    }

    /// Compiles `wat` once (without the `disabled` passes), links it by both linkers and
    /// checks `count` calls of `f` on edge-biased arguments against WasmKit running
    /// `reference` (an equivalent module, default `wat` itself) on each; the
    /// compiled module's pass totals, and its functions' bytes as "bytes".
    @discardableResult
    static func runsAsInWasmKit(
        _ wat: String, reference referenceWAT: String? = nil, params: [String], memory: MemoryModel,
        disabling disabled: Set<String> = [], calls count: Int = 4
    ) throws -> [String: Int] {
        let module = try WasmDecoder.decode(try wat2wasm(wat), file: "frame.wat")
        let binary = try wat2wasm(referenceWAT ?? wat)
        let instances = try CompiledInstance.linked(module: module, memory: memory, disabling: disabled)
        for compiled in instances {
            // A fresh reference per linker: the calls read memory earlier calls wrote.
            let reference = try Differential.Instance(binary, stackSize: 1 << 24)
            #expect(compiled.unsupported("f") == nil, "\(compiled.linker): \(compiled.unsupported("f") ?? "")")
            var rng = SplitMix64(seed: 5)
            for call in Differential.calls([("f", params)], perExport: count, rng: &rng) {
                let expected = reference.call(call)
                let got = try compiled.observe(call)
                #expect(got == expected, "\(compiled.linker): f(\(call.arguments.map(KernelRunner.describe)))")
            }
        }
        let totals = instances.first?.compiled.passes.totals ?? []
        var figures = Dictionary(totals.map { ($0.name, $0.value) }) { a, _ in a }
        figures["bytes"] = instances.first?.compiled.functions.reduce(0) { $0 + $1.bytes }
        return figures
    }

    @Test(arguments: MemoryModel.forAnyModule)
    func framesOfFourAndEightKilobytesRunAsInWasmKitOnBothLinkers(_ memory: MemoryModel) throws {
        // 2p + 11 outgoing words: 4,044 bytes (spill slots straddle 4,096), 8,044.
        for p in [500, 1000] {
            let totals = try Self.runsAsInWasmKit(
                Self.frame(stackParameters: p, values: 24), params: ["i64", "i64"], memory: memory)
            #expect((totals["spill instructions"] ?? 0) > 0)
        }
    }

    /// A 70 KB frame: 17,900 argument words stored, 200 KB of code (minutes in a debug build:
    /// under `make differential`). Engines refuse more than about 1,000 parameters (WasmKit
    /// traps, V8 rejects the module), so the reference runs the 950-parameter function, which
    /// computes the same: `$g` reads parameters 0, 1, p/2, p−2 and p−1, argument j is value
    /// j mod 8, and 8,950 and 950 agree modulo 16 (p/2 modulo 8).
    @Test(.enabled(if: LargeFunctionTests.large), arguments: MemoryModel.forAnyModule)
    func framesOfSeventyKilobytesRunAsInWasmKitOnBothLinkers(_ memory: MemoryModel) throws {
        let totals = try Self.runsAsInWasmKit(
            Self.frame(stackParameters: 8950, values: 24), reference: Self.frame(stackParameters: 950, values: 24),
            params: ["i64", "i64"], memory: memory, calls: 2)
        #expect((totals["spill instructions"] ?? 0) > 0)
    }

    @Test func farFrameAccessesEncodeAndOnlyStoresUseTheScratch() throws {
        for offset in [0, 1020, 4095, 4096, 4100, 8188, 65_532, 71_644, 1 << 20, (1 << 20) + 4092] {
            let load = FrameAccess.load(.word, .r3, offset: offset)
            let store = try FrameAccess.store(.word, .r3, offset: offset, scratch: .r12, function: "f")
            let address = FrameAccess.address(.r0, offset: offset)
            for i in load + store + address { _ = try Encoder.encode(i) }
            #expect(load.count == (offset <= 4095 ? 1 : offset < 1 << 20 ? 2 : 4))
            #expect(store.allSatisfy { !$0.registers.writes.contains(.r3) })
            if offset > 4095 {
                #expect(throws: CompileError.self) {
                    try FrameAccess.store(.word, .r3, offset: offset, scratch: nil, function: "f")
                }
            }
        }
        for size in [4, 508, 512, 1016, 4092, 4096, 8192, 8200, 71_644, 1 << 20, (1 << 20) + 8] {
            let reserve = FrameAccess.adjust(sp: -size)
            let release = FrameAccess.adjust(sp: size)
            for i in reserve + release { _ = try Encoder.encode(i) }
            #expect(reserve.count <= (size < 1 << 20 ? 2 : 3))
        }
        #expect(!FrameAccess.needsScratch(outgoingWords: 4, slots: 1020))
        #expect(FrameAccess.needsScratch(outgoingWords: 4, slots: 1021))
    }

    @Test(arguments: MemoryModel.forAnyModule)
    func valuesLiveAcrossLoopsAndCallsAreSplitAndRunAsInWasmKitOnBothLinkers(_ memory: MemoryModel) throws {
        let shapes = [
            (LargeFunctionTests.pressure(values: 30), ["i32", "i32"]),
            (LargeFunctionTests.calls(values: 40, "i32"), ["i32", "i32"]),
            (LargeFunctionTests.calls(values: 24, "i64"), ["i64", "i64"]),
            (Self.frame(stackParameters: 8, values: 30), ["i64", "i64"]),
        ]
        var pieces = 0
        for (wat, params) in shapes {
            let split = try Self.runsAsInWasmKit(wat, params: params, memory: memory)
            let whole = try Self.runsAsInWasmKit(wat, params: params, memory: memory, disabling: ["split-live-ranges"])
            pieces += split["split ranges"] ?? 0
            #expect(whole["split ranges"] == 0)
            // Never larger; where the code is as large, never more spill code.
            let (a, b) = (split["bytes"] ?? 0, whole["bytes"] ?? 0)
            #expect(a < b || (a == b && (split["spill bytes"] ?? 0) <= (whole["spill bytes"] ?? 0)))
        }
        #expect(pieces > 0)
    }
}
