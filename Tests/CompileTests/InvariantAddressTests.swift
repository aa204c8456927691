import Compile
import Harness
import Passes
import Pipeline
import Testing
import WAT
import WasmDecode
import WasmKit
import WasmModel

@testable import Compile

/// Physical addresses `weft_memory + v` of a local `v` that does not change, built once for
/// the region instead of in each block (`InvariantAddresses`, part of `hoist-address-bases`):
/// a pointer read and written through in two blocks of a loop that never writes it has its
/// sum built before the loop and none inside it; a parameter reached in four blocks has its
/// sum built once, at the entry. Both under `linked` and `base` (which adds the memory's base
/// alike), smaller than with the pass off, and run as WasmKit runs them. (With `native-pointers`
/// off: a pointer held as its physical address needs no sum at all, `NativePointerTests`.)
@Suite struct InvariantAddressTests {
    /// `scan(a, n)`: replaces each `%` of the `n & 63` bytes at `s` by `_` and counts them,
    /// the count so far kept at `s + 64`; `s` is set in both arms of an `if` (no single write:
    /// only the loop's preheader dominates its uses), the loop reaches memory through `s`
    /// before and after the join of an `if` (two blocks).
    static let scan = """
        (module (memory (export "memory") 1)
          (data (i32.const 0x100) "ab%c%%d%e%%%f%%g%h%ijk%%l%m%n%%o%p%q%%%r%s%t%u%v%%%w%x%y%z%0123456789%%")
          (func (export "scan") (param i32 i32) (result i32)
            (local $s i32) (local $i i32) (local $c i32) (local $n i32)
            (local.set $n (i32.and (local.get 1) (i32.const 63)))
            (if (i32.and (local.get 0) (i32.const 3))
              (then (local.set $s (i32.add (i32.and (local.get 0) (i32.const 62)) (i32.const 0x100))))
              (else (local.set $s (i32.const 0x104))))
            (block $done
              (loop $l
                (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                (if (i32.eq (i32.load8_u (i32.add (local.get $s) (local.get $i))) (i32.const 37))
                  (then
                    (i32.store8 (i32.add (local.get $s) (local.get $i)) (i32.const 95))
                    (local.set $c (i32.add (local.get $c) (i32.const 1)))))
                (i32.store8 offset=64 (local.get $s) (local.get $c))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $l)))
            (i32.add (i32.mul (local.get $c) (i32.const 256)) (i32.load8_u offset=3 (local.get $s)))))
        """

    /// `fields(p, x)`: the fields of a record at `p` written in three conditional blocks and
    /// read in a fourth, `p` never written.
    static let fields = """
        (module (memory (export "memory") 1)
          (func (export "fields") (param $p i32) (param $x i32) (result i32)
            (if (i32.and (local.get $x) (i32.const 1)) (then (i32.store offset=4 (local.get $p) (local.get $x))))
            (if (i32.and (local.get $x) (i32.const 2)) (then (i32.store16 offset=10 (local.get $p) (local.get $x))))
            (if (i32.and (local.get $x) (i32.const 4)) (then (i32.store8 offset=13 (local.get $p) (local.get $x))))
            (i32.add (i32.load offset=4 (local.get $p)) (i32.load16_u offset=10 (local.get $p)))))
        """

    /// `wat` compiled (not optimized: the trees are as written) under `memory`: the output
    /// and the machine code of `name` after the last machine pass, one instruction a line.
    static func compile(_ wat: String, _ name: String, _ memory: MemoryModel, disabling disabled: Set<String> = [])
        throws -> (output: CompilePipeline.Output, code: [String])
    {
        var options = CompileOptions(memory: memory)
        options.passes.disabled = disabled
        options.passes.printAfter = ["post-increments"]
        let pipeline = CompilePipeline(tiles: try CompiledInstance.tiles.get(), options: options, optimizer: nil)
        let module = try WasmDecoder.decode(try wat2wasm(wat), file: "\(name).wat")
        let output = try pipeline.run(module, file: "\(name).wat")
        let printed = output.passes.printed.first { $0.hasPrefix("; after post-increments (function \(name))") } ?? ""
        return (output, printed.split(separator: "\n").dropFirst().map { String($0) })
    }

    /// The indices of the lines adding a register to the memory's base (`weft_memory`'s
    /// register): the sums `weft_memory + v`.
    static func sums(_ code: [String]) -> [Int] {
        guard let line = code.first(where: { $0.contains("symbol(\"weft_memory\", addend: 0)") }),
            let open = line.lastIndex(of: "["), let close = line.lastIndex(of: "]")
        else { return [] }
        let base = line[line.index(after: open)..<close]
        return code.indices.filter { k in
            let l = code[k]
            guard l.contains("DataOp.add"), l.contains("Operand.register("), l.contains("amount: 0"),
                let open = l.lastIndex(of: "[")
            else { return false }
            let regs = l[l.index(after: open)...].dropLast().split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            return regs.count == 3 && regs[1] == base
        }
    }

    /// The lines of the first loop: from its label to the branch back to it.
    static func loop(_ code: [String]) -> Range<Int>? {
        for (k, line) in code.enumerated() where line.contains("branch(") {
            guard let open = line.range(of: "Label(id: "), let close = line[open.upperBound...].firstIndex(of: ")")
            else { continue }
            let id = line[open.upperBound..<close]
            if let start = code.prefix(k).firstIndex(where: {
                $0.hasPrefix("  label(") && $0.hasSuffix("Label(id: \(id))) []")
            }) {
                return start..<k
            }
        }
        return nil
    }

    static func size(_ output: CompilePipeline.Output, _ name: String) -> Int {
        output.compiled.functions.first { $0.symbol == name }?.bytes ?? 0
    }

    /// `calls` run compiled under `memory` (both linkers) and by WasmKit, one instance each
    /// for the whole sequence: the same results and memory after each.
    static func matchWasmKit(_ wat: String, _ memory: MemoryModel, _ calls: [Differential.Call]) throws {
        let binary = try wat2wasm(wat)
        let module = try WasmDecoder.decode(binary, file: "invariant.wat")
        for compiled in try CompiledInstance.linked(module: module, memory: memory) {
            let reference = try Differential.Instance(binary, stackSize: 1 << 16)
            for call in calls {
                let expected = reference.call(call)
                let got = try compiled.observe(call)
                #expect(
                    got == expected, "\(compiled.linker): \(call.export)(\(call.arguments.map(KernelRunner.describe)))")
            }
        }
    }

    @Test(arguments: [MemoryModel.linked, .base])
    func aPointerTheLoopNeverWritesHasItsSumBuiltBeforeTheLoop(_ memory: MemoryModel) throws {
        let hoisted = try Self.compile(Self.scan, "scan", memory, disabling: [MachinePasses.nativePointers])
        let plain = try Self.compile(
            Self.scan, "scan", memory, disabling: [MachinePasses.hoistAddressBases, MachinePasses.nativePointers])
        let listing = hoisted.code.joined(separator: "\n")
        let loop = try #require(Self.loop(hoisted.code), "\(listing)")
        let plainLoop = try #require(Self.loop(plain.code))
        // Inside the loop: the loads and stores reach memory through the one sum built
        // before it (against one per block without the pass).
        #expect(Self.sums(hoisted.code).filter { loop.contains($0) }.isEmpty, "\(listing)")
        #expect(Self.sums(hoisted.code).contains { $0 < loop.lowerBound }, "\(listing)")
        let plainListing = plain.code.joined(separator: "\n")
        #expect(Self.sums(plain.code).filter { plainLoop.contains($0) }.count == 2, "\(plainListing)")
        let totals = Dictionary(hoisted.output.passes.totals.map { ($0.name, $0.value) }) { a, _ in a }
        #expect((totals["shared invariant addresses"] ?? 0) >= 1)
        #expect(Self.size(hoisted.output, "scan") < Self.size(plain.output, "scan"))

        var rng = SplitMix64(seed: 5)
        var calls = [(0, 63), (1, 63), (3, 0), (62, 1), (63, 63), (9, 17)].map {
            Differential.Call(export: "scan", arguments: [.i32(UInt32($0.0)), .i32(UInt32($0.1))])
        }
        for _ in 0..<40 {
            let a = UInt32(truncatingIfNeeded: rng.next())
            let n = UInt32(truncatingIfNeeded: rng.next())
            calls.append(Differential.Call(export: "scan", arguments: [.i32(a), .i32(n)]))
        }
        try Self.matchWasmKit(Self.scan, memory, calls)
    }

    @Test(arguments: [MemoryModel.linked, .base])
    func aParameterReachedInSeveralBlocksHasItsSumBuiltOnceAtTheEntry(_ memory: MemoryModel) throws {
        let hoisted = try Self.compile(Self.fields, "fields", memory, disabling: [MachinePasses.nativePointers])
        let plain = try Self.compile(
            Self.fields, "fields", memory, disabling: [MachinePasses.hoistAddressBases, MachinePasses.nativePointers])
        let listing = hoisted.code.joined(separator: "\n")
        let sums = Self.sums(hoisted.code)
        let entry = hoisted.code.prefix { !$0.contains("label(") }.count
        #expect(sums.count == 1, "\(listing)")
        #expect(sums.allSatisfy { $0 < entry }, "\(listing)")
        #expect(Self.sums(plain.code).count >= 4, "\(plain.code.joined(separator: "\n"))")
        #expect(Self.size(hoisted.output, "fields") < Self.size(plain.output, "fields"))

        var rng = SplitMix64(seed: 17)
        var calls = [(0, 7), (0, 0), (100, 1), (100, 6), (65520, 7), (65519, 5), (4096, 3)].map {
            Differential.Call(export: "fields", arguments: [.i32(UInt32($0.0)), .i32(UInt32($0.1))])
        }
        for _ in 0..<40 {
            let p = UInt32(rng.below(65536 - 16))
            let x = UInt32(truncatingIfNeeded: rng.next())
            calls.append(Differential.Call(export: "fields", arguments: [.i32(p), .i32(x)]))
        }
        try Self.matchWasmKit(Self.fields, memory, calls)
    }
}
