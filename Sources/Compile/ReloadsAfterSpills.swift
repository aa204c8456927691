/// A machine pass after allocation: a reload of a slot into a register that still holds
/// that slot's value goes — the register was stored to the slot (a spill) or loaded from it
/// (an earlier reload) on every path here, and since then neither the register was written
/// nor the slot stored from another register. Each value spilled then costs one reload per
/// stretch of code in which its register survives, not one per read.
///
/// Invariant: only a `reload` whose register provably holds the slot's value is removed;
/// what is known flows along every edge (`ForwardFacts`: into a join only what all its paths
/// agree on, into a loop header what holds around the loop); a call forgets the registers
/// it clobbers (its `defs`), never a slot (no callee writes the caller's spill slots).
enum ReloadsAfterSpills {
    static func run(_ code: [MachineInstruction]) -> [MachineInstruction] {
        // The slot whose value each register holds.
        ForwardFacts<[VReg: Int]>.agreeing().run(code) { holds, i in
            switch i.op {
            case .reload(let slot):
                guard let r = i.regs.first else { break }
                if holds[r] == slot { return [] }
                holds[r] = slot
            case .spill(let slot):
                guard let r = i.regs.first else { break }
                holds = holds.filter { $0.value != slot }
                holds[r] = slot
            default:
                for d in i.defs { holds[d] = nil }
            }
            return [i]
        }
    }
}
