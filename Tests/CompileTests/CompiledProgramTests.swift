import Compile
import Foundation
import Harness
import Pipeline
import Testing
import WAT
import WasmDecode
import WasmKit

/// Whole programs compiled by `weft compile` (optimized first, as the command does) and run
/// in the Cortex-M3 machine against the original Wasm in WasmKit:
///
/// - random programs (`ProgramGenerator`: control flow, i32/i64, memory in and out of
///   bounds, globals, calls, trapping division) under the checked memory model, every export
///   on edge-biased arguments: the same results, traps, memory and exported global after
///   every call (`Differential.observation`); `WEFT_COMPILED_PROGRAMS` sets how many (60;
///   `make differential` runs 600);
/// - every kernel of the bench (`bench/corpus` and `bench/programs`) on its vectors, under
///   the checked model and under the identity model with `--assume-dead-stack` (what the
///   bench measures): the results and buffers recorded from the Wasm build (`reference.json`).
@Suite struct CompiledProgramTests {
    static let programs = Int(ProcessInfo.processInfo.environment["WEFT_COMPILED_PROGRAMS"] ?? "") ?? 60
    /// The first program's number (`WEFT_COMPILED_FROM`), to rerun one that failed.
    static let first = UInt64(ProcessInfo.processInfo.environment["WEFT_COMPILED_FROM"] ?? "") ?? 0

    /// The first image whose observation of `call` differs from WasmKit's, described; nil
    /// when every image agrees. Counts the calls made.
    static func mismatch(
        _ call: Differential.Call, expected: String, images: [CompiledInstance], calls: inout Int
    ) throws -> String? {
        for compiled in images {
            let got = try compiled.observe(call)
            calls += 1
            if got != expected {
                let args = call.arguments.map(KernelRunner.describe).joined(separator: " ")
                return "\(call.export)(\(args)): WasmKit \(expected), compiled and linked by \(compiled.linker) \(got)"
            }
        }
        return nil
    }

    @Test func randomProgramsRunCompiledAsInWasmKit() throws {
        var calls = 0
        var skipped: [String] = []
        for seed in Self.first..<Self.first + UInt64(Self.programs) {
            var generator = ProgramGenerator(seed: 0xC0DE_0000 + seed)
            let wat = generator.module(functions: 2 + Int(seed % 4))
            let original = try Pipeline(passes: []).run(Array(wat.utf8), file: "gen\(seed).wat").bytes
            let module = try WasmDecoder.decode(original, file: "gen\(seed).wasm")
            // Compiled once, linked by both linkers: each call runs on both images.
            let images = try CompiledInstance.linked(module: module, memory: .checked, optimize: true)
            let reference = try Differential.Instance(original)
            var rng = SplitMix64(seed: seed)
            for call in Differential.calls(generator.exports, perExport: 6, rng: &rng) {
                if let why = images[0].unsupported(call.export) {
                    skipped.append("program \(seed) \(call.export): \(why)")
                    continue
                }
                if let mismatch = try Self.mismatch(call, expected: reference.call(call), images: images, calls: &calls)
                {
                    Issue.record("program \(seed): \(mismatch)\n\(wat)")
                    return
                }
            }
        }
        print("compiled programs: \(Self.programs) programs, \(calls) calls (both linkers), \(skipped.count) skipped")
        #expect(skipped.isEmpty, "\(skipped.prefix(5))")
        #expect(calls > Self.programs * 20)
    }

    /// Random programs whose addresses stay in bounds (`ProgramGenerator.inBounds`; fixed ones up
    /// to 8 KiB, so `linked` reaches some from bases of their own) compiled under `linked` with
    /// 8 KiB of the 64 KiB memory reserved, linked by both linkers (linear memory in RAM at
    /// 0x20000000), against WasmKit: every call's results, traps, memory and global.
    /// `WEFT_COMPILED_LINKED_PROGRAMS` sets how many (default 12).
    @Test func randomProgramsRunCompiledUnderLinkedAsInWasmKit() throws {
        let count = Int(ProcessInfo.processInfo.environment["WEFT_COMPILED_LINKED_PROGRAMS"] ?? "") ?? 12
        var calls = 0
        var relocated = 0
        for seed in Self.first..<Self.first + UInt64(count) {
            var generator = ProgramGenerator(seed: 0x11AE_0000 + seed, inBounds: true)
            let wat = generator.module(functions: 2 + Int(seed % 4))
            let original = try Pipeline(passes: []).run(Array(wat.utf8), file: "lnk\(seed).wat").bytes
            let module = try WasmDecoder.decode(original, file: "lnk\(seed).wasm")
            let images = try CompiledInstance.linked(module: module, memory: .linked, memorySize: 8192, optimize: true)
            let object = images[0].compiled.object
            #expect(images[0].compiled.memory?.bytes == 8192, "program \(seed)")
            #expect(
                object.bssSize == 8192 && object.symbols.contains { $0.name == "weft_memory" && $0.section == .bss })
            if object.relocations.contains(where: { $0.symbol == "weft_memory" && $0.type == .abs32 }) {
                relocated += 1
            }
            let reference = try Differential.Instance(original)
            var rng = SplitMix64(seed: seed)
            for call in Differential.calls(generator.exports, perExport: 6, rng: &rng) {
                #expect(images[0].unsupported(call.export) == nil, "program \(seed) \(call.export)")
                if let mismatch = try Self.mismatch(call, expected: reference.call(call), images: images, calls: &calls)
                {
                    Issue.record("program \(seed) (linked): \(mismatch)\n\(wat)")
                    return
                }
            }
        }
        print("compiled programs (linked): \(count) programs, \(calls) calls (both linkers)")
        #expect(calls > count * 20)
        #expect(relocated == count, "every program addresses memory through weft_memory's literal")
    }

    /// Random programs whose calls go through the table too (`call_indirect` on an index that
    /// is mostly a matching function, sometimes one of another type or out of bounds), linked
    /// by both linkers: every call as in WasmKit. `WEFT_COMPILED_INDIRECT_PROGRAMS` sets how
    /// many.
    @Test func randomProgramsWithIndirectCallsRunAsInWasmKitLinkedByEitherLinker() throws {
        let count = Int(ProcessInfo.processInfo.environment["WEFT_COMPILED_INDIRECT_PROGRAMS"] ?? "") ?? 12
        var calls = 0
        var indirect = 0
        for seed in Self.first..<Self.first + UInt64(count) {
            var generator = ProgramGenerator(seed: 0x7AB1_0000 + seed, indirectCalls: true)
            let wat = generator.module(functions: 3 + Int(seed % 3))
            let original = try Pipeline(passes: []).run(Array(wat.utf8), file: "ind\(seed).wat").bytes
            let module = try WasmDecoder.decode(original, file: "ind\(seed).wasm")
            if module.functions.contains(where: {
                $0.body.contains { if case .callIndirect = $0 { true } else { false } }
            }) {
                indirect += 1
            }
            let images = try CompiledInstance.linked(module: module, memory: .checked, optimize: true)
            let reference = try Differential.Instance(original)
            var rng = SplitMix64(seed: seed)
            for call in Differential.calls(generator.exports, perExport: 6, rng: &rng) {
                #expect(images[0].unsupported(call.export) == nil, "program \(seed) \(call.export)")
                if let mismatch = try Self.mismatch(call, expected: reference.call(call), images: images, calls: &calls)
                {
                    Issue.record("program \(seed): \(mismatch)\n\(wat)")
                    return
                }
            }
        }
        print(
            "compiled programs with call_indirect: \(count) programs (\(indirect) calling through the table), \(calls) calls"
        )
        #expect(indirect > count / 2)
    }

    /// A function that calls and returns four words pushes an odd number of registers: the
    /// register that realigns the stack is never one a result is returned in (the `pop` would
    /// overwrite it). binaryen's random modules found it: `push {r3, ...}` lost the result in r3.
    @Test func theRegisterRealigningTheStackHoldsNoResult() throws {
        let wat = """
            (module
              (func $h (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
              (func (export "k2") (param i32) (result i64 i32 i32)
                (local $a i32) (local $b i32)
                (local.set $a (i32.add (local.get 0) (i32.const 7)))
                (local.set $b (i32.xor (local.get 0) (i32.const 99)))
                (drop (call $h (local.get 0)))
                (i64.extend_i32_u (local.get $b)) (i32.const -10650)
                (i32.or (local.get $a) (i32.const 0x80000000)))
              (func (export "k3") (param i32) (result i64 i64)
                (local $a i32) (local $b i32) (local $c i32)
                (local.set $a (i32.add (local.get 0) (i32.const 7)))
                (local.set $b (i32.xor (local.get 0) (i32.const 99)))
                (local.set $c (call $h (local.get 0)))
                (i64.extend_i32_u (i32.add (local.get $b) (local.get $c)))
                (i64.extend_i32_s (i32.or (local.get $a) (i32.const 0x80000000)))))
            """
        let module = try WasmDecoder.decode(try wat2wasm(wat), file: "pad.wat")
        for optimize in [false, true] {
            let compiled = try CompiledInstance(module: module, memory: .checked, optimize: optimize)
            #expect(try compiled.invoke("k2", [5]) == .values([102, 0xFFFF_D666, 0x8000_000C]))
            #expect(try compiled.invoke("k3", [5]) == .values([117, 0xFFFF_FFFF_8000_000C]))
        }
    }

    /// Whether `.text` holds a `udf` (the trap every check branches to).
    static func hasTrap(_ text: [UInt8]) -> Bool {
        stride(from: 0, to: text.count - 1, by: 2).contains { text[$0] == 0x00 && text[$0 + 1] == 0xDE }
    }

    /// Tile guards read the e-graph's facts: a divisor the e-graph knows is never 0 (an `or`
    /// with 1, held in a local because two divisions share it) needs no zero check, so the
    /// object has no `udf`; the same code with a divisor that may be 0 keeps its check.
    @Test func aDivisorTheEGraphKnowsIsNonZeroIsNotChecked() throws {
        func function(_ divisor: String) -> String {
            """
            (module
              (func (export "f") (param i32 i32) (result i32) (local $d i32)
                (local.set $d \(divisor))
                (i32.add (i32.div_u (local.get 0) (local.get $d)) (i32.rem_u (i32.mul (local.get 0) (local.get 1)) (local.get $d)))))
            """
        }
        for (divisor, checked) in [("(i32.or (local.get 1) (i32.const 1))", false), ("(local.get 1)", true)] {
            let binary = try wat2wasm(function(divisor))
            let module = try WasmDecoder.decode(binary, file: "div.wat")
            let output = try CompiledInstance.compile(module, memory: .identity, optimize: true)
            #expect(Self.hasTrap(output.compiled.object.text) == checked, "\(divisor)")
            let reference = try Differential.Instance(binary)
            let compiled = try CompiledInstance(module: module, memory: .identity, optimize: true)
            for (a, b): (UInt32, UInt32) in [(100, 7), (0xFFFF_FFFF, 2), (5, 0), (12345, 0x8000_0000)] {
                let call = Differential.Call(export: "f", arguments: [.i32(a), .i32(b)])
                #expect(try compiled.observe(call) == reference.call(call), "f(\(a), \(b)) with \(divisor)")
            }
        }
    }

    /// In the `checked` model an access the e-graph's facts prove inside the initial memory
    /// (which only grows) has no bounds check: a masked index, a constant address; an index
    /// that may reach past the end keeps its check and traps.
    @Test func anAccessTheFactsProveInBoundsIsNotChecked() throws {
        func module(_ address: String) -> String {
            """
            (module (memory (export "memory") 1)
              (func (export "f") (param i32) (result i32)
                (i32.store (i32.const 400) (local.get 0))
                (i32.load \(address))))
            """
        }
        for (address, checked) in [
            ("(i32.and (local.get 0) (i32.const 0xFFFC))", false), ("(i32.const 400)", false),
            ("(i32.and (local.get 0) (i32.const 0x1FFFC))", true),
        ] {
            let binary = try wat2wasm(module(address))
            let input = try WasmDecoder.decode(binary, file: "bounds.wat")
            let output = try CompiledInstance.compile(input, memory: .checked, optimize: true)
            #expect(Self.hasTrap(output.compiled.object.text) == checked, "\(address)")
            let reference = try Differential.Instance(binary)
            let compiled = try CompiledInstance(module: input, memory: .checked, optimize: true)
            for a: UInt32 in [400, 0xFFFC, 0x10000, 0x1FFFC, 0xFFFF_FFFF] {
                let call = Differential.Call(export: "f", arguments: [.i32(a)])
                let got = try compiled.observe(call)
                let want = reference.call(call)
                #expect(got == want, "f(\(a)) with \(address)")
            }
        }
    }

    /// Under `checked` an access ending no further than one already checked in the same
    /// block through the same address register needs no check of its own: a field read and
    /// written back is checked once (the memory only grows), a write further on is checked
    /// again — and both trap exactly where WasmKit does.
    @Test func aFieldReadAndWrittenBackIsCheckedOnce() throws {
        func module(_ storeOffset: Int) -> String {
            """
            (module (memory (export "memory") 1)
              (func (export "bump") (param i32)
                (i32.store offset=\(storeOffset) (local.get 0) (i32.add (i32.load offset=4 (local.get 0)) (i32.const 1)))))
            """
        }
        var sizes: [Int] = []
        for storeOffset in [4, 8] {
            let binary = try wat2wasm(module(storeOffset))
            let input = try WasmDecoder.decode(binary, file: "bump.wat")
            let output = try CompiledInstance.compile(input, memory: .checked, hot: ["bump"])
            sizes.append(output.compiled.functions.first { $0.symbol == "bump" }?.bytes ?? 0)
            let reference = try Differential.Instance(binary)
            let compiled = try CompiledInstance(module: input, memory: .checked)
            for a: UInt32 in [100, 65524, 65526, 65528, 65532, 0xFFFF_FFFC] {
                let call = Differential.Call(export: "bump", arguments: [.i32(a)])
                #expect(try compiled.observe(call) == reference.call(call), "bump(\(a)), store at +\(storeOffset)")
            }
        }
        // The second check (`cmp` + `bhi`, 4 bytes at least) only where the store goes further.
        #expect(sizes[0] + 4 <= sizes[1], "\(sizes)")
    }

    /// A branch on a comparison's result kept in a local reuses the flags the comparison set
    /// only while nothing in between writes them: a compare-and-branch on a high register
    /// (five live values push `$v` to r8) is `cmp.w r8, #0` + `beq`, not `cbz` (found by the
    /// modbus program: a valid "write coil ON" request rejected).
    @Test func aCompareWithZeroBetweenAComparisonAndItsBranchClobbersTheFlags() throws {
        let wat = """
            (module
              (memory (export "memory") 2)
              (global $g (mut i32) (i32.const 0))
              (func $sink (param i32 i32 i32)
                (global.set $g (i32.rotl (i32.add (global.get $g) (i32.add (i32.mul (local.get 0) (i32.const 3)) (i32.add (local.get 1) (local.get 2)))) (i32.const 5))))
              (func (export "check") (param $p i32) (result i32)
                (local $v i32) (local $eq i32) (local $x0 i32) (local $x1 i32) (local $x2 i32) (local $x3 i32) (local $x4 i32)
                (local.set $v (i32.and (local.get $p) (i32.const 65535)))
                (call $sink (local.get $v) (i32.const 1) (i32.const 2))
                (local.set $x0 (i32.load (i32.const 16)))
                (local.set $x1 (i32.load (i32.const 20)))
                (local.set $x2 (i32.load (i32.const 24)))
                (local.set $x3 (i32.load (i32.const 28)))
                (local.set $x4 (i32.load (i32.const 32)))
                (local.set $x0 (i32.add (local.get $x0) (local.get $x1)))
                (local.set $x1 (i32.add (local.get $x1) (local.get $x2)))
                (local.set $x2 (i32.add (local.get $x2) (local.get $x3)))
                (local.set $x3 (i32.add (local.get $x3) (local.get $x4)))
                (local.set $x4 (i32.add (local.get $x4) (local.get $x0)))
                (local.set $x0 (i32.add (local.get $x0) (local.get $x1)))
                (local.set $x1 (i32.add (local.get $x1) (local.get $x2)))
                (local.set $x2 (i32.add (local.get $x2) (local.get $x3)))
                (local.set $x3 (i32.add (local.get $x3) (local.get $x4)))
                (local.set $x4 (i32.add (local.get $x4) (local.get $x0)))
                (local.set $eq (i32.eq (local.get $v) (i32.const 65280)))
                (block $ok
                  (if (local.get $v)
                    (then
                      (br_if $ok (local.get $eq))
                      (return (i32.const 3)))))
                (call $sink (local.get $x0) (local.get $eq) (local.get $v))
                (call $sink (local.get $x1) (local.get $eq) (local.get $v))
                (call $sink (local.get $x2) (local.get $eq) (local.get $v))
                (call $sink (local.get $x3) (local.get $eq) (local.get $v))
                (call $sink (local.get $x4) (local.get $eq) (local.get $v))
                (global.get $g)))
            """
        let binary = try wat2wasm(wat)
        let module = try WasmDecoder.decode(binary, file: "flags.wat")
        for optimize in [false, true] {
            for memory in [MemoryModel.checked, .identity] {
                // Fresh instances: `$g` carries from call to call.
                let reference = try Differential.Instance(binary)
                let compiled = try CompiledInstance(module: module, memory: memory, optimize: optimize)
                for v: UInt32 in [0, 5, 0xFF00, 0xFF01, 0x1FF00] {
                    let call = Differential.Call(export: "check", arguments: [.i32(v)])
                    let got = try compiled.observe(call)
                    let want = reference.call(call)
                    #expect(got == want, "check(\(v)) \(memory)")
                }
            }
        }
    }

    /// Instantiation compiled: `weft_init` sets globals whose initial value reads an imported
    /// global (also through extended constant expressions) and runs the start function.
    @Test func weftInitRunsStartAndImportedGlobalInitializers() throws {
        let wat = """
            (module
              (global $imp (import "spectest" "global_i32") i32)
              (global $z i32 (i32.add (global.get $imp) (i32.const 42)))
              (global $c i32 (i32.sub (i32.mul (i32.const 20) (i32.const 2)) (i32.const 2)))
              (global $m (mut i32) (global.get $imp))
              (memory 1)
              (func $start (i32.store (i32.const 8) (i32.add (global.get $m) (i32.const 1)))
                (global.set $m (i32.const 7)))
              (start $start)
              (func (export "z") (result i32) (global.get $z))
              (func (export "c") (result i32) (global.get $c))
              (func (export "m") (result i32) (global.get $m))
              (func (export "peek") (result i32) (i32.load (i32.const 8))))
            """
        let module = try WasmDecoder.decode(try wat2wasm(wat), file: "init.wat")
        for hot in [[], ["z"]] {
            let compiled = try CompiledInstance(module: module, memory: .checked, hot: hot)
            #expect(try compiled.invoke("z", []) == .values([666 + 42]))
            if hot.isEmpty {
                #expect(try compiled.invoke("c", []) == .values([38]))
                #expect(try compiled.invoke("m", []) == .values([7]))
                #expect(try compiled.invoke("peek", []) == .values([667]))
            }
        }
    }

    /// An 8-byte access is two words; at offsets 4092–4095 the second word's offset passes
    /// the 12-bit immediate, so the offset is added in first (in every memory model).
    @Test(arguments: MemoryModel.forAnyModule)
    func wideAccessesNearTheOffsetLimit(_ memory: MemoryModel) throws {
        let wat = """
            (module (memory (export "memory") 1)
              (func (export "rt") (param i32 i64) (result i64)
                (i64.store offset=4094 (local.get 0) (local.get 1))
                (i64.load offset=4093 (local.get 0))))
            """
        let module = try WasmDecoder.decode(try wat2wasm(wat), file: "wide.wat")
        let compiled = try CompiledInstance(module: module, memory: memory)
        let x: UInt64 = 0x0102_0304_0506_0708
        #expect(try compiled.invoke("rt", [16, x]) == .values([x << 8]))
        #expect(try compiled.read(8, at: 16 + 4094) == (0..<8).map { UInt8(truncatingIfNeeded: x >> (8 * $0)) })
    }

    /// A call whose results are the function's, with no frame or saved register, is a tail
    /// call: `b.w`, no `push {lr}` / `pop {pc}` — and it still returns the callee's values,
    /// here from a function and an import reached both ways.
    @Test func tailCallsBranchAndReturnTheCalleesValues() throws {
        let wat = """
            (module
              (import "env" "ext" (func $ext (param i32) (result i32)))
              (func $g (param i32 i64) (result i64) (i64.add (local.get 1) (i64.extend_i32_u (local.get 0))))
              (func (export "f") (param i32 i64) (result i64)
                (call $g (i32.add (local.get 0) (i32.const 1)) (local.get 1)))
              (func (export "e") (param i32) (result i32) (call $ext (i32.shl (local.get 0) (i32.const 2))))
              (func (export "both") (param i32) (result i32)
                (i32.add (call $ext (local.get 0)) (i32.const 1))))
            """
        let module = try WasmDecoder.decode(try wat2wasm(wat), file: "tail.wat")
        let compiled = try CompiledInstance(module: module, memory: .checked)
        #expect(try compiled.invoke("f", [5, 0x1_0000_0000]) == .values([0x1_0000_0006]))
        #expect(try compiled.invoke("e", [3]) == .values([0]))  // the stub import returns 0
        let bytes = Dictionary(compiled.compiled.functions.map { ($0.symbol, $0.bytes) }, uniquingKeysWith: max)
        // adds + b.w (and at most a nop of alignment), against push + adds + bl + pop.
        #expect((bytes["f"] ?? 99) <= 8)
        #expect((bytes["e"] ?? 99) <= 8)
        // Not a tail call: the call's result is used after it.
        #expect((bytes["both"] ?? 0) > 8)
    }

    /// The i64 tiles built from several instructions (rotations, immediates, compares with a
    /// constant, shifts of a zero-extended value), compiled without the optimizer so each
    /// shape reaches the selector as written, against WasmKit on edge values.
    @Test func wideTilesComputeWhatWasmKitDoes() throws {
        var funcs = ""
        var exports: [(String, [String])] = []
        func add(_ name: String, _ params: String, _ body: String) {
            funcs += "(func (export \"\(name)\") \(params) (result i64) \(body))\n"
            exports.append((name, params.contains("i32") ? ["i64", "i32"] : ["i64", "i64"]))
        }
        for k in [1, 16, 31, 32, 33, 45, 63] {
            add("rotl\(k)", "(param i64 i64)", "(i64.rotl (local.get 0) (i64.const \(k)))")
            add("rotr\(k)", "(param i64 i64)", "(i64.rotr (local.get 0) (i64.const \(k)))")
            add("shlh\(k)", "(param i64 i64)", "(i64.shl (i64.and (local.get 0) (i64.const 65535)) (i64.const \(k)))")
            add("shlb\(k)", "(param i64 i64)", "(i64.shl (i64.and (local.get 0) (i64.const 255)) (i64.const \(k)))")
            add("shle\(k)", "(param i64 i32)", "(i64.shl (i64.extend_i32_u (local.get 1)) (i64.const \(k)))")
        }
        add("rotl", "(param i64 i64)", "(i64.rotl (local.get 0) (local.get 1))")
        add("rotr", "(param i64 i64)", "(i64.rotr (local.get 0) (local.get 1))")
        for (name, c) in [("and", "0xff00"), ("andh", "0x7fffffff00000000"), ("or", "0x100"), ("xor", "-1")] {
            add(
                name, "(param i64 i64)",
                "(i64.\(name.prefix(3) == "and" ? "and" : name) (local.get 0) (i64.const \(c)))")
        }
        for cmp in ["lt_s", "ge_s", "lt_u", "ge_u", "gt_s", "le_s", "gt_u", "le_u"] {
            for (n, c) in ["0", "1", "-1", "0x100000000"].enumerated() {
                add(
                    "\(cmp)\(n)", "(param i64 i64)",
                    "(i64.extend_i32_u (i64.\(cmp) (local.get 0) (i64.const \(c))))")
            }
        }
        let wat = "(module\n\(funcs))"
        let binary = try wat2wasm(wat)
        let module = try WasmDecoder.decode(binary, file: "wide.wat")
        let compiled = try CompiledInstance(module: module, memory: .checked)
        let reference = try Differential.Instance(binary)
        var rng = SplitMix64(seed: 7)
        for call in Differential.calls(exports, perExport: 12, rng: &rng) {
            #expect(compiled.unsupported(call.export) == nil)
            let expected = reference.call(call)
            let got = try compiled.observe(call)
            #expect(got == expected, "\(call.export)(\(call.arguments.map(KernelRunner.describe)))")
        }
    }

    static let build = BenchKernels.root + "/build"
    static let kernels: [String] = BenchKernels.names

    /// Under `relocated` the module is the link that kept its relocations (`<k>.relocs.wasm`) and
    /// a buffer's address is passed as the physical address it lies at, as native code would.
    ///
    /// Every kernel of the bench corpus under every model; each firmware-sized program once
    /// here, under `relocated` or `linked` (the default) by turns in name order, and under
    /// every model with `WEFT_PROGRAMS_EVERY_MODEL=1` (`make differential`; each model has
    /// its own tests on the kernels and elsewhere, and a program's compile in a debug build
    /// takes up to a minute).
    @Test(arguments: kernels, [MemoryModel.checked, .identity, .linked, .mpu, .relocated])
    func corpusKernelsRunCompiledAsRecorded(_ name: String, _ memory: MemoryModel) throws {
        let programs = BenchKernels.names(in: .programs).sorted()
        let everyModel = ProcessInfo.processInfo.environment["WEFT_PROGRAMS_EVERY_MODEL"] == "1"
        if let k = programs.firstIndex(of: name), !everyModel {
            guard memory == (k % 2 == 0 ? .relocated : .linked) else { return }
        }
        try runAsRecorded(name, memory)
    }

    /// Under `task` every access of the compiled code is checked as the MPU checks an
    /// unprivileged task's (`Machine.emulateTask`): the programs run as recorded touching
    /// nothing but the two regions `weft_task_regions` lists, the stack and (reading) flash.
    /// A sample (the code is `relocated`'s, which every program runs above): a parser with
    /// a data-table state machine, qsort through function pointers, an allocator, the RTOS.
    @Test(arguments: ["json", "qsort", "heap", "rtos"])
    func programsRunAsRecordedAsUnprivilegedTasks(_ name: String) throws {
        try runAsRecorded(name, .task)
    }

    /// Exact extraction (`--exact all`) on an allocator whose `heap_malloc` it makes smaller:
    /// the program runs as recorded, linked by both linkers, and its code is smaller than
    /// greedy extraction's.
    @Test func aProgramExtractedExactlyRunsAsRecordedAndIsSmaller() throws {
        let exact = try runAsRecorded("heap", .relocated, exact: .all)
        let line = try #require(exact.statistics.first { $0.hasPrefix("exact extraction") })
        #expect(!line.contains("kept in 0 functions"), "\(line)")
        let greedy = try runAsRecorded("heap", .relocated, exact: .none, run: false)
        #expect(exact.compiled.object.text.count < greedy.compiled.object.text.count)
    }

    /// Compiles kernel `name` under `memory` as the bench does (functions extracted exactly
    /// per `exact`) and, with `run`, checks it runs as recorded; returns the compiled output.
    @discardableResult
    func runAsRecorded(
        _ name: String, _ memory: MemoryModel, exact: ExactScope = .none, run: Bool = true
    ) throws -> CompilePipeline.Output {
        let kernel = try BenchKernels.named(name)
        let manifest = try kernel.manifest()
        let reference = try kernel.reference()
        let file = "\(Self.build)/\(name)/\(name)\(memory.needsRelocations ? ".relocs" : "").wasm"
        let wasm = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
        let module = try WasmDecoder.decode(wasm, file: "\(name).wasm")
        // `linked` and `mpu` reserve the module's own figure (its data and stack) up to the
        // host's buffers, which the manifest places from 64 KiB up: what a firmware would
        // reserve (under `mpu` the MPU then faults any access past it).
        var memorySize: UInt64?
        if memory.placedByLinker {
            let ends = manifest.vectors.flatMap { v in
                zip(manifest.bufferAddresses(v), v.buffers).map { UInt64($0) + UInt64($1.size) }
            }
            memorySize = ((ends.max() ?? 0) + 4095) / 4096 * 4096
        }
        // Compiled once; linked by each linker, a fresh instance per vector (as the reference
        // run had). `identity` and `linked` with `--assume-dead-stack`, as the bench measures.
        let output = try CompiledInstance.compile(
            module, memory: memory, memorySize: memorySize, optimize: true,
            assumptions: Assumptions(deadStack: memory != .checked), exact: exact)
        if let size = memorySize, let reserve = output.compiled.memory {
            #expect(reserve.bytes == min(size, reserve.initialBytes), "\(name): \(reserve)")
        }
        guard run else { return output }
        var observedBy: [(CompiledInstance.Linker, [KernelObservation])] = []
        for linker in CompiledInstance.Linker.allCases {
            var observed: [KernelObservation] = []
            let image = try CompiledInstance(output, memory: memory, linker: linker)
            for vector in manifest.vectors {
                let compiled = try image.reloaded()
                for export in Set(vector.calls.map(\.export)) {
                    #expect(compiled.unsupported(export) == nil, "\(name): \(export) not compiled")
                }
                let addresses = manifest.bufferAddresses(vector)
                for (k, buffer) in vector.buffers.enumerated() where buffer.size > 0 {
                    try compiled.write(buffer.initialBytes, at: addresses[k])
                }
                var results: [[String]] = []
                for call in vector.calls {
                    let type = try compiled.functionType(call.export)
                    let args: [UInt64] = try zip(call.args, type.params).map { arg, param in
                        switch arg {
                        case .buffer(let k):
                            UInt64(
                                k >= addresses.count
                                    ? 0
                                    : memory.needsRelocations
                                        ? try compiled.physicalAddress(addresses[k]) : addresses[k])
                        case .f32(let v): UInt64(v.bitPattern)
                        case .f64(let v): v.bitPattern
                        case .integer(let v):
                            param == .i64 ? UInt64(bitPattern: v) : UInt64(UInt32(truncatingIfNeeded: v))
                        }
                    }
                    switch try compiled.invoke(call.export, args) {
                    case .values(let values):
                        results.append(
                            zip(values, type.results).map { v, t in
                                switch t {
                                case .i64: "i64:0x" + String(v, radix: 16)
                                case .f64: "f64:0x" + String(v, radix: 16)
                                case .f32: "f32:0x" + String(v, radix: 16)
                                default: "i32:0x" + String(v, radix: 16)
                                }
                            })
                    case .trap: results.append(["trap"])
                    case .other(let what): results.append([what])
                    }
                }
                let buffers = try vector.buffers.enumerated().map { k, b in
                    b.size == 0
                        ? "" : try compiled.read(b.size, at: addresses[k]).map { String(format: "%02x", $0) }.joined()
                }
                observed.append(KernelObservation(results: results, buffers: buffers))
            }
            observedBy.append((linker, observed))
        }
        // Compiled code cannot say why it trapped: a reference trap matches any trap.
        let expected = reference.map { o in
            KernelObservation(
                results: o.results.map { $0.first?.hasPrefix("trap:") == true ? ["trap"] : $0 }, buffers: o.buffers)
        }
        for (linker, observed) in observedBy {
            #expect(observed.count == expected.count)
            for (k, (o, r)) in zip(observed, expected).enumerated() {
                #expect(o.results == r.results, "\(name) (\(memory.rawValue), \(linker)) vector \(k): results")
                #expect(o.buffers == r.buffers, "\(name) (\(memory.rawValue), \(linker)) vector \(k): buffers")
            }
        }
        return output
    }
}
