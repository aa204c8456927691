import Harness
import Lower
import Pipeline
import Testing
import WasmModel

/// The Wasm output leaves values on the operand stack: an `if` or `block` whose ways out all
/// write one local read once right after it gets a result type instead, and the optimized
/// functions still compute what the originals do.
@Suite struct StackResultsTests {
    static func get(_ x: UInt32) -> Code { .leaf(.localGet(x)) }
    static func set(_ x: UInt32, _ v: Code) -> Code { .op(.localSet(x), [v]) }
    static func const(_ v: Int32) -> Code { .leaf(.i32Const(v)) }
    static let call: Code = .leaf(.call(0))

    @Test func aDiamondAssigningOneLocalOnBothArmsBecomesAnIfWithAResult() {
        let code: [Code] = [
            .if(Self.get(0), [Self.set(1, Self.const(7))], [Self.set(1, Self.call)]),
            .op(.numeric(.i32Eqz), [Self.get(1)]),
        ]
        #expect(
            StackResults.instructions(code, types: [.i32, .i32], parameterCount: 1) == [
                .localGet(0), .if(.value(.i32)), .i32Const(7), .else, .call(0), .end, .numeric(.i32Eqz),
            ])
    }

    @Test func aWriteBeforeAnIfThatOneArmKeepsMovesIntoTheOtherArm() {
        let code: [Code] = [
            Self.set(1, Self.const(5)),
            .if(Self.get(0), [Self.set(1, Self.call)], []),
            Self.get(1),
        ]
        #expect(
            StackResults.instructions(code, types: [.i32, .i32], parameterCount: 1) == [
                .localGet(0), .if(.value(.i32)), .call(0), .else, .i32Const(5), .end,
            ])
    }

    @Test func anArmThatBranchesAwayNeedsNoValue() {
        let code: [Code] = [
            .block([
                .if(Self.get(0), [Self.set(1, Self.call)], [.leaf(.br(1))]),
                .op(.call(1), [Self.get(1)]),
            ])
        ]
        #expect(
            StackResults.instructions(code, types: [.i32, .i32], parameterCount: 1) == [
                .block(.empty), .localGet(0), .if(.value(.i32)), .call(0), .else, .br(1), .end, .call(1), .end,
            ])
    }

    @Test func aBlockLeftByBrIfCarriesItsValueOnTheBranch() {
        let code: [Code] = [
            .block([
                Self.set(1, Self.call),
                .op(.brIf(0), [Self.get(0)]),
                Self.set(1, Self.const(9)),
            ]),
            Self.get(1),
        ]
        #expect(
            StackResults.instructions(code, types: [.i32, .i32], parameterCount: 1) == [
                .block(.value(.i32)), .call(0), .localGet(0), .brIf(0), .drop, .i32Const(9), .end,
            ])
    }

    @Test func aBlockOpeningWithAWriteAndABrIfBecomesAnIfOnTheNegatedCondition() {
        // block { x = 0; br_if 0 (n < 4); x = eqz (call) }; x  =>  if (n >= 4) { eqz (call) } else { 0 }
        let code: [Code] = [
            .block([
                Self.set(2, Self.const(0)),
                .op(.brIf(0), [.op(.numeric(.i32LtU), [Self.get(1), Self.const(4)])]),
                Self.set(2, .op(.numeric(.i32Eqz), [Self.call])),
            ]),
            Self.get(2),
        ]
        #expect(
            StackResults.instructions(code, types: [.i32, .i32, .i32], parameterCount: 1) == [
                .localGet(1), .i32Const(4), .numeric(.i32GeU), .if(.value(.i32)), .call(0), .numeric(.i32Eqz),
                .else, .i32Const(0), .end,
            ])
    }

    @Test func aValueIsNotMovedPastAReadOfALocalTheIfWrites() {
        // The add reads local 1 before local 2: the if writes local 1, so its value goes to
        // local 2 (written once, after the if) and is read from there.
        let code: [Code] = [
            .if(Self.get(0), [Self.set(1, Self.call), Self.set(2, Self.const(1))], [Self.set(2, Self.const(2))]),
            .op(.numeric(.i32Add), [Self.get(1), Self.get(2)]),
        ]
        #expect(
            StackResults.instructions(code, types: [.i32, .i32, .i32], parameterCount: 1) == [
                .localGet(0), .if(.value(.i32)), .call(0), .localSet(1), .i32Const(1), .else, .i32Const(2), .end,
                .localSet(2), .localGet(1), .localGet(2), .numeric(.i32Add),
            ])
    }

    @Test func aLocalReadTwiceIsWrittenOnceAfterTheIf() {
        let code: [Code] = [
            .if(Self.get(0), [Self.set(1, Self.const(1))], [Self.set(1, Self.call)]),
            .op(.numeric(.i32Add), [Self.get(1), Self.get(1)]),
        ]
        #expect(
            StackResults.instructions(code, types: [.i32, .i32], parameterCount: 1) == [
                .localGet(0), .if(.value(.i32)), .i32Const(1), .else, .call(0), .end, .localTee(1), .localGet(1),
                .numeric(.i32Add),
            ])
    }

    @Test func aWriteBeforeAnIfStaysWhenTheIfReadsItAndTheValueIsReadAgain() {
        // The then arm reads the 5 written before the if: moving the 5 into the else arm
        // would change what it reads.
        let code: [Code] = [
            Self.set(1, Self.const(5)),
            .if(Self.get(0), [.op(.call(1), [Self.get(1)]), Self.set(1, Self.call)], []),
            .op(.numeric(.i32Add), [Self.get(1), Self.get(1)]),
        ]
        #expect(StackResults.instructions(code, types: [.i32, .i32], parameterCount: 1) == Code.flatten(code))
    }

    @Test func aReturnClosingTheBodyBecomesItsValuesAndDeadCodeGoes() {
        let code: [Code] = [.op(.return, [Self.get(0)]), .leaf(.unreachable)]
        #expect(StackResults.instructions(code, types: [.i32], parameterCount: 1) == [.localGet(0)])
    }

    @Test func aGlobalKeptInALocalIsReadAgainWhereNothingCanHaveWrittenIt() {
        // if (eqz (tee 1 (global 0))) { return 1 }; global 0 = get 1 - 1
        let code: [Code] = [
            .if(
                .op(.numeric(.i32Eqz), [.op(.localTee(1), [.leaf(.globalGet(0))])]), [.op(.return, [Self.const(1)])],
                []),
            .op(.globalSet(0), [.op(.numeric(.i32Sub), [Self.get(1), Self.const(1)])]),
            Self.const(0),
        ]
        #expect(
            StackResults.instructions(code, types: [.i32, .i32], parameterCount: 1) == [
                .globalGet(0), .numeric(.i32Eqz), .if(.empty), .i32Const(1), .return, .end, .globalGet(0),
                .i32Const(1), .numeric(.i32Sub), .globalSet(0), .i32Const(0),
            ])
    }

    @Test func aGlobalWrittenOrCalledAcrossKeepsItsLocal() {
        let across: [Code] = [
            Self.set(1, .leaf(.globalGet(0))),
            .op(.globalSet(0), [Self.const(3)]),
            .op(.globalSet(1), [Self.get(1)]),
        ]
        #expect(StackResults.instructions(across, types: [.i32, .i32], parameterCount: 1) == Code.flatten(across))
        let called: [Code] = [Self.set(1, .leaf(.globalGet(0))), .leaf(.call(0)), .op(.globalSet(1), [Self.get(1)])]
        #expect(StackResults.instructions(called, types: [.i32, .i32], parameterCount: 1) == Code.flatten(called))
        // In a loop, the write at the end of the body comes before the read at its top.
        let looped: [Code] = [
            Self.set(1, .leaf(.globalGet(0))),
            .loop([
                .op(.globalSet(2), [Self.get(1)]),
                .op(.globalSet(0), [Self.const(3)]),
                .op(.brIf(0), [Self.get(0)]),
            ]),
        ]
        #expect(StackResults.instructions(looped, types: [.i32, .i32], parameterCount: 1) == Code.flatten(looped))
    }

    @Test func aZeroWrittenOnceBeforeTheLocalIsTouchedGoesEvenInABlockButNotInALoop() {
        // Local 1 starts at zero: its zero write in the block goes. Local 2's zero write is
        // in the loop, where it runs again after the loop's body wrote 2.
        let body: [Code] = [
            .op(.call(1), [Self.get(2)]),
            Self.set(2, .op(.numeric(.i32Add), [Self.get(1), Self.get(0)])),
            Self.set(1, .op(.numeric(.i32Add), [Self.get(1), Self.const(1)])),
            .op(.brIf(1), [Self.get(1)]),
        ]
        let code: [Code] = [
            .block([Self.set(1, Self.const(0)), .loop([Self.set(2, Self.const(0))] + body)])
        ]
        let expected: [Code] = [.block([.loop([Self.set(2, Self.const(0))] + body)])]
        #expect(
            StackResults.instructions(code, types: [.i32, .i32, .i32], parameterCount: 1) == Code.flatten(expected))
    }

    @Test func anIfOnAConstantBecomesTheArmItRunsAndABrIfOnZeroGoes() {
        // block { if (1) { call 0; br_if 1 (0); br 1 } else { call 1 } ; call 2 }: the then arm
        // runs (dissolved into the block), its `br 1` still leaving the block: now `br 0`, so
        // `call 2` never runs and goes, and with it the block.
        let code: [Code] = [
            .block([
                .if(
                    Self.const(1), [Self.call, .op(.brIf(1), [Self.const(0)]), .leaf(.br(1))],
                    [.leaf(.call(1))]),
                .leaf(.call(2)),
            ])
        ]
        #expect(Branches.simplify(code) == [Self.call])
        #expect(Branches.simplify([.if(Self.const(0), [Self.call], [.leaf(.call(1))])]) == [.leaf(.call(1))])
    }

    /// A loop that only branches back (its exit test folded to `br_if 0 (1)`, now `br 0`)
    /// never ends: what follows it goes, and at the end of the function body `unreachable`
    /// stands in for the value the function may need. A block something branches to still
    /// ends: what follows it stays.
    @Test func codeAfterALoopThatNeverEndsGoes() {
        let spin: Code = .loop([Self.call, .op(.brIf(0), [Self.const(1)])])
        let code: [Code] = [.block([spin, .leaf(.call(2))]), .leaf(.call(3))]
        #expect(Branches.simplify(code) == [.loop([Self.call, .leaf(.br(0))]), .leaf(.unreachable)])

        let leaving: Code = .loop([.op(.brIf(1), [Self.get(0)]), Self.call, .leaf(.br(0))])
        let kept = Code.flatten(Branches.simplify([.block([leaving, .leaf(.call(2))]), .leaf(.call(3))]))
        #expect(kept.contains(.call(3)) && !kept.contains(.call(2)), "\(kept.map(\.text))")
        #expect(!kept.contains(.unreachable))
    }

    /// A constant that is also stored (so shared in a local) still decides the `if` it is
    /// the condition of: the branch never taken goes, calls and all.
    @Test func aConstantConditionSharedWithAStoreStillFoldsTheIf() throws {
        let wat = """
            (module (memory (export "memory") 1)
              (func $other (result i32) (i32.store (i32.const 8) (i32.const 9)) (i32.const 3))
              (func (export "f") (param i32) (result i32) (local i32)
                (local.set 1 (i32.const -127))
                (i32.store8 offset=22 (i32.const 0) (local.get 1))
                (i32.store16 offset=30 (i32.const 0) (local.get 1))
                (if (result i32) (local.get 1)
                  (then (i32.add (local.get 0) (local.get 1)))
                  (else (call $other)))))
            """
        let input = try Pipeline(passes: []).run(Array(wat.utf8), file: "c.wat").bytes
        let result = try TestPaths.optimizer.run(Array(wat.utf8), file: "c.wat")
        let body = result.module.functions.last?.body ?? []
        #expect(!body.contains { if case .if = $0 { true } else { false } }, "\(body.map(\.text))")
        #expect(!body.contains { if case .call = $0 { true } else { false } })
        for args: [UInt32] in [[0], [200], [0xFFFF_FFFF]] {
            #expect(try LiftTests.call(result.bytes, "f", args) == LiftTests.call(input, "f", args))
        }
    }

    @Test func anEqualityWithZeroIsWrittenAsEqz() {
        let code: [Code] = [
            .op(.numeric(.i32Eq), [Self.get(0), Self.const(0)]),
            .op(.numeric(.i64Eq), [.leaf(.i64Const(0)), .op(.numeric(.i64ExtendI32U), [Self.get(0)])]),
            .op(.numeric(.i32Eq), [Self.get(0), Self.const(1)]),
        ]
        #expect(
            StackResults.instructions(code, types: [.i32], parameterCount: 1) == [
                .localGet(0), .numeric(.i32Eqz), .localGet(0), .numeric(.i64ExtendI32U), .numeric(.i64Eqz),
                .localGet(0), .i32Const(1), .numeric(.i32Eq),
            ])
    }

    /// Functions whose diamonds and early-left blocks merge one local (the arms store, so they
    /// stay branches): optimized, they hold values on the stack (fewer `local.set`s than
    /// the input) and compute the same results and memory.
    @Test func mergedValuesBehaveTheSame() throws {
        let wat = """
            (module
              (memory (export "memory") 1)
              (func (export "f") (param i32 i32) (result i32) (local i32)
                local.get 0
                if
                  (i32.store (i32.const 0) (local.get 1))
                  (local.set 2 (i32.mul (local.get 1) (i32.const 7)))
                else
                  (i32.store (i32.const 4) (local.get 0))
                  (local.set 2 (i32.load (i32.const 8)))
                end
                (i32.add (local.get 2) (i32.const 3)))
              (func (export "g") (param i32 i32) (result i32) (local i32)
                block
                  i32.const 0
                  local.set 2
                  (br_if 0 (i32.lt_u (local.get 1) (i32.const 4)))
                  (i32.store (i32.const 12) (local.get 0))
                  (local.set 2 (i32.eqz (i32.load (i32.const 16))))
                end
                local.get 2))
            """
        let input = try Pipeline(passes: []).run(Array(wat.utf8), file: "t.wat").bytes
        let result = try TestPaths.optimizer.run(Array(wat.utf8), file: "t.wat")
        let typed = result.module.functions.flatMap(\.body).filter {
            $0 == .if(.value(.i32)) || $0 == .block(.value(.i32))
        }
        #expect(typed.count == 2, "\(result.module.functions.map { $0.body.map(\.text) })")
        let sets = result.module.functions.flatMap(\.body).filter { if case .localSet = $0 { true } else { false } }
        #expect(sets.isEmpty, "\(result.module.functions.map { $0.body.map(\.text) })")
        for args: [UInt32] in [[0, 0], [1, 2], [0, 5], [7, 3], [3, 4], [0xFFFF_FFFF, 0x8000_0000]] {
            for export in ["f", "g"] {
                #expect(try LiftTests.call(result.bytes, export, args) == LiftTests.call(input, export, args))
            }
        }
    }
}
