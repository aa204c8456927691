import Harness
import Lower
import Pipeline
import Testing
import WasmModel

/// A constant written to a local that holds it on every path goes; one the local may not
/// hold (written in a loop or a construct between) stays; the optimized functions compute what
/// the originals do.
@Suite struct RepeatedConstantsTests {
    static func get(_ x: UInt32) -> Code { .leaf(.localGet(x)) }
    static func set(_ x: UInt32, _ v: Int32) -> Code { .op(.localSet(x), [.leaf(.i32Const(v))]) }

    @Test func aConstantTheLocalHoldsGoesAndOneItMayNotHoldStays() {
        // 1 = 7; block { call 0 (get 1); br_if 0 (get 0); call 1 }; 1 = 7 (goes); if (get 0) { 1 = 3 };
        // 1 = 7 (stays: the if may have written 3); loop { call 0 (get 1); 1 = 7 (stays: the
        // loop writes 1 below); 1 = 8; br_if 0 (get 0) }
        let code: [Code] = [
            Self.set(1, 7), .block([.op(.call(0), [Self.get(1)]), .op(.brIf(0), [Self.get(0)]), .leaf(.call(1))]),
            Self.set(1, 7),
            .if(Self.get(0), [Self.set(1, 3), .op(.call(0), [Self.get(1)])], []), Self.set(1, 7),
            .loop([.op(.call(0), [Self.get(1)]), Self.set(1, 7), Self.set(1, 8), .op(.brIf(0), [Self.get(0)])]),
        ]
        var expected = code
        expected.remove(at: 2)
        let out = StackResults.instructions(code, types: [.i32, .i32], parameterCount: 1)
        #expect(out == Code.flatten(expected), "\(out.map(\.text))")
        // A declared local holds zero at entry: writing zero before anything else writes it goes.
        let zero: [Code] = [.block([.op(.call(0), [Self.get(0)])]), Self.set(1, 0), .op(.call(0), [Self.get(1)])]
        #expect(
            StackResults.instructions(zero, types: [.i32, .i32], parameterCount: 1) == [
                .block(.empty), .localGet(0), .call(0), .end, .localGet(1), .call(0),
            ])
    }

    @Test func repeatedConstantsBehaveTheSame() throws {
        let wat = """
            (module
              (memory (export "memory") 1)
              (func (export "f") (param i32 i32) (result i32) (local i32 i32)
                (local.set 2 (i32.const 0))
                (local.set 3 (i32.const 5))
                (block $out
                  (br_if $out (i32.eqz (local.get 0)))
                  (local.set 3 (i32.const 5))
                  (loop $next
                    (local.set 2 (i32.add (local.get 2) (local.get 3)))
                    (local.set 1 (i32.sub (local.get 1) (i32.const 1)))
                    (br_if $next (i32.gt_s (local.get 1) (i32.const 0)))))
                (local.set 3 (i32.const 5))
                (i32.store (i32.const 0) (local.get 3))
                (i32.add (local.get 2) (local.get 3))))
            """
        let input = try Pipeline(passes: []).run(Array(wat.utf8), file: "t.wat").bytes
        let result = try TestPaths.optimizer.run(Array(wat.utf8), file: "t.wat")
        for args: [UInt32] in [[0, 0], [1, 5], [1, 0], [7, 3], [0, 9]] {
            #expect(try LiftTests.call(result.bytes, "f", args) == LiftTests.call(input, "f", args))
        }
    }
}
