import Harness
import Pipeline
import Testing
import WasmModel

@testable import Lower

/// The Wasm output declares only the locals its body names, grouped by type, and the tidied
/// functions compute what the originals do.
@Suite struct LocalDeclarationsTests {
    @Test func unusedLocalsGoAndTheRestAreGroupedByTypeWithTheirReadsRenumbered() {
        // Parameter 0; declared 1: i32 (unused), 2: i64, 3: i32, 4: i64 (unused), 5: f32.
        let body: [Instruction] = [
            .localGet(0), .localSet(3), .i64Const(1), .localSet(2), .localGet(3), .localGet(2),
            .numeric(.i32WrapI64), .numeric(.i32Add), .f32Const(0), .localTee(5), .drop, .end,
        ]
        let tidy = LocalDeclarations.tidy(locals: [.i32, .i64, .i32, .i64, .f32], body: body, parameterCount: 1)
        #expect(tidy.locals == [.i64, .i32, .f32])
        #expect(
            tidy.body == [
                .localGet(0), .localSet(2), .i64Const(1), .localSet(1), .localGet(2), .localGet(1),
                .numeric(.i32WrapI64), .numeric(.i32Add), .f32Const(0), .localTee(3), .drop, .end,
            ])
        // Nothing to tidy: the same function back.
        let same = LocalDeclarations.tidy(locals: [.i32], body: [.localGet(1), .end], parameterCount: 1)
        #expect(same.locals == [.i32] && same.body == [.localGet(1), .end])
    }

    /// The hang-limit check Binaryen's fuzzer puts in every function: the global kept in a
    /// local is read from the global again, and the local it leaves unused is not declared.
    @Test func aLocalLeftUnusedByGlobalRereadsIsNotDeclaredAndTheFunctionBehavesTheSame() throws {
        let wat = """
            (module
              (memory (export "memory") 1)
              (global $limit (mut i32) (i32.const 3))
              (func (export "f") (param i32) (result i32) (local i64 i32)
                (local.set 2 (global.get $limit))
                (if (i32.eqz (local.get 2)) (then (return (i32.const 7))))
                (global.set $limit (i32.sub (local.get 2) (i32.const 1)))
                (i32.store (i32.const 0) (local.get 0))
                (i32.add (local.get 0) (i32.const 1))))
            """
        let input = try Pipeline(passes: []).run(Array(wat.utf8), file: "t.wat").bytes
        let result = try TestPaths.optimizer.run(Array(wat.utf8), file: "t.wat")
        let f = try #require(result.module.functions.first)
        #expect(
            f.locals.isEmpty && f.body.filter { $0 == .globalGet(0) }.count == 2, "\(f.locals) \(f.body.map(\.text))")
        for args: [UInt32] in [[0], [5], [0xFFFF_FFFF]] {
            #expect(try LiftTests.call(result.bytes, "f", args) == LiftTests.call(input, "f", args))
        }
    }

    /// Two locals whose live ranges do not overlap share one index when coalescing packs (the
    /// Wasm output), and keep their own when it does not (`weft compile`, which gives each
    /// value a register anyway); a copy between two locals vanishes either way.
    @Test func unrelatedLocalsShareAnIndexOnlyWhenCoalescingPacks() throws {
        let code: [Code] = [
            .op(.localSet(1), [.op(.i32Const(1), [])]),
            .op(.drop, [.op(.localGet(1), [])]),
            .op(.localSet(2), [.op(.localGet(0), [])]),
            .op(.localSet(3), [.op(.i32Const(2), [])]),
            .op(.drop, [.op(.numeric(.i32Add), [.op(.localGet(2), []), .op(.localGet(3), [])])]),
        ]
        for packs in [true, false] {
            var locals = Locals(code: code, types: [.i32, .i32, .i32, .i32], parameterCount: 1)
            locals.packs = packs
            try locals.coalesce()
            // Local 2 (a copy of the parameter) joins it; 1 and 3 share an index only packed.
            #expect(locals.types.count == (packs ? 2 : 3), "\(packs): \(locals.types)")
        }
    }
}
