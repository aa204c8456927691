extension Encoder {
    /// sp or pc, which most 32-bit encodings may not name (the manual's `BadReg`).
    static func bad(_ r: Register) -> Bool { r == .sp || r == .pc }

    /// Refuses register choices the ARMv7-M manual calls UNPREDICTABLE (or that would
    /// encode a different instruction, like `ldrb pc` being `pld`), so a code generator
    /// cannot emit them by accident.
    static func checkRegisters(_ i: ThumbInstruction) throws(EncodingError) {
        func refuse(_ why: String) -> EncodingError { fail(i, why) }
        switch i {
        case .data(let op, _, let rd, let rn, let operand):
            let spArithmetic = (op == .add || op == .sub) && rn == .sp
            if rd == .pc || (rd == .sp && !spArithmetic) { throw refuse("rd may not be sp or pc here") }
            if rn == .pc || (rn == .sp && op != .add && op != .sub) { throw refuse("rn may not be sp or pc here") }
            if case .register(let m) = operand, m.register == .pc || (m.register == .sp && op != .add) {
                throw refuse("rm may not be sp or pc here")
            }
        case .compare(_, let rn, let operand):
            if rn == .pc { throw refuse("rn may not be pc") }
            if case .register(let m) = operand, bad(m.register) { throw refuse("rm may not be sp or pc") }
        case .mov(_, let rd, let operand), .mvn(_, let rd, let operand):
            if case .register(let m) = operand, m.isPlain, case .mov(false, _, _) = i {
                return  // the 16-bit mov names any registers
            }
            if bad(rd) { throw refuse("rd may not be sp or pc") }
            if case .register(let m) = operand, bad(m.register) { throw refuse("rm may not be sp or pc") }
        case .shift(_, _, let rd, let rn, let rm), .mul(_, let rd, let rn, let rm), .divide(_, let rd, let rn, let rm):
            if bad(rd) || bad(rn) || bad(rm) { throw refuse("registers may not be sp or pc") }
        case .mla(let rd, let rn, let rm, let ra), .mls(let rd, let rn, let rm, let ra):
            if bad(rd) || bad(rn) || bad(rm) || bad(ra) { throw refuse("registers may not be sp or pc") }
        case .longMultiply(_, let lo, let hi, let rn, let rm):
            if bad(lo) || bad(hi) || bad(rn) || bad(rm) { throw refuse("registers may not be sp or pc") }
            if lo == hi { throw refuse("the two result registers must differ") }
        case .bits(_, let rd, let rm), .extend(_, let rd, let rm, _), .bfi(let rd, let rm, _, _),
            .bitfieldExtract(_, let rd, let rm, _, _), .saturate(_, let rd, let rm, _, _):
            if bad(rd) || bad(rm) { throw refuse("registers may not be sp or pc") }
        case .bfc(let rd, _, _), .movw(let rd, _), .movt(let rd, _):
            if bad(rd) { throw refuse("rd may not be sp or pc") }
        case .load(let width, let rt, let address):
            if rt == .pc && width != .word { throw refuse("a byte or halfword load into pc is a hint, not a load") }
            if rt == .sp && width != .word { throw refuse("rt may not be sp") }
            try checkAddress(i, address, rt: [rt])
        case .store(_, let rt, let address):
            if rt == .pc { throw refuse("rt may not be pc") }
            try checkAddress(i, address, rt: [rt])
        case .loadDual(let rt, let rt2, let address), .storeDual(let rt, let rt2, let address):
            if bad(rt) || bad(rt2) { throw refuse("registers may not be sp or pc") }
            if case .loadDual = i, rt == rt2 { throw refuse("the two registers must differ") }
            try checkAddress(i, address, rt: [rt, rt2])
        case .loadMultiple(let rn, let writeback, let list, _):
            if rn == .pc || list.contains(.sp) || (list.contains(.pc) && list.contains(.lr)) || list.count < 1 {
                throw refuse("bad register list")
            }
            if writeback && list.contains(rn) { throw refuse("the base may not be loaded with writeback") }
        case .storeMultiple(let rn, let writeback, let list, _):
            if rn == .pc || list.contains(.sp) || list.contains(.pc) || list.count < 1 {
                throw refuse("bad register list")
            }
            if writeback && list.contains(rn) { throw refuse("the base may not be stored with writeback") }
        case .push(let list):
            if list.contains(.sp) || list.contains(.pc) || list.count < 1 { throw refuse("push takes no sp or pc") }
        case .pop(let list):
            if list.contains(.sp) || (list.contains(.pc) && list.contains(.lr)) || list.count < 1 {
                throw refuse("pop takes no sp, nor both lr and pc")
            }
        case .tableBranch(_, let rn, let rm):
            if rn == .sp || bad(rm) { throw refuse("bad table branch registers") }
        case .bx, .blx, .b, .bl, .cbz, .it, .udf, .nop, .barrier:
            if case .blx(.pc) = i { throw refuse("blx pc") }
        }
    }

    static func checkAddress(_ i: ThumbInstruction, _ address: Address, rt: [Register]) throws(EncodingError) {
        switch address {
        case .offset, .literal: return
        case .preIndexed(let rn, _), .postIndexed(let rn, _):
            if rn == .pc || rt.contains(rn) { throw fail(i, "writeback to pc or to a transferred register") }
        case .register(_, let rm, _):
            if bad(rm) { throw fail(i, "the offset register may not be sp or pc") }
        case .unprivileged(let rn, _):
            if rn == .pc { throw fail(i, "an unprivileged access may not be pc-relative") }
        }
    }
}
