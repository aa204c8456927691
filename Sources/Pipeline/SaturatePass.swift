import EGraph
import IR
import Lift
import Lower
import Passes
import Rewrite
import Rules
import WasmEncode
import WasmModel

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Which calls `weft optimize` may replace by their callee's body.
public struct InlineOptions: Sendable {
    /// When false, no call is inlined.
    public var enabled = true
    /// Functions (by name: export or name section) inlined at every call whatever it costs.
    public var force: Set<String> = []
    /// Functions never inlined.
    public var forbid: Set<String> = []
    /// A callee whose body is at most this many bytes is called *small* in `weft report`.
    public var smallBody = 48
    /// At most this many callees are tried per module (each trial re-optimizes its callers),
    /// and none is started once the trials' saturation work (`SaturationReport.work`) reaches
    /// `maxWork`: counted, not timed, so the same module makes the same decisions on any
    /// machine under any load.
    public var maxTrials = 64
    public var maxWork = 40_000_000
    /// For Wasm output, candidates tried at once against the same plan, whose winners are
    /// then tried together (`SaturatePass`); a fixed number, so the decisions do not depend
    /// on the cores.
    public var batchSize = 64

    public init() {}
}

/// What `weft optimize` may assume about the module beyond Wasm's semantics. Every
/// assumption is off by default: with none, the output behaves exactly as the input.
public struct Assumptions: Sendable {
    /// LLVM's shadow-stack convention (`--assume-dead-stack`): memory below the stack
    /// pointer global (`__stack_pointer` in the name section) is dead once its frame is
    /// released, reached only through addresses computed from the stack pointer, lies within
    /// memory, and the stack pointer after a trap does not matter. Frames that are only
    /// written are then removed (`FrameElimination`).
    public var deadStack = false
    /// The target computes each access's address modulo 2^32 and never checks it (`weft
    /// compile` in every memory model but `checked`): the wrapping load/store rules apply
    /// (an offset folds out of `p + c` whether or not the sum wraps). Never for Wasm output.
    public var addressesWrap = false

    public init(deadStack: Bool = false, addressesWrap: Bool = false) {
        self.deadStack = deadStack
        self.addressesWrap = addressesWrap
    }
}

/// One distinct lowering of a function and its size (Thumb-2 or Wasm bytes, `targetSize`'s
/// estimate while a search ranks them).
struct LoweringCandidate {
    var function: Function
    var elaborated: ElaboratedFunction
    var folds: Int
    var frames: Int
    /// Extracted greedily (not by exact extraction).
    var greedy: Bool
    var size: Int
}

/// One measured inlining choice: a callee inlined at every call, or not, and the module's
/// code bytes and remaining calls either way.
public struct InlineDecision: Sendable, Hashable {
    /// The callee's name (export or name section; `#index` without one) and its function
    /// index in the input module.
    public var name: String
    public var callee: UInt32
    public var inlined: Bool
    /// Code bytes of the reachable functions, and calls left in them, keeping the calls.
    public var bytesKept: Int
    public var callsKept: Int
    /// The same with the callee inlined at every call.
    public var bytesInlined: Int
    public var callsInlined: Int
}

/// Lifts each function whole into an e-graph (calls to inlined callees replaced by their
/// bodies), saturates it with the rules and lowers the smallest program found back to Wasm.
/// Which callees are inlined is decided by measurement: a candidate (nominated by an `inline`
/// policy of the rules, see `CallGraph`) is inlined when the module's code is smaller with
/// it, or as small with fewer calls left; for Wasm output, the winners of a batch of trials
/// are inlined together when that is smaller than the best of them alone.
public struct SaturatePass: ModulePass {
    public let name = "saturate"
    public let runner: Runner
    public let accesses: AccessRewriter
    /// With the wrapping kinds' rules too (`Assumptions.addressesWrap`).
    public let wrappingAccesses: AccessRewriter
    public let policies: [InlinePolicy]
    public var inlining: InlineOptions
    public var assumptions: Assumptions
    /// Extraction's operator costs: Wasm bytes when nil, a target's (`weft compile`'s tile
    /// bytes) otherwise.
    public var extraction: (any CostModel & Sendable)?
    /// Which functions are extracted exactly as well as greedily (`--hot NAME`, `--exact`);
    /// nil: none.
    public var exactExtraction: ExactExtractionOptions?
    /// Which skeleton passes run, which are printed after, whether each is verified.
    public var passOptions = PassOptions()
    /// The target's size of a function (by index, imports first): of `code`, or of the
    /// input's own instructions when nil; nil when it cannot be compiled. When set (`weft
    /// compile`: Thumb-2 bytes), it decides between a function's candidates instead of their
    /// Wasm bytes. Inlining trials ask for an estimate (not `thorough`: `FunctionSizer`);
    /// with `searchLowerings`, the lowering kept once the plan is fixed is chosen by thorough
    /// sizes (without it, the trials' estimates decide).
    public var targetSize: (@Sendable (_ index: Int, _ code: ElaboratedFunction?, _ thorough: Bool) -> Int?)?
    /// With `targetSize`: once the inlining plan is fixed, each function is lowered every way
    /// `LoweringChoice.choices` lists and the smallest kept (inlining trials lower one way).
    /// Off, each function is lowered one way: faster, larger.
    public var searchLowerings = true

    public init(
        rules: RuleSet, limits: SaturationLimits = SaturationLimits(), inlining: InlineOptions = InlineOptions(),
        assumptions: Assumptions = Assumptions(), extraction: (any CostModel & Sendable)? = nil
    ) {
        runner = Runner(rules, limits: limits)
        accesses = AccessRewriter(rules.rules)
        wrappingAccesses = AccessRewriter(rules.rules, wrapping: true)
        policies = rules.inlinePolicies
        self.inlining = inlining
        self.assumptions = assumptions
        self.extraction = extraction
    }

    public func run(_ module: inout Module, context: inout PassContext) throws(WasmError) {
        let graph = CallGraph(module)
        let hints = CompilationHints(module)
        let forbidden = Set(graph.defined.filter { inlining.forbid.contains(module.functionName($0) ?? "") })
            .union(hints.noInline)
        let forced = Set(graph.defined.filter { inlining.force.contains(module.functionName($0) ?? "") })
            .union(hints.inline).subtracting(forbidden)
        var plan: Set<UInt32> = inlining.enabled ? forced.filter { !graph.isRecursive($0) } : []
        var results: [FunctionResult] = []
        do throws(FunctionFailure) {
            let initial = plan
            let input = module
            // What the module's tables fix, found once (`directize-calls` reads it per function).
            let tables = CallDirectization(module: module)
            let order = inlining.enabled ? graph.candidates(module, policies: policies, hinted: inlining.force) : []
            // Without trials to come, the first lowering is the last: it searches.
            let searching = searchLowerings && targetSize != nil
            // Exact extraction, for the functions named, once the inlining plan is fixed.
            let exactly: Set<Int> =
                exactExtraction.map { options in
                    let named = options.functions(in: input)
                    return Set(input.functions.indices.filter { named?.contains(UInt32(graph.imported + $0)) ?? true })
                } ?? []
            results = try Parallel.map(count: module.functions.count, jobs: passOptions.jobs) {
                (i: Int) throws(FunctionFailure) -> FunctionResult in
                try optimize(
                    function: i, in: input, plan: initial, tables: tables, search: searching && order.isEmpty,
                    thorough: order.isEmpty, exactly: order.isEmpty && exactly.contains(i))
            }
            if !order.isEmpty {
                var cost = moduleCost(results, graph, module)
                var trials = 0
                var work = 0
                // Trials run a batch at a time (in order), each against the plan as it stands
                // (`Parallel`). For Wasm output a batch is `batchSize` candidates, and its winners
                // are inlined together when that is smaller than the best of them alone; else
                // they are tried again one at a time against the plan as it grows. For a target
                // a batch is one candidate per job, decided in order as one at a time would: each
                // tried as if the ones before it won (`chained`) while most trials so far won,
                // else as if they lost; past the first outcome otherwise, the rest of the batch
                // ran against the wrong plan and runs again, its functions that plan did not
                // touch taken from `optimized` (inlined together, callees that each win alone
                // may cost registers in a large caller: bench/programs, relocated, +132 bytes
                // that way, 2026-12-02).
                let together = targetSize == nil
                let batchSize = together ? max(inlining.batchSize, 1) : max(passOptions.jobs ?? Parallel.cores, 1)
                var next = 0
                // Trials won and lost so far.
                var (won, lost) = (0, 0)
                // Winners of a batch whose union lost, tried one at a time before the next batch.
                var pending: [UInt32] = []
                // Functions optimized in trials, by the part of the plan each saw: a function
                // whose view a later trial repeats (the union of a batch's winners, a winner
                // retried, a batch-mate run again) takes the result instead of optimizing again.
                var optimized: [PlanView: FunctionResult] = [:]
                /// A trial of each group of `steps`: against the plan as it stands, or `chained`,
                /// against the plan with every group before it inlined too, on their results (what
                /// trying them one at a time gives when each wins).
                func trial(_ steps: [[UInt32]], chained: Bool = false) -> [Result<InlineTrial, FunctionFailure>] {
                    let current = results
                    var planned = plan
                    let views: [[PlanView]] = steps.map { callees in
                        if !chained { planned = plan }
                        planned.formUnion(callees)
                        let trial = planned
                        let affected = Set(callees.flatMap { graph.affected(by: $0, through: trial) })
                        return affected.sorted().map {
                            PlanView(function: Int($0) - graph.imported, inlined: graph.inlined(into: $0, plan: trial))
                        }
                    }
                    var missing: [PlanView] = []
                    var listed: Set<PlanView> = []
                    for view in views.joined() where optimized[view] == nil && listed.insert(view).inserted {
                        missing.append(view)
                    }
                    let unoptimized = missing
                    let outcomes = Parallel.map(count: missing.count, jobs: passOptions.jobs) {
                        (m: Int) -> Result<FunctionResult, FunctionFailure> in
                        let view = unoptimized[m]
                        return Result { () throws(FunctionFailure) in
                            try optimize(function: view.function, in: input, plan: Set(view.inlined), tables: tables)
                        }
                    }
                    var failures: [PlanView: FunctionFailure] = [:]
                    for (view, outcome) in zip(missing, outcomes) {
                        switch outcome {
                        case .success(let result): optimized[view] = result
                        case .failure(let error): failures[view] = error
                        }
                    }
                    // Each group's functions replaced (by position) and the work their
                    // optimization took; the whole module copied only while it is costed.
                    var attempts: [Result<(changes: [Int: FunctionResult], work: Int), FunctionFailure>] = []
                    var changes: [Int: FunctionResult] = [:]
                    for group in views {
                        if !chained { changes = [:] }
                        var spent = 0
                        if let error = group.lazy.compactMap({ failures[$0] }).first {
                            attempts.append(.failure(error))
                            continue
                        }
                        for view in group {
                            guard let result = optimized[view] else { continue }
                            changes[view.function] = result
                            spent += result.report.work
                        }
                        attempts.append(.success((changes, spent)))
                    }
                    let made = attempts
                    return Parallel.map(count: made.count, jobs: passOptions.jobs) {
                        (b: Int) -> Result<InlineTrial, FunctionFailure> in
                        made[b].map { made in
                            var attempt = current
                            for (k, result) in made.changes { attempt[k] = result }
                            return InlineTrial(
                                changes: made.changes, work: made.work, cost: moduleCost(attempt, graph, input))
                        }
                    }
                }
                func decide(_ g: UInt32, _ attempt: InlineTrial, inlined: Bool) {
                    context.inlineDecisions.append(
                        InlineDecision(
                            name: module.functionName(g) ?? "#\(g)", callee: g, inlined: inlined,
                            bytesKept: cost.bytes, callsKept: cost.calls,
                            bytesInlined: attempt.cost.bytes, callsInlined: attempt.cost.calls))
                }
                func keep(_ callees: [UInt32], _ attempt: InlineTrial) {
                    plan.formUnion(callees)
                    for (k, result) in attempt.changes { results[k] = result }
                    cost = attempt.cost
                }
                while next < order.count || !pending.isEmpty {
                    guard trials < inlining.maxTrials, work < inlining.maxWork else { break }
                    if !pending.isEmpty {
                        let g = pending.removeFirst()
                        let attempt = try trial([[g]])[0].get()
                        trials += 1
                        work += attempt.work
                        decide(g, attempt, inlined: attempt.cost < cost)
                        if attempt.cost < cost { keep([g], attempt) }
                        continue
                    }
                    // The batch's candidates and their positions in `order`.
                    var batch: [(callee: UInt32, position: Int)] = []
                    while next < order.count, batch.count < batchSize, trials + batch.count < inlining.maxTrials {
                        let g = order[next]
                        if !plan.contains(g), !forbidden.contains(g) { batch.append((g, next)) }
                        next += 1
                    }
                    guard !batch.isEmpty else { break }
                    // For a target, each candidate of the batch is tried as if those before it
                    // won while most trials so far won, else as if they lost; the first outcome
                    // that says otherwise ends the batch.
                    let chained = !together && won >= lost
                    let outcomes = trial(batch.map { [$0.callee] }, chained: chained)
                    var winners: [(callee: UInt32, trial: InlineTrial)] = []
                    for ((g, position), outcome) in zip(batch, outcomes) {
                        // Past a limit the rest of the batch is not counted (the winners so far are).
                        guard trials < inlining.maxTrials, work < inlining.maxWork else { break }
                        trials += 1
                        let attempt = try outcome.get()
                        work += attempt.work
                        let wins = attempt.cost < cost
                        if wins { won += 1 } else { lost += 1 }
                        if together {
                            if wins { winners.append((g, attempt)) } else { decide(g, attempt, inlined: false) }
                            continue
                        }
                        decide(g, attempt, inlined: wins)
                        if wins { keep([g], attempt) }
                        if wins != chained {
                            next = position + 1
                            break
                        }
                    }
                    guard let best = winners.min(by: { $0.trial.cost < $1.trial.cost }) else { continue }
                    if winners.count > 1, trials < inlining.maxTrials, work < inlining.maxWork {
                        let together = try trial([winners.map(\.callee)])[0].get()
                        trials += 1
                        work += together.work
                        if together.cost < best.trial.cost {
                            for w in winners { decide(w.callee, w.trial, inlined: true) }
                            keep(winners.map(\.callee), together)
                            continue
                        }
                    }
                    decide(best.callee, best.trial, inlined: true)
                    keep([best.callee], best.trial)
                    pending = winners.map(\.callee).filter { $0 != best.callee }
                }
                let decided = context.inlineDecisions
                context.statistics.append(
                    "saturate: inlining: \(trials) trials, \(decided.count(where: \.inlined)) callees inlined, "
                        + "\(decided.count { !$0.inlined }) kept called")
                // Lowered again, now that the plan is fixed: every way (a target's search) or,
                // for Wasm output, exactly when named.
                if searching || exactExtraction != nil {
                    let (final, lowered) = (plan, results)
                    results = try Parallel.map(count: module.functions.count, jobs: passOptions.jobs) {
                        (i: Int) throws(FunctionFailure) -> FunctionResult in
                        guard lowered[i].lifted > 0, searching || exactly.contains(i) else { return lowered[i] }
                        return try optimize(
                            function: i, in: input, plan: final, tables: tables, search: searching,
                            thorough: true, exactly: exactly.contains(i))
                    }
                }
            }
        } catch {
            throw WasmError(file: context.file, location: .unknown, message: error.description)
        }
        for result in results { context.passes.absorb(result.passes) }
        var total = SaturationReport()
        var stops: [StopReason: Int] = [:]
        var changed = 0
        for (i, result) in results.enumerated() {
            total.absorb(result.report)
            if result.lifted > 0 { stops[result.report.stopReason, default: 0] += 1 }
            let function = module.functions[i]
            guard result.function != function else { continue }
            module.functions[i] = result.function
            if let e = result.elaborated { context.elaborated[UInt32(graph.imported + i)] = e }
            changed += 1
            // Locals were renumbered: only the parameters keep their names (and no label
            // names survive the new block structure).
            let index = UInt32(graph.imported + i)
            let parameters = UInt32(module.types[Int(function.type)].params.count)
            if var names = module.names {
                names.locals[index] = names.locals[index]?.filter { $0.key < parameters }
                names.labels[index] = nil
                module.names = names
            }
        }
        let lifted = results.reduce(0) { $0 + $1.lifted }
        let lowered = results.reduce(0) { $0 + $1.replaced }
        context.statistics.append(
            "saturate: \(lifted) of \(module.functions.count) functions lifted, \(lowered) lowered, \(changed) changed"
        )
        if !plan.isEmpty {
            let names = plan.sorted().map { module.functionName($0) ?? "#\($0)" }
            context.statistics.append("saturate: inlined at every call: " + names.joined(separator: ", "))
        }
        let seconds = total.totalSeconds
        context.statistics.append(
            "saturate: \(total.iterations) iterations, \(total.nodes) e-nodes, \(total.classes) e-classes, "
                + "\(total.work) work, "
                + "\(seconds.fixed(3)) s (search \(total.searchSeconds.fixed(3)), "
                + "apply \(total.applySeconds.fixed(3)), rebuild \(total.rebuildSeconds.fixed(3)))")
        let stopText = stops.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        context.statistics.append("saturate: stopped by \(stopText.isEmpty ? "nothing to do" : stopText) (functions)")
        if exactExtraction != nil {
            context.statistics.append(results.reduce(into: ExactExtractionRecord()) { $0.absorb($1.exact) }.summary)
        }
        if !total.applied.isEmpty {
            let fired = total.applied.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
            context.statistics.append(
                "saturate: rules applied: " + fired.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
    }
}

/// A defined function (by position) and the callees lifting it inlines: all that its
/// optimized result depends on of an inlining plan.
struct PlanView: Hashable {
    var function: Int
    var inlined: [UInt32]
}

/// One inlining trial: the functions it optimized again with the callee inlined (by position;
/// the others as they were when it was made), the saturation work it took and what the
/// module then costs.
struct InlineTrial: Sendable {
    var changes: [Int: FunctionResult]
    var work: Int
    var cost: CallGraph.Cost
}

/// What optimizing one function gave: the function to keep and how it went.
struct FunctionResult {
    var function: Function
    /// Figures of the skeleton and code passes, and the functions printed after them.
    var passes = PassLog()
    /// `function` as structured code, when it is the lowered one and lowered for a target
    /// (`extraction`; nil: the input's, or Wasm output).
    var elaborated: ElaboratedFunction?
    var report = SaturationReport()
    /// 1 when the function was lifted / lowered, else 0 (summed over the module).
    var lifted = 0
    var replaced = 0
    /// What exact extraction did for the function.
    var exact = ExactExtractionRecord()
}

extension SaturatePass {
    /// Lifts defined function `i` (inlining the calls `plan` names), saturates its e-graph
    /// and lowers it; keeps the original when that is smaller or when the function uses what
    /// lifting does not model.
    /// With `search`, lowered every way `LoweringChoice.choices` lists; with `exactly`, also
    /// from an exact extraction (`exactExtraction`). Not `thorough` (inlining trials), the
    /// candidates are compared by estimated target sizes (`targetSize`).
    func optimize(
        function i: Int, in module: Module, plan: Set<UInt32>, tables: CallDirectization, search: Bool = false,
        thorough: Bool = false, exactly: Bool = false
    ) throws(FunctionFailure) -> FunctionResult {
        let function = module.functions[i]
        let choices = LoweringChoice.choices(priced: extraction != nil, search: search && targetSize != nil)
        var result = FunctionResult(function: function)
        let index = module.importedFunctionCount + i
        let title = "function \(module.functionName(UInt32(index)) ?? "#\(index)")"
        // Two candidates when the function has diamonds that only compute values: as it is,
        // and if-converted to selects. The smaller lowering wins. Each is taken out of
        // `variants` when its turn comes, and its e-graph freed once its lowerings are
        // elaborated: no e-graph outlives its use (the chain of 347 KB: 153 -> 123 MiB peak).
        guard let lifted = try lift(function: index, in: module, plan: plan, title: title, into: &result) else {
            return result
        }
        var variants = lifted.0
        let inlined = lifted.1
        // Every distinct lowering, in the order made, with its size: by `targetSize`'s estimate
        // when searching (the smallest then measured thoroughly), else as `thorough` says.
        var candidates: [LoweringCandidate] = []
        let estimating = search && thorough && targetSize != nil
        while var unit = variants.popLast() {
            let report: SaturationReport
            do {
                report = try runner.run(&unit.graph)
            } catch {
                throw .unsoundRule(error)
            }
            result.report.absorb(report)
            result.report.stopReason = report.stopReason
            try verify(unit, after: "saturate", module: module, title: title)
            let after = try run(
                afterSaturation(module, tables: tables), on: &unit, module: module, title: title, into: &result)
            let folds = after.changes("fold-accesses")
            let frames = after.changes("eliminate-frames")
            let elaborations = elaborate(
                unit, type: function.type, title: title, choices: choices, exactly: exactly, into: &result)
            unit = LiftedFunction(skeleton: Skeleton(), graph: EGraph())
            // Each choice's lowering, unless equal to one of this variant already measured.
            var measured: [Function] = []
            for (elaborated, greedy) in elaborations {
                let lowered = elaborated.function
                guard !measured.contains(lowered) else { continue }
                measured.append(lowered)
                let size = measure(lowered, elaborated, index: index, thorough: thorough && !estimating)
                candidates.append(
                    LoweringCandidate(
                        function: lowered, elaborated: elaborated, folds: folds, frames: frames,
                        greedy: greedy, size: size))
            }
        }
        if estimating {
            // The smallest estimates (and the smallest greedy one, for exact extraction's
            // record), measured thoroughly; the rest are out.
            let ranked = candidates.indices.sorted { (candidates[$0].size, $0) < (candidates[$1].size, $1) }
            var chosen = Set(ranked.prefix(LoweringChoice.thoroughlyMeasured))
            if let greedy = ranked.first(where: { candidates[$0].greedy }) { chosen.insert(greedy) }
            candidates = candidates.indices.filter(chosen.contains).map { k in
                var candidate = candidates[k]
                candidate.size = measure(candidate.function, candidate.elaborated, index: index, thorough: true)
                return candidate
            }
        }
        // The first of the smallest.
        guard let best = candidates.min(by: { $0.size < $1.size }) else { return result }
        let greedyBest = candidates.filter(\.greedy).map(\.size).min() ?? Int.max
        if exactly, greedyBest != Int.max, best.size < greedyBest {
            result.exact.kept = 1
            result.exact.bytesWon = greedyBest - best.size
        }
        if best.folds > 0 { result.report.applied["access rules", default: 0] += best.folds }
        if best.frames > 0 { result.report.applied["dead frames", default: 0] += best.frames }
        result.replaced = 1
        // The input's own function is a candidate (and measured) only when nothing was
        // inlined into this one.
        if inlined
            || best.size < targetSize.map({ $0(index, nil, thorough) ?? Int.max }) ?? WasmEncoder.functionSize(function)
        {
            result.function = best.function
            // The structured code is kept for a target's selector, not for Wasm output.
            if extraction != nil { result.elaborated = best.elaborated }
        }
        return result
    }
}

extension SaturatePass {
    /// Function `index` of `module` lifted with the callees `plan` names inlined, after the
    /// passes before saturation, and its if-converted twin when if-conversion changed it (the
    /// first to be saturated last: `popLast`), with whether some call was inlined; nil when
    /// the function uses what lifting does not model. The lifter is gone on return, so its
    /// e-graph is not kept beside the copies the passes make.
    func lift(
        function index: Int, in module: Module, plan: Set<UInt32>, title: String, into result: inout FunctionResult
    ) throws(FunctionFailure) -> ([LiftedFunction], Bool)? {
        let inlined: Bool
        var lifted: LiftedFunction
        do {
            var lifter = Lifter(module: module, plan: InlinePlan(callees: plan))
            do {
                try lifter.lift(function: UInt32(index))
            } catch {
                return nil
            }
            inlined = lifter.skeleton.labels.contains { if case .inlined = $0.kind { true } else { false } }
            lifted = LiftedFunction(skeleton: lifter.skeleton, graph: lifter.graph)
        }
        result.lifted = 1
        try verify(lifted, after: "lift", module: module, title: title)
        try run(beforeSaturation, on: &lifted, module: module, title: title, into: &result)
        var converted = lifted
        if try run(ifConversion, on: &converted, module: module, title: title, into: &result).changes("if-convert") > 0
        {
            return ([converted, lifted], inlined)
        }
        return ([lifted], inlined)
    }

    /// A saturated function elaborated each way `choices` (then, when `exactly`, exact
    /// extraction's choices) lists, in order, each with whether it was extracted greedily.
    /// Each choice's extraction is made once (choices sharing a model are adjacent).
    func elaborate(
        _ saturated: LiftedFunction, type: UInt32, title: String, choices: [LoweringChoice], exactly: Bool,
        into result: inout FunctionResult
    ) -> [(ElaboratedFunction, greedy: Bool)] {
        var unit = saturated
        var extracted: LoweringChoice.Costs?
        // The first choice's extraction: by the costs exact extraction takes too.
        var first: Extractor?
        var elaborations: [(ElaboratedFunction, greedy: Bool)] = []
        // Of the current extraction, the prices already elaborated and those giving the same
        // code: a choice at one of them would only repeat an elaboration.
        var covered: [ClosedRange<Int>] = []
        let exactChoices = exactly ? LoweringChoice.exactChoices(priced: extraction != nil) : []
        for choice in choices + exactChoices {
            if extracted != choice.costs {
                extracted = choice.costs
                covered = []
                if choice.costs == .exact {
                    unit.extraction = first
                    guard let exact = exactExtraction, let found = exact.extract(unit) else { break }
                    result.exact.absorb(found.record)
                    guard let extractor = found.extractor else { break }
                    unit.extraction = extractor
                } else {
                    Lowering.extract(&unit, costs: choice.model(target: extraction))
                    if first == nil { first = unit.extraction }
                }
            }
            // What is shared in a local and what is computed again: priced in the
            // target's bytes when extraction prices a target, else in Wasm bytes.
            if let price = choice.sharingPrice, covered.contains(where: { $0.contains(price) }) { continue }
            var log = PassLog()
            guard
                let (elaborated, samePrices) = try? Lowering.elaboratePriced(
                    unit, type: type, passes: passOptions, title: title,
                    sharingPrice: choice.sharingPrice, packLocals: extraction == nil, bothOrders: extraction != nil,
                    log: &log)
            else { continue }
            result.passes.absorb(log)
            if choice.sharingPrice != nil { covered.append(samePrices) }
            elaborations.append((elaborated, choice.costs != .exact))
        }
        return elaborations
    }
}

extension SaturatePass {
    /// What an inlining trial compares: the reachable functions' bytes (by `targetSize`'s
    /// estimates when set, a function that does not compile counting as very large) and the
    /// calls left.
    func moduleCost(_ results: [FunctionResult], _ graph: CallGraph, _ module: Module) -> CallGraph.Cost {
        guard let targetSize else { return graph.cost(results.map(\.function), module: module) }
        return graph.cost(results.map(\.function), module: module) { i in
            targetSize(graph.imported + i, results[i].elaborated, false) ?? 1 << 30
        }
    }

    /// A candidate's size: by `targetSize` when set (a candidate that does not compile is
    /// as large as can be), else its Wasm bytes.
    func measure(_ lowered: Function, _ elaborated: ElaboratedFunction, index: Int, thorough: Bool) -> Int {
        guard let targetSize else { return WasmEncoder.functionSize(lowered) }
        return targetSize(index, elaborated, thorough) ?? Int.max
    }
}

/// Why optimizing a function stopped the pass: a rule that turned out unsound (its example
/// or a concrete check failed), or a skeleton pass that left invalid IR.
enum FunctionFailure: Error {
    case unsoundRule(UnsoundRuleError)
    case pass(PassFailure)

    var description: String {
        switch self {
        case .unsoundRule(let e): e.description
        case .pass(let e): e.description
        }
    }
}

extension SaturatePass {
    /// The skeleton passes before saturation.
    var beforeSaturation: [Pass<LiftedFunction>] {
        [Pass("forward-memory") { (f: inout LiftedFunction) in MemoryForwarding.apply(&f.skeleton, &f.graph) }]
    }

    /// If-conversion, tried as a second candidate beside the function as it is.
    var ifConversion: [Pass<LiftedFunction>] {
        [Pass("if-convert") { (f: inout LiftedFunction) in IfConversion.apply(&f.skeleton, &f.graph) }]
    }

    /// The skeleton passes after saturation (frames only go with `--assume-dead-stack`).
    func afterSaturation(_ module: Module, tables: CallDirectization) -> [Pass<LiftedFunction>] {
        let folding = AccessFolding(accesses: assumptions.addressesWrap ? wrappingAccesses : accesses)
        var passes = [Pass("fold-accesses") { (f: inout LiftedFunction) in folding.apply(&f.skeleton, &f.graph) }]
        if !tables.tables.isEmpty {
            passes.append(Pass("directize-calls") { (f: inout LiftedFunction) in tables.apply(&f.skeleton, &f.graph) })
        }
        if assumptions.deadStack, let sp = module.stackPointer {
            passes.append(
                Pass("eliminate-frames") { (f: inout LiftedFunction) in
                    FrameElimination.apply(&f.skeleton, &f.graph, stackPointer: sp)
                })
        }
        return passes
    }

    /// What `SkeletonVerifier` finds wrong with a lifted function (its first three errors), or
    /// nil.
    static func problem(_ f: LiftedFunction, module: Module) -> String? {
        let errors = SkeletonVerifier.verify(f.skeleton, graph: f.graph, module: module)
        guard !errors.isEmpty else { return nil }
        return errors.prefix(3).map(\.description).joined(separator: "; ")
    }

    /// Every skeleton pass's name, in pipeline order (for `--list-passes`).
    public static let skeletonPassNames = [
        "forward-memory", "if-convert", "fold-accesses", "directize-calls", "eliminate-frames",
    ]

    /// With `verify`, a stage outside the pass list (lifting, saturation) checked like a pass.
    func verify(_ unit: LiftedFunction, after stage: String, module: Module, title: String) throws(FunctionFailure) {
        guard passOptions.verify, let problem = Self.problem(unit, module: module) else { return }
        throw .pass(PassFailure(pass: stage, reason: "\(title): \(problem)", isVerification: true))
    }

    /// Runs skeleton passes on one function, its figures and printed text into `result`;
    /// returns the figures of this run alone.
    @discardableResult
    func run(
        _ passes: [Pass<LiftedFunction>], on unit: inout LiftedFunction, module: Module, title: String,
        into result: inout FunctionResult
    ) throws(FunctionFailure) -> PassStatistics {
        let runner = PassRunner(
            passes, options: passOptions, verifier: { Self.problem($0, module: module) }, printer: { $0.text })
        var log = PassLog()
        unit.extraction = nil
        do {
            try runner.run(&unit, title: title, log: &log)
        } catch {
            throw .pass(error)
        }
        result.passes.absorb(log)
        return log.statistics
    }
}
