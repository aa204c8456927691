/// A machine pass after allocation: a reload of the register just spilled to the same slot
/// reads what the register holds, so it goes.
///
/// Invariant: only a `reload` directly after a `spill` of the same register to the same slot
/// is removed.
enum ReloadsAfterSpills {
    static func run(_ code: [MachineInstruction]) -> [MachineInstruction] {
        var out: [MachineInstruction] = []
        out.reserveCapacity(code.count)
        for i in code {
            if case .reload(let slot) = i.op, let last = out.last, case .spill(let s) = last.op, s == slot,
                last.regs.first == i.regs.first
            {
                continue
            }
            out.append(i)
        }
        return out
    }

}
