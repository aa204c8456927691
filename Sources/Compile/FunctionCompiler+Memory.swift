import Lower
import Thumb
import WasmModel

/// Memory accesses under the memory model: the address and offset an access uses (folded
/// offsets, register-offset forms, fixed addresses from a shared base), the `checked`
/// model's bounds checks, and the byte loops of `memory.fill` / `memory.copy`.
extension FunctionCompiler {
    /// The address register and offset of an access, after the memory model's check.
    mutating func address(_ tree: Tree, offset: UInt64, width: Int) throws(CompileError) -> Access {
        if let access = try frameAccess(tree, offset: offset, width: width) { return access }
        switch context.memory {
        case .identity, .relocated, .task:
            let (base, extra) = Self.constantApart(tree)
            let total = (extra + offset) & 0xFFFF_FFFF
            if case .global(let g, _) = base, let v = context.addressConstants[g] {
                // `relocated`: an address the linker relocated (virtual: its piece stays above
                // bit 32, the sum wraps below it).
                return try linkedAbsolute((v & ~0xFFFF_FFFF) | ((v + total) & 0xFFFF_FFFF), width: width)
            }
            if case .constant(_, let c) = base {
                if context.memory.needsRelocations {
                    // A physical address (a peripheral's): from its 128-byte window's start.
                    let address = (c + total) & 0xFFFF_FFFF
                    let window = address & ~127
                    return .offset(try value(.constant(.i32, window))[0], Int32(address - window))
                }
                return try absolute((c + total) & 0xFFFF_FFFF, width: width)
            }
            if total != 0, context.memory == .identity, let access = try indexed(base, from: total, width: width) {
                return access
            }
            if total == 0, width <= 4, case .op(.i32Add, let kids) = base {
                // [a, b] or [a, b, lsl #k].
                for (a, b) in [(kids[0], kids[1]), (kids[1], kids[0])] {
                    if case .op(.i32Shl, let s) = b, case .constant(_, let k) = s[1], k & 31 <= 3 {
                        let a = try value(a)[0]
                        return .register(a, try value(s[0])[0], shift: UInt8(k & 31))
                    }
                }
                let a = try value(kids[0])[0]
                return .register(a, try value(kids[1])[0], shift: 0)
            }
            if total <= Self.largestOffset(width) { return .offset(try value(base)[0], Int32(total)) }
            let (r, o) = try offsetAddress(try value(tree)[0], offset, width: width)
            return .offset(r, o)
        case .base, .linked:
            return try unchecked(tree, offset: offset, width: width)
        case .mpu:
            return try guarded(tree, offset: offset, width: width)
        case .checked:
            guard let base = memoryBase else { throw fail("memory access without a memory base") }
            // The e-graph's facts may prove the access within the initial memory, which only
            // ever grows: then it needs no check (a constant address, a masked index).
            let bound = provenEnd(tree, offset: offset, width: width)
            let r = try value(tree)[0]
            let end = offset + UInt64(width)
            if bound <= context.memoryBytes {
                // In bounds on every path.
            } else if let checked = checkedEnds[r], end <= checked {
                // Checked earlier in this block for an end at least as far.
            } else if context.growable {
                // The size is a word: r + end must neither carry nor pass it.
                if end > context.reservedBytes {
                    emit(MachineInstruction(.branch(.al, trap), defs: [], uses: []))
                } else {
                    let last = f.fresh()
                    let e = f.fresh()
                    try materialize(UInt32(end), into: e)
                    emit(.instruction(.data(.add, s: true, rd: .r0, rn: .r1, .reg(.r2)), [last, r, e]))
                    emit(MachineInstruction(.branch(.hs, trap), defs: [], uses: []))
                    emit(.instruction(.compare(.cmp, rn: .r0, .reg(.r1)), [last, memorySize()]))
                    emit(MachineInstruction(.branch(.hi, trap), defs: [], uses: []))
                    checkedEnds[r] = end
                }
            } else {
                if end > context.memoryBytes {
                    emit(MachineInstruction(.branch(.al, trap), defs: [], uses: []))
                } else {
                    try compareWith(r, UInt32(context.memoryBytes - end))
                    emit(MachineInstruction(.branch(.hi, trap), defs: [], uses: []))
                    checkedEnds[r] = end
                }
            }
            if offset == 0, width <= 4 { return .register(base, r, shift: 0) }
            let (a, o) = try offsetAddress(physical(r), offset, width: width)
            return .offset(a, o)
        }
    }

    /// `(p, c)` for an address `p + c` or `c + p` with a constant `c` (the input's own
    /// instructions, when they are compiled as they are, keep LLVM's `0 + sym`); `(tree, 0)`
    /// otherwise.
    static func constantApart(_ tree: Tree) -> (Tree, UInt64) {
        guard case .op(.i32Add, let kids) = tree, kids.count == 2 else { return (tree, 0) }
        if case .constant(_, let c) = kids[1] { return (kids[0], c) }
        if case .constant(_, let c) = kids[0] { return (kids[1], c) }
        return (tree, 0)
    }

    /// How far an access of `width` bytes at `tree + offset` reaches on every path by the
    /// e-graph's facts (the end of its last byte, exclusive), or `.max` when they do not say.
    func provenEnd(_ tree: Tree, offset: UInt64, width: Int) -> UInt64 {
        facts.facts(of: tree).map { $0.high + offset + UInt64(width) } ?? .max
    }

    /// `base` and `linked`: `weft_memory + a + o` with nothing checked, so a constant `c` of
    /// `a = p + c` folds into the offset (the 32-bit sum wraps alike either way), as in
    /// `identity`. A fixed address must lie in the reserve (a compile error otherwise);
    /// `linked` reaches it from a relocated base (`linkedAbsolute`). Otherwise the physical
    /// address `weft_memory + p` is one register per Wasm address register in a block
    /// (`physical`), shared by every access through it: `[t, #o]`, or `[t, b]` /
    /// `[t, b, lsl #k]` for `p + b` / `p + (b << k)`; `[weft_memory, a]` with no offset.
    mutating func unchecked(_ tree: Tree, offset: UInt64, width: Int) throws(CompileError) -> Access {
        let (p, extra) = Self.constantApart(tree)
        if case .constant(_, let c) = p {
            // The reserve may be smaller than the Wasm memory: a fixed address past it would
            // reach whatever the linker put there.
            let address = ((c + extra) & 0xFFFF_FFFF) + offset
            if address + UInt64(width) > max(context.memoryBytes, context.reservedBytes) {
                // Outside what the memory can ever span: Wasm traps on every path, and so does
                // the code (the access after the branch is never reached).
                emit(MachineInstruction(.branch(.al, trap), defs: [], uses: []))
                return .offset(try memoryBase ?? value(.constant(.i32, 0))[0], 0)
            }
            try checkReserved(address, width: width)
            if context.memory.placedByLinker { return try linkedAbsolute(address, width: width) }
        }
        guard let base = memoryBase else { throw fail("memory access without a memory base") }
        let total = (extra + offset) & 0xFFFF_FFFF
        if case .registers(let w, _) = p, let t = nativeValues[w[0]] {
            if total <= Self.largestOffset(width) { return .offset(t, Int32(total)) }
            let negative = Int32(bitPattern: UInt32(total))
            if negative < 0, negative >= -255 { return .offset(t, negative) }
        }
        if context.memory.placedByLinker, total != 0, let access = try indexed(p, from: total, width: width) {
            return access
        }
        if total == 0, width <= 4 {
            if case .op(.i32Add, let kids) = p {
                if case .op(.i32Shl, let s) = kids[1], case .constant(_, let k) = s[1], k & 31 <= 3 {
                    let t = physical(try value(kids[0])[0])
                    return .register(t, try value(s[0])[0], shift: UInt8(k & 31))
                }
                if case .registers(let w, _) = kids[1], let t = nativeValues[w[0]] {
                    return .register(t, try value(kids[0])[0], shift: 0)
                }
                let t = physical(try value(kids[0])[0])
                return .register(t, try value(kids[1])[0], shift: 0)
            }
            let v = try value(p)[0]
            if let t = nativeValues[v] { return .offset(t, 0) }
            // Its physical address already in a register (a frame element's): no sum, and the
            // Wasm value may be dead.
            if let t = physicalAddresses[v] { return .offset(t, 0) }
            if let k = localRegisters[v] { nativePointers.accessed(k) }
            return .register(base, v, shift: 0)
        }
        if total <= Self.largestOffset(width) { return .offset(physical(try value(p)[0]), Int32(total)) }
        // A small negative constant: `[t, #-c]` (down to -255).
        let negative = Int32(bitPattern: UInt32(total))
        if negative < 0, negative >= -255 { return .offset(physical(try value(p)[0]), negative) }
        // Else the tree's own value (`p - 4096` is one `sub`): `[weft_memory, v]` when there
        // is no offset.
        let v = try value(tree)[0]
        if offset == 0, width <= 4 { return .register(base, v, shift: 0) }
        let (a, o) = try offsetAddress(physical(v), offset, width: width)
        return .offset(a, o)
    }

    /// A register holding `weft_memory + r` (the physical address of Wasm address `r`): one
    /// per `r` in a block, until `r` is written, a label or a call.
    mutating func physical(_ r: VReg) -> VReg {
        if let t = nativeValues[r] { return t }
        if let k = localRegisters[r] { nativePointers.accessed(k) }
        if let t = physicalAddresses[r] { return t }
        guard let base = memoryBase else { return r }
        rebuiltSum(of: r)
        let t = sum(base, r, flagsFree: true)
        physicalAddresses[r] = t
        return t
    }

    /// A register holding `a + b` (`into`, else a fresh one); `flagsFree`: as a tile's `add`,
    /// the 16-bit `adds` when the registers are low.
    @discardableResult
    mutating func sum(_ a: VReg, _ b: VReg, into d: VReg? = nil, flagsFree: Bool) -> VReg {
        let t = d ?? f.fresh()
        let add = ThumbInstruction.data(.add, s: false, rd: .r0, rn: .r1, .reg(.r2))
        var m = MachineInstruction.instruction(add, [t, a, b])
        if flagsFree { m.op = .flexible(add) }
        emit(m)
        return t
    }

    /// A fixed address: from a register already holding a constant a little below it, in
    /// reach of the 16-bit encodings' offset (0–124 for words, 0–62 for halfwords, 0–31 for
    /// bytes), else from a new base at the address's 128-byte window (so the next accesses
    /// near it are 16-bit too).
    mutating func absolute(_ address: UInt64, width: Int) throws(CompileError) -> Access {
        // An 8-byte access is two words, at the offset and 4 past it.
        let reach: UInt64 = width == 8 ? 120 : width == 4 ? 124 : width == 2 ? 62 : 31
        let near = constants.filter {
            address >= $0.key && address - $0.key <= reach && (address - $0.key) % UInt64(min(width, 4)) == 0
        }
        if let (b, r) = near.min(by: { $0.key > $1.key || ($0.key == $1.key && $0.value.id < $1.value.id) }) {
            return .offset(r, Int32(address - b))
        }
        // The window's start, unless the offset from it would not be aligned for the 16-bit
        // form; then the address itself.
        var base = address < 128 ? 0 : address & ~127
        if (address - base) % UInt64(min(width, 4)) != 0 { base = address }
        if constants[base] == nil { bases.rebuilt(base, bytes: AddressBases.constantBytes(UInt32(base))) }
        return .offset(try value(.constant(.i32, base))[0], Int32(address - base))
    }

    /// A compile error unless `[address, address + width)` lies in the memory's reserve (the
    /// models that do not check accesses), for an access inside the Wasm memory.
    func checkReserved(_ address: UInt64, width: Int) throws(CompileError) {
        let end = address + UInt64(width)
        guard end > context.reservedBytes else { return }
        throw fail(
            "the access at constant address \(address) (\(width) bytes) lies beyond the \(context.reservedBytes) bytes reserved for linear memory (\(context.reservationSource)); reserve at least \(end) with --memory-size"
        )
    }

    /// `linked`: a fixed Wasm address as `[weft_memory + base, #offset]`. The base register
    /// comes from one already holding `weft_memory + b` in this block (the function's memory
    /// base is `b = 0`): one in reach of the 16-bit encodings' offset, else one in reach of
    /// the 12-bit offset (a 32-bit access, no new register or literal), else a new literal
    /// `weft_memory + window` at the address's 128-byte window (so the next accesses near
    /// it are 16-bit too). Neighbouring addresses share one literal and one register, as
    /// native code shares a section's base among its globals.
    mutating func linkedAbsolute(_ address: UInt64, width: Int) throws(CompileError) -> Access {
        let reach: UInt64 = width == 8 ? 120 : width == 4 ? 124 : width == 2 ? 62 : 31
        let unit = UInt64(min(width, 4))
        var known = memoryAddresses
        if let base = memoryBase, known[0] == nil { known[0] = base }
        func nearest(within limit: UInt64, aligned: Bool) -> (UInt64, VReg)? {
            known.filter {
                address >= $0.key && address - $0.key <= limit && (!aligned || (address - $0.key) % unit == 0)
            }
            .min { $0.key > $1.key || ($0.key == $1.key && $0.value.id < $1.value.id) }
            .map { ($0.key, $0.value) }
        }
        var base = address < 128 ? 0 : address & ~127
        if (address - base) % unit != 0 { base = address }
        if let (b, r) = nearest(within: reach, aligned: true) { return .offset(r, Int32(address - b)) }
        if let (b, r) = nearest(within: Self.largestOffset(width), aligned: false) {
            // A 32-bit access: a base at the window would make it 16-bit.
            if address - base <= reach { bases.used(base, saving: 2) }
            return .offset(r, Int32(address - b))
        }
        return .offset(memoryAddress(base), Int32(address - base))
    }

    /// A register of this block holding `weft_memory + c` (`linked`'s bases, `relocated`'s
    /// address globals): one already built, else the literal, recorded as a base to hoist.
    mutating func memoryAddress(_ c: UInt64) -> VReg {
        if let r = memoryAddresses[c] { return r }
        bases.rebuilt(c, bytes: 2)
        let r = f.fresh()
        let reference = context.memoryReference(c)
        emit(
            MachineInstruction(
                .symbol(reference.symbol, addend: reference.addend), regs: [r], defs: [r], uses: []))
        memoryAddresses[c] = r
        return r
    }

    /// How a load or store reaches memory: `[r, #offset]` or `[r, r2, lsl #shift]`.
    enum Access {
        case offset(VReg, Int32)
        case register(VReg, VReg, shift: UInt8)
        /// `[r, #o]` accessed as unprivileged code (`mpu`: the MPU checks it).
        case unprivileged(VReg, UInt8)
        /// `[sp, #area + o]`: byte `o` of the Wasm frame area (`NativeFrame`).
        case frame(Int32)

        /// The instruction's address operand (registers r1, r2) and those registers.
        var operand: (Address, [VReg]) {
            switch self {
            case .offset(let r, let o): (.offset(.r1, o), [r])
            case .register(let a, let b, let k): (.register(.r1, .r2, shift: k), [a, b])
            case .unprivileged(let r, let o): (.unprivileged(.r1, o), [r])
            case .frame(let o): (.offset(.r1, o), [.sp])
            }
        }

        /// The machine instruction of `t` (an access through this operand) over `regs`.
        func instruction(_ t: ThumbInstruction, _ regs: [VReg]) -> MachineInstruction {
            if case .frame = self { return .frame(t, regs) }
            return .instruction(t, regs)
        }
    }

    /// `memory.fill`: in the `checked` model the whole range is checked first (a trap writes
    /// nothing), then a byte loop.
    mutating func fill(at d: VReg, with v: VReg, count n: VReg) throws(CompileError) {
        try checkRange(d, n)
        fillLoop(try physicalAddress(d), with: v, count: n, width: .byte)
    }

    /// `n` elements of `width` (a byte of memory, a word of a table) from `p` on set to `x`
    /// (`p` is advanced; `n` is not changed).
    mutating func fillLoop(_ p: VReg, with x: VReg, count n: VReg, width: MemoryWidth) {
        let c = f.fresh()
        emit(.copy(c, n))
        let loop = label()
        let done = label()
        emit(MachineInstruction(.label(loop), defs: [], uses: []))
        emit(MachineInstruction(.compareBranch(nonzero: false, done), regs: [c], defs: [], uses: [c]))
        emit(.instruction(.store(width, rt: .r0, .offset(.r1, 0)), [x, p]))
        step(p, by: Int32(width.bytes))
        step(c, by: -1)
        emit(MachineInstruction(.branch(.al, loop), defs: [], uses: []))
        emit(MachineInstruction(.label(done), defs: [], uses: []))
    }

    /// `memory.copy`: both ranges checked first, then a byte loop forward, or backward when
    /// the destination lies above the source (the ranges may overlap).
    mutating func copy(to d: VReg, from s: VReg, count n: VReg) throws(CompileError) {
        try checkRange(d, n)
        try checkRange(s, n)
        moveLoop(to: try physicalAddress(d), from: try physicalAddress(s), count: n, width: .byte)
    }

    /// `n` elements of `width` (bytes of memory, words of a table) from `q` to `p` as
    /// `memmove` moves them: forward, or backward when the destination lies above the source.
    mutating func moveLoop(to p: VReg, from q: VReg, count n: VReg, width: MemoryWidth) {
        let c = f.fresh()
        emit(.copy(c, n))
        let t = f.fresh()
        let backward = label()
        let done = label()
        let shift = UInt8(width.bytes.trailingZeroBitCount)
        emit(.instruction(.compare(.cmp, rn: .r0, .reg(.r1)), [p, q]))
        emit(MachineInstruction(.branch(.hi, backward), defs: [], uses: []))
        copyForward(to: p, from: q, count: c, through: t, done: done, width: width)
        emit(MachineInstruction(.label(backward), defs: [], uses: []))
        emit(MachineInstruction(.compareBranch(nonzero: false, done), regs: [c], defs: [], uses: [c]))
        step(c, by: -1)
        emit(.instruction(.load(width, rt: .r0, .register(.r1, .r2, shift: shift)), [t, q, c]))
        emit(.instruction(.store(width, rt: .r0, .register(.r1, .r2, shift: shift)), [t, p, c]))
        emit(MachineInstruction(.branch(.al, backward), defs: [], uses: []))
        emit(MachineInstruction(.label(done), defs: [], uses: []))
    }

    /// The memory's current size in bytes (a memory that can grow), loaded now.
    mutating func memorySize() -> VReg {
        let size = f.fresh()
        emit(
            .instruction(
                .load(.word, rt: .r0, .offset(.r1, 0)), [size, symbolAddress(CompileContext.memorySizeSymbol)]))
        return size
    }

    /// `memory.grow` by `delta` pages: the old size in pages when the reserved memory has room
    /// for them (the size word then grows), else -1.
    mutating func grow(by delta: VReg) throws(CompileError) -> VReg {
        let address = symbolAddress(CompileContext.memorySizeSymbol)
        let size = f.fresh()
        emit(.instruction(.load(.word, rt: .r0, .offset(.r1, 0)), [size, address]))
        let room = f.fresh()
        try materialize(UInt32(truncatingIfNeeded: context.reservedBytes), into: room)
        emit(.instruction(.data(.sub, s: false, rd: .r0, rn: .r0, .reg(.r1)), [room, size]))
        emit(.instruction(.mov(s: false, rd: .r0, .register(ShiftedRegister(.r0, .lsr, 16))), [room]))
        let result = f.fresh()
        let fail = label()
        let done = label()
        emit(.instruction(.compare(.cmp, rn: .r0, .reg(.r1)), [delta, room]))
        emit(MachineInstruction(.branch(.hi, fail), defs: [], uses: []))
        emit(.instruction(.mov(s: false, rd: .r0, .register(ShiftedRegister(.r1, .lsr, 16))), [result, size]))
        let grown = f.fresh()
        emit(
            .instruction(
                .data(.add, s: false, rd: .r0, rn: .r1, .register(ShiftedRegister(.r2, .lsl, 16))),
                [grown, size, delta]))
        emit(.instruction(.store(.word, rt: .r0, .offset(.r1, 0)), [grown, address]))
        emit(MachineInstruction(.branch(.al, done), defs: [], uses: []))
        emit(MachineInstruction(.label(fail), defs: [], uses: []))
        try materialize(0xFFFF_FFFF, into: result)
        emit(MachineInstruction(.label(done), defs: [], uses: []))
        return result
    }

    /// The symbols of data segment `k`: its bytes (`.rodata`) and its length (a word in
    /// `.data`, 0 once dropped; an active segment's is 0 from the start, as Wasm drops it
    /// at instantiation).
    static func segmentSymbols(_ k: Int) -> (bytes: String, length: String) {
        ("weft_data_\(k)", "weft_data_length_\(k)")
    }

    /// A trap unless `[s, s + n)` lies in a segment's current length (the word at `length`;
    /// 0 once dropped): `memory.init` and `table.init`.
    mutating func checkSegmentRange(length symbol: String, from s: VReg, count n: VReg) {
        let length = f.fresh()
        emit(.instruction(.load(.word, rt: .r0, .offset(.r1, 0)), [length, symbolAddress(symbol)]))
        let end = f.fresh()
        emit(.instruction(.data(.add, s: true, rd: .r0, rn: .r1, .reg(.r2)), [end, s, n]))
        emit(MachineInstruction(.branch(.hs, trap), defs: [], uses: []))
        emit(.instruction(.compare(.cmp, rn: .r0, .reg(.r1)), [end, length]))
        emit(MachineInstruction(.branch(.hi, trap), defs: [], uses: []))
    }

    /// `memory.init`: a trap unless `[s, s + n)` lies in the segment's current length (in
    /// every memory model) and `[d, d + n)` in the memory (`checked`), then a forward byte
    /// copy (segment and memory never overlap).
    mutating func initialize(at d: VReg, segment: Int, from s: VReg, count n: VReg) throws(CompileError) {
        let names = Self.segmentSymbols(segment)
        checkSegmentRange(length: names.length, from: s, count: n)
        try checkRange(d, n)
        let p = try physicalAddress(d)
        let q = sum(symbolAddress(names.bytes), s)
        let c = f.fresh()
        emit(.copy(c, n))
        let done = label()
        copyForward(to: p, from: q, count: c, through: f.fresh(), done: done)
        emit(MachineInstruction(.label(done), defs: [], uses: []))
    }

    /// `weft_init` under `linked`: the memory's initialized part, segment `segment` (never
    /// dropped, its length `count` known), copied to `weft_memory + address` with nothing
    /// checked, by words when both are word multiples (`prepare` pads the image so), else by
    /// bytes.
    mutating func copyImage(segment: Int, to address: UInt64, count: UInt64) throws(CompileError) {
        guard count > 0 else { return }
        let words = address % 4 == 0 && count % 4 == 0
        let width: MemoryWidth = words ? .word : .byte
        let p = f.fresh()
        emit(
            MachineInstruction(
                .symbol(CompileContext.memorySymbol, addend: UInt32(truncatingIfNeeded: address)), regs: [p],
                defs: [p], uses: []))
        let q = f.fresh()
        emit(MachineInstruction(.symbol(Self.segmentSymbols(segment).bytes), regs: [q], defs: [q], uses: []))
        let c = f.fresh()
        try materialize(UInt32(truncatingIfNeeded: words ? count / 4 : count), into: c)
        let t = f.fresh()
        let loop = label()
        emit(MachineInstruction(.label(loop), defs: [], uses: []))
        emit(.instruction(.load(width, rt: .r0, .offset(.r1, 0)), [t, q]))
        emit(.instruction(.store(width, rt: .r0, .offset(.r1, 0)), [t, p]))
        step(p, by: Int32(width.bytes))
        step(q, by: Int32(width.bytes))
        emit(.instruction(.data(.sub, s: true, rd: .r0, rn: .r0, .immediate(1)), [c]))
        emit(MachineInstruction(.branch(.ne, loop), defs: [], uses: []))
    }

    /// A forward loop: `c` elements of `width` from `q` to `p` through `t`, all three
    /// advanced; leaves for `done` when `c` is 0.
    mutating func copyForward(
        to p: VReg, from q: VReg, count c: VReg, through t: VReg, done: Label, width: MemoryWidth = .byte
    ) {
        let loop = label()
        emit(MachineInstruction(.label(loop), defs: [], uses: []))
        emit(MachineInstruction(.compareBranch(nonzero: false, done), regs: [c], defs: [], uses: [c]))
        emit(.instruction(.load(width, rt: .r0, .offset(.r1, 0)), [t, q]))
        emit(.instruction(.store(width, rt: .r0, .offset(.r1, 0)), [t, p]))
        step(p, by: Int32(width.bytes))
        step(q, by: Int32(width.bytes))
        step(c, by: -1)
        emit(MachineInstruction(.branch(.al, loop), defs: [], uses: []))
    }

    /// `data.drop`: the segment's length becomes 0.
    mutating func dropSegment(_ segment: Int) throws(CompileError) {
        let zero = f.fresh()
        try materialize(0, into: zero)
        emit(
            .instruction(
                .store(.word, rt: .r0, .offset(.r1, 0)), [zero, symbolAddress(Self.segmentSymbols(segment).length)]))
    }

    /// In the `checked` model, a trap unless `[a, a + n)` lies in the memory (`a + n` must
    /// neither carry nor pass the size).
    mutating func checkRange(_ a: VReg, _ n: VReg) throws(CompileError) {
        guard context.memory == .checked || context.memory == .mpu else { return }
        let end = f.fresh()
        emit(.instruction(.data(.add, s: true, rd: .r0, rn: .r1, .reg(.r2)), [end, a, n]))
        emit(MachineInstruction(.branch(.hs, trap), defs: [], uses: []))
        if context.growable {
            emit(.instruction(.compare(.cmp, rn: .r0, .reg(.r1)), [end, memorySize()]))
        } else {
            // `mpu`: the region holds the reserve, which may be less than the memory.
            let size = context.memory == .mpu ? min(context.memoryBytes, context.reservedBytes) : context.memoryBytes
            try compareWith(end, UInt32(truncatingIfNeeded: size))
        }
        emit(MachineInstruction(.branch(.hi, trap), defs: [], uses: []))
    }

    /// A fresh register with the machine address of Wasm address `a` (the memory model's).
    mutating func physicalAddress(_ a: VReg) throws(CompileError) -> VReg {
        switch context.memory {
        case .identity, .relocated, .task:
            let p = f.fresh()
            emit(.copy(p, a))
            return p
        case .base, .checked, .linked, .mpu:
            guard let base = memoryBase else { throw fail("memory access without a memory base") }
            return sum(base, a)
        }
    }

    /// `r += k` (flags free).
    mutating func step(_ r: VReg, by k: Int32) {
        let t = ThumbInstruction.data(k < 0 ? .sub : .add, s: false, rd: .r0, rn: .r0, .immediate(k.magnitude))
        emit(.flexible(t, [r]))
    }

    /// The largest immediate offset of an access (12 bits; an 8-byte access is two words, the
    /// second 4 further).
    static func largestOffset(_ width: Int) -> UInt64 { width == 8 ? 4091 : 4095 }

    /// `r` with `offset` as the access's immediate when it fits, else added in.
    mutating func offsetAddress(_ r: VReg, _ offset: UInt64, width: Int) throws(CompileError) -> (VReg, Int32) {
        if offset <= Self.largestOffset(width) { return (r, Int32(offset)) }
        let t = f.fresh()
        try materialize(UInt32(truncatingIfNeeded: offset), into: t)
        return (sum(r, t), 0)
    }

    /// A fresh register holding `a + b`.
    mutating func sum(_ a: VReg, _ b: VReg) -> VReg { sum(a, b, flagsFree: false) }

    static func width(_ op: LoadOp) -> MemoryWidth {
        switch op {
        case .i32Load, .f32Load, .i64Load32S, .i64Load32U, .i64Load, .f64Load: .word
        case .i32Load8S, .i64Load8S: .signedByte
        case .i32Load8U, .i64Load8U: .byte
        case .i32Load16S, .i64Load16S: .signedHalf
        case .i32Load16U, .i64Load16U: .half
        }
    }

    mutating func load(_ op: LoadOp, offset: UInt64, address tree: Tree, into d: [VReg]) throws(CompileError) {
        let access = try address(tree, offset: offset, width: op.width)
        if op.width == 8, let (a, low, high) = access.words {
            emit(access.instruction(.load(.word, rt: .r0, low), [d[0], a]))
            emit(access.instruction(.load(.word, rt: .r0, high), [d[1], a]))
            return
        }
        let (mode, regs) = access.operand
        emit(access.instruction(.load(Self.width(op), rt: .r0, mode), [d[0]] + regs))
        if d.count == 2 {
            switch op {
            case .i64Load8S, .i64Load16S, .i64Load32S:
                emit(.instruction(.mov(s: false, rd: .r0, .register(ShiftedRegister(.r1, .asr, 31))), [d[1], d[0]]))
            default:
                try materialize(0, into: d[1])
            }
        }
    }

    mutating func store(_ op: StoreOp, offset: UInt64, address: Tree, value v: Tree) throws(CompileError) {
        let regs = try value(try storedBits(v, width: op.width))
        let access = try self.address(address, offset: offset, width: op.width)
        if op.width == 8, let (a, low, high) = access.words {
            emit(access.instruction(.store(.word, rt: .r0, low), [regs[0], a]))
            emit(access.instruction(.store(.word, rt: .r0, high), [regs[1], a]))
            return
        }
        let (mode, r) = access.operand
        let width: MemoryWidth = op.width == 4 ? .word : op.width == 2 ? .half : .byte
        emit(access.instruction(.store(width, rt: .r0, mode), [regs[0]] + r))
    }

    /// The tree a narrow store of `v` computes: `v` masked to the stored bytes when a tile
    /// makes that form cheaper (a `strh` of a swapped 16-bit field is `rev16`, whatever the
    /// swap leaves above bit 15), else `v`. The store reads the same bits either way.
    mutating func storedBits(_ v: Tree, width: Int) throws(CompileError) -> Tree {
        guard width < 4, v.type == .i32, case .op = v else { return v }
        let masked = Tree.op(.i32And, [v, .constant(.i32, width == 1 ? 0xFF : 0xFFFF)])
        let plain = try selector.best(v, flags: false, facts: facts).cost
        return try selector.best(masked, flags: false, facts: facts).cost < plain ? masked : v
    }

    static func usesMemory(_ code: [Code]) -> Bool {
        code.contains {
            switch $0 {
            case .op(let i, let operands): usesMemory([i]) || usesMemory(operands)
            case .block(let body), .loop(let body): usesMemory(body)
            case .if(let c, let a, let b): usesMemory([c]) || usesMemory(a) || usesMemory(b)
            }
        }
    }

    static func usesMemory(_ body: [WasmModel.Instruction]) -> Bool {
        body.contains {
            switch $0 {
            case .load, .store, .memoryFill, .memoryCopy, .memoryInit: true
            default: false
            }
        }
    }
}
