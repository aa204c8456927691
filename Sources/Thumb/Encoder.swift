/// An instruction that no Thumb-2 encoding can express (an immediate out of range, a
/// register the form cannot name).
public struct EncodingError: Error, Hashable, Sendable, CustomStringConvertible {
    public var instruction: ThumbInstruction
    public var reason: String

    public var description: String { "cannot encode \(Assembly.text(instruction)): \(reason)" }
}

/// Thumb-2 encodings of ARMv7-M instructions (ARMv7-M Architecture Reference Manual, A7).
///
/// Invariant: `encode` returns the one or two halfwords of the 16-bit encoding whenever one
/// exists for the instruction in its context (inside an `it` block or not: most 16-bit data
/// processing sets the flags outside an IT block and does not inside one), else the 32-bit
/// one, exactly as LLVM's assembler chooses.
public enum Encoder {
    public typealias Result = [UInt16]

    static func fail(_ i: ThumbInstruction, _ reason: String) -> EncodingError {
        EncodingError(instruction: i, reason: reason)
    }

    /// The halfwords of `instruction`; `inIT` says whether it is inside an `it` block.
    public static func encode(_ instruction: ThumbInstruction, inIT: Bool = false) throws(EncodingError) -> Result {
        let i = instruction
        try checkRegisters(i)
        // 16-bit data processing sets the flags exactly when outside an IT block.
        let narrowFlags = !inIT
        switch i {
        case .data(let op, let s, let rd, let rn, let operand):
            return try data(i, op, s: s, rd: rd, rn: rn, operand, narrowFlags: narrowFlags)
        case .compare(let op, let rn, let operand):
            switch operand {
            case .immediate(let v):
                if op == .cmp, rn.isLow, v <= 0xFF { return [0x2800 | rn.number << 8 | UInt16(v)] }
                guard let imm = ModifiedImmediate.encode(v) else { throw fail(i, "not a modified immediate") }
                return modifiedImmediate(op.data, s: true, rd: .pc, rn: rn, imm)
            case .register(let m):
                if m.isPlain {
                    if rn.isLow && m.register.isLow {
                        switch op {
                        case .tst: return [0x4200 | m.register.number << 3 | rn.number]
                        case .cmp: return [0x4280 | m.register.number << 3 | rn.number]
                        case .cmn: return [0x42C0 | m.register.number << 3 | rn.number]
                        case .teq: break
                        }
                    } else if op == .cmp {
                        return [0x4500 | (rn.number & 8) << 4 | m.register.number << 3 | rn.number & 7]
                    }
                }
                return shiftedRegister(op.data, s: true, rd: .pc, rn: rn, m)
            }
        case .mov(let s, let rd, let operand):
            switch operand {
            case .immediate(let v):
                if s == narrowFlags, rd.isLow, v <= 0xFF { return [0x2000 | rd.number << 8 | UInt16(v)] }
                // Both are 32 bits; like LLVM, a 16-bit constant above 255 goes to movw.
                if !s, v > 0xFF, v <= 0xFFFF { return try encode(.movw(rd: rd, UInt16(v)), inIT: inIT) }
                if let imm = ModifiedImmediate.encode(v) { return modifiedImmediate(.orr, s: s, rd: rd, rn: .pc, imm) }
                throw fail(i, "no mov encoding for this constant")
            case .register(let m):
                if m.isPlain {
                    if !s { return [0x4600 | (rd.number & 8) << 4 | m.register.number << 3 | rd.number & 7] }
                    if !inIT, rd.isLow, m.register.isLow { return [m.register.number << 3 | rd.number] }
                } else if s == narrowFlags, rd.isLow, m.register.isLow, m.shift != .ror {
                    let amount = UInt16(m.amount & 31)
                    return [UInt16(m.shift.rawValue) << 11 | amount << 6 | m.register.number << 3 | rd.number]
                }
                return shiftedRegister(.orr, s: s, rd: rd, rn: .pc, m)
            }
        case .mvn(let s, let rd, let operand):
            switch operand {
            case .immediate(let v):
                guard let imm = ModifiedImmediate.encode(v) else { throw fail(i, "not a modified immediate") }
                return modifiedImmediate(.orn, s: s, rd: rd, rn: .pc, imm)
            case .register(let m):
                if m.isPlain, s == narrowFlags, rd.isLow, m.register.isLow {
                    return [0x43C0 | m.register.number << 3 | rd.number]
                }
                return shiftedRegister(.orn, s: s, rd: rd, rn: .pc, m)
            }
        case .shift(let shift, let s, let rd, let rn, let rm):
            if s == narrowFlags, rd == rn, rd.isLow, rm.isLow {
                let op: UInt16 = [2, 3, 4, 7][Int(shift.rawValue)]
                return [0x4000 | op << 6 | rm.number << 3 | rd.number]
            }
            return [
                0xFA00 | UInt16(shift.rawValue) << 5 | (s ? 0x10 : 0) | rn.number, 0xF000 | rd.number << 8 | rm.number,
            ]
        case .movw(let rd, let v), .movt(let rd, let v):
            var first: UInt16 = 0xF240
            if case .movt = i { first = 0xF2C0 }
            return [first | (v >> 11 & 1) << 10 | v >> 12, (v >> 8 & 7) << 12 | rd.number << 8 | v & 0xFF]
        case .mul(let s, let rd, let rn, let rm):
            if s == narrowFlags, rd.isLow, rn.isLow, rm.isLow, rd == rm || rd == rn {
                return [0x4340 | (rd == rm ? rn : rm).number << 3 | rd.number]
            }
            guard !s else { throw fail(i, "muls needs low registers and rd in the sources") }
            return [0xFB00 | rn.number, 0xF000 | rd.number << 8 | rm.number]
        case .mla(let rd, let rn, let rm, let ra):
            return [0xFB00 | rn.number, ra.number << 12 | rd.number << 8 | rm.number]
        case .mls(let rd, let rn, let rm, let ra):
            return [0xFB00 | rn.number, ra.number << 12 | rd.number << 8 | 0x10 | rm.number]
        case .longMultiply(let op, let lo, let hi, let rn, let rm):
            let first: UInt16 =
                switch op {
                case .smull: 0xFB80
                case .umull: 0xFBA0
                case .smlal: 0xFBC0
                case .umlal: 0xFBE0
                }
            return [first | rn.number, lo.number << 12 | hi.number << 8 | rm.number]
        case .divide(let signed, let rd, let rn, let rm):
            return [(signed ? 0xFB90 : 0xFBB0) | rn.number, 0xF0F0 | rd.number << 8 | rm.number]
        case .bits(let op, let rd, let rm):
            if rd.isLow, rm.isLow {
                switch op {
                case .rev: return [0xBA00 | rm.number << 3 | rd.number]
                case .rev16: return [0xBA40 | rm.number << 3 | rd.number]
                case .revsh: return [0xBAC0 | rm.number << 3 | rd.number]
                default: break
                }
            }
            let (first, second): (UInt16, UInt16) =
                switch op {
                case .clz: (0xFAB0, 0xF080)
                case .rbit: (0xFA90, 0xF0A0)
                case .rev: (0xFA90, 0xF080)
                case .rev16: (0xFA90, 0xF090)
                case .revsh: (0xFA90, 0xF0B0)
                }
            return [first | rm.number, second | rd.number << 8 | rm.number]
        case .extend(let op, let rd, let rm, let rotation):
            guard rotation % 8 == 0, rotation <= 24 else { throw fail(i, "rotation must be 0, 8, 16 or 24") }
            let (narrow, first): (UInt16, UInt16) =
                switch op {
                case .sxth: (0xB200, 0xFA0F)
                case .sxtb: (0xB240, 0xFA4F)
                case .uxth: (0xB280, 0xFA1F)
                case .uxtb: (0xB2C0, 0xFA5F)
                }
            if rotation == 0, rd.isLow, rm.isLow { return [narrow | rm.number << 3 | rd.number] }
            return [first, 0xF080 | rd.number << 8 | UInt16(rotation / 8) << 4 | rm.number]
        case .bfi(let rd, let rn, let lsb, let width):
            return try bitFieldInsert(i, rd, rn, lsb, width)
        case .bfc(let rd, let lsb, let width):
            return try bitFieldInsert(i, rd, .pc, lsb, width)
        case .bitfieldExtract(let signed, let rd, let rn, let lsb, let width):
            guard lsb < 32, width >= 1, Int(lsb) + Int(width) <= 32 else { throw fail(i, "bit field out of range") }
            return [(signed ? 0xF340 : 0xF3C0) | rn.number, bitField(rd, lsb) | UInt16(width - 1)]
        case .saturate(let signed, let rd, let rn, let bits, let asr):
            // SSAT/USAT T1: sat_imm is bits − 1 (ssat) or bits (usat); an arithmetic shift
            // right (sh = 1) by imm3:imm2 = 1–31 (0 would be ssat16/usat16).
            guard signed ? (1...32).contains(bits) : bits <= 31 else { throw fail(i, "saturation width out of range") }
            guard asr <= 31 else { throw fail(i, "saturation shift out of range") }
            let shift: UInt16 = asr == 0 ? 0 : 0x20
            let amount = UInt16(asr >> 2) << 12 | UInt16(asr & 3) << 6
            return [
                (signed ? 0xF300 : 0xF380) | shift | rn.number,
                amount | rd.number << 8 | UInt16(signed ? bits - 1 : bits),
            ]
        case .load(let width, let rt, let address):
            return try memory(i, load: true, width, rt, address)
        case .store(let width, let rt, let address):
            guard width == .word || width == .byte || width == .half else { throw fail(i, "no signed stores") }
            return try memory(i, load: false, width, rt, address)
        case .loadDual(let rt, let rt2, let address), .storeDual(let rt, let rt2, let address):
            var load = false
            if case .loadDual = i { load = true }
            let (rn, offset, p, w): (Register, Int32, Bool, Bool)
            switch address {
            case .offset(let n, let o): (rn, offset, p, w) = (n, o, true, false)
            case .preIndexed(let n, let o): (rn, offset, p, w) = (n, o, true, true)
            case .postIndexed(let n, let o): (rn, offset, p, w) = (n, o, false, true)
            case .literal(let o): (rn, offset, p, w) = (.pc, o, true, false)
            case .register: throw fail(i, "ldrd/strd take no register offset")
            case .unprivileged: throw fail(i, "ldrd/strd have no unprivileged form")
            }
            let magnitude = offset.magnitude
            guard magnitude % 4 == 0, magnitude <= 1020 else {
                throw fail(i, "offset must be a multiple of 4 up to 1020")
            }
            let first: UInt16 =
                0xE840 | (p ? 0x100 : 0) | (offset >= 0 ? 0x80 : 0) | (w ? 0x20 : 0) | (load ? 0x10 : 0) | rn.number
            return [first, rt.number << 12 | rt2.number << 8 | UInt16(magnitude / 4)]
        case .loadMultiple(let rn, let writeback, let list, let db):
            if !db, rn.isLow, list.isLow(plus: nil), writeback != list.contains(rn) {
                return [0xC800 | rn.number << 8 | list.bits]
            }
            return [(db ? 0xE910 : 0xE890) | (writeback ? 0x20 : 0) | rn.number, list.bits]
        case .storeMultiple(let rn, let writeback, let list, let db):
            if !db, writeback, rn.isLow, list.isLow(plus: nil) { return [0xC000 | rn.number << 8 | list.bits] }
            return [(db ? 0xE900 : 0xE880) | (writeback ? 0x20 : 0) | rn.number, list.bits]
        case .push(let list):
            if list.isLow(plus: .lr) { return [0xB400 | (list.contains(.lr) ? 0x100 : 0) | list.bits & 0xFF] }
            if list.count == 1, let r = list.registers.first {
                return try encode(.store(.word, rt: r, .preIndexed(.sp, -4)), inIT: inIT)
            }
            return [0xE92D, list.bits]
        case .pop(let list):
            if list.isLow(plus: .pc) { return [0xBC00 | (list.contains(.pc) ? 0x100 : 0) | list.bits & 0xFF] }
            if list.count == 1, let r = list.registers.first {
                return try encode(.load(.word, rt: r, .postIndexed(.sp, 4)), inIT: inIT)
            }
            return [0xE8BD, list.bits]
        case .b(let c, let offset):
            guard offset % 2 == 0 else { throw fail(i, "odd branch offset") }
            if c == .al {
                if offset >= -2048, offset <= 2046 { return [0xE000 | UInt16(offset >> 1 & 0x7FF)] }
                return try wideBranch(c, offset: offset)
            }
            if offset >= -256, offset <= 254 { return [0xD000 | UInt16(c.rawValue) << 8 | UInt16(offset >> 1 & 0xFF)] }
            return try wideBranch(c, offset: offset)
        case .bl(let offset):
            guard offset % 2 == 0, offset >= -(1 << 24), offset < 1 << 24 else { throw fail(i, "bl out of range") }
            return longBranch(offset, link: true)
        case .bx(let rm): return [0x4700 | rm.number << 3]
        case .blx(let rm): return [0x4780 | rm.number << 3]
        case .cbz(let nonzero, let rn, let offset):
            guard rn.isLow, offset >= 0, offset <= 126, offset % 2 == 0 else {
                throw fail(i, "cbz reaches 0–126 forward")
            }
            let o = UInt16(offset)
            return [(nonzero ? 0xB900 : 0xB100) | (o >> 6 & 1) << 9 | (o >> 1 & 0x1F) << 3 | rn.number]
        case .it(let c, let thens):
            guard thens.count <= 3, c != .al || thens.allSatisfy({ $0 }) else { throw fail(i, "bad it block") }
            var mask: UInt16 = 0
            let low = UInt16(c.rawValue & 1)
            for (k, then) in thens.enumerated() { mask |= (then ? low : low ^ 1) << (3 - k) }
            mask |= 1 << (3 - thens.count)
            return [0xBF00 | UInt16(c.rawValue) << 4 | mask]
        case .tableBranch(let halfwords, let rn, let rm):
            return [0xE8D0 | rn.number, 0xF000 | (halfwords ? 0x10 : 0) | rm.number]
        case .udf(let v):
            if v <= 0xFF { return [0xDE00 | v] }
            return [0xF7F0 | v >> 12, 0xA000 | v & 0xFFF]
        case .nop: return [0xBF00]
        case .barrier(let b): return [0xF3BF, b == .dsb ? 0x8F4F : 0x8F6F]
        }
    }

    /// `bfi` (and `bfc`, which inserts from pc's number: zeros).
    static func bitFieldInsert(
        _ i: ThumbInstruction, _ rd: Register, _ rn: Register, _ lsb: UInt8, _ width: UInt8
    ) throws(EncodingError) -> Result {
        guard lsb < 32, width >= 1, Int(lsb) + Int(width) <= 32 else { throw fail(i, "bit field out of range") }
        return [0xF360 | rn.number, bitField(rd, lsb) | UInt16(lsb) + UInt16(width) - 1]
    }

    /// The `imm3:Rd:imm2` bits of the bit-field instructions.
    static func bitField(_ rd: Register, _ lsb: UInt8) -> UInt16 {
        UInt16(lsb >> 2) << 12 | rd.number << 8 | UInt16(lsb & 3) << 6
    }

    /// B (T4) and BL: a 25-bit signed offset as S:I1:I2:imm10:imm11.
    static func longBranch(_ offset: Int32, link: Bool) -> Result {
        let v = UInt32(bitPattern: offset)
        let s = UInt16(v >> 24 & 1)
        let i1 = UInt16(v >> 23 & 1)
        let i2 = UInt16(v >> 22 & 1)
        let j1 = ~(i1 ^ s) & 1
        let j2 = ~(i2 ^ s) & 1
        return [
            0xF000 | s << 10 | UInt16(v >> 12 & 0x3FF),
            (link ? 0xD000 : 0x9000) | j1 << 13 | j2 << 11 | UInt16(v >> 1 & 0x7FF),
        ]
    }

    static func modifiedImmediate(_ op: DataOp, s: Bool, rd: Register, rn: Register, _ imm: UInt16) -> Result {
        [
            0xF000 | (imm >> 11 & 1) << 10 | UInt16(op.rawValue) << 5 | (s ? 0x10 : 0) | rn.number,
            (imm >> 8 & 7) << 12 | rd.number << 8 | imm & 0xFF,
        ]
    }

    static func shiftedRegister(_ op: DataOp, s: Bool, rd: Register, rn: Register, _ m: ShiftedRegister) -> Result {
        let amount = UInt16(m.amount & 31)
        return [
            0xEA00 | UInt16(op.rawValue) << 5 | (s ? 0x10 : 0) | rn.number,
            (amount >> 2) << 12 | rd.number << 8 | (amount & 3) << 6 | UInt16(m.shift.rawValue) << 4
                | m.register.number,
        ]
    }

    static func data(
        _ i: ThumbInstruction, _ op: DataOp, s: Bool, rd: Register, rn: Register, _ operand: Operand, narrowFlags: Bool,
        flip: Bool = true
    ) throws(EncodingError) -> Result {
        switch operand {
        case .immediate(let v):
            if op == .add || op == .sub {
                // Like LLVM, a constant in [-4095, -1] is subtracted instead (or added, for
                // sub): the same result and flags, and a 16-bit or 12-bit form may exist.
                let negated = 0 &- v
                if flip, negated >= 1, negated <= 4095 {
                    let other: DataOp = op == .add ? .sub : .add
                    let flipped = try? data(
                        i, other, s: s, rd: rd, rn: rn, .immediate(negated), narrowFlags: narrowFlags, flip: false)
                    if let f = flipped, !s || f.count == 1 { return f }
                    if s, let f = flipped, ModifiedImmediate.encode(v) == nil { return f }
                }
            }
            if op == .add || op == .sub {
                let add = op == .add
                if s == narrowFlags, rd.isLow, rn.isLow {
                    if v <= 7 { return [(add ? 0x1C00 : 0x1E00) | UInt16(v) << 6 | rn.number << 3 | rd.number] }
                    if rd == rn, v <= 0xFF { return [(add ? 0x3000 : 0x3800) | rd.number << 8 | UInt16(v)] }
                }
                if !s, rn == .sp {
                    if add, rd.isLow, v % 4 == 0, v <= 1020 { return [0xA800 | rd.number << 8 | UInt16(v / 4)] }
                    if rd == .sp, v % 4 == 0, v <= 508 { return [(add ? 0xB000 : 0xB080) | UInt16(v / 4)] }
                }
                if let imm = ModifiedImmediate.encode(v) { return modifiedImmediate(op, s: s, rd: rd, rn: rn, imm) }
                if !s, v <= 0xFFF {
                    let imm = UInt16(v)
                    return [
                        (add ? 0xF200 : 0xF2A0) | (imm >> 11 & 1) << 10 | rn.number,
                        (imm >> 8 & 7) << 12 | rd.number << 8 | imm & 0xFF,
                    ]
                }
                throw fail(i, "constant is neither a modified immediate nor 12 bits")
            }
            if op == .rsb, v == 0, s == narrowFlags, rd.isLow, rn.isLow { return [0x4240 | rn.number << 3 | rd.number] }
            guard let imm = ModifiedImmediate.encode(v) else { throw fail(i, "not a modified immediate") }
            return modifiedImmediate(op, s: s, rd: rd, rn: rn, imm)
        case .register(let m):
            if m.isPlain {
                let rm = m.register
                if op == .add || op == .sub, s == narrowFlags, rd.isLow, rn.isLow, rm.isLow {
                    return [(op == .add ? 0x1800 : 0x1A00) | rm.number << 6 | rn.number << 3 | rd.number]
                }
                if op == .add, !s, rd == rn || rd == rm, !(rd == .pc && rm == .pc) {
                    let other = rd == rn ? rm : rn
                    if rd != .sp || other != .sp {
                        return [0x4400 | (rd.number & 8) << 4 | other.number << 3 | rd.number & 7]
                    }
                }
                let narrowOp: UInt16? =
                    switch op {
                    case .and: 0
                    case .eor: 1
                    case .adc: 5
                    case .sbc: 6
                    case .orr: 12
                    case .bic: 14
                    default: nil
                    }
                if let code = narrowOp, s == narrowFlags, rd.isLow, rn.isLow, rm.isLow,
                    rd == rn || (rd == rm && op.isCommutative)
                {
                    return [0x4000 | code << 6 | (rd == rn ? rm : rn).number << 3 | rd.number]
                }
            }
            return shiftedRegister(op, s: s, rd: rd, rn: rn, m)
        }
    }

    /// Loads and stores of one register.
    static func memory(
        _ i: ThumbInstruction, load: Bool, _ width: MemoryWidth, _ rt: Register, _ address: Address
    ) throws(EncodingError) -> Result {
        // 16-bit immediate-offset forms: scaled 5-bit offsets, and sp-relative words.
        let scale = Int32(width.bytes)
        switch address {
        case .offset(let rn, let offset):
            if width != .signedByte, width != .signedHalf, rt.isLow, rn.isLow, offset >= 0, offset % scale == 0,
                offset / scale < 32
            {
                let base: UInt16 =
                    switch width {
                    case .word: 0x6000
                    case .byte: 0x7000
                    default: 0x8000
                    }
                return [base | (load ? 0x800 : 0) | UInt16(offset / scale) << 6 | rn.number << 3 | rt.number]
            }
            if width == .word, rn == .sp, rt.isLow, offset >= 0, offset % 4 == 0, offset <= 1020 {
                return [(load ? 0x9800 : 0x9000) | rt.number << 8 | UInt16(offset / 4)]
            }
            if rn == .pc { return try memory(i, load: load, width, rt, .literal(offset)) }
            if offset >= 0 && offset <= 4095 {
                return [wideBase(load, width, imm12: true) | rn.number, rt.number << 12 | UInt16(offset)]
            }
            guard offset < 0, offset >= -255 else { throw fail(i, "offset out of range (-255 to 4095)") }
            return [wideBase(load, width, imm12: false) | rn.number, rt.number << 12 | 0xC00 | UInt16(-offset)]
        case .preIndexed(let rn, let offset), .postIndexed(let rn, let offset):
            guard offset >= -255, offset <= 255 else { throw fail(i, "indexed offset out of range (±255)") }
            var pre = false
            if case .preIndexed = address { pre = true }
            let bits: UInt16 = 0x900 | (pre ? 0x400 : 0) | (offset >= 0 ? 0x200 : 0) | UInt16(offset.magnitude)
            return [wideBase(load, width, imm12: false) | rn.number, rt.number << 12 | bits]
        case .register(let rn, let rm, let shift):
            guard shift <= 3 else { throw fail(i, "register offset shift must be 0–3") }
            if shift == 0, rt.isLow, rn.isLow, rm.isLow {
                let op: UInt16 =
                    switch (load, width) {
                    case (false, .word): 0
                    case (false, .half): 1
                    case (false, _): 2
                    case (true, .signedByte): 3
                    case (true, .word): 4
                    case (true, .half): 5
                    case (true, .byte): 6
                    case (true, .signedHalf): 7
                    }
                return [0x5000 | op << 9 | rm.number << 6 | rn.number << 3 | rt.number]
            }
            return [wideBase(load, width, imm12: false) | rn.number, rt.number << 12 | UInt16(shift) << 4 | rm.number]
        case .unprivileged(let rn, let offset):
            return [wideBase(load, width, imm12: false) | rn.number, rt.number << 12 | 0xE00 | UInt16(offset)]
        case .literal(let offset):
            guard load else { throw fail(i, "no pc-relative stores") }
            if width == .word, rt.isLow, offset >= 0, offset % 4 == 0, offset <= 1020 {
                return [0x4800 | rt.number << 8 | UInt16(offset / 4)]
            }
            return try wideLiteral(width, rt, offset: offset)
        }
    }

    /// The first halfword (without Rn) of the 32-bit single load/store encodings: the
    /// positive 12-bit offset form, or the form shared by 8-bit offsets and register offsets.
    static func wideBase(_ load: Bool, _ width: MemoryWidth, imm12: Bool) -> UInt16 {
        let size: UInt16 =
            switch width {
            case .byte: 0x00
            case .half: 0x20
            case .word: 0x40
            case .signedByte: 0x100
            case .signedHalf: 0x120
            }
        return 0xF800 | size | (imm12 ? 0x80 : 0) | (load ? 0x10 : 0)
    }
}
