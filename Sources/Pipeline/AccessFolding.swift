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
                        .first(where: {
                            graph.find($0.address) != graph.find(effect.operands[0])
                                && !Self.wrapsAConstant($0.offset, graph.facts($0.address).constant)
                        })
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

    /// Whether a constant address and an offset sum past 2^32: a wrapping rule's fold of
    /// `k + c` (a small address) the target would wrap, but that reads, in 33 bits, as an
    /// address past every memory (an access `weft compile` turns into a trap).
    static func wrapsAConstant(_ offset: UInt64, _ constant: UInt64?) -> Bool {
        guard let k = constant else { return false }
        return (k & 0xFFFF_FFFF) + offset > 0xFFFF_FFFF
    }
}
