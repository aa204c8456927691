extension Address {
    /// The registers the address reads, and the one it writes back (pre/post-indexed).
    var registers: (reads: [Register], writes: [Register]) {
        switch self {
        case .offset(let rn, _), .unprivileged(let rn, _): ([rn], [])
        case .preIndexed(let rn, _), .postIndexed(let rn, _): ([rn], [rn])
        case .register(let rn, let rm, _): ([rn, rm], [])
        case .literal: ([.pc], [])
        }
    }

    func mapRegisters(_ f: (Register) -> Register) -> Address {
        switch self {
        case .offset(let rn, let o): .offset(f(rn), o)
        case .preIndexed(let rn, let o): .preIndexed(f(rn), o)
        case .postIndexed(let rn, let o): .postIndexed(f(rn), o)
        case .register(let rn, let rm, let s): .register(f(rn), f(rm), shift: s)
        case .unprivileged(let rn, let o): .unprivileged(f(rn), o)
        case .literal: self
        }
    }
}

extension Operand {
    func mapRegisters(_ f: (Register) -> Register) -> Operand {
        switch self {
        case .register(let m): .register(ShiftedRegister(f(m.register), m.shift, m.amount))
        case .immediate: self
        }
    }

    var registers: [Register] {
        if case .register(let m) = self { return [m.register] }
        return []
    }
}

extension ThumbInstruction {
    /// The registers the instruction reads and writes (flags and pc changes of branches
    /// aside), what a register allocator needs for liveness.
    public var registers: (reads: [Register], writes: [Register]) {
        switch self {
        case .data(_, _, let rd, let rn, let operand):
            return ([rn] + operand.registers, [rd])
        case .compare(_, let rn, let operand): return ([rn] + operand.registers, [])
        case .mov(_, let rd, let operand), .mvn(_, let rd, let operand): return (operand.registers, [rd])
        case .shift(_, _, let rd, let rn, let rm), .mul(_, let rd, let rn, let rm), .divide(_, let rd, let rn, let rm):
            return ([rn, rm], [rd])
        case .movw(let rd, _): return ([], [rd])
        case .movt(let rd, _): return ([rd], [rd])
        case .mla(let rd, let rn, let rm, let ra), .mls(let rd, let rn, let rm, let ra): return ([rn, rm, ra], [rd])
        case .longMultiply(let op, let lo, let hi, let rn, let rm):
            let accumulates = op == .smlal || op == .umlal
            return ((accumulates ? [lo, hi] : []) + [rn, rm], [lo, hi])
        case .bits(_, let rd, let rm), .extend(_, let rd, let rm, _): return ([rm], [rd])
        case .bfi(let rd, let rn, _, _): return ([rd, rn], [rd])
        case .bfc(let rd, _, _): return ([rd], [rd])
        case .bitfieldExtract(_, let rd, let rn, _, _), .saturate(_, let rd, let rn, _, _): return ([rn], [rd])
        case .load(_, let rt, let a):
            let r = a.registers
            return (r.reads, [rt] + r.writes)
        case .store(_, let rt, let a):
            let r = a.registers
            return ([rt] + r.reads, r.writes)
        case .loadDual(let rt, let rt2, let a):
            let r = a.registers
            return (r.reads, [rt, rt2] + r.writes)
        case .storeDual(let rt, let rt2, let a):
            let r = a.registers
            return ([rt, rt2] + r.reads, r.writes)
        case .loadMultiple(let rn, let wb, let list, _): return ([rn], list.registers + (wb ? [rn] : []))
        case .storeMultiple(let rn, let wb, let list, _): return ([rn] + list.registers, wb ? [rn] : [])
        case .push(let list): return ([.sp] + list.registers, [.sp])
        case .pop(let list): return ([.sp], [.sp] + list.registers)
        case .bx(let r), .blx(let r): return ([r], [])
        case .cbz(_, let rn, _): return ([rn], [])
        case .tableBranch(_, let rn, let rm): return ([rn, rm], [])
        case .b, .bl, .it, .udf, .nop, .barrier: return ([], [])
        }
    }

    /// The instruction with every register `r` replaced by `f(r)`.
    public func mapRegisters(_ f: (Register) -> Register) -> ThumbInstruction {
        switch self {
        case .data(let op, let s, let rd, let rn, let operand):
            .data(op, s: s, rd: f(rd), rn: f(rn), operand.mapRegisters(f))
        case .compare(let op, let rn, let operand): .compare(op, rn: f(rn), operand.mapRegisters(f))
        case .mov(let s, let rd, let operand): .mov(s: s, rd: f(rd), operand.mapRegisters(f))
        case .mvn(let s, let rd, let operand): .mvn(s: s, rd: f(rd), operand.mapRegisters(f))
        case .shift(let sh, let s, let rd, let rn, let rm): .shift(sh, s: s, rd: f(rd), rn: f(rn), rm: f(rm))
        case .movw(let rd, let v): .movw(rd: f(rd), v)
        case .movt(let rd, let v): .movt(rd: f(rd), v)
        case .mul(let s, let rd, let rn, let rm): .mul(s: s, rd: f(rd), rn: f(rn), rm: f(rm))
        case .mla(let rd, let rn, let rm, let ra): .mla(rd: f(rd), rn: f(rn), rm: f(rm), ra: f(ra))
        case .mls(let rd, let rn, let rm, let ra): .mls(rd: f(rd), rn: f(rn), rm: f(rm), ra: f(ra))
        case .longMultiply(let op, let lo, let hi, let rn, let rm):
            .longMultiply(op, lo: f(lo), hi: f(hi), rn: f(rn), rm: f(rm))
        case .divide(let signed, let rd, let rn, let rm): .divide(signed: signed, rd: f(rd), rn: f(rn), rm: f(rm))
        case .bits(let op, let rd, let rm): .bits(op, rd: f(rd), rm: f(rm))
        case .extend(let op, let rd, let rm, let rotation): .extend(op, rd: f(rd), rm: f(rm), rotation: rotation)
        case .bfi(let rd, let rn, let lsb, let width): .bfi(rd: f(rd), rn: f(rn), lsb: lsb, width: width)
        case .bfc(let rd, let lsb, let width): .bfc(rd: f(rd), lsb: lsb, width: width)
        case .bitfieldExtract(let signed, let rd, let rn, let lsb, let width):
            .bitfieldExtract(signed: signed, rd: f(rd), rn: f(rn), lsb: lsb, width: width)
        case .saturate(let signed, let rd, let rn, let bits, let asr):
            .saturate(signed: signed, rd: f(rd), rn: f(rn), bits: bits, asr: asr)
        case .load(let w, let rt, let a): .load(w, rt: f(rt), a.mapRegisters(f))
        case .store(let w, let rt, let a): .store(w, rt: f(rt), a.mapRegisters(f))
        case .loadDual(let rt, let rt2, let a): .loadDual(rt: f(rt), rt2: f(rt2), a.mapRegisters(f))
        case .storeDual(let rt, let rt2, let a): .storeDual(rt: f(rt), rt2: f(rt2), a.mapRegisters(f))
        case .loadMultiple(let rn, let wb, let list, let db):
            .loadMultiple(rn: f(rn), writeback: wb, RegisterList(list.registers.map(f)), decrementBefore: db)
        case .storeMultiple(let rn, let wb, let list, let db):
            .storeMultiple(rn: f(rn), writeback: wb, RegisterList(list.registers.map(f)), decrementBefore: db)
        case .push(let list): .push(RegisterList(list.registers.map(f)))
        case .pop(let list): .pop(RegisterList(list.registers.map(f)))
        case .bx(let r): .bx(f(r))
        case .blx(let r): .blx(f(r))
        case .cbz(let nz, let rn, let o): .cbz(nonzero: nz, rn: f(rn), offset: o)
        case .tableBranch(let h, let rn, let rm): .tableBranch(halfwords: h, rn: f(rn), rm: f(rm))
        case .b, .bl, .it, .udf, .nop, .barrier: self
        }
    }

    /// Whether the instruction may change the flags (an `s` form, a compare, or a 16-bit
    /// data-processing form outside an IT block).
    public var mayWriteFlags: Bool {
        switch self {
        case .data(_, let s, _, _, _), .mov(let s, _, _), .mvn(let s, _, _), .shift(_, let s, _, _, _),
            .mul(let s, _, _, _):
            s
        case .compare: true
        default: false
        }
    }
}
