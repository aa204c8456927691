import EGraph
import IR
import Lift
import Passes
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
    /// What holds for every value each local (parameters first) is ever written, from the
    /// e-graph's facts of the classes written; nil where nothing is known. A reader of the
    /// local sees one of those values (every local is written before it is read).
    public var localFacts: [Facts?]
    /// The parameters' types, when known: the Wasm output then leaves values on the operand
    /// stack (`StackResults`); else it is `code` flattened.
    public var parameters: [ValueType]?

    public init(
        type: UInt32, locals: [ValueType], code: [Code], localFacts: [Facts?] = [], parameters: [ValueType]? = nil
    ) {
        self.type = type
        self.locals = locals
        self.code = code
        self.localFacts = localFacts
        self.parameters = parameters
    }

    /// The function as Wasm (its declared locals tidied: `LocalDeclarations`).
    public var function: Function {
        guard let parameters else { return Function(type: type, locals: locals, body: Code.flatten(code) + [.end]) }
        let body = StackResults.instructions(code, types: parameters + locals, parameterCount: parameters.count)
        let tidy = LocalDeclarations.tidy(locals: locals, body: body + [.end], parameterCount: parameters.count)
        return Function(type: type, locals: tidy.locals, body: tidy.body)
    }
}

/// The way back from a lifted function to Wasm: elaborate the skeleton with the program
/// extracted from the e-graph, then sink and coalesce the locals.
public enum Lowering {
    /// A function of type `type` equivalent to the lifted one, its values extracted by `costs`
    /// (Wasm bytes when nil).
    public static func lower(
        _ skeleton: Skeleton, graph: EGraph, type: UInt32, costs: (any CostModel & Sendable)? = nil
    ) throws(LoweringFailure) -> Function {
        var lifted = LiftedFunction(skeleton: skeleton, graph: graph)
        extract(&lifted, costs: costs)
        var log = PassLog()
        return try elaborate(lifted, type: type, log: &log).function
    }

    /// Extraction: for every class, the node whose program is cheapest by `costs` (Wasm bytes
    /// when nil; a leaf costs a `local.get`, a retired leaf is never chosen), stored in the
    /// lifted function for the elaborator to read.
    public static func extract(_ lifted: inout LiftedFunction, costs: (any CostModel & Sendable)? = nil) {
        lifted.extraction = Extractor(
            lifted.graph, model: LoweringCost(retired: lifted.skeleton.retired, base: costs))
    }

    /// The lifted function as structured code, after the code passes: branches simplified,
    /// then locals sunk or dead writes removed first (both tried, the smaller kept),
    /// coalesced, sunk again, zero initializations elided and unused locals compacted, and the
    /// branches simplified once more.
    /// The lifted function must have been extracted (`extract`); one that was not is
    /// extracted by Wasm bytes.
    public static func elaborate(
        _ lifted: LiftedFunction, type: UInt32, passes options: PassOptions = PassOptions(),
        title: String = "function", sharingPrice: Int? = nil, packLocals: Bool = true, log: inout PassLog
    ) throws(LoweringFailure) -> ElaboratedFunction {
        try elaboratePriced(
            lifted, type: type, passes: options, title: title, sharingPrice: sharingPrice, packLocals: packLocals,
            log: &log
        ).function
    }

    /// `elaborate`, with the sharing prices that give the same code as `sharingPrice` (all
    /// prices when it is nil or no sharing question depended on it): a search over prices
    /// need not elaborate again at any of them. Without `bothOrders` a function without
    /// loops runs only the sink-first order (coalescing first keeps a loop's copies joinable;
    /// with no loop, for Wasm output, it gave no fewer bytes on the kernels, programs and 300
    /// binaryen random modules, 2026-12-03; for Thumb-2 both orders are always tried).
    public static func elaboratePriced(
        _ lifted: LiftedFunction, type: UInt32, passes options: PassOptions = PassOptions(),
        title: String = "function", sharingPrice: Int? = nil, packLocals: Bool = true, bothOrders: Bool = true,
        log: inout PassLog
    ) throws(LoweringFailure) -> (function: ElaboratedFunction, samePrices: ClosedRange<Int>) {
        var lifted = lifted
        if lifted.extraction == nil { extract(&lifted) }
        guard let extraction = lifted.extraction else { throw LoweringFailure(reason: "no extraction") }
        let skeleton = lifted.skeleton
        var elaborator = Elaborator(
            skeleton: skeleton, graph: lifted.graph, extractor: extraction, sharingPrice: sharingPrice)
        let code = try elaborator.function()
        var locals = Locals(
            code: code, types: elaborator.localTypes, facts: elaborator.settledLocalFacts,
            parameterCount: skeleton.parameters.count)
        locals.packs = packLocals
        func run(_ passes: [Pass<Locals>], _ unit: inout Locals, _ log: inout PassLog) throws(LoweringFailure) {
            let runner = PassRunner(
                passes, options: options,
                printer: { CodeText.text($0.code, types: $0.types, parameterCount: $0.parameterCount) })
            do {
                try runner.run(&unit, title: title, log: &log)
            } catch {
                throw LoweringFailure(reason: error.description)
            }
        }
        try run([CodePasses.simplifyBranches, CodePasses.threadJumps, CodePasses.simplifyBranches], &locals, &log)
        // Sinking first frees single-use locals; coalescing first keeps a loop's copies
        // joinable (sinking can make a value live across a write it was not live across).
        // The passes after the first read only the code (each counts what it needs), so when
        // both first passes leave the same code the two orders are one.
        let rest = [
            CodePasses.coalesceLocals, CodePasses.sinkLocals, CodePasses.elideZeroInitialization,
            CodePasses.compactLocals,
        ]
        var sinkFirst = locals
        var sinkLog = PassLog()
        try run([CodePasses.sinkLocals], &sinkFirst, &sinkLog)
        var deadFirst = locals
        var deadLog = PassLog()
        // Without a loop there are no loop-carried copies for coalescing first to keep.
        let tryBoth = bothOrders || Code.containsLoop(locals.code)
        if tryBoth { try run([CodePasses.removeDeadWrites], &deadFirst, &deadLog) }
        let same = !tryBoth || deadFirst.code == sinkFirst.code
        try run(rest, &sinkFirst, &sinkLog)
        if !same { try run(rest, &deadFirst, &deadLog) }
        if !same && deadFirst.size < sinkFirst.size {
            locals = deadFirst
            log.absorb(deadLog)
        } else {
            locals = sinkFirst
            log.absorb(sinkLog)
        }
        try run(
            [
                CodePasses.rotateLoops, CodePasses.simplifyBranches, CodePasses.elideZeroInitialization,
                CodePasses.compactLocals,
            ], &locals, &log)
        let function = ElaboratedFunction(
            type: type, locals: locals.declared, code: locals.code, localFacts: locals.facts,
            parameters: Array(locals.types.prefix(locals.parameterCount)))
        return (function, elaborator.samePrices)
    }
}
