import Compile
import Foundation
import Harness
import Passes
import Pipeline
import Testing
import WAT
import WasmDecode
import WasmKit
import WasmModel

@testable import Compile

/// Pointer locals held as physical addresses (`NativePointers`, pass `native-pointers`): a
/// pointer walked through a loop is stepped in place and reached with no sum of the memory's
/// base inside the loop, smaller than with the pass off; pointers copied, stepped while a load
/// through their old value is pending, stepped back past a field, compared and returned as
/// numbers compute what WasmKit computes under `linked`, `base` and `mpu`.
@Suite struct NativePointerTests {
    /// `walk(p, n)`: sums the `n & 255` bytes from `p` on, writing each running sum 1,024
    /// bytes further on, and returns the sum in the high half and the last sum written in the low.
    static let walk = """
        (module (memory (export "memory") 1)
          (data (i32.const 0x100) "weft walks pointers the way native code holds them: as addresses")
          (func (export "walk") (param $p i32) (param $n i32) (result i32)
            (local $s i32) (local $e i32)
            (local.set $e (i32.add (local.get $p) (i32.and (local.get $n) (i32.const 255))))
            (block $done
              (loop $l
                (br_if $done (i32.eq (local.get $p) (local.get $e)))
                (local.set $s (i32.add (local.get $s) (i32.load8_u (local.get $p))))
                (i32.store8 offset=1024 (local.get $p) (local.get $s))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $l)))
            (i32.add (i32.shl (local.get $s) (i32.const 16)) (i32.load8_u offset=1023 (local.get $p)))))
        """

    /// `mix(p, x)`: `q` a copy of `p`; a load through `p` pending while `p` steps on (the
    /// tee); fields on both sides of the pointers; `p` stepped back and compared, the result
    /// mixing loads with both pointers as numbers.
    static let mix = """
        (module (memory (export "memory") 1)
          (data (i32.const 0x800) "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
          (func (export "mix") (param $p i32) (param $x i32) (result i32)
            (local $q i32) (local $r i32)
            (local.set $p (i32.add (i32.and (local.get $p) (i32.const 0x7ffc)) (i32.const 0x800)))
            (local.set $q (local.get $p))
            (local.set $r
              (i32.add (i32.load offset=8 (local.get $p))
                (i32.load (local.tee $p (i32.add (local.get $p) (i32.const 4))))))
            (i32.store (local.get $q) (local.get $x))
            (i32.store offset=12 (local.get $p) (local.get $r))
            (i32.store16 offset=2 (local.get $q) (i32.load8_u offset=5 (local.get $p)))
            (if (i32.and (local.get $x) (i32.const 1))
              (then (local.set $p (i32.sub (local.get $p) (i32.const 12)))))
            (i32.store8 offset=9 (local.get $p) (local.get $x))
            (local.set $r (i32.add (local.get $r) (i32.load (local.get $q))))
            (local.set $r (i32.add (local.get $r) (i32.load16_u offset=6 (local.get $p))))
            (i32.xor (local.get $r)
              (i32.add (i32.shl (i32.lt_u (local.get $p) (local.get $q)) (i32.const 31))
                (i32.sub (local.get $q) (local.get $p))))))
        """

    /// `sum(p, n)` and `fill(p, n, v)` exported; `load(p)` and `store(p, v)` only called by
    /// them, so they take `p` as a physical address; `bump(p)` too, though it returns `p` as a
    /// number (a caller passes the physical address, it computes `p - weft_memory`).
    static let calls = """
        (module (memory (export "memory") 1)
          (data (i32.const 0x400) "callees receive pointers the way native code passes them")
          (func $load (param $p i32) (result i32)
            (i32.add (i32.load8_u (local.get $p)) (i32.load8_u offset=1 (local.get $p))))
          (func $store (param $p i32) (param $v i32)
            (i32.store16 offset=2 (local.get $p) (local.get $v))
            (i32.store8 (local.get $p) (local.get $v)))
          (func $bump (param $p i32) (result i32)
            (i32.store8 offset=7 (local.get $p) (i32.add (i32.load8_u offset=7 (local.get $p)) (i32.const 1)))
            (i32.add (local.get $p) (i32.const 3)))
          (func (export "sum") (param $p i32) (param $n i32) (result i32)
            (local $s i32) (local $e i32)
            (local.set $e (i32.add (local.get $p) (i32.and (local.get $n) (i32.const 63))))
            (block $done
              (loop $l
                (br_if $done (i32.ge_u (local.get $p) (local.get $e)))
                (local.set $s (i32.add (local.get $s) (call $load (local.get $p))))
                (local.set $p (i32.add (local.get $p) (i32.const 2)))
                (br $l)))
            (local.get $s))
          (func (export "fill") (param $p i32) (param $n i32) (param $v i32) (result i32)
            (local $q i32)
            (local.set $q (call $bump (local.get $p)))
            (block $done
              (loop $l
                (br_if $done (i32.eqz (local.get $n)))
                (call $store (i32.add (local.get $q) (i32.const 4)) (local.get $v))
                (local.set $q (i32.add (local.get $q) (i32.const 5)))
                (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                (br $l)))
            (i32.sub (local.get $q) (local.get $p))))
        """

    static func compile(_ wat: String, _ name: String, _ memory: MemoryModel, disabling disabled: Set<String> = [])
        throws -> (output: CompilePipeline.Output, code: [String])
    {
        try InvariantAddressTests.compile(wat, name, memory, disabling: disabled)
    }

    /// `calls` run compiled under `memory` with every pointer local held as a physical
    /// address (smaller or not: the conversions are what is tested) and by WasmKit.
    static func matchWasmKit(_ wat: String, _ memory: MemoryModel, _ calls: [Differential.Call]) throws {
        let module = try WasmDecoder.decode(try wat2wasm(wat), file: "native.wat")
        var options = CompileOptions(memory: memory)
        options.everyNativePointer = true
        let pipeline = CompilePipeline(tiles: try CompiledInstance.tiles.get(), options: options, optimizer: nil)
        let output = try pipeline.run(module, file: "native.wat")
        let totals = Dictionary(output.passes.totals.map { ($0.name, $0.value) }) { a, _ in a }
        #expect((totals["native pointers"] ?? 0) >= 2, "both locals of the pointer pair are held so")
        for linker in CompiledInstance.Linker.allCases {
            let compiled = try CompiledInstance(output, memory: memory, linker: linker)
            let reference = try Differential.Instance(try wat2wasm(wat), stackSize: 1 << 16)
            for call in calls {
                let expected = reference.call(call)
                let got = try compiled.observe(call)
                #expect(
                    got == expected, "\(compiled.linker): \(call.export)(\(call.arguments.map(KernelRunner.describe)))")
            }
        }
    }

    static func totals(_ output: CompilePipeline.Output) -> [String: Int] {
        Dictionary(output.passes.totals.map { ($0.name, $0.value) }) { a, _ in a }
    }

    @Test(arguments: [MemoryModel.linked, .base, .mpu])
    func aPointerWalkedThroughALoopIsSteppedInPlaceWithNoSumInside(_ memory: MemoryModel) throws {
        let native = try Self.compile(Self.walk, "walk", memory)
        let plain = try Self.compile(Self.walk, "walk", memory, disabling: [MachinePasses.nativePointers])
        let listing = native.code.joined(separator: "\n")
        let loop = try #require(InvariantAddressTests.loop(native.code), "\(listing)")
        // The only sum of the base is the entry's (the parameter made physical).
        let sums = InvariantAddressTests.sums(native.code)
        #expect(sums.allSatisfy { !loop.contains($0) }, "\(listing)")
        #expect((Self.totals(native.output)["native pointers"] ?? 0) >= 1, "\(listing)")
        #expect(
            InvariantAddressTests.size(native.output, "walk") < InvariantAddressTests.size(plain.output, "walk"),
            "\(listing)")

        var rng = SplitMix64(seed: 23)
        var calls = [(0x100, 64), (0x100, 0), (0, 255), (65535 - 1024 - 255, 255), (0x13f, 1)].map {
            Differential.Call(export: "walk", arguments: [.i32(UInt32($0.0)), .i32(UInt32($0.1))])
        }
        for _ in 0..<40 {
            let p = UInt32(rng.below(65536 - 1024 - 256))
            let n = UInt32(truncatingIfNeeded: rng.next())
            calls.append(Differential.Call(export: "walk", arguments: [.i32(p), .i32(n)]))
        }
        try InvariantAddressTests.matchWasmKit(Self.walk, memory, calls)
    }

    /// `pick(p, q, n)`: `p` walks n records of 16 bytes through two `if`s (each block would
    /// sum the base again); `q` is read once at offset 0 and is otherwise a number (three
    /// reads: one conversion, its entry sum, for nothing). Holding both is no smaller, holding
    /// `p` alone is: the most accessed local switched on its own finds it.
    static let pick = """
        (module (memory (export "memory") 1)
          (func (export "pick") (param $p i32) (param $q i32) (param $n i32) (result i32) (local $s i32)
            (local.set $s (i32.load (local.get $q)))
            (loop $next
              (local.set $s (i32.add (local.get $s)
                (i32.xor (i32.load offset=4 (local.get $p)) (i32.load offset=8 (local.get $p)))))
              (if (i32.and (local.get $s) (i32.const 1))
                (then (i32.store offset=20 (local.get $p) (local.get $n))))
              (if (i32.and (local.get $s) (i32.const 2))
                (then (i32.store offset=24 (local.get $p) (local.get $s))))
              (i32.store offset=12 (local.get $p) (local.get $s))
              (local.set $p (i32.add (local.get $p) (i32.const 16)))
              (local.set $n (i32.sub (local.get $n) (i32.const 1)))
              (br_if $next (local.get $n)))
            (i32.add (local.get $s)
              (i32.add (i32.mul (local.get $q) (local.get $n))
                (i32.add (i32.shr_u (local.get $q) (i32.const 3)) (i32.rotl (local.get $q) (local.get $s)))))))
        """

    /// (Under `mpu` an access through `q` is unprivileged unless held so: both win there.)
    @Test(arguments: [MemoryModel.linked, .base])
    func theMostAccessedPointerIsHeldAloneWhenHoldingEveryOneIsNoSmaller(_ memory: MemoryModel) throws {
        let native = try Self.compile(Self.pick, "pick", memory)
        let plain = try Self.compile(Self.pick, "pick", memory, disabling: [MachinePasses.nativePointers])
        let listing = native.code.joined(separator: "\n")
        #expect(Self.totals(native.output)["native pointers"] == 1, "\(listing)")
        #expect(
            InvariantAddressTests.size(native.output, "pick") < InvariantAddressTests.size(plain.output, "pick"),
            "\(listing)")
        var rng = SplitMix64(seed: 31)
        var calls = [(0x100, 0, 3), (0, 0x40, 1), (0x2000, 0xfffc, 200)].map {
            Differential.Call(export: "pick", arguments: [.i32(UInt32($0.0)), .i32(UInt32($0.1)), .i32(UInt32($0.2))])
        }
        for _ in 0..<20 {
            let n = rng.below(64) + 1
            let p = UInt32(rng.below(65536 - 16 * n - 24))
            let q = UInt32(rng.below(65536 - 4))
            calls.append(Differential.Call(export: "pick", arguments: [.i32(p), .i32(q), .i32(UInt32(n))]))
        }
        try InvariantAddressTests.matchWasmKit(Self.pick, memory, calls)
    }

    @Test(arguments: [MemoryModel.linked, .base, .mpu])
    func copiedSteppedAndComparedPointersComputeWhatWasmComputes(_ memory: MemoryModel) throws {
        var rng = SplitMix64(seed: 29)
        var calls = [(0, 0), (0, 1), (0x7ffc, 0xffff_ffff), (4, 0x8000_0001), (0x1000, 2)].map {
            Differential.Call(export: "mix", arguments: [.i32(UInt32($0.0)), .i32(UInt32($0.1))])
        }
        for _ in 0..<60 {
            let p = UInt32(truncatingIfNeeded: rng.next())
            let x = UInt32(truncatingIfNeeded: rng.next())
            calls.append(Differential.Call(export: "mix", arguments: [.i32(p), .i32(x)]))
        }
        try Self.matchWasmKit(Self.mix, memory, calls)
    }

    @Test(arguments: [MemoryModel.linked, .base, .mpu])
    func aCalleeOnlyWeftCallsTakesItsPointerAsAPhysicalAddress(_ memory: MemoryModel) throws {
        // Each function with its own pool, so a function's literals lie in its symbol.
        let own = MachinePasses.shareLiteralPools
        let native = try Self.compile(Self.calls, "sum", memory, disabling: [own])
        let plain = try Self.compile(Self.calls, "sum", memory, disabling: [MachinePasses.nativePointers, own])
        // `load` (weft_f0) reaches memory through its parameter alone: no memory base, so no
        // literal `weft_memory` and no sum; without the pass it has both.
        let loadNative = InvariantAddressTests.size(native.output, "weft_f0")
        let loadPlain = InvariantAddressTests.size(plain.output, "weft_f0")
        #expect(loadNative < loadPlain, "load: \(loadNative) bytes against \(loadPlain)")
        #expect(
            InvariantAddressTests.size(native.output, "weft_f1") < InvariantAddressTests.size(plain.output, "weft_f1"))
        func literals(_ output: CompilePipeline.Output, _ symbol: String) throws -> Int {
            let object = output.compiled.object
            let f = try #require(object.symbols.first { $0.name == symbol })
            return object.relocations.filter {
                $0.symbol == CompileContext.memorySymbol && $0.section == .text && $0.offset >= f.offset
                    && $0.offset < f.offset + f.size
            }.count
        }
        #expect(try literals(native.output, "weft_f0") == 0)
        #expect(try literals(plain.output, "weft_f0") == 1)

        var rng = SplitMix64(seed: 31)
        var calls: [Differential.Call] = []
        for _ in 0..<40 {
            let p = UInt32(rng.below(65536 - 400))
            calls.append(
                Differential.Call(export: "sum", arguments: [.i32(p), .i32(UInt32(truncatingIfNeeded: rng.next()))]))
            calls.append(
                Differential.Call(
                    export: "fill",
                    arguments: [.i32(p), .i32(UInt32(rng.below(64))), .i32(UInt32(truncatingIfNeeded: rng.next()))]))
        }
        calls.append(Differential.Call(export: "sum", arguments: [.i32(0x400), .i32(63)]))
        try InvariantAddressTests.matchWasmKit(Self.calls, memory, calls)
        try Self.matchWasmKit(Self.calls, memory, calls)
    }

    /// Random programs whose addresses stay in bounds (`ProgramGenerator.inBounds`, 8 KiB
    /// reserved), optimized and compiled under `linked` and `mpu` with every pointer local
    /// held as an address, smaller or not, linked by both linkers, against WasmKit: every
    /// call's results, traps, memory and globals. `WEFT_NATIVE_POINTER_PROGRAMS` sets how many
    /// (default 10).
    @Test(arguments: [MemoryModel.linked, .mpu])
    func randomProgramsRunWithEveryPointerHeldAsAnAddress(_ memory: MemoryModel) throws {
        let count = Int(ProcessInfo.processInfo.environment["WEFT_NATIVE_POINTER_PROGRAMS"] ?? "") ?? 10
        var options = CompileOptions(memory: memory, memorySize: 8192)
        options.everyNativePointer = true
        options.stubUnsupported = true
        let pipeline = CompilePipeline(
            tiles: try CompiledInstance.tiles.get(), options: options, optimizer: try CompiledInstance.optimizer())
        var held = 0
        var calls = 0
        for seed in CompiledProgramTests.first..<CompiledProgramTests.first + UInt64(count) {
            var generator = ProgramGenerator(seed: 0x9A7E_0000 + seed, inBounds: true)
            let wat = generator.module(functions: 2 + Int(seed % 4))
            let original = try Pipeline(passes: []).run(Array(wat.utf8), file: "ptr\(seed).wat").bytes
            let module = try WasmDecoder.decode(original, file: "ptr\(seed).wasm")
            let output = try pipeline.run(module, file: "ptr\(seed).wasm")
            held += output.passes.totals.first { $0.name == "native pointers" }?.value ?? 0
            let images = try CompiledInstance.Linker.allCases.map {
                try CompiledInstance(output, memory: memory, linker: $0)
            }
            let reference = try Differential.Instance(original)
            var rng = SplitMix64(seed: seed)
            for call in Differential.calls(generator.exports, perExport: 6, rng: &rng) {
                #expect(images[0].unsupported(call.export) == nil, "program \(seed) \(call.export)")
                if let mismatch = try CompiledProgramTests.mismatch(
                    call, expected: reference.call(call), images: images, calls: &calls)
                {
                    Issue.record("program \(seed) (\(memory), every native pointer): \(mismatch)\n\(wat)")
                    return
                }
            }
        }
        print(
            "compiled programs (\(memory), every native pointer): \(count) programs, \(held) locals held, \(calls) calls"
        )
        #expect(held >= count, "locals were held as addresses")
        #expect(calls > count * 20)
    }
}
