/// A shift applied to a register operand. Invariant: the raw value is the 2-bit `type` field.
public enum Shift: UInt8, Hashable, Sendable, CaseIterable {
    case lsl, lsr, asr, ror
}

/// A register operand, optionally shifted by a constant (`r2, lsl #3`). Invariant: `amount`
/// is 0 (no shift) or 1–31 (`lsl`, `ror`) / 1–32 (`lsr`, `asr`).
public struct ShiftedRegister: Hashable, Sendable {
    public var register: Register
    public var shift: Shift
    public var amount: UInt8

    public init(_ register: Register, _ shift: Shift = .lsl, _ amount: UInt8 = 0) {
        self.register = register
        self.shift = amount == 0 ? .lsl : shift
        self.amount = amount
    }

    public var isPlain: Bool { amount == 0 }
}

/// The flexible second operand of data processing: a (shifted) register or a constant.
public enum Operand: Hashable, Sendable {
    case register(ShiftedRegister)
    case immediate(UInt32)

    public static func reg(_ r: Register) -> Operand { .register(ShiftedRegister(r)) }
}

/// Three-operand data processing. Invariant: the raw value is the `op` field of the 32-bit
/// encodings (modified immediate and shifted register).
public enum DataOp: UInt8, Hashable, Sendable, CaseIterable {
    case and = 0
    case bic = 1
    case orr = 2
    case orn = 3
    case eor = 4
    case add = 8
    case adc = 10
    case sbc = 11
    case sub = 13
    case rsb = 14

    var isCommutative: Bool { self == .and || self == .orr || self == .eor || self == .adc || self == .add }
}

/// Flag-only comparisons: the data operation they perform with the result discarded.
public enum CompareOp: Hashable, Sendable, CaseIterable {
    case tst, teq, cmn, cmp

    var data: DataOp {
        switch self {
        case .tst: .and
        case .teq: .eor
        case .cmn: .add
        case .cmp: .sub
        }
    }
}

/// What a load reads or a store writes.
public enum MemoryWidth: Hashable, Sendable, CaseIterable {
    case word, byte, half, signedByte, signedHalf

    public var bytes: Int {
        switch self {
        case .word: 4
        case .half, .signedHalf: 2
        case .byte, .signedByte: 1
        }
    }
}

/// A load or store address.
public enum Address: Hashable, Sendable {
    /// `[rn, #offset]` (the offset may be negative).
    case offset(Register, Int32)
    /// `[rn, #offset]!`: the base is updated before the access.
    case preIndexed(Register, Int32)
    /// `[rn], #offset`: the base is updated after the access.
    case postIndexed(Register, Int32)
    /// `[rn, rm, lsl #shift]`, shift 0–3.
    case register(Register, Register, shift: UInt8)
    /// `[pc, #offset]` from the word-aligned address of this instruction plus 4.
    case literal(Int32)
    /// `[rn, #offset]`, offset 0–255, accessed as unprivileged code would (`ldrt`, `strt`,
    /// ...): the MPU checks it against the unprivileged permissions even in privileged code.
    case unprivileged(Register, UInt8)
}

public enum LongMultiplyOp: Hashable, Sendable, CaseIterable {
    case smull, umull, smlal, umlal
}

public enum BitOp: Hashable, Sendable, CaseIterable {
    case clz, rbit, rev, rev16, revsh
}

public enum ExtendOp: Hashable, Sendable, CaseIterable {
    case sxth, sxtb, uxth, uxtb
}

/// One ARMv7-M Thumb-2 instruction, as an assembler names it (UAL), without choosing an
/// encoding: the encoder picks the 16-bit one whenever one exists. Branch offsets are byte
/// distances from the instruction's address plus 4 (what the encodings hold).
///
/// Invariant: a value of this type says what the instruction does, not how it is encoded;
/// a condition is not part of it (inside an `it` block the block supplies it).
public enum ThumbInstruction: Hashable, Sendable {
    /// `rd = rn op operand`, setting the flags when `s`.
    case data(DataOp, s: Bool, rd: Register, rn: Register, Operand)
    case compare(CompareOp, rn: Register, Operand)
    /// `mov` / `movs`; a shifted register operand is a shift by a constant (`lsl r0, r1, #3`).
    case mov(s: Bool, rd: Register, Operand)
    case mvn(s: Bool, rd: Register, Operand)
    /// A shift by a register: `rd = rn shift rm`.
    case shift(Shift, s: Bool, rd: Register, rn: Register, rm: Register)
    case movw(rd: Register, UInt16)
    case movt(rd: Register, UInt16)
    case mul(s: Bool, rd: Register, rn: Register, rm: Register)
    /// `rd = ra + rn * rm` (`mla`) or `ra - rn * rm` (`mls`).
    case mla(rd: Register, rn: Register, rm: Register, ra: Register)
    case mls(rd: Register, rn: Register, rm: Register, ra: Register)
    case longMultiply(LongMultiplyOp, lo: Register, hi: Register, rn: Register, rm: Register)
    case divide(signed: Bool, rd: Register, rn: Register, rm: Register)
    case bits(BitOp, rd: Register, rm: Register)
    /// `rd = extend(rm ror rotation)`, rotation 0, 8, 16 or 24.
    case extend(ExtendOp, rd: Register, rm: Register, rotation: UInt8)
    /// Bit field insert (`bfi`), clear (`bfc`), extract (`ubfx` / `sbfx`): lsb 0–31, width 1–32.
    case bfi(rd: Register, rn: Register, lsb: UInt8, width: UInt8)
    case bfc(rd: Register, lsb: UInt8, width: UInt8)
    case bitfieldExtract(signed: Bool, rd: Register, rn: Register, lsb: UInt8, width: UInt8)
    /// `rd = rn` (shifted right arithmetically by `asr` first, 0–31) clamped to `bits` bits
    /// (`ssat`: −2^(bits−1) … 2^(bits−1)−1, bits 1–32; `usat`: 0 … 2^bits−1, bits 0–31). Sets
    /// only the Q flag, never N Z C V.
    case saturate(signed: Bool, rd: Register, rn: Register, bits: UInt8, asr: UInt8 = 0)
    case load(MemoryWidth, rt: Register, Address)
    case store(MemoryWidth, rt: Register, Address)
    case loadDual(rt: Register, rt2: Register, Address)
    case storeDual(rt: Register, rt2: Register, Address)
    /// `ldm`/`stm` (increment after) or `ldmdb`/`stmdb` (decrement before).
    case loadMultiple(rn: Register, writeback: Bool, RegisterList, decrementBefore: Bool)
    case storeMultiple(rn: Register, writeback: Bool, RegisterList, decrementBefore: Bool)
    case push(RegisterList)
    case pop(RegisterList)
    /// `b` (with a condition, `b<c>`), a byte offset from this instruction plus 4.
    case b(Condition, offset: Int32)
    case bl(offset: Int32)
    case bx(Register)
    case blx(Register)
    /// `cbz` / `cbnz` (`nonzero`): a forward offset 0–126.
    case cbz(nonzero: Bool, rn: Register, offset: Int32)
    /// `it` with its first condition and, for each further instruction of the block (0–3),
    /// whether it is a *then* (true) or an *else* (false).
    case it(Condition, thens: [Bool])
    /// Table branch on bytes (`tbb`) or halfwords (`tbh`).
    case tableBranch(halfwords: Bool, rn: Register, rm: Register)
    case udf(UInt16)
    case nop
    /// `dsb sy` / `isb sy`: what follows waits for earlier memory accesses (`dsb`) or is
    /// fetched anew (`isb`), as after a write to the MPU's registers.
    case barrier(Barrier)
}

/// A memory or instruction barrier (full system, `sy`).
public enum Barrier: Hashable, Sendable, CaseIterable {
    case dsb, isb
}
