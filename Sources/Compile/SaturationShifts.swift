import Thumb

/// A machine pass before allocation: an `ssat`/`usat` whose source is an arithmetic shift
/// right by a constant, made in the same block for it alone, shifts as it saturates —
/// `asr x, y, #1; ssat d, #16, x` becomes `ssat d, #16, y, asr #1` (a fixed-point product or
/// average clamped to 16 bits, which the elaborator leaves in a local because the clamp reads
/// it three times).
///
/// Invariant: the shift goes only when its result is read by the saturation alone (one
/// definition, one read), both lie in one block, and nothing between them writes the shift's
/// source, so the saturation sees the value the shift saw.
enum SaturationShifts {
    static func run(_ f: inout MachineFunction) -> Int {
        var definitions: [VReg: Int] = [:]
        var reads: [VReg: Int] = [:]
        var definedAt: [VReg: Int] = [:]
        for (k, i) in f.code.enumerated() {
            for d in i.defs {
                definitions[d, default: 0] += 1
                definedAt[d] = k
            }
            for u in i.uses { reads[u, default: 0] += 1 }
        }
        var removed = Set<Int>()
        for (k, i) in f.code.enumerated() {
            guard case .instruction(.saturate(let signed, let rd, let rn, let bits, 0)) = i.op, i.regs.count == 2,
                let x = i.uses.first, i.uses.count == 1, x.isVirtual, definitions[x] == 1, reads[x] == 1,
                let j = definedAt[x], j < k, let (y, amount) = shift(f.code[j]), y != x
            else { continue }
            // One block, and y unchanged from the shift to the saturation.
            let between = f.code[(j + 1)..<k]
            guard
                !between.contains(where: { b in
                    switch b.op {
                    case .label, .branch, .compareBranch, .switchTable, .ret: true
                    default: b.defs.contains(y)
                    }
                })
            else { continue }
            f.code[k] = .instruction(
                .saturate(signed: signed, rd: rd, rn: rn, bits: bits, asr: amount), [i.regs[0], y])
            removed.insert(j)
        }
        f.code = f.code.enumerated().filter { !removed.contains($0.offset) }.map(\.element)
        return removed.count
    }

    /// `(y, k)` when `i` only writes `y >> k` (arithmetic, k 1–31) into its one register.
    static func shift(_ i: MachineInstruction) -> (VReg, UInt8)? {
        guard i.defs.count == 1, i.regs.count == 2, i.regs[0] == i.defs[0] else { return nil }
        switch i.op {
        case .flexible(.mov(_, .r0, .register(let s))), .instruction(.mov(false, .r0, .register(let s))):
            guard s.register == .r1, s.shift == .asr, (1...31).contains(s.amount) else { return nil }
            return (i.regs[1], s.amount)
        default: return nil
        }
    }
}
