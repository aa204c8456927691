import Thumb

/// A machine pass after allocation: moving a constant into a register that already holds it
/// goes — the register was given that constant (or a copy of a register holding it) earlier
/// in the same block and not written since. The allocator rematerializes a constant before
/// each use it cannot keep in a register (a zero stored to several spill slots, a result
/// set on several paths), and two uses often land in one register.
///
/// Invariant: only an instruction whose sole effect is to give a register the value it
/// provably holds is removed: a `mov`/`mvn` of an immediate whose flags nothing reads
/// (`flexible`, or the `s` bit clear), a `movw`, a literal load; what a block knows is
/// forgotten at every label, and a register at any instruction that writes it.
enum KnownConstants {
    /// The constant `i` gives its only register, when that is all it does.
    static func value(of i: MachineInstruction) -> UInt32? {
        guard i.defs.count == 1, i.regs.first == i.defs.first else { return nil }
        switch i.op {
        case .constant(let v): return v
        case .flexible(.mov(_, _, .immediate(let v))), .instruction(.mov(s: false, _, .immediate(let v))):
            return v
        case .flexible(.mvn(_, _, .immediate(let v))), .instruction(.mvn(s: false, _, .immediate(let v))):
            return ~v
        case .instruction(.movw(_, let v)): return UInt32(v)
        default: return nil
        }
    }

    static func run(_ code: [MachineInstruction]) -> [MachineInstruction] {
        var out: [MachineInstruction] = []
        out.reserveCapacity(code.count)
        // The constant each register holds, in the current block.
        var known: [VReg: UInt32] = [:]
        for i in code {
            if let v = value(of: i), let r = i.defs.first {
                if known[r] == v { continue }
                known[r] = v
                out.append(i)
                continue
            }
            switch i.op {
            case .label:
                known = [:]
            case .copy where i.regs.count == 2:
                let v = known[i.regs[1]]
                for d in i.defs { known[d] = nil }
                known[i.regs[0]] = v
            default:
                for d in i.defs { known[d] = nil }
            }
            out.append(i)
        }
        return out
    }
}
