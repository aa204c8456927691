import Harness
import Lower
import Pipeline
import Testing
import WasmModel

/// A loop left by a test at its top is written as a loop around an `if` (no block around
/// it), and the optimized functions compute what the originals do.
@Suite struct LoopEntriesTests {
    static func get(_ x: UInt32) -> Code { .leaf(.localGet(x)) }
    static let call: Code = .leaf(.call(0))

    @Test func aBlockAroundALoopOpeningWithABrIfOutBecomesALoopAroundAnIf() {
        // block { loop { br_if 1 (eqz (get 0)); call 0; br_if 1 (get 1); br 0 } }
        let code: [Code] = [
            .block([
                .loop([
                    .op(.brIf(1), [.op(.numeric(.i32Eqz), [Self.get(0)])]), Self.call,
                    .op(.brIf(2), [Self.get(1)]), .leaf(.br(0)),
                ])
            ])
        ]
        #expect(
            StackResults.instructions(code, types: [.i32, .i32], parameterCount: 2) == [
                .loop(.empty), .localGet(0), .if(.empty), .call(0), .localGet(1), .brIf(2), .br(1), .end, .end,
            ])
    }

    @Test func aLoopWhoseBodyAlsoBranchesToTheBlockKeepsIt() {
        let code: [Code] = [
            .block([
                .loop([.op(.brIf(1), [Self.get(0)]), Self.call, .op(.brIf(1), [Self.get(1)]), .leaf(.br(0))])
            ])
        ]
        #expect(StackResults.instructions(code, types: [.i32, .i32], parameterCount: 2) == Code.flatten(code))
    }

    @Test func whileLoopsBehaveTheSame() throws {
        let wat = """
            (module
              (memory (export "memory") 1)
              (func (export "sum") (param i32 i32) (result i32) (local i32)
                (block $done
                  (loop $next
                    (br_if $done (i32.eqz (local.get 1)))
                    (local.set 2 (i32.add (local.get 2) (i32.load8_u (local.get 0))))
                    (local.set 0 (i32.add (local.get 0) (i32.const 1)))
                    (local.set 1 (i32.sub (local.get 1) (i32.const 1)))
                    (br $next)))
                (local.get 2))
              (func (export "fill") (param i32 i32) (result i32)
                (block $done
                  (loop $next
                    (br_if $done (i32.ge_u (local.get 0) (local.get 1)))
                    (i32.store8 (local.get 0) (local.get 1))
                    (local.set 0 (i32.add (local.get 0) (i32.const 1)))
                    (br_if $done (i32.eq (local.get 0) (i32.const 40)))
                    (br $next)))
                (local.get 0)))
            """
        let input = try Pipeline(passes: []).run(Array(wat.utf8), file: "t.wat").bytes
        let result = try TestPaths.optimizer.run(Array(wat.utf8), file: "t.wat")
        let sum = try #require(result.module.functions.first)
        #expect(
            !sum.body.contains(.block(.empty)) && sum.body.contains(.loop(.empty)) && sum.body.contains(.if(.empty)),
            "\(sum.body.map(\.text))")
        for args: [UInt32] in [[0, 0], [3, 5], [0, 64], [10, 60], [70, 3], [60, 2]] {
            for export in ["sum", "fill"] {
                #expect(try LiftTests.call(result.bytes, export, args) == LiftTests.call(input, export, args))
            }
        }
    }
}
