import Thumb

/// A machine pass after allocation: moving a constant into a register that already holds it
/// goes — the register was given that constant (or a copy of a register holding it) earlier
/// in the same block and not written since. The allocator rematerializes a constant before
/// each use it cannot keep in a register (a zero stored to several spill slots, a result
/// set on several paths), and two uses often land in one register.
///
/// A constant that takes a 32-bit encoding (a `movw`, an `mvn`, a `mov.w` into a high
/// register or of a wide immediate) or a literal-pool word, while another register holds
/// that value, becomes a 16-bit copy of that register: the zeros given to r8–r11 at a loop's
/// entry, an address or mask needed in two registers.
///
/// Invariant: only an instruction whose sole effect is to give a register a constant is
/// touched — removed when the register provably holds it already, or replaced by a copy of
/// a register that provably does: a `mov`/`mvn` of an immediate whose flags nothing reads
/// (`flexible`, or the `s` bit clear), a `movw`, a literal load; what is known flows along
/// every edge (`ForwardFacts`: into a join only what all its paths agree on, into a loop
/// header what holds around the loop), and is forgotten for a register at any instruction
/// that writes it.
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

    /// Whether `i` (a constant, per `value(of:)`) takes a 16-bit encoding and no pool word: a
    /// `movs` of an 8-bit immediate into r0–r7 (a flexible `mov`, whose flags are free).
    static func isNarrow(_ i: MachineInstruction) -> Bool {
        guard case .flexible(.mov(_, _, .immediate(let v))) = i.op, let r = i.regs.first?.physical else { return false }
        return v <= 255 && r.rawValue < 8
    }

    static func run(_ code: [MachineInstruction]) -> [MachineInstruction] {
        // The constant each register holds.
        ForwardFacts<[VReg: UInt32]>.agreeing().run(code) { known, i in
            if let v = value(of: i), let r = i.defs.first {
                if known[r] == v { return [] }
                known[r] = v
                if !isNarrow(i), let holder = known.filter({ $0.key != r && $0.value == v }).keys.min() {
                    return [.copy(r, holder)]
                }
                return [i]
            }
            if case .copy = i.op, i.regs.count == 2 {
                let v = known[i.regs[1]]
                for d in i.defs { known[d] = nil }
                known[i.regs[0]] = v
                return [i]
            }
            for d in i.defs { known[d] = nil }
            return [i]
        }
    }
}
