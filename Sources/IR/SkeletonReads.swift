import EGraph

/// The classes a skeleton's lowered code computes: those its statements read outright, and
/// for each slot, the values its incoming edges carry, needed only when the program reads
/// the slot's leaf.
///
/// Invariant: `roots` lists each class once (as its root, in the order first read): every
/// effect's operands, check, condition, `br_table` index, and value carried to the function's
/// end; `slotInputs[leaf]` lists, for each slot not retired, the values its edges carry.
public struct SkeletonReads: Sendable {
    public var roots: [EClassId] = []
    public var slotInputs: [UInt32: [EClassId]] = [:]

    public init(_ skeleton: Skeleton, graph: EGraph) {
        var seen = Set<EClassId>()
        func need(_ c: EClassId) {
            let r = graph.root(c)
            if seen.insert(r).inserted { roots.append(r) }
        }
        var edgesInto: [Int: [Int]] = [:]
        func edge(_ e: Int, _ label: Int) {
            if label == 0 { skeleton.edges[e].stack.forEach(need) } else { edgesInto[label, default: []].append(e) }
        }
        func walk(_ body: [Statement]) {
            for s in body {
                switch s {
                case .effect(let i): skeleton.effects[i].operands.forEach(need)
                case .check(let c): need(c)
                case .block(let label, let inner, let exit):
                    walk(inner)
                    if let e = exit { edge(e, label) }
                case .loop(let label, let entry, let inner):
                    edge(entry, label)
                    walk(inner)
                case .if(let label, let condition, let a, let aEnd, let b, let bEnd):
                    need(condition)
                    walk(a)
                    if let e = aEnd { edge(e, label) }
                    walk(b)
                    if let e = bEnd { edge(e, label) }
                case .br(let label, let e): edge(e, label)
                case .brIf(let label, let condition, let e):
                    edge(e, label)
                    need(condition)
                case .brTable(let labels, let fallback, let index, let e):
                    for l in Set(labels + [fallback]) { edge(e, l) }
                    need(index)
                case .unreachable: break
                }
            }
        }
        walk(skeleton.body)
        if let e = skeleton.exit { edge(e, 0) }
        for (l, label) in skeleton.labels.enumerated() {
            for slot in label.slots where !skeleton.retired.contains(slot.leaf) {
                var inputs: [EClassId] = []
                for e in edgesInto[l] ?? [] {
                    let r = graph.root(skeleton.edges[e].value(slot.source))
                    if !inputs.contains(r) { inputs.append(r) }
                }
                slotInputs[slot.leaf] = inputs
            }
        }
    }
}
