/// A machine pass after allocation: a reload of a slot into a register that still holds
/// that slot's value goes — the register was stored to the slot (a spill) or loaded from it
/// (an earlier reload) in the same block, and since then neither the register was written
/// nor the slot stored from another register. Each value spilled then costs one reload per
/// stretch of a block in which its register survives, not one per read.
///
/// Invariant: only a `reload` whose register provably holds the slot's value is removed;
/// what a block knows is forgotten at every label and control transfer.
enum ReloadsAfterSpills {
    static func run(_ code: [MachineInstruction]) -> [MachineInstruction] {
        var out: [MachineInstruction] = []
        out.reserveCapacity(code.count)
        // The slot whose value each register holds, in the current block.
        var holds: [VReg: Int] = [:]
        for i in code {
            switch i.op {
            case .reload(let slot):
                guard let r = i.regs.first else { break }
                if holds[r] == slot { continue }
                holds[r] = slot
            case .spill(let slot):
                guard let r = i.regs.first else { break }
                holds = holds.filter { $0.value != slot }
                holds[r] = slot
            case .label, .branch, .compareBranch, .switchTable, .ret, .call, .callIndirect:
                holds = [:]
            default:
                for d in i.defs { holds[d] = nil }
            }
            out.append(i)
        }
        return out
    }
}
