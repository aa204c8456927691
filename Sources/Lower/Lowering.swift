import EGraph
import Lift
import WasmModel

/// The way back from a lifted function to Wasm: elaborate the skeleton with the program
/// extracted from the e-graph, then sink and coalesce the locals.
public enum Lowering {
    /// A function of type `type` equivalent to the lifted one, its values extracted by `costs`
    /// (Wasm bytes when nil).
    public static func lower(
        _ skeleton: Skeleton, graph: EGraph, type: UInt32, costs: (any CostModel & Sendable)? = nil
    ) throws(LoweringFailure) -> Function {
        var elaborator = Elaborator(skeleton: skeleton, graph: graph, costs: costs)
        let code = try elaborator.function()
        var locals = Locals(
            code: Branches.simplify(code), types: elaborator.localTypes, parameterCount: skeleton.parameters.count)
        try locals.optimize()
        locals.code = Branches.simplify(locals.code)
        locals.elideZeroInitialization()
        locals.compact()
        return Function(type: type, locals: locals.declared, body: Code.flatten(locals.code) + [.end])
    }
}
