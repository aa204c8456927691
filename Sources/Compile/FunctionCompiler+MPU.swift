import Thumb

/// `--memory mpu`: accesses the facts do not prove inside the reserve are unprivileged
/// (`ldrt`, `strt`, ...), so the MPU region `weft_init` programs is all they can reach.
extension FunctionCompiler {
    /// The access of `tree + offset` as in `linked`, unprivileged unless the e-graph's facts
    /// bound it inside the reserve (which the region covers) on every path: a constant
    /// address (`unchecked` refuses one past the reserve), a masked index, a narrow load.
    mutating func guarded(_ tree: Tree, offset: UInt64, width: Int) throws(CompileError) -> Access {
        let access = try unchecked(tree, offset: offset, width: width)
        if provenEnd(tree, offset: offset, width: width) <= context.reservedBytes { return access }
        // `[rn, #0–255]` is the only unprivileged form; an 8-byte access is two words.
        let reach: Int32 = width == 8 ? 251 : 255
        switch access {
        // No native frame under `mpu` (`NativeFrame`).
        case .unprivileged, .frame: return access
        case .offset(let r, let o) where o >= 0 && o <= reach:
            return .unprivileged(r, UInt8(o))
        case .offset(let r, let o):
            let t = f.fresh()
            let add = ThumbInstruction.data(o < 0 ? .sub : .add, s: false, rd: .r0, rn: .r1, .immediate(o.magnitude))
            emit(.flexible(add, [t, r]))
            return .unprivileged(t, 0)
        case .register(let a, let b, let k):
            let t = f.fresh()
            let add = ThumbInstruction.data(.add, s: false, rd: .r0, rn: .r1, .register(ShiftedRegister(.r2, .lsl, k)))
            var m = MachineInstruction.instruction(add, [t, a, b])
            if k == 0 { m.op = .flexible(add) }
            emit(m)
            return .unprivileged(t, 0)
        }
    }

    /// `weft_init`'s first step under `mpu`: region `mpu.number` set to `weft_memory`'s
    /// (RBAR with VALID, then RASR), the MPU enabled with the default map kept for privileged
    /// code (MPU_CTRL |= ENABLE | PRIVDEFENA), then `dsb; isb` so what follows sees it.
    mutating func programMPU(_ mpu: MPURegion) throws(CompileError) {
        let rbar = f.fresh()
        emit(
            MachineInstruction(
                .symbol(CompileContext.memorySymbol, addend: mpu.baseAddressBits), regs: [rbar], defs: [rbar],
                uses: []))
        let registers = f.fresh()
        try materialize(MPURegion.baseAddressRegister, into: registers)
        emit(.instruction(.store(.word, rt: .r0, .offset(.r1, 0)), [rbar, registers]))
        let rasr = f.fresh()
        try materialize(mpu.attributes, into: rasr)
        func from(_ register: UInt32) -> Int32 { Int32(Int64(register) - Int64(MPURegion.baseAddressRegister)) }
        let attributes = from(MPURegion.attributeRegister)
        emit(.instruction(.store(.word, rt: .r0, .offset(.r1, attributes)), [rasr, registers]))
        let control = from(MPURegion.controlRegister)
        let ctrl = f.fresh()
        emit(.instruction(.load(.word, rt: .r0, .offset(.r1, control)), [ctrl, registers]))
        emit(
            .instruction(
                .data(.orr, s: false, rd: .r0, rn: .r0, .immediate(MPURegion.enableWithDefaultMap)), [ctrl]))
        emit(.instruction(.store(.word, rt: .r0, .offset(.r1, control)), [ctrl, registers]))
        emit(.instruction(.barrier(.dsb), []))
        emit(.instruction(.barrier(.isb), []))
    }
}

extension FunctionCompiler.Access {
    /// An 8-byte access as two word accesses (the low word's operand, the high word's 4
    /// further) through one register; nil for a register offset.
    var words: (VReg, Address, Address)? {
        switch self {
        case .offset(let r, let o): (r, .offset(.r1, o), .offset(.r1, o + 4))
        case .unprivileged(let r, let o): (r, .unprivileged(.r1, o), .unprivileged(.r1, o + 4))
        case .frame(let o): (.sp, .offset(.r1, o), .offset(.r1, o + 4))
        case .register: nil
        }
    }
}
