import Thumb

/// Frame accesses of any size: sp-relative loads, stores and addresses, and the frame's
/// set-up and tear-down, in the shortest sequences that reach.
///
/// `ldr`/`str [sp, #imm]` reach 1,020 bytes in 16 bits (low register, word) and 4,095 in 32;
/// an access beyond forms `sp + (offset & ~0xFFF)` in a register (`add.w`, one modified
/// immediate up to 1 MiB, else `movw`/`movt` and `add rd, sp`) and reaches the rest from it.
/// A load forms the address in its own destination; a store needs another register, the
/// scratch: r12, which the allocator keeps out of allocation exactly when some store of the
/// function may lie beyond 4,095 bytes (`needsScratch`), so small frames do not pay for it.
///
/// Invariant: every sequence computes exactly the access it stands for and writes no register
/// but its destination (a load's, an address's) or the scratch (a store's), and no flags.
enum FrameAccess {
    /// The register a far store forms its address in.
    static let scratch = Register.r12

    /// The farthest offset a single `ldr`/`str [sp, #imm]` reaches.
    static let reach = 4095

    /// Whether a frame of `outgoingWords` outgoing argument words below `slots` spill slots
    /// and a Wasm frame area of `frameBytes` has a store beyond `reach` (a spill, an outgoing
    /// argument, a store to the area): the scratch is reserved.
    static func needsScratch(outgoingWords: Int, slots: Int, frameBytes: Int = 0) -> Bool {
        4 * (outgoingWords + slots) + frameBytes > reach + 1
    }

    /// `rd = sp + (offset rounded down)`, and what is left of `offset` for an immediate
    /// (0...4095): nothing and the whole offset when it is in reach.
    static func base(_ rd: Register, offset: Int) -> (code: [ThumbInstruction], rest: Int) {
        guard offset > reach else { return ([], offset) }
        if offset < 1 << 20 {
            let high = offset & ~0xFFF
            return ([.data(.add, s: false, rd: rd, rn: .sp, .immediate(UInt32(high)))], offset & 0xFFF)
        }
        let value = UInt32(truncatingIfNeeded: offset)
        return (
            [
                .movw(rd: rd, UInt16(value & 0xFFFF)), .movt(rd: rd, UInt16(value >> 16)),
                .data(.add, s: false, rd: rd, rn: rd, .register(ShiftedRegister(.sp))),
            ], 0
        )
    }

    /// `rt = [sp + offset]` of `width`.
    static func load(_ width: MemoryWidth, _ rt: Register, offset: Int) -> [ThumbInstruction] {
        let (code, rest) = base(rt, offset: offset)
        return code + [.load(width, rt: rt, .offset(code.isEmpty ? .sp : rt, Int32(rest)))]
    }

    /// `[sp + offset] = rt` of `width`; beyond reach through `scratch` (nil: not reserved, an
    /// internal error).
    static func store(
        _ width: MemoryWidth, _ rt: Register, offset: Int, scratch: Register?, function: String
    ) throws(CompileError) -> [ThumbInstruction] {
        guard offset > reach else { return [.store(width, rt: rt, .offset(.sp, Int32(offset)))] }
        guard let s = scratch, s != rt else {
            throw CompileError(
                "function \(function): internal error: a store at sp+\(offset) without a scratch register")
        }
        let (code, rest) = base(s, offset: offset)
        return code + [.store(width, rt: rt, .offset(s, Int32(rest)))]
    }

    /// `rd = sp + offset`.
    static func address(_ rd: Register, offset: Int) -> [ThumbInstruction] {
        let direct = ThumbInstruction.data(.add, s: false, rd: rd, rn: .sp, .immediate(UInt32(offset)))
        if (try? Encoder.encode(direct)) != nil { return [direct] }
        let (code, rest) = base(rd, offset: offset)
        return code + (rest == 0 ? [] : [.data(.add, s: false, rd: rd, rn: rd, .immediate(UInt32(rest)))])
    }

    /// `sp += bytes` (`bytes` < 0 reserves a frame) without a register up to 1 MiB: one 16-bit
    /// `sub sp, #n` up to 508, one `sub.w`/`subw` when the size is a modified immediate or
    /// fits 12 bits, else the 4 KiB multiple and the rest; beyond 1 MiB through r12 (free in a
    /// prologue and an epilogue: it holds no argument and no result).
    static func adjust(sp bytes: Int) -> [ThumbInstruction] {
        let op: DataOp = bytes < 0 ? .sub : .add
        let size = abs(bytes)
        func step(_ n: Int) -> ThumbInstruction { .data(op, s: false, rd: .sp, rn: .sp, .immediate(UInt32(n))) }
        guard size > 0 else { return [] }
        if size <= 508 || ModifiedImmediate.encode(UInt32(size)) != nil || size <= reach { return [step(size)] }
        if size < 1 << 20 {
            let high = size & ~0xFFF
            let low = size & 0xFFF
            return [step(high)] + (low == 0 ? [] : [step(low)])
        }
        let value = UInt32(truncatingIfNeeded: size)
        return [
            .movw(rd: .r12, UInt16(value & 0xFFFF)), .movt(rd: .r12, UInt16(value >> 16)),
            .data(op, s: false, rd: .sp, rn: .sp, .register(ShiftedRegister(.r12))),
        ]
    }

    /// An allocated instruction's sp-relative access out of reach, as a sequence that
    /// reaches (nil when the instruction is not one): loads into their destination, stores
    /// through the scratch, `add rd, sp, #n` through `rd`.
    static func legalized(_ t: ThumbInstruction, scratch: Register?, function: String) throws(CompileError)
        -> [ThumbInstruction]?
    {
        switch t {
        case .load(let w, let rt, .offset(.sp, let o)) where o > reach: return load(w, rt, offset: Int(o))
        case .store(let w, let rt, .offset(.sp, let o)) where o > reach:
            return try store(w, rt, offset: Int(o), scratch: scratch, function: function)
        case .data(.add, false, let rd, .sp, .immediate(let v)) where rd != .sp && v > UInt32(reach):
            return address(rd, offset: Int(v))
        default: return nil
        }
    }

    /// The bytes of `code` as encoded (an instruction that does not encode counts 4).
    static func bytes(_ code: [ThumbInstruction]) -> Int {
        code.reduce(0) { $0 + 2 * ((try? Encoder.encode($1))?.count ?? 2) }
    }
}
