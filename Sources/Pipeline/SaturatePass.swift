import Foundation
import EGraph
import Lift
import Lower
import Rewrite
import Rules
import WasmEncode
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
            let result: FunctionResult
            do {
                result = try optimize(function: i, in: module)
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
                // Locals were renumbered: only the parameters keep their names (and no label
                // names survive the new block structure).
                let index = UInt32(module.importedFunctionCount + i)
                let parameters = UInt32(module.types[Int(function.type)].params.count)
                if var names = module.names {
                    names.locals[index] = names.locals[index]?.filter { $0.key < parameters }
                    names.labels[index] = nil
                    module.names = names
                }
            }
        }
        let seconds = total.totalSeconds
        context.statistics.append(
            "saturate: \(lifted) of \(module.functions.count) functions lifted, \(replaced) lowered, \(changed) smaller"
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

/// What optimizing one function gave: the function to keep and how it went.
struct FunctionResult {
    var function: Function
    var report = SaturationReport()
    /// 1 when the function was lifted / lowered, else 0 (summed over the module).
    var lifted = 0
    var replaced = 0
}

extension SaturatePass {
    /// Lifts defined function `i`, saturates its e-graph and lowers it; keeps the original
    /// when that is not smaller or when the function uses what lifting does not model.
    func optimize(function i: Int, in module: Module) throws(UnsoundRuleError) -> FunctionResult {
        let function = module.functions[i]
        let debug = ProcessInfo.processInfo.environment["WEFT_DEBUG_LOWER"] != nil
        var result = FunctionResult(function: function)
        var lifter = Lifter(module: module)
        do {
            try lifter.lift(function: UInt32(module.importedFunctionCount + i))
        } catch {
            return result
        }
        result.lifted = 1
        var graph = lifter.graph
        result.report = try runner.run(&graph)
        let lowered: Function
        do {
            lowered = try Lowering.lower(lifter.skeleton, graph: graph, type: function.type)
        } catch {
            if debug { print("function \(i): \(error)") }
            return result
        }
        if debug {
            print("function \(i): \(WasmEncoder.functionSize(function)) -> \(WasmEncoder.functionSize(lowered))")
            print(lowered.locals, lowered.body.map { $0.text }.joined(separator: "\n"))
        }
        result.replaced = 1
        if WasmEncoder.functionSize(lowered) < WasmEncoder.functionSize(function) { result.function = lowered }
        return result
    }
}
