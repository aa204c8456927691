import Harness
import Lower
import Pipeline
import Testing
import WasmModel

/// An `if` choosing between two small pure values is written as a `select` (an `if` that
/// writes a local on one arm only stays an `if`); the optimized functions compute what the
/// originals do.
@Suite struct SelectsTests {
    static func get(_ x: UInt32) -> Code { .leaf(.localGet(x)) }
    static func set(_ x: UInt32, _ v: Code) -> Code { .op(.localSet(x), [v]) }
    static func const(_ v: Int32) -> Code { .leaf(.i32Const(v)) }
    static func add(_ a: Code, _ b: Code) -> Code { .op(.numeric(.i32Add), [a, b]) }

    @Test func aLocalWrittenOnBothArmsAndReadAfterBecomesASelect() {
        // if (get 1) { 0 = get 0 + 32 } else { 0 = 5 }; get 0  =>  select (get 0 + 32) 5 (get 1)
        let code: [Code] = [
            .if(Self.get(1), [Self.set(0, Self.add(Self.get(0), Self.const(32)))], [Self.set(0, Self.const(5))]),
            Self.get(0),
        ]
        #expect(
            StackResults.instructions(code, types: [.i32, .i32], parameterCount: 2) == [
                .localGet(0), .i32Const(32), .numeric(.i32Add), .i32Const(5), .localGet(1), .select,
            ])
    }

    @Test func armsThatMayTrapOrAConditionThatWritesWhatTheyReadStayAnIf() {
        // A load may trap: it must not run when its arm is not taken.
        let load: Code = .op(.load(.i32Load, MemArg(align: 2, offset: 0)), [Self.get(0)])
        let trapping: [Code] = [.if(Self.get(1), [Self.set(0, load)], [Self.set(0, Self.const(1))]), Self.get(0)]
        let out = StackResults.instructions(trapping, types: [.i32, .i32], parameterCount: 2)
        #expect(!out.contains(.select) && out.contains(.if(.value(.i32))), "\(out.map(\.text))")
        // The condition writes local 1, which an arm reads: evaluating the arms first would
        // read its old value.
        let tee: Code = .op(.localTee(1), [Self.get(0)])
        let written: [Code] = [.if(tee, [Self.set(0, Self.get(1))], [Self.set(0, Self.const(1))]), Self.get(0)]
        let kept = StackResults.instructions(written, types: [.i32, .i32], parameterCount: 2)
        #expect(!kept.contains(.select), "\(kept.map(\.text))")
    }

    @Test func aOneArmedWriteInALoopIsNotMergedWithARead() {
        // loop { if (get 1) { 2 = get 0 }; call 0 (get 2); br_if 0 (get 1) }: an arm reading 2
        // would see its own earlier write go.
        let code: [Code] = [
            .loop([
                .if(Self.get(1), [Self.set(2, Self.get(0))], []),
                .op(.call(0), [Self.get(2)]),
                .op(.brIf(0), [Self.get(1)]),
            ])
        ]
        #expect(StackResults.instructions(code, types: [.i32, .i32, .i32], parameterCount: 2) == Code.flatten(code))
    }

    @Test func selectedValuesBehaveTheSame() throws {
        let wat = """
            (module
              (memory (export "memory") 1)
              (func (export "fold") (param i32 i32) (result i32)
                (if (i32.and (local.get 1) (i32.const 8))
                  (then
                    (local.set 0
                      (i32.and
                        (select (i32.add (local.get 0) (i32.const 32)) (local.get 0)
                          (i32.lt_u (i32.and (i32.sub (local.get 0) (i32.const 65)) (i32.const 255))
                            (i32.const 26)))
                        (i32.const 255)))))
                (local.get 0))
              (func (export "pick") (param i32 i32) (result i32) (local i32)
                (local.set 2 (i32.mul (local.get 1) (i32.const 3)))
                (if (i32.lt_s (local.get 0) (local.get 1))
                  (then (local.set 2 (i32.shl (local.get 0) (i32.const 2)))))
                (i32.store (i32.const 0) (local.get 2))
                (i32.add (local.get 2) (i32.const 1))))
            """
        let input = try Pipeline(passes: []).run(Array(wat.utf8), file: "t.wat").bytes
        let result = try TestPaths.optimizer.run(Array(wat.utf8), file: "t.wat")
        let fold = try #require(result.module.functions.first)
        #expect(
            fold.body.filter { $0 == .select }.count == 2 && !fold.body.contains(.if(.empty)),
            "\(fold.body.map(\.text))")
        for args: [UInt32] in [
            [65, 8], [65, 0], [90, 9], [91, 8], [0xC1, 0xFF], [7, 3], [3, 7], [0x8000_0000, 1],
        ] {
            for export in ["fold", "pick"] {
                #expect(try LiftTests.call(result.bytes, export, args) == LiftTests.call(input, export, args))
            }
        }
    }
}
