import Compile
import Harness
import Pipeline
import Testing
import WAT
import WasmDecode
import WasmKit
import WasmModel

@testable import Compile

/// `call_indirect` through a parameter looked up once at the entry (`ResolvedCallee`,
/// `resolve-callees`): a sort-like function calling its comparator at three sites does one
/// table lookup instead of three and is smaller; a bad index, a null entry and another
/// signature still trap at the call (not at the entry: a function that never calls does not
/// trap), as WasmKit does.
@Suite struct ResolvedCalleeTests {
    /// The comparators and `ordered`: how many of a, b, c are ordered by the comparator `$f`
    /// pairwise; no call when n is 0. `head` declares the function's first parameter and its
    /// locals and may set `$f` before the calls.
    static func module(_ head: String) -> String {
        """
        (module
          (type $cmp (func (param i32 i32) (result i32)))
          (type $other (func (param i32) (result i32)))
          (table 4 funcref)
          (elem (i32.const 0) $less $greater $unary)
          (func $less (type $cmp) (i32.lt_s (local.get 0) (local.get 1)))
          (func $greater (type $cmp) (i32.gt_s (local.get 0) (local.get 1)))
          (func $unary (type $other) (local.get 0))
          (func $pick (param i32) (result i32) (i32.and (local.get 0) (i32.const 7)))
          (func (export "ordered") \(head)
            (if (i32.eqz (local.get $n)) (then (return (i32.const -1))))
            (local.set $r (call_indirect (type $cmp) (local.get $a) (local.get $b) (local.get $f)))
            (if (i32.gt_u (local.get $n) (i32.const 1))
              (then (local.set $r (i32.add (local.get $r)
                (call_indirect (type $cmp) (local.get $b) (local.get $a) (local.get $f))))))
            (if (i32.gt_u (local.get $n) (i32.const 2))
              (then (local.set $r (i32.add (local.get $r)
                (call_indirect (type $cmp) (local.get $a) (i32.const 0) (local.get $f))))))
            (local.get $r)))
        """
    }

    /// The comparator a parameter names.
    static let wat = module("(param $f i32) (param $n i32) (param $a i32) (param $b i32) (result i32) (local $r i32)")

    /// The comparator the function looks up itself (`$f = pick(sel)` as a statement of its
    /// own, as qsort's `qs_search` does), and a variant setting it inside an `if`, which may
    /// not run: only the first is resolved after its statement.
    static func picked(_ setting: String) -> String {
        module(
            "(param $sel i32) (param $n i32) (param $a i32) (param $b i32) (result i32) (local $f i32) (local $r i32) "
                + setting)
    }
    static let pickedOnce = picked("(local.set $f (call $pick (local.get $sel)))")
    static let pickedMaybe = picked("(if (local.get $n) (then (local.set $f (call $pick (local.get $sel)))))")

    static func compile(_ memory: MemoryModel, resolving: Bool, wat: String = wat) throws -> CompilePipeline.Output {
        var options = CompileOptions(memory: memory)
        if !resolving { options.passes.disabled = [MachinePasses.resolveCallees] }
        options.passes.printAfter = ["post-increments"]
        let module = try WasmDecoder.decode(try wat2wasm(wat), file: "callees.wat")
        return try CompilePipeline(tiles: try CompiledInstance.tiles.get(), options: options, optimizer: nil)
            .run(module, file: "callees.wat")
    }

    /// Loads of the table's entries (`ldr rX, [rT, rI, lsl #2]`) in `ordered`.
    static func lookups(_ output: CompilePipeline.Output) -> Int {
        let printed = output.passes.printed.first { $0.hasPrefix("; after post-increments (function ordered)") } ?? ""
        return printed.split(separator: "\n").count { $0.contains("ldr") && $0.contains("lsl #2]") }
    }

    @Test(arguments: [MemoryModel.checked, .linked])
    func aParameterCalledThreeTimesIsLookedUpOnce(_ memory: MemoryModel) throws {
        let resolved = try Self.compile(memory, resolving: true)
        let checked = try Self.compile(memory, resolving: false)
        #expect(Self.lookups(resolved) == 1)
        #expect(Self.lookups(checked) == 3)
        let size = { (o: CompilePipeline.Output) in o.compiled.functions.first { $0.symbol == "ordered" }?.bytes ?? 0 }
        #expect(size(resolved) < size(checked), "\(size(resolved)) vs \(size(checked))")
    }

    @Test(arguments: [MemoryModel.checked, .linked])
    func everyCallTrapsWhereWasmKitTraps(_ memory: MemoryModel) throws {
        let binary = try wat2wasm(Self.wat)
        let module = try WasmDecoder.decode(binary, file: "callees.wat")
        // Comparators: both valid ones, the one of another signature, a null entry, out of
        // bounds; n = 0 never calls, so nothing traps then.
        var calls: [Differential.Call] = []
        for f: UInt32 in [0, 1, 2, 3, 4, 0xFFFF_FFFF] {
            for n: UInt32 in [0, 1, 2, 3] {
                for (a, b): (UInt32, UInt32) in [(1, 2), (5, 0xFFFF_FFFF), (7, 7)] {
                    calls.append(Differential.Call(export: "ordered", arguments: [.i32(f), .i32(n), .i32(a), .i32(b)]))
                }
            }
        }
        for compiled in try CompiledInstance.linked(module: module, memory: memory) {
            let reference = try Differential.Instance(binary)
            for call in calls {
                let arguments = call.arguments.map(KernelRunner.describe)
                #expect(try compiled.observe(call) == reference.call(call), "\(compiled.linker): ordered(\(arguments))")
            }
        }
    }

    @Test(arguments: [MemoryModel.checked, .linked])
    func aLocalSetOnceAtTheTopLevelIsLookedUpOnceAfterItsStatement(_ memory: MemoryModel) throws {
        let once = try Self.compile(memory, resolving: true, wat: Self.pickedOnce)
        #expect(Self.lookups(once) == 1)
        #expect(Self.lookups(try Self.compile(memory, resolving: false, wat: Self.pickedOnce)) == 3)
        // Set only on some paths: each call keeps its own lookup.
        #expect(Self.lookups(try Self.compile(memory, resolving: true, wat: Self.pickedMaybe)) == 3)
        for wat in [Self.pickedOnce, Self.pickedMaybe] {
            let binary = try wat2wasm(wat)
            let module = try WasmDecoder.decode(binary, file: "callees.wat")
            var calls: [Differential.Call] = []
            for sel: UInt32 in [0, 1, 2, 3, 4, 7] {
                for n: UInt32 in [0, 1, 3] {
                    calls.append(
                        Differential.Call(export: "ordered", arguments: [.i32(sel), .i32(n), .i32(5), .i32(9)]))
                }
            }
            for compiled in try CompiledInstance.linked(module: module, memory: memory) {
                let reference = try Differential.Instance(binary)
                for call in calls {
                    let arguments = call.arguments.map(KernelRunner.describe)
                    #expect(
                        try compiled.observe(call) == reference.call(call), "\(compiled.linker): ordered(\(arguments))")
                }
            }
        }
    }
}
