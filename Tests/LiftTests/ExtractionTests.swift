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
}
