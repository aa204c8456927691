import Harness
import Lower
import Pipeline
import Testing
import WasmModel

/// Identical functions are merged into the first: calls, table entries and exports name it,
/// the copies go, and every export still computes what it did.
@Suite struct MergeIdenticalFunctionsTests {
    @Test func copiesAreMergedAndEveryExportBehavesTheSame() throws {
        let wat = """
            (module
              (memory (export "memory") 1)
              (table 3 funcref)
              (elem (i32.const 0) $a $b $c)
              (type $t (func (param i32) (result i32)))
              (func $a (export "a") (type $t) (i32.store (i32.const 0) (local.get 0)) (i32.mul (local.get 0) (i32.const 3)))
              (func $b (export "b") (type $t) (i32.store (i32.const 0) (local.get 0)) (i32.mul (local.get 0) (i32.const 3)))
              (func $c (type $t) (i32.store (i32.const 0) (local.get 0)) (i32.mul (local.get 0) (i32.const 3)))
              (func $d (export "d") (type $t) (i32.add (local.get 0) (i32.const 1)))
              (func (export "via") (param i32 i32) (result i32)
                (i32.add (call $c (local.get 0)) (call_indirect (type $t) (local.get 0) (local.get 1)))))
            """
        let input = try Pipeline(passes: []).run(Array(wat.utf8), file: "t.wat").bytes
        let result = try TestPaths.optimizer.run(Array(wat.utf8), file: "t.wat")
        #expect(result.module.functions.count == 3, "\(result.module.functions.map { $0.body.map(\.text) })")
        let exported = result.module.exports.compactMap { e -> UInt32? in
            if case .function(let f) = e.kind, e.name == "a" || e.name == "b" { return f }
            return nil
        }
        #expect(exported.count == 2 && exported[0] == exported[1])
        for args: [UInt32] in [[0], [7], [0xFFFF_FFFF]] {
            for export in ["a", "b", "d"] {
                #expect(try LiftTests.call(result.bytes, export, args) == LiftTests.call(input, export, args))
            }
        }
        for args: [UInt32] in [[5, 0], [5, 1], [5, 2], [9, 3]] {
            #expect(try LiftTests.call(result.bytes, "via", args) == LiftTests.call(input, "via", args))
        }
    }
}
