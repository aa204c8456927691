import Harness
import Lower
import Pipeline
import Testing
import WasmModel

/// Globals only the module sees: one never written is its constant (and what it decides
/// folds away), one never read loses its writes but not their effects; exported and written
/// globals stay, renumbered, with their names; every export computes what it did.
@Suite struct SimplifyGlobalsTests {
    static let wat = """
        (module
          (memory (export "memory") 1)
          (global $limit (mut i32) (i32.const 16))
          (global $scale f64 (f64.const 2.5))
          (global $count (mut i32) (i32.const 0))
          (global $seen (mut i64) (i64.const 0))
          (global $out (export "out") (mut i32) (i32.const 7))
          (func $bump (result i64) (i32.store (i32.const 8) (i32.add (i32.load (i32.const 8)) (i32.const 1))) (i64.const 3))
          (func (export "f") (param i32) (result i32)
            (global.set $seen (call $bump))
            (global.set $count (i32.add (global.get $count) (i32.const 1)))
            (global.set $out (local.get 0))
            (if (result i32) (i32.lt_u (global.get $limit) (i32.const 8))
              (then (i32.const -1))
              (else (i32.add (i32.and (local.get 0) (i32.sub (global.get $limit) (i32.const 1)))
                (i32.trunc_f64_s (global.get $scale))))))
          (func (export "count") (result i32) (global.get $count)))
        """

    @Test func aGlobalNeverWrittenIsItsConstantAndOneNeverReadGoes() throws {
        let input = try Pipeline(passes: []).run(Array(Self.wat.utf8), file: "g.wat")
        var module = input.module
        var context = PassContext(file: "g.wat")
        try SimplifyGlobals().run(&module, context: &context)
        // $limit and $scale became constants, $seen's writes are drops: $count and $out stay,
        // renumbered 0 and 1, and the export names the new index.
        #expect(module.globals.count == 2)
        #expect(module.exports.contains { $0.name == "out" && $0.kind == .global(1) })
        #expect(module.names?.globals[0] == "count" && module.names?.globals[1] == "out")
        let body = module.functions[1].body
        #expect(!body.contains(.globalGet(2)) && !body.contains(.globalSet(2)))
        #expect(body.contains(.i32Const(16)) && body.contains(.drop))

        // Optimized: the test on $limit is gone, and every export behaves as before, the
        // dropped write's call included (it bumps memory).
        let result = try TestPaths.optimizer.run(Array(Self.wat.utf8), file: "g.wat")
        #expect(result.statistics.contains { $0.hasPrefix("simplify-globals: 2 globals never written") })
        let f = result.module.functions[result.module.functions.count - 2].body
        #expect(!f.contains { if case .if = $0 { true } else { false } }, "\(f.map(\.text))")
        let original = input.bytes
        for args: [UInt32] in [[0], [5], [0xFFFF_FFFF], [31]] {
            #expect(try LiftTests.call(result.bytes, "f", args) == LiftTests.call(original, "f", args))
        }
        #expect(try LiftTests.call(result.bytes, "count", []) == LiftTests.call(original, "count", []))
    }

    /// LLVM's layout globals say how much memory the module uses (`weft compile` reserves
    /// that much), so they stay even when nothing reads or writes them.
    @Test func theStackPointerAndTheHeapBaseStay() throws {
        let wat = """
            (module (memory 1)
              (global $__stack_pointer (mut i32) (i32.const 4096))
              (global $__heap_base i32 (i32.const 5000))
              (global $unused i32 (i32.const 1))
              (func (export "f") (result i32) (i32.const 0)))
            """
        var module = try Pipeline(passes: []).run(Array(wat.utf8), file: "sp.wat").module
        var context = PassContext(file: "sp.wat")
        try SimplifyGlobals().run(&module, context: &context)
        #expect(module.globals.count == 2)
        #expect(Set(module.names?.globals.values.map { $0 } ?? []) == ["__stack_pointer", "__heap_base"])
    }
}
