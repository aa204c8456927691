import EGraph
import Foundation
import Lift
import Lower
import Rewrite
import Rules
import WasmEncode
import WasmModel

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
    /// and none is started after this many seconds.
    public var maxTrials = 64
    public var maxSeconds = 20.0

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

    public init(deadStack: Bool = false) { self.deadStack = deadStack }
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
/// it, or as small with fewer calls left.
public struct SaturatePass: ModulePass {
    public let name = "saturate"
    public let runner: Runner
    public let accesses: AccessRewriter
    public let policies: [InlinePolicy]
    public var inlining: InlineOptions
    public var assumptions: Assumptions
    /// Extraction's operator costs: Wasm bytes when nil, a target's (`weft compile`'s tile
    /// bytes) otherwise.
    public var extraction: (any CostModel & Sendable)?

    public init(
        rules: RuleSet, limits: SaturationLimits = SaturationLimits(), inlining: InlineOptions = InlineOptions(),
        assumptions: Assumptions = Assumptions(), extraction: (any CostModel & Sendable)? = nil
    ) {
        runner = Runner(rules, limits: limits)
        accesses = AccessRewriter(rules.rules)
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
        do throws(UnsoundRuleError) {
            for i in module.functions.indices { results.append(try optimize(function: i, in: module, plan: plan)) }
            if inlining.enabled {
                var cost = graph.cost(results.map(\.function), module: module)
                var trials = 0
                let start = DispatchTime.now().uptimeNanoseconds
                for g in graph.candidates(module, policies: policies, hinted: inlining.force) where !plan.contains(g) {
                    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                    guard trials < inlining.maxTrials, elapsed < inlining.maxSeconds else { break }
                    if forbidden.contains(g) { continue }
                    trials += 1
                    let trial = plan.union([g])
                    var attempt = results
                    for f in graph.affected(by: g, through: plan) {
                        attempt[Int(f) - graph.imported] = try optimize(
                            function: Int(f) - graph.imported, in: module, plan: trial)
                    }
                    let new = graph.cost(attempt.map(\.function), module: module)
                    context.inlineDecisions.append(
                        InlineDecision(
                            name: module.functionName(g) ?? "#\(g)", callee: g, inlined: new < cost,
                            bytesKept: cost.bytes, callsKept: cost.calls,
                            bytesInlined: new.bytes, callsInlined: new.calls))
                    if new < cost {
                        plan = trial
                        results = attempt
                        cost = new
                    }
                }
            }
        } catch {
            throw WasmError(file: context.file, location: .unknown, message: error.description)
        }
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
                + String(
                    format: "%.3f s (search %.3f, apply %.3f, rebuild %.3f)", seconds, total.searchSeconds,
                    total.applySeconds, total.rebuildSeconds))
        let stopText = stops.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        context.statistics.append("saturate: stopped by \(stopText.isEmpty ? "nothing to do" : stopText) (functions)")
        if !total.applied.isEmpty {
            let fired = total.applied.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
            context.statistics.append(
                "saturate: rules applied: " + fired.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
    }
}

extension SaturatePass {
    /// Applies the load/store rules to every memory access of a 32-bit memory: the address
    /// operand and the offset change together (several times, for nested constant adds).
    func foldAccesses(_ skeleton: inout Skeleton, _ graph: inout EGraph) -> Int {
        guard !accesses.isEmpty else { return 0 }
        var count = 0
        for i in skeleton.effects.indices {
            var effect = skeleton.effects[i]
            let store: Bool
            var arg: MemArg
            switch effect.instruction {
            case .load(_, let a):
                store = false
                arg = a
            case .store(_, let a):
                store = true
                arg = a
            default: continue
            }
            guard let address = effect.operands.first, graph.facts(address).type == .i32 else { continue }
            var changed = false
            for _ in 0..<4 {
                guard
                    let r = accesses.rewrites(store: store, offset: arg.offset, address: effect.operands[0], in: &graph)
                        .first(where: { graph.find($0.address) != graph.find(effect.operands[0]) })
                else { break }
                arg.offset = r.offset
                effect.operands[0] = r.address
                changed = true
                count += 1
            }
            guard changed else { continue }
            switch effect.instruction {
            case .load(let op, _): effect.instruction = .load(op, arg)
            case .store(let op, _): effect.instruction = .store(op, arg)
            default: break
            }
            skeleton.effects[i] = effect
        }
        if count > 0 { graph.rebuild() }
        return count
    }
}

/// What optimizing one function gave: the function to keep and how it went.
struct FunctionResult {
    var function: Function
    /// `function` as structured code, when it is the lowered one (nil: the input's).
    var elaborated: ElaboratedFunction?
    var report = SaturationReport()
    /// 1 when the function was lifted / lowered, else 0 (summed over the module).
    var lifted = 0
    var replaced = 0
}

extension SaturatePass {
    /// Lifts defined function `i` (inlining the calls `plan` names), saturates its e-graph
    /// and lowers it; keeps the original when that is smaller or when the function uses what
    /// lifting does not model.
    func optimize(function i: Int, in module: Module, plan: Set<UInt32>) throws(UnsoundRuleError) -> FunctionResult {
        let function = module.functions[i]
        var result = FunctionResult(function: function)
        var lifter = Lifter(module: module, plan: InlinePlan(callees: plan))
        do {
            try lifter.lift(function: UInt32(module.importedFunctionCount + i))
        } catch {
            return result
        }
        result.lifted = 1
        // Two candidates when the function has diamonds that only compute values: as it is,
        // and if-converted to selects. The smaller lowering wins.
        var lifted = lifter.skeleton
        var liftedGraph = lifter.graph
        MemoryForwarding.apply(&lifted, &liftedGraph)
        var variants = [(lifted, liftedGraph)]
        var converted = lifted
        var convertedGraph = liftedGraph
        if IfConversion.apply(&converted, &convertedGraph) > 0 { variants.append((converted, convertedGraph)) }
        var best: (function: Function, elaborated: ElaboratedFunction, folds: Int, frames: Int)?
        for (original, start) in variants {
            var graph = start
            var skeleton = original
            let report = try runner.run(&graph)
            result.report.absorb(report)
            result.report.stopReason = report.stopReason
            let folds = foldAccesses(&skeleton, &graph)
            var frames = 0
            if assumptions.deadStack, let sp = module.stackPointer {
                frames = FrameElimination.apply(&skeleton, &graph, stackPointer: sp)
            }
            guard
                let elaborated = try? Lowering.elaborate(skeleton, graph: graph, type: function.type, costs: extraction)
            else { continue }
            let lowered = elaborated.function
            if best.map({ WasmEncoder.functionSize(lowered) < WasmEncoder.functionSize($0.function) }) ?? true {
                best = (lowered, elaborated, folds, frames)
            }
        }
        guard let (lowered, elaborated, folds, frames) = best else { return result }
        if folds > 0 { result.report.applied["access rules", default: 0] += folds }
        if frames > 0 { result.report.applied["dead frames", default: 0] += frames }
        result.replaced = 1
        let inlined = lifter.skeleton.labels.contains { if case .inlined = $0.kind { true } else { false } }
        if inlined || WasmEncoder.functionSize(lowered) < WasmEncoder.functionSize(function) {
            result.function = lowered
            result.elaborated = elaborated
        }
        return result
    }
}
