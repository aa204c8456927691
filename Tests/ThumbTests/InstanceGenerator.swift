import Harness
import Thumb

/// Seeded instances of every instruction form the encoder covers, biased to the edges that
/// decide an encoding: low and high registers, immediates at each range's ends, every
/// shift, every condition and IT mask, every address form. Instances use only what the
/// architecture defines (no UNPREDICTABLE register choices), so LLVM accepts them all.
struct InstanceGenerator {
    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    mutating func pick<T>(_ xs: [T]) -> T { xs[rng.below(xs.count)] }
    mutating func coin() -> Bool { rng.next() & 1 == 0 }

    static let low: [Register] = [.r0, .r1, .r2, .r3, .r4, .r5, .r6, .r7]
    static let general: [Register] = low + [.r8, .r9, .r10, .r11, .r12, .lr]

    /// Mostly low registers (where the 16-bit forms are), sometimes high ones.
    mutating func reg() -> Register { coin() ? pick(Self.low) : pick(Self.general) }
    mutating func lowReg() -> Register { pick(Self.low) }

    /// Constants near the boundaries of every immediate field.
    mutating func immediate() -> UInt32 {
        switch rng.below(8) {
        case 0: return UInt32(rng.below(8))
        case 1: return pick([0, 1, 7, 8, 255, 256, 4095, 4096, 0xFFFF, 0x10000])
        case 2: return UInt32(rng.below(256))
        case 3: return UInt32(rng.below(4096))
        case 4:
            // A modified immediate: rotated byte or a replicated pattern.
            let b = UInt32(rng.below(256))
            return pick([
                b << 16 | b, b << 24 | b << 8, b * 0x0101_0101, ModifiedImmediate.decode(UInt16(rng.below(4096))),
            ])
        case 5: return ModifiedImmediate.decode(UInt16(rng.below(4096)))
        case 6: return UInt32(truncatingIfNeeded: rng.next())
        default: return pick([0xFFFF_FFFF, 0x8000_0000, 0x7FFF_FFFF, 0xFF00_0000, 0x00FF_00FF])
        }
    }

    mutating func shifted() -> ShiftedRegister {
        let r = reg()
        guard rng.below(3) == 0 else { return ShiftedRegister(r) }
        let shift = pick(Shift.allCases)
        let max: Int = shift == .lsl || shift == .ror ? 31 : 32
        return ShiftedRegister(r, shift, UInt8(pick([1, max, 1 + rng.below(max)])))
    }

    mutating func operand() -> Operand { coin() ? .immediate(immediate()) : .register(shifted()) }

    /// A data-processing, move, multiply or bit instruction: what may sit in an IT block.
    mutating func arithmetic() -> ThumbInstruction {
        switch rng.below(16) {
        case 0, 1, 2:
            let op = pick(DataOp.allCases)
            // Small register numbers and rd == rn make the 16-bit forms reachable.
            let rd = reg()
            let rn = coin() ? rd : reg()
            var o = operand()
            if case .register(let m) = o, coin() { o = .register(ShiftedRegister(coin() ? rd : m.register)) }
            return .data(op, s: coin(), rd: rd, rn: rn, o)
        case 3:
            // add/sub with sp.
            let add = coin()
            let rd: Register = coin() ? .sp : lowReg()
            return .data(
                add ? .add : .sub, s: false, rd: rd, rn: .sp,
                .immediate(UInt32(pick([0, 4, 8, 508, 512, 1020, 1024, 4]))))
        case 4: return .compare(pick(CompareOp.allCases), rn: reg(), operand())
        case 5:
            let rd = reg()
            if coin() { return .mov(s: coin(), rd: rd, .immediate(immediate())) }
            return .mov(s: coin(), rd: rd, .register(shifted()))
        case 6: return .mvn(s: coin(), rd: reg(), operand())
        case 7:
            let rd = reg()
            return .shift(pick(Shift.allCases), s: coin(), rd: rd, rn: coin() ? rd : reg(), rm: reg())
        case 8:
            return coin()
                ? .movw(rd: reg(), UInt16(truncatingIfNeeded: immediate())) : .movt(rd: reg(), UInt16(rng.below(65536)))
        case 9:
            let rd = reg()
            let rm = coin() ? rd : reg()
            return .mul(s: false, rd: rd, rn: reg(), rm: rm)
        case 10:
            let rd = lowReg()
            return .mul(s: true, rd: rd, rn: lowReg(), rm: rd)
        case 11:
            return coin()
                ? .mla(rd: reg(), rn: reg(), rm: reg(), ra: reg()) : .mls(rd: reg(), rn: reg(), rm: reg(), ra: reg())
        case 12:
            let lo = reg()
            var hi = reg()
            while hi == lo { hi = reg() }
            return .longMultiply(pick(LongMultiplyOp.allCases), lo: lo, hi: hi, rn: reg(), rm: reg())
        case 13: return .divide(signed: coin(), rd: reg(), rn: reg(), rm: reg())
        case 14:
            if rng.below(3) == 0 {
                let signed = coin()
                let bits = signed ? UInt8(1 + rng.below(32)) : UInt8(rng.below(32))
                return .saturate(
                    signed: signed, rd: reg(), rn: reg(), bits: bits, asr: coin() ? 0 : UInt8(1 + rng.below(31)))
            }
            if coin() { return .bits(pick(BitOp.allCases), rd: reg(), rm: reg()) }
            return .extend(pick(ExtendOp.allCases), rd: reg(), rm: reg(), rotation: pick([0, 0, 8, 16, 24]))
        default:
            let lsb = UInt8(rng.below(32))
            let width = UInt8(1 + rng.below(32 - Int(lsb)))
            switch rng.below(3) {
            case 0: return .bfi(rd: reg(), rn: reg(), lsb: lsb, width: width)
            case 1: return .bfc(rd: reg(), lsb: lsb, width: width)
            default: return .bitfieldExtract(signed: coin(), rd: reg(), rn: reg(), lsb: lsb, width: width)
            }
        }
    }

    /// A load or store of one or two registers, or of many.
    mutating func memory() -> ThumbInstruction {
        let width = pick(MemoryWidth.allCases)
        let rt = reg()
        var rn = coin() ? lowReg() : pick(Self.general + [.sp])
        switch rng.below(10) {
        case 9:
            let offset = UInt8(pick([0, 255, rng.below(256)]))
            return coin()
                ? .load(width, rt: rt, .unprivileged(rn, offset)) : store(width, rt, .unprivileged(rn, offset))
        case 0, 1, 2:
            let scale = Int32(width.bytes)
            let offset: Int32 = pick([
                0, scale * Int32(rng.below(32)), scale * 31, scale * 32, Int32(rng.below(4096)), 4095, -1, -255,
                -Int32(1 + rng.below(255)), 4 * Int32(rng.below(256)), 1020, 1024,
            ])
            return coin() ? .load(width, rt: rt, .offset(rn, offset)) : store(width, rt, .offset(rn, offset))
        case 3:
            while rn == rt || rn == .sp { rn = reg() }
            let offset = Int32(rng.below(511)) - 255
            let address: Address = coin() ? .preIndexed(rn, offset) : .postIndexed(rn, offset)
            return coin() ? .load(width, rt: rt, address) : store(width, rt, address)
        case 4:
            if rn == .sp { rn = lowReg() }
            let address = Address.register(rn, coin() ? lowReg() : reg(), shift: UInt8(pick([0, 0, 1, 2, 3])))
            return coin() ? .load(width, rt: rt, address) : store(width, rt, address)
        case 5:
            let offset: Int32 = pick([
                0, 4, 1020, 1024, 4095, -4, -4095, 4 * Int32(rng.below(256)), Int32(rng.below(4096)),
            ])
            return .load(width, rt: rt, .literal(offset))
        case 6:
            var rt2 = reg()
            while rt2 == rt { rt2 = reg() }
            let offset = 4 * (Int32(rng.below(511)) - 255)
            var address: Address = .offset(rn, offset)
            if coin() {
                while rn == rt || rn == rt2 || rn == .sp { rn = reg() }
                address = coin() ? .preIndexed(rn, offset) : .postIndexed(rn, offset)
            }
            return coin() ? .loadDual(rt: rt, rt2: rt2, address) : .storeDual(rt: rt, rt2: rt2, address)
        case 7:
            if rn == .sp { rn = lowReg() }
            var list = registerList(from: coin() ? Self.low : Self.general, atLeast: 2)
            let writeback = coin()
            if writeback { list.bits &= ~(1 << UInt16(rn.rawValue)) }
            if list.count < 2 { list = RegisterList(Self.general.filter { $0 != rn }.prefix(2).map { $0 }) }
            let db = rng.below(4) == 0
            return coin()
                ? .loadMultiple(rn: rn, writeback: writeback, list, decrementBefore: db)
                : .storeMultiple(rn: rn, writeback: writeback, list, decrementBefore: db)
        default:
            var list = registerList(from: coin() ? Self.low : Self.general.filter { $0 != .lr }, atLeast: 1)
            if coin() {
                list.bits |= 1 << 14
                return .push(list)
            }
            if coin() { list.bits |= 1 << 15 }
            return .pop(list)
        }
    }

    mutating func store(_ width: MemoryWidth, _ rt: Register, _ address: Address) -> ThumbInstruction {
        let w: MemoryWidth = width == .signedByte ? .byte : width == .signedHalf ? .half : width
        return .store(w, rt: rt, address)
    }

    mutating func registerList(from registers: [Register], atLeast n: Int) -> RegisterList {
        var list = RegisterList(registers.filter { _ in coin() })
        for r in registers where list.count < n { list.bits |= 1 << UInt16(r.rawValue) }
        return list
    }

    mutating func branch() -> ThumbInstruction {
        func even(_ v: Int32) -> Int32 { v & ~1 }
        switch rng.below(7) {
        case 0:
            return .b(
                .al,
                offset: even(
                    pick([-2048, 2046, -2050, 2048, Int32(rng.below(4096)) - 2048, -(1 << 24), (1 << 24) - 2])))
        case 1:
            let c = pick(Condition.allCases.filter { $0 != .al })
            return .b(
                c, offset: even(pick([-256, 254, -258, 256, Int32(rng.below(512)) - 256, -(1 << 20), (1 << 20) - 2])))
        case 2:
            return .bl(
                offset: even(pick([0, 4, -4, Int32(truncatingIfNeeded: rng.next()) >> 8, -(1 << 24), (1 << 24) - 2])))
        case 3: return .cbz(nonzero: coin(), rn: lowReg(), offset: even(Int32(rng.below(127))))
        case 4: return coin() ? .bx(reg()) : .blx(reg())
        case 5: return .tableBranch(halfwords: coin(), rn: coin() ? .pc : reg(), rm: reg())
        default:
            if rng.below(4) == 0 { return .barrier(pick(Barrier.allCases)) }
            return coin() ? .udf(UInt16(pick([0, 255, 256, 65535, rng.below(65536)]))) : .nop
        }
    }

    /// An `it` block: every condition, every mask length, then and else.
    mutating func itBlock() -> [ThumbInstruction] {
        let c = pick(Condition.allCases.filter { $0 != .al })
        let thens = (0..<rng.below(4)).map { _ in coin() }
        var body = (0...thens.count).map { _ in coin() ? arithmetic() : memory() }
        for k in body.indices {
            if case .pop(let list) = body[k], list.contains(.pc) { body[k] = arithmetic() }
        }
        // Only the last instruction of a block may branch.
        if coin() { body[body.count - 1] = pick([.b(.al, offset: 16), .bx(.lr), .bl(offset: 64)]) }
        return [.it(c, thens: thens)] + body
    }

    /// `count` instances of every kind, IT blocks included.
    mutating func instances(_ count: Int) -> [ThumbInstruction] {
        var out: [ThumbInstruction] = []
        while out.count < count {
            switch rng.below(10) {
            case 0, 1, 2, 3: out.append(arithmetic())
            case 4, 5, 6: out.append(memory())
            case 7, 8: out.append(branch())
            default: out += itBlock()
            }
        }
        return out
    }
}
