import Harness
import Lower
import Pipeline
import Testing
import WasmModel

/// `directize-calls`: a `call_indirect` whose index folds to a constant, through a table
/// nothing can change, is a direct call of the function in that slot; a slot of another type,
/// a null slot, an index past the table, or a table the host can reach keep the indirect call
/// (they trap, or may hold anything); every export computes what it did.
@Suite struct CallDirectizationTests {
    static func module(exportTable: Bool) -> String {
        """
        (module
          (memory (export "memory") 1)
          (type $un (func (param i32) (result i32)))
          (type $bin (func (param i32 i32) (result i32)))
          (table $t \(exportTable ? "(export \"t\")" : "") 4 funcref)
          (elem (i32.const 0) $double $add $double)
          (func $double (type $un) (i32.store (i32.const 8) (local.get 0)) (i32.shl (local.get 0) (i32.const 1)))
          (func $add (type $bin) (i32.add (local.get 0) (local.get 1)))
          (func $pick (param i32) (result i32) (i32.sub (local.get 0) (i32.const 3)))
          (func (export "direct") (param i32) (result i32)
            (call_indirect (type $un) (local.get 0) (call $pick (i32.const 5))))
          (func (export "binary") (param i32) (result i32)
            (call_indirect (type $bin) (local.get 0) (i32.const 7) (i32.add (i32.const 0) (i32.const 1))))
          (func (export "mismatch") (param i32) (result i32)
            (call_indirect (type $un) (local.get 0) (i32.const 1)))
          (func (export "null") (param i32) (result i32)
            (call_indirect (type $un) (local.get 0) (i32.const 3)))
          (func (export "past") (param i32) (result i32)
            (call_indirect (type $un) (local.get 0) (i32.const 9))))
        """
    }

    static func indirect(_ result: Pipeline.Output, _ name: String) throws -> Bool {
        let export = try #require(result.module.exports.first { $0.name == name })
        guard case .function(let f) = export.kind else { return false }
        let body = result.module.functions[Int(f) - result.module.importedFunctionCount].body
        return body.contains { if case .callIndirect = $0 { true } else { false } }
    }

    @Test func aConstantIndexIntoATableNothingChangesIsADirectCall() throws {
        let wat = Self.module(exportTable: false)
        let input = try Pipeline(passes: []).run(Array(wat.utf8), file: "d.wat").bytes
        let result = try TestPaths.optimizer.run(Array(wat.utf8), file: "d.wat")
        #expect(try !Self.indirect(result, "direct"), "slot 2 ($pick folds to 2) holds $double")
        #expect(try !Self.indirect(result, "binary"))
        for name in ["mismatch", "null", "past"] { #expect(try Self.indirect(result, name), "\(name)") }
        for name in ["direct", "binary", "mismatch", "null", "past"] {
            for args: [UInt32] in [[0], [21], [0x8000_0001]] {
                #expect(try LiftTests.call(result.bytes, name, args) == LiftTests.call(input, name, args), "\(name)")
            }
        }

        // Exported, the host may change the table: every call stays indirect.
        let open = try TestPaths.optimizer.run(Array(Self.module(exportTable: true).utf8), file: "e.wat")
        #expect(try Self.indirect(open, "direct") && Self.indirect(open, "binary"))
    }
}
