import Harness
import Lower
import Pipeline
import Testing
import WasmModel

/// A block opening with a branch out of itself is written as an `if` on the negated
/// condition, and the optimized functions compute what the originals do.
@Suite struct GuardBlocksTests {
    static func get(_ x: UInt32) -> Code { .leaf(.localGet(x)) }

    @Test func aBlockOpeningWithABrIfOutBecomesAnIfAndItsBranchesKeepTheirLabels() {
        // block { br_if 0 (lt_u (get 0) (get 1)); call 0; br_if 0 (get 1); call 1 }
        let code: [Code] = [
            .block([
                .op(.brIf(0), [.op(.numeric(.i32LtU), [Self.get(0), Self.get(1)])]), .leaf(.call(0)),
                .op(.brIf(0), [Self.get(1)]), .leaf(.call(1)),
            ])
        ]
        #expect(
            StackResults.instructions(code, types: [.i32, .i32], parameterCount: 2) == [
                .localGet(0), .localGet(1), .numeric(.i32GeU), .if(.empty), .call(0), .localGet(1), .brIf(0),
                .call(1), .end,
            ])
        // A block that opens with something else stays.
        let other: [Code] = [.block([.leaf(.call(0)), .op(.brIf(0), [Self.get(1)]), .leaf(.call(1))])]
        #expect(StackResults.instructions(other, types: [.i32, .i32], parameterCount: 2) == Code.flatten(other))
    }

    @Test func guardedCodeBehavesTheSame() throws {
        let wat = """
            (module
              (memory (export "memory") 1)
              (func (export "f") (param i32 i32) (result i32)
                (block $skip
                  (br_if $skip (i32.gt_u (local.get 0) (local.get 1)))
                  (i32.store (i32.const 0) (i32.sub (local.get 1) (local.get 0)))
                  (br_if $skip (i32.eqz (local.get 0)))
                  (i32.store (i32.const 4) (local.get 0)))
                (i32.load (i32.const 0))))
            """
        let input = try Pipeline(passes: []).run(Array(wat.utf8), file: "t.wat").bytes
        let result = try TestPaths.optimizer.run(Array(wat.utf8), file: "t.wat")
        let f = try #require(result.module.functions.first)
        #expect(!f.body.contains(.block(.empty)) && f.body.contains(.if(.empty)), "\(f.body.map(\.text))")
        for args: [UInt32] in [[0, 0], [1, 5], [5, 1], [0, 9], [0xFFFF_FFFF, 3], [3, 3]] {
            #expect(try LiftTests.call(result.bytes, "f", args) == LiftTests.call(input, "f", args))
        }
    }
}
