import EGraph
import IR

/// If-conversion on a lifted function: an `if`/`else` whose arms only compute values, or a
/// block left early by `br_if`s with nothing else in it, merges its values with `select`
/// instead of branching. Each slot of the construct becomes `select(taken, other, condition)`
/// in the e-graph (where the rules keep working on it: clamps, ring-index wraps) and the
/// construct disappears from the skeleton.
///
/// Invariants: only constructs whose arms hold no statement at all are converted — no
/// effect, no trap check, no branch but the `br_if`s themselves — so evaluating both arms'
/// values (which `select` does) computes nothing that could trap or be observed; converted
/// slot leaves are retired (their class holds the `select`). Inner constructs are converted
/// first, so nested diamonds fold into nested selects.
public enum IfConversion {
    /// Converts what can be converted; returns how many constructs were.
    @discardableResult
    public static func apply(_ skeleton: inout Skeleton, _ graph: inout EGraph) -> Int {
        var count = 0
        skeleton.body = region(skeleton.body, &skeleton, &graph, &count)
        graph.rebuild()
        return count
    }

    static func region(_ body: [Statement], _ s: inout Skeleton, _ g: inout EGraph, _ count: inout Int) -> [Statement] {
        var out: [Statement] = []
        for statement in body {
            switch statement {
            case .block(let label, let inner, let exit):
                let inner = region(inner, &s, &g, &count)
                if let exit, convertBlock(label, inner, exit, &s, &g) {
                    count += 1
                    continue
                }
                out.append(.block(label: label, body: inner, exit: exit))
            case .loop(let label, let entry, let inner):
                out.append(.loop(label: label, entry: entry, body: region(inner, &s, &g, &count)))
            case .if(let label, let condition, let a, let aEnd, let b, let bEnd):
                let a = region(a, &s, &g, &count)
                let b = region(b, &s, &g, &count)
                if a.isEmpty, b.isEmpty, let aEnd, let bEnd, s.labels[label].edges.count == 2 {
                    for slot in s.labels[label].slots {
                        let taken = s.edges[aEnd].value(slot.source)
                        let other = s.edges[bEnd].value(slot.source)
                        merge(slot, g.add(ENode(.select(slot.type), [taken, other, condition])), &s, &g)
                    }
                    count += 1
                    continue
                }
                out.append(.if(label: label, condition: condition, then: a, thenEnd: aEnd, else: b, elseEnd: bEnd))
            default:
                out.append(statement)
            }
        }
        return out
    }

    /// A block whose body is only `br_if`s to itself: each slot is the value of the first
    /// branch taken, or the value falling through the end.
    static func convertBlock(
        _ label: Int, _ body: [Statement], _ exit: Int, _ s: inout Skeleton, _ g: inout EGraph
    ) -> Bool {
        var branches: [(condition: EClassId, edge: Int)] = []
        for statement in body {
            guard case .brIf(let target, let condition, let edge) = statement, target == label else { return false }
            branches.append((condition, edge))
        }
        guard !branches.isEmpty, s.labels[label].edges.count == branches.count + 1 else { return false }
        for slot in s.labels[label].slots {
            var value = s.edges[exit].value(slot.source)
            for (condition, edge) in branches.reversed() {
                value = g.add(ENode(.select(slot.type), [s.edges[edge].value(slot.source), value, condition]))
            }
            merge(slot, value, &s, &g)
        }
        return true
    }

    static func merge(_ slot: Slot, _ value: EClassId, _ s: inout Skeleton, _ g: inout EGraph) {
        g.union(s.leaves[Int(slot.leaf)].eclass, value)
        s.retired.insert(slot.leaf)
    }
}
