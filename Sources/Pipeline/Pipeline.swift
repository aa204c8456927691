import Compile
import EGraph
import Lower
import Passes
import Rewrite
import Rules
import WasmDecode
import WasmEncode
import WasmModel
import WasmValidate

/// A transformation of a whole module. Passes see only valid modules and must leave them
/// valid and equivalent (same results, traps and memory for every export and input).
public protocol ModulePass: Sendable {
    /// A short name for statistics and errors, e.g. `saturate`.
    var name: String { get }
    /// Whether every instruction stays where it was (each replaced by one, none added or
    /// removed), so the input's source offsets still point at them (compilation hints and
    /// error locations read them).
    var keepsInstructionPositions: Bool { get }
    func run(_ module: inout Module, context: inout PassContext) throws(WasmError)
}

extension ModulePass {
    public var keepsInstructionPositions: Bool { false }
}

/// What passes share while a pipeline runs: options and the statistics they report.
public struct PassContext: Sendable {
    /// The input's file name, for errors.
    public var file: String
    /// Lines of statistics, in order; `weft optimize --stats` prints them.
    public var statistics: [String] = []
    /// Every inlining choice the cost model measured (for `weft report`).
    public var inlineDecisions: [InlineDecision] = []
    /// The functions a pass lowered from the e-graph, as structured code, by function index
    /// (what `weft compile` selects instructions from). Each entry is the function's current
    /// body: a pass that changes a function's body or renumbers functions drops the entries
    /// it invalidates.
    public var elaborated: [UInt32: ElaboratedFunction] = [:]
    /// Figures of the passes below module level (skeleton, code, machine), and the units
    /// printed after the passes `--print-after` names.
    public var passes = PassLog()

    public init(file: String) {
        self.file = file
    }
}

/// decode → validate → passes → validate → encode.
///
/// Invariant: `run` never returns bytes that fail validation; a pass that breaks a module is
/// reported as an internal error naming the pass, never written out.
public struct Pipeline: Sendable {
    public var passes: [any ModulePass]

    public init(passes: [any ModulePass] = []) {
        self.passes = passes
    }

    /// What `weft optimize` runs: globals only the module sees simplified, equality saturation
    /// with `rules` over each function's pure expression trees (the functions `exact` names
    /// also extracted exactly), then identical functions merged and unused ones removed.
    public static func optimize(
        rules: RuleSet, limits: SaturationLimits = SaturationLimits(), inlining: InlineOptions = InlineOptions(),
        assumptions: Assumptions = Assumptions(), extraction: (any CostModel & Sendable)? = nil,
        passes: PassOptions = PassOptions(), exact: ExactExtractionOptions? = nil
    ) -> Pipeline {
        var saturate = SaturatePass(
            rules: rules, limits: limits, inlining: inlining, assumptions: assumptions, extraction: extraction)
        saturate.passOptions = passes
        saturate.exactExtraction = exact
        return Pipeline(passes: [SimplifyGlobals(), saturate, MergeIdenticalFunctions(), RemoveUnusedFunctions()])
    }

    /// Every pass below module level a pipeline may run, by level and in order: what
    /// `--passes`, `--disable-pass` and `--print-after` may name.
    public static let passNames: [(level: String, names: [String])] = [
        ("skeleton", SaturatePass.skeletonPassNames), ("code", CodePasses.names),
        ("machine", ModuleCompiler.machinePassNames),
    ]

    /// The result of a run: the optimized module, its encoding, and statistics.
    public struct Output: Sendable {
        public var module: Module
        public var bytes: [UInt8]
        public var statistics: [String]
        public var inlineDecisions: [InlineDecision] = []
        /// Figures of the passes below module level, and what `--print-after` printed.
        public var passes = PassLog()
    }

    /// Runs the pipeline on a binary or text module.
    public func run(_ input: [UInt8], file: String) throws(WasmError) -> Output {
        let module = try WasmDecoder.decode(input, file: file)
        return try run(module, file: file)
    }

    /// Validates what a module pass left; an invalid module is an internal error naming the
    /// pass. Source offsets no longer apply, so they go.
    static func checkpoint(_ module: inout Module, after pass: String, file: String) throws(WasmError) {
        module.sourceMap = nil
        do {
            try WasmValidator.validate(module, file: file)
        } catch {
            throw WasmError(
                file: file, location: .unknown,
                message: "internal error: pass \(pass) produced an invalid module: \(error.message)")
        }
    }

    /// Runs the pipeline on a decoded module (validated here first).
    public func run(_ input: Module, file: String) throws(WasmError) -> Output {
        var module = input
        try WasmValidator.validate(module, file: file)
        var context = PassContext(file: file)
        for pass in passes {
            try pass.run(&module, context: &context)
            let map = module.sourceMap
            try Self.checkpoint(&module, after: pass.name, file: file)
            if pass.keepsInstructionPositions { module.sourceMap = map }
        }
        return Output(
            module: module, bytes: WasmEncoder.encode(module), statistics: context.statistics,
            inlineDecisions: context.inlineDecisions, passes: context.passes)
    }
}
