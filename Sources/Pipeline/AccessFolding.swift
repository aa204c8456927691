import EGraph
import IR
import Lift
import Rewrite
import WasmModel

/// The skeleton pass `fold-accesses`, after saturation: the load/store rules
/// (`rules/memory.weft`, compiled into an `AccessRewriter`) applied to every memory access
/// of a 32-bit memory: the address operand and the offset change together (several times,
/// for nested constant adds), where a no-wrap fact allows it.
///
/// Invariant: an access keeps its width and its effective address (offset plus operand) for
/// every input; only the split between the two changes.
struct AccessFolding {
    let accesses: AccessRewriter

    func apply(_ skeleton: inout Skeleton, _ graph: inout EGraph) -> Int {
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
