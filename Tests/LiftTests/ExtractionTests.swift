import EGraph
import IR
import Lift
import Lower
import Passes
import Pipeline
import Testing
import WasmModel

/// The extraction's choice is part of the IR: `Lowering.extract` stores it in the lifted
/// function and the elaborator reads what was stored, whatever cost model chose it.
@Suite struct ExtractionTests {
    /// Wasm bytes, except that `i32.shl` is priced out.
    struct NoShifts: CostModel, Sendable {
        func cost(_ op: Op) -> Int { op.numericOp == .i32Shl ? 100 : WasmSizeCost().cost(op) }
    }

    /// `x << 3` lifted, with `x * 8` made equal to it in the e-graph.
    static func lifted() throws -> LiftedFunction {
        let wat = "(module (func (param i32) (result i32) (i32.shl (local.get 0) (i32.const 3))))"
        let module = try Pipeline(passes: []).run(Array(wat.utf8), file: "shl.wat").module
        var lifter = Lifter(module: module)
        try lifter.lift(function: 0)
        var f = LiftedFunction(skeleton: lifter.skeleton, graph: lifter.graph)
        let exit = try #require(f.skeleton.exit)
        let result = try #require(f.skeleton.edges[exit].stack.first)
        let x = try #require(f.skeleton.leaves.first).eclass
        let eight = f.graph.add(ENode(.constant(.i32, 8)))
        let product = f.graph.add(ENode(.numeric(.i32Mul), [x, eight]))
        _ = f.graph.union(result, product)
        _ = f.graph.rebuild()
        return f
    }

    static func instructions(_ f: LiftedFunction) throws -> [Instruction] {
        var log = PassLog()
        return Code.flatten(try Lowering.elaborate(f, type: 0, log: &log).code)
    }

    @Test func theElaboratorReadsTheStoredChoice() throws {
        var byWasm = try Self.lifted()
        #expect(byWasm.extraction == nil)
        Lowering.extract(&byWasm)
        #expect(byWasm.extraction != nil)
        // Equal Wasm bytes; the multiply's tie-break penalty leaves the shift.
        #expect(try Self.instructions(byWasm).contains(.numeric(.i32Shl)))

        var priced = try Self.lifted()
        Lowering.extract(&priced, costs: NoShifts())
        let code = try Self.instructions(priced)
        #expect(code.contains(.numeric(.i32Mul)))
        #expect(!code.contains(.numeric(.i32Shl)))
        // The stored choice is what `--print-after` shows.
        #expect(priced.text.contains("i32.mul"))
    }

    /// A loop comparing a byte it loaded before stepping its pointers (glob's `same_name`):
    /// lowered for Wasm the comparison is computed right after the load, into a local (the
    /// loaded byte need not wait); lowered for a target (`sharingPrice`) it waits for its
    /// `br_if`, the loaded byte waiting in a local instead — a 0 or 1 in a register would be
    /// made and tested again.
    @Test func aComparisonOnlyBranchedOnWaitsForItsBranchOnATarget() throws {
        let wat = """
            (module (memory 1)
              (func (param i32 i32 i32) (result i32) (local i32 i32 i32 i32 i32)
                (local.set 3 (local.get 2))
                (local.set 4 (local.get 1))
                (block (block (loop
                  (br_if 1 (i32.eqz (local.get 4)))
                  (local.set 5 (i32.const 0))
                  (br_if 2 (i32.eqz (local.tee 6 (i32.load8_u (local.get 3)))))
                  (local.set 3 (i32.add (local.get 3) (i32.const 1)))
                  (local.set 4 (i32.add (local.get 4) (i32.const -1)))
                  (local.set 7 (i32.load8_u (local.get 0)))
                  (local.set 0 (i32.add (local.get 0) (i32.const 1)))
                  (br_if 0 (i32.eq (local.get 7) (local.get 6)))
                  (br 2)))
                  (local.set 5 (i32.eqz (i32.load8_u (i32.add (local.get 2) (local.get 1))))))
                (local.get 5)))
            """
        let module = try Pipeline(passes: []).run(Array(wat.utf8), file: "same.wat").module
        var lifter = Lifter(module: module)
        try lifter.lift(function: 0)
        var f = LiftedFunction(skeleton: lifter.skeleton, graph: lifter.graph)
        Lowering.extract(&f)
        func comparisonFollowedBy(_ price: Int?) throws -> Instruction? {
            var log = PassLog()
            let code = Code.flatten(try Lowering.elaborate(f, type: 0, sharingPrice: price, log: &log).code)
            let k = try #require(code.firstIndex(of: .numeric(.i32Eq)), "\(code.map(\.text))")
            return code.indices.contains(k + 1) ? code[k + 1] : nil
        }
        #expect(try comparisonFollowedBy(2) == .brIf(0))
        #expect(try comparisonFollowedBy(nil) != .brIf(0))
    }

    /// A search over sharing prices elaborates once for all the prices `elaboratePriced`
    /// reports as deciding the same way: each of them must give the same code, and the
    /// prices must not all give one code (values of three sizes, each used twice, are shared
    /// below different prices).
    @Test func everyPriceReportedAsTheSameGivesTheSameCode() throws {
        let wat = """
            (module (func (param i32 i32) (result i32) (local i32)
              (local.set 2 (i32.add (local.get 0) (local.get 1)))
              (i32.add
                (i32.add
                  (i32.mul (local.get 2) (local.get 2))
                  (i32.xor (i32.shl (local.get 0) (i32.const 5)) (i32.shl (local.get 0) (i32.const 5))))
                (i32.or
                  (i32.rotl (i32.sub (i32.mul (local.get 1) (i32.const 300)) (local.get 0)) (i32.const 7))
                  (i32.rotl (i32.sub (i32.mul (local.get 1) (i32.const 300)) (local.get 0)) (i32.const 7))))))
            """
        let module = try Pipeline(passes: []).run(Array(wat.utf8), file: "shared.wat").module
        var lifter = Lifter(module: module)
        try lifter.lift(function: 0)
        var f = LiftedFunction(skeleton: lifter.skeleton, graph: lifter.graph)
        Lowering.extract(&f)
        let prices = Array(0...16)
        var code: [Int: ElaboratedFunction] = [:]
        var same: [Int: ClosedRange<Int>] = [:]
        for price in prices {
            var log = PassLog()
            let (elaborated, samePrices) = try Lowering.elaboratePriced(f, type: 0, sharingPrice: price, log: &log)
            code[price] = elaborated
            same[price] = samePrices
            #expect(samePrices.contains(price))
        }
        for p in prices {
            for q in prices where same[p]?.contains(q) == true {
                let equal = code[p] == code[q]
                #expect(equal, "price \(q) is reported to elaborate as \(p) does")
            }
        }
        #expect(Set(prices.compactMap { code[$0] }).count >= 3)
    }
}
