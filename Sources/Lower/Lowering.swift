import EGraph
import Lift
import WasmModel

/// A lifted function elaborated back into structured code: the form both back ends read.
/// `weft optimize` flattens it into Wasm instructions; `weft compile` walks its trees
/// straight into the Thumb-2 selector, so no Wasm is encoded, validated or decoded between
/// extraction and instruction selection.
///
/// Invariant: `Code.flatten(code) + [.end]` with `locals` is a valid body of a function of
/// type `type` that computes what the lifted function does; locals are numbered from the
/// parameters on.
public struct ElaboratedFunction: Hashable, Sendable {
    public var type: UInt32
    /// The declared locals (after the parameters).
    public var locals: [ValueType]
    public var code: [Code]

    public init(type: UInt32, locals: [ValueType], code: [Code]) {
        self.type = type
        self.locals = locals
        self.code = code
    }

    /// The function as Wasm.
    public var function: Function { Function(type: type, locals: locals, body: Code.flatten(code) + [.end]) }
}

/// The way back from a lifted function to Wasm: elaborate the skeleton with the program
/// extracted from the e-graph, then sink and coalesce the locals.
public enum Lowering {
    /// A function of type `type` equivalent to the lifted one, its values extracted by `costs`
    /// (Wasm bytes when nil).
    public static func lower(
        _ skeleton: Skeleton, graph: EGraph, type: UInt32, costs: (any CostModel & Sendable)? = nil
    ) throws(LoweringFailure) -> Function {
        try elaborate(skeleton, graph: graph, type: type, costs: costs).function
    }

    /// The lifted function as structured code, its locals sunk, coalesced and compacted.
    public static func elaborate(
        _ skeleton: Skeleton, graph: EGraph, type: UInt32, costs: (any CostModel & Sendable)? = nil
    ) throws(LoweringFailure) -> ElaboratedFunction {
        var elaborator = Elaborator(skeleton: skeleton, graph: graph, costs: costs)
        let code = try elaborator.function()
        var locals = Locals(
            code: Branches.simplify(code), types: elaborator.localTypes, parameterCount: skeleton.parameters.count)
        try locals.optimize()
        locals.code = Branches.simplify(locals.code)
        locals.elideZeroInitialization()
        locals.compact()
        return ElaboratedFunction(type: type, locals: locals.declared, code: locals.code)
    }
}
