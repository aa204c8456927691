import EGraph
import WasmModel

/// A lifted function as text, for `--print-after`: the skeleton's statements in order (effects
/// with their operand classes and result leaves, checks, constructs with their labels and
/// edges), then each class they read with the node extraction chose for it (or would choose
/// by Wasm bytes, before extraction) (`%7 = i32.add %3 %5`), dependencies first.
///
/// Invariant: every class named in the statements is defined in the values part (when some
/// program computes it), so the text reads as a complete program.
public enum SkeletonText {
    /// The values are shown as `extraction` chose them (by Wasm bytes when nil).
    public static func text(_ skeleton: Skeleton, graph: EGraph, extraction: Extractor? = nil) -> String {
        var lines: [String] = []
        var roots: [EClassId] = []
        func name(_ c: EClassId) -> String {
            let r = graph.root(c)
            roots.append(r)
            return "%\(r.raw)"
        }
        func edge(_ e: Int) -> String {
            guard e < skeleton.edges.count else { return "e\(e)?" }
            let state = skeleton.edges[e]
            let vars = state.variables.map(name).joined(separator: " ")
            let stack = state.stack.map(name).joined(separator: " ")
            return "e\(e)(\(vars)\(stack.isEmpty ? "" : " | " + stack))"
        }
        func region(_ body: [Statement], _ indent: String) {
            for s in body {
                switch s {
                case .effect(let i):
                    let effect = skeleton.effects[i]
                    let operands = effect.operands.map(name).joined(separator: " ")
                    let results =
                        effect.results.isEmpty
                        ? "" : " -> " + effect.results.map { "leaf \($0)" }.joined(separator: " ")
                    lines.append("\(indent)effect \(i): \(effect.instruction.text) \(operands)\(results)")
                case .check(let c): lines.append("\(indent)check \(name(c))")
                case .block(let label, let inner, let exit):
                    lines.append("\(indent)block L\(label) {")
                    region(inner, indent + "  ")
                    lines.append("\(indent)} exit \(exit.map(edge) ?? "none")")
                case .loop(let label, let entry, let inner):
                    lines.append("\(indent)loop L\(label) entry \(edge(entry)) {")
                    region(inner, indent + "  ")
                    lines.append("\(indent)}")
                case .if(let label, let condition, let a, let aEnd, let b, let bEnd):
                    lines.append("\(indent)if L\(label) \(name(condition)) {")
                    region(a, indent + "  ")
                    lines.append("\(indent)} end \(aEnd.map(edge) ?? "none") else {")
                    region(b, indent + "  ")
                    lines.append("\(indent)} end \(bEnd.map(edge) ?? "none")")
                case .br(let label, let e): lines.append("\(indent)br L\(label) \(edge(e))")
                case .brIf(let label, let condition, let e):
                    lines.append("\(indent)br_if L\(label) \(name(condition)) \(edge(e))")
                case .brTable(let labels, let fallback, let index, let e):
                    let targets = labels.map { "L\($0)" }.joined(separator: " ")
                    lines.append("\(indent)br_table [\(targets)] L\(fallback) \(name(index)) \(edge(e))")
                case .unreachable: lines.append("\(indent)unreachable")
                }
            }
        }
        let parameters = skeleton.parameters.map(\.description).joined(separator: " ")
        let results = skeleton.results.map(\.description).joined(separator: " ")
        lines.append("function (param \(parameters)) (result \(results))")
        region(skeleton.body, "  ")
        lines.append("  exit \(skeleton.exit.map(edge) ?? "none")")
        if !skeleton.retired.isEmpty {
            lines.append("  retired leaves: " + skeleton.retired.sorted().map(String.init).joined(separator: " "))
        }
        // The values, each after the classes it reads.
        let extractor = extraction ?? Extractor(graph)
        var done: Set<EClassId> = []
        var values: [String] = []
        func define(_ c: EClassId) {
            var work: [(EClassId, Bool)] = [(graph.root(c), false)]
            while let (c, expanded) = work.popLast() {
                if expanded {
                    guard let node = extractor.choice(c) else {
                        values.append("  %\(c.raw) = (no program)")
                        continue
                    }
                    let operands = node.children.map { "%\(graph.root($0).raw)" }.joined(separator: " ")
                    let op = node.op.kind == .leaf ? "leaf \(node.op.payload) (\(node.op.type))" : "\(node.op)"
                    values.append("  %\(c.raw) = \(op)\(operands.isEmpty ? "" : " " + operands)")
                    continue
                }
                guard done.insert(c).inserted else { continue }
                work.append((c, true))
                for child in (extractor.choice(c)?.children ?? []).reversed() {
                    work.append((graph.root(child), false))
                }
            }
        }
        for r in roots { define(r) }
        lines.append("values:")
        lines += values
        return lines.joined(separator: "\n")
    }
}
