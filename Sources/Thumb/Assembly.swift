/// Instructions as unified assembler language (UAL) text that LLVM's assembler accepts and
/// encodes as `Encoder` does: lower-case mnemonics, decimal immediates, branch offsets as
/// `#imm` (the distance from the instruction plus 4).
///
/// Invariant: no width suffix is written, so the assembler's choice of encoding is compared,
/// not dictated.
public enum Assembly {
    /// `instruction` with `condition` as its suffix (the condition an `it` block gives it).
    public static func text(_ instruction: ThumbInstruction, condition: Condition = .al) -> String {
        let c = condition.description
        func s(_ flag: Bool) -> String { flag ? "s" : "" }
        switch instruction {
        case .data(let op, let flags, let rd, let rn, let operand):
            return "\(op)\(s(flags))\(c) \(rd), \(rn), \(text(operand))"
        case .compare(let op, let rn, let operand):
            return "\(op)\(c) \(rn), \(text(operand))"
        case .mov(let flags, let rd, .register(let m)) where !m.isPlain:
            return "\(m.shift)\(s(flags))\(c) \(rd), \(m.register), #\(m.amount)"
        case .mov(let flags, let rd, let operand):
            return "mov\(s(flags))\(c) \(rd), \(text(operand))"
        case .mvn(let flags, let rd, let operand):
            return "mvn\(s(flags))\(c) \(rd), \(text(operand))"
        case .shift(let shift, let flags, let rd, let rn, let rm):
            return "\(shift)\(s(flags))\(c) \(rd), \(rn), \(rm)"
        case .movw(let rd, let v): return "movw\(c) \(rd), #\(v)"
        case .movt(let rd, let v): return "movt\(c) \(rd), #\(v)"
        case .mul(let flags, let rd, let rn, let rm): return "mul\(s(flags))\(c) \(rd), \(rn), \(rm)"
        case .mla(let rd, let rn, let rm, let ra): return "mla\(c) \(rd), \(rn), \(rm), \(ra)"
        case .mls(let rd, let rn, let rm, let ra): return "mls\(c) \(rd), \(rn), \(rm), \(ra)"
        case .longMultiply(let op, let lo, let hi, let rn, let rm): return "\(op)\(c) \(lo), \(hi), \(rn), \(rm)"
        case .divide(let signed, let rd, let rn, let rm): return "\(signed ? "s" : "u")div\(c) \(rd), \(rn), \(rm)"
        case .bits(let op, let rd, let rm): return "\(op)\(c) \(rd), \(rm)"
        case .extend(let op, let rd, let rm, let rotation):
            return "\(op)\(c) \(rd), \(rm)" + (rotation == 0 ? "" : ", ror #\(rotation)")
        case .bfi(let rd, let rn, let lsb, let width): return "bfi\(c) \(rd), \(rn), #\(lsb), #\(width)"
        case .bfc(let rd, let lsb, let width): return "bfc\(c) \(rd), #\(lsb), #\(width)"
        case .bitfieldExtract(let signed, let rd, let rn, let lsb, let width):
            return "\(signed ? "s" : "u")bfx\(c) \(rd), \(rn), #\(lsb), #\(width)"
        case .saturate(let signed, let rd, let rn, let bits, let asr):
            return "\(signed ? "s" : "u")sat\(c) \(rd), #\(bits), \(rn)\(asr == 0 ? "" : ", asr #\(asr)")"
        case .load(let width, let rt, let address):
            return "ldr\(suffix(width))\(unprivileged(address))\(c) \(rt), \(text(address))"
        case .store(let width, let rt, let address):
            return "str\(suffix(width))\(unprivileged(address))\(c) \(rt), \(text(address))"
        case .loadDual(let rt, let rt2, let address): return "ldrd\(c) \(rt), \(rt2), \(text(address))"
        case .storeDual(let rt, let rt2, let address): return "strd\(c) \(rt), \(rt2), \(text(address))"
        case .loadMultiple(let rn, let writeback, let list, let db):
            return "ldm\(db ? "db" : "")\(c) \(rn)\(writeback ? "!" : ""), \(list)"
        case .storeMultiple(let rn, let writeback, let list, let db):
            return "stm\(db ? "db" : "")\(c) \(rn)\(writeback ? "!" : ""), \(list)"
        case .push(let list): return "push\(c) \(list)"
        case .pop(let list): return "pop\(c) \(list)"
        case .b(let cond, let offset): return "b\(cond == .al ? c : cond.description) #\(offset)"
        case .bl(let offset): return "bl\(c) #\(offset)"
        case .bx(let rm): return "bx\(c) \(rm)"
        case .blx(let rm): return "blx\(c) \(rm)"
        case .cbz(let nonzero, let rn, let offset): return "cb\(nonzero ? "n" : "")z \(rn), #\(offset)"
        case .it(let cond, let thens): return "it" + thens.map { $0 ? "t" : "e" }.joined() + " \(cond)"
        case .tableBranch(let halfwords, let rn, let rm):
            return halfwords ? "tbh\(c) [\(rn), \(rm), lsl #1]" : "tbb\(c) [\(rn), \(rm)]"
        case .udf(let v): return v > 255 ? "udf.w #\(v)" : "udf #\(v)"
        case .nop: return "nop\(c)"
        case .barrier(let b): return "\(b) sy"
        }
    }

    static func text(_ operand: Operand) -> String {
        switch operand {
        case .immediate(let v): "#\(v)"
        case .register(let m): m.isPlain ? "\(m.register)" : "\(m.register), \(m.shift) #\(m.amount)"
        }
    }

    static func text(_ address: Address) -> String {
        switch address {
        case .offset(let rn, let o): "[\(rn), #\(o)]"
        case .preIndexed(let rn, let o): "[\(rn), #\(o)]!"
        case .postIndexed(let rn, let o): "[\(rn)], #\(o)"
        case .register(let rn, let rm, let shift): shift == 0 ? "[\(rn), \(rm)]" : "[\(rn), \(rm), lsl #\(shift)]"
        case .literal(let o): "[pc, #\(o)]"
        case .unprivileged(let rn, let o): "[\(rn), #\(o)]"
        }
    }

    /// `t` for an unprivileged access (`ldrt`, `strbt`, ...).
    static func unprivileged(_ address: Address) -> String {
        if case .unprivileged = address { return "t" }
        return ""
    }

    static func suffix(_ width: MemoryWidth) -> String {
        switch width {
        case .word: ""
        case .byte: "b"
        case .half: "h"
        case .signedByte: "sb"
        case .signedHalf: "sh"
        }
    }
}
