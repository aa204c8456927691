import Rules
import Thumb

/// Address bases built once per function: the bases of `hoisting` materialized at the entry
/// (which dominates every block) into registers every block then reuses — a static's
/// address no longer rebuilt before each access — and an indexed access `b + (i << k)`
/// reaching memory as `[base, i, lsl #k]` from such a register.
extension FunctionCompiler {
    /// Materializes the planned bases at the entry: a constant (`identity`) or the literal
    /// `weft_memory + b` (`linked`).
    mutating func hoistBases() throws(CompileError) {
        for b in hoisting {
            let r = f.fresh()
            switch context.memory {
            case .identity:
                try materialize(UInt32(truncatingIfNeeded: b), into: r)
                hoistedConstants[b] = r
            case .linked, .mpu, .relocated, .task:
                let reference = context.memoryReference(b)
                emit(
                    MachineInstruction(
                        .symbol(reference.symbol, addend: reference.addend), regs: [r], defs: [r], uses: []))
                hoistedAddresses[b] = r
            case .base, .checked:
                continue
            }
        }
        constants.merge(hoistedConstants) { _, hoisted in hoisted }
        memoryAddresses.merge(hoistedAddresses) { _, hoisted in hoisted }
    }

    /// An access at `p + total` (`total` the constant part and the offset, `p` not constant)
    /// as `[base, i, lsl #k]` (`p = i << k`, k ≤ 3) or `[base, p]` when a register of the
    /// entry holds the base `total`; nil otherwise, after recording what such a base would
    /// save here.
    mutating func indexed(_ p: Tree, from total: UInt64, width: Int) throws(CompileError) -> Access? {
        // A base is an address in linear memory past the 16-bit offsets (a table of statics);
        // a small or negative constant is a field of `p` (`[p, #c]`, `[p, #-c]`).
        guard width <= 4, total > 124, total < context.memoryBytes else { return nil }
        var index = p
        var shift: UInt8 = 0
        if case .op(.i32Shl, let s) = p, case .constant(_, let k) = s[1], k & 31 <= 3 {
            index = s[0]
            shift = UInt8(k & 31)
        }
        let linked = context.memory.placedByLinker
        if let base = linked ? hoistedAddresses[total] : hoistedConstants[total] {
            return .register(base, try value(index)[0], shift: shift)
        }
        // Without the base: the shift, under `linked` the sum `weft_memory + p`, and past the
        // 12-bit offset the constant and its sum; the 16-bit `[r, #total]` the base would lose.
        let reach: UInt64 = width == 4 ? 124 : width == 2 ? 62 : 31
        var saving = shift > 0 ? 2 : 0
        if linked { saving += 2 }
        if total > Self.largestOffset(width) {
            saving += 2
            if constants[total] == nil { saving += AddressBases.constantBytes(UInt32(truncatingIfNeeded: total)) }
        } else if total <= reach {
            saving -= 2
        }
        bases.used(total, saving: saving)
        return nil
    }
}
