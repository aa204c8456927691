import Lift
import Rewrite
import Rules
import WasmModel

/// Lifts each function's pure expression trees into an e-graph, saturates it with the rules
/// and writes back the smallest program found (see `FunctionOptimizer`).
public struct SaturatePass: ModulePass {
    public let name = "saturate"
    public let runner: Runner

    public init(rules: RuleSet, limits: SaturationLimits = SaturationLimits()) {
        runner = Runner(rules, limits: limits)
    }

    public func run(_ module: inout Module, context: inout PassContext) throws(WasmError) {
        var total = SaturationReport()
        var stops: [StopReason: Int] = [:]
        var lifted = 0
        var replaced = 0
        var changed = 0
        for i in module.functions.indices {
            let function = module.functions[i]
            let result: FunctionOptimizer.Result
            do {
                result = try FunctionOptimizer(runner: runner)
                    .optimize(function, context: FunctionContext(module: module, function: function))
            } catch {
                throw WasmError(file: context.file, location: .unknown, message: error.description)
            }
            total.absorb(result.report)
            if result.lifted > 0 { stops[result.report.stopReason, default: 0] += 1 }
            lifted += result.lifted
            replaced += result.replaced
            if result.function != function {
                module.functions[i] = result.function
                changed += 1
            }
        }
        let seconds = total.totalSeconds
        context.statistics.append(
            "saturate: \(lifted) trees lifted, \(replaced) replaced, \(changed) of \(module.functions.count) functions smaller"
        )
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
