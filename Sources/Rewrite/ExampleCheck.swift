import EGraph
import Rules
import WasmModel

/// Runs a rule's `fires`/`stops` examples: each term is added to a fresh e-graph (its
/// variables as opaque leaves), the rule alone is applied for one iteration, and the result
/// is compared with what the example says.
public enum ExampleCheck {
    /// One line per failing example, `FILE:LINE: rule NAME: ...`; empty when all pass.
    public static func failures(of rule: Rule) -> [String] {
        if rule.isAccess { return accessFailures(of: rule) }
        var out: [String] = []
        let compiled = CompiledRule(rule)
        for example in rule.examples {
            var graph = EGraph()
            var leaves: [String: EClassId] = [:]
            let root = add(example.term, to: &graph, leaves: &leaves)
            graph.rebuild()
            let place = "\(rule.location.file):\(example.line): error: rule \(rule.name)"
            let fired = graph.classIds.contains { !compiled.matches(in: graph, at: $0, limit: 1).isEmpty }
            let runner = Runner(rules: [compiled], limits: SaturationLimits(iterations: 1))
            do {
                _ = try runner.run(&graph)
            } catch {
                out.append("\(place): \(error.description)")
                continue
            }
            if example.fires && !fired {
                out.append("\(place): expected it to fire on \(example.term), it did not")
            } else if !example.fires && fired {
                out.append("\(place): expected it not to fire on \(example.term), it did")
            } else if let expected = example.expected {
                let e = add(expected, to: &graph, leaves: &leaves)
                graph.rebuild()
                if graph.find(e) != graph.find(root) {
                    out.append("\(place): \(example.term) did not become \(expected)")
                }
            }
        }
        return out
    }

    /// Examples of a load/store rule: the access's address is added to an e-graph, the
    /// rule's rewrites of it are computed, and the expected access (same kind) must be one
    /// of them, offset and address.
    static func accessFailures(of rule: Rule) -> [String] {
        var out: [String] = []
        let rewriter = AccessRewriter([rule], wrapping: true)
        for example in rule.examples {
            let place = "\(rule.location.file):\(example.line): error: rule \(rule.name)"
            guard case .access(let kind, let offsetExpr, let address) = example.term,
                let offset = ConstantEvaluation.evaluate(offsetExpr, width: 64, constants: { _ in nil })
            else {
                out.append("\(place): an example of a load/store rule is a load/store with a literal offset")
                continue
            }
            var graph = EGraph()
            var leaves: [String: EClassId] = [:]
            let root = add(address, to: &graph, leaves: &leaves)
            graph.rebuild()
            let results = rewriter.rewrites(store: kind.isStore, offset: offset, address: root, in: &graph)
            graph.rebuild()
            if example.fires && results.isEmpty {
                out.append("\(place): expected it to fire on \(example.term), it did not")
            } else if !example.fires && !results.isEmpty {
                out.append("\(place): expected it not to fire on \(example.term), it did")
            } else if let expected = example.expected, case .access(_, let e, let a) = expected {
                let want = ConstantEvaluation.evaluate(e, width: 64, constants: { _ in nil })
                let wantAddress = add(a, to: &graph, leaves: &leaves)
                graph.rebuild()
                if !results.contains(where: { $0.offset == want && graph.find($0.address) == graph.find(wantAddress) })
                {
                    out.append("\(place): \(example.term) did not become \(expected)")
                }
            }
        }
        return out
    }

    /// Adds a ground term: its variables become leaves numbered by first appearance (made
    /// once, so the expected term shares them), its constants are literals.
    static func add(_ p: Pattern, to graph: inout EGraph, leaves: inout [String: EClassId]) -> EClassId {
        for (name, type) in p.variables where leaves[name] == nil {
            leaves[name] = graph.add(ENode(.leaf(ScalarType(type) ?? .i32, UInt64(leaves.count))))
        }
        let bound = leaves
        return p.add(
            to: &graph, variable: { bound[$0] },
            constant: { e, type in ConstantEvaluation.evaluate(e, width: type.bits, constants: { _ in nil }) ?? 0 }
        ) ?? EClassId.none
    }
}
