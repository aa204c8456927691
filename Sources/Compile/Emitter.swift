import Thumb

/// Allocated machine code into layout items: the frame (pushed registers, spill slots, the
/// outgoing argument area), the prologue and the `pop {…, pc}` epilogues, pseudo-
/// instructions expanded (`it` blocks, literal loads, the trap), the literal pool last.
///
/// Frame, from sp up: outgoing stack arguments, spill slots, padding to 8 bytes when the
/// function calls, the pushed registers, then the caller's stack arguments. A frame of any
/// size: accesses beyond sp-relative reach go through `FrameAccess`.
///
/// Invariant: sp is 8-byte aligned at every call; lr is pushed exactly when the function
/// calls or pushes anything else (so it returns with `pop {…, pc}`), and the pushed
/// registers are exactly the callee-saved ones the code writes.
struct Emitter {
    let f: MachineFunction
    let slots: Int
    /// The register far frame stores form their address in, when the allocator kept one out
    /// (`FrameAccess.needsScratch`).
    var scratch: Register? = nil

    static let epilogueLabel = Label(1_000_000)

    func items() throws(CompileError) -> [Item] {
        let f = self.f
        var written = Set<Register>()
        for i in f.code {
            for d in i.defs { if let r = d.physical { written.insert(r) } }
        }
        var saved = [Register.r4, .r5, .r6, .r7, .r8, .r9, .r10, .r11].filter { written.contains($0) }
        let tailCalls = Self.tailCalls(f, slots: slots, saved: saved)
        // lr is written by calls, or allocated as a general register: either way it is pushed
        // (unless every call is a tail call, and then nothing is).
        let pushLR = tailCalls.isEmpty && (!saved.isEmpty || written.contains(.lr))
        if pushLR { saved.append(.lr) }
        // The Wasm frame area (`NativeFrame`) lies above the spill slots, 8-byte aligned as sp
        // is on entry and as the shadow stack's frames are (code rounds addresses in it:
        // `va_arg` of a double); the frame is then kept a multiple of 8 as for a call.
        let area = f.frameBytes > 0 ? (4 * (f.outgoingWords + slots) + 7) & ~7 : 4 * (f.outgoingWords + slots)
        var local = area + f.frameBytes
        let makesCalls =
            tailCalls.isEmpty
            && f.code.contains {
                switch $0.op {
                case .call, .callIndirect: true
                default: false
                }
            }
        // Registers holding results at a return: never popped into (a pop would overwrite them).
        let results = Set(
            f.code.flatMap { i -> [Register] in
                if case .ret = i.op { i.uses.compactMap(\.physical) } else { [] }
            })
        if makesCalls || f.frameBytes > 0, (local + 4 * saved.count) % 8 != 0 {
            // Realign with one more pushed register when a low one holds no result (in the
            // 16-bit push), else with the frame.
            if let pad = [Register.r3, .r2, .r1, .r0].first(where: { !saved.contains($0) && !results.contains($0) }) {
                saved.insert(pad, at: 0)
            } else {
                local += 4
            }
        }
        // A frame of a few words rides on the push and pop: low registers that hold no result
        // are pushed below the others (their slots are the frame) and popped back, instead of
        // `sub sp` / `add sp`.
        if pushLR, local > 0, local <= 16 {
            let free = [Register.r3, .r2, .r1, .r0].filter { !saved.contains($0) && !results.contains($0) }
            if free.count >= local / 4 {
                saved.insert(contentsOf: free.prefix(local / 4).sorted { $0.rawValue < $1.rawValue }, at: 0)
                local = 0
            }
        }
        let pushed = 4 * saved.count
        var out: [Item] = []
        if !saved.isEmpty { out.append(.instruction(.push(RegisterList(saved)))) }
        if local > 0 { out += Self.adjust(sp: -local) }

        // The epilogue: restore sp, then pop into pc (or return with bx lr).
        var epilogue: [Item] = []
        if local > 0 { epilogue += Self.adjust(sp: local) }
        if pushLR {
            epilogue.append(.instruction(.pop(RegisterList(saved.map { $0 == .lr ? .pc : $0 }))))
        } else {
            if !saved.isEmpty { epilogue.append(.instruction(.pop(RegisterList(saved)))) }
            epilogue.append(.instruction(.bx(.lr)))
        }
        let returns = f.code.indices.filter {
            if case .ret = f.code[$0].op { !tailCalls.contains($0 - 1) } else { false }
        }
        let sharedEpilogue = epilogue.count > 1 && returns.count > 1

        var trapUsed = false
        func reg(_ i: MachineInstruction, _ k: Int) -> Register { i.regs[k].physical ?? .r0 }
        func concrete(_ t: ThumbInstruction, _ i: MachineInstruction) -> ThumbInstruction { Self.concrete(t, i) }
        let name = f.name
        let scratch = self.scratch
        func store(_ r: Register, _ offset: Int) throws(CompileError) -> [Item] {
            try FrameAccess.store(.word, r, offset: offset, scratch: scratch, function: name).map { .instruction($0) }
        }
        func load(_ r: Register, _ offset: Int) -> [Item] {
            FrameAccess.load(.word, r, offset: offset).map { .instruction($0) }
        }
        for (k, i) in f.code.enumerated() {
            switch i.op {
            case .instruction(let t):
                let c = concrete(t, i)
                if let far = try FrameAccess.legalized(c, scratch: scratch, function: name) {
                    out += far.map { .instruction($0) }
                } else {
                    out.append(.instruction(c))
                }
            case .frame(let t):
                let c = Self.rebased(concrete(t, i), by: area)
                if let far = try FrameAccess.legalized(c, scratch: scratch, function: name) {
                    out += far.map { .instruction($0) }
                } else {
                    out.append(.instruction(c))
                }
            case .flexible(let t):
                let c = concrete(t, i)
                let a = (try? Encoder.encode(c))?.count ?? 99
                let b = (try? Encoder.encode(c.withFlags(!c.mayWriteFlags)))?.count ?? 99
                out.append(.instruction(b < a ? c.withFlags(!c.mayWriteFlags) : c))
            case .copy:
                out.append(.instruction(.mov(s: false, rd: reg(i, 0), .reg(reg(i, 1)))))
            case .setIf(let c):
                out.append(.instruction(.it(c, thens: [false])))
                out.append(.instruction(.mov(s: false, rd: reg(i, 0), .immediate(1))))
                out.append(.instruction(.mov(s: false, rd: reg(i, 0), .immediate(0))))
            case .moveIf(let c):
                out.append(.instruction(.it(c, thens: [])))
                out.append(.instruction(.mov(s: false, rd: reg(i, 0), .reg(reg(i, 1)))))
            case .moveImmediateIf(let c, let v):
                out.append(.instruction(.it(c, thens: [])))
                out.append(.instruction(.mov(s: false, rd: reg(i, 0), .immediate(v))))
            case .conditional(let c, let t):
                out.append(.instruction(.it(c, thens: [])))
                out.append(.instruction(concrete(t, i).withFlags(false)))
            case .label(let l): out.append(.label(l))
            case .branch(let c, let l):
                if l == f.trapLabel { trapUsed = true }
                out.append(.branch(c, l))
            case .compareBranch(let nz, let l):
                if l == f.trapLabel { trapUsed = true }
                out.append(.compareBranch(nonzero: nz, reg(i, 0), l))
            case .constant(let v): out.append(.constant(reg(i, 0), v))
            case .symbol(let s, let a): out.append(.symbolConstant(reg(i, 0), s, addend: a))
            case .call(let s): out.append(tailCalls.contains(k) ? .tailCall(s) : .call(s))
            case .callIndirect: out.append(.instruction(.blx(reg(i, 0))))
            case .switchTable(let ls): out.append(.switchTable(index: reg(i, 0), targets: ls))
            case .ret:
                if tailCalls.contains(k - 1) { continue }
                if sharedEpilogue {
                    if k == returns.last {
                        out.append(.label(Self.epilogueLabel))
                        out += epilogue
                    } else {
                        out.append(.branch(.al, Self.epilogueLabel))
                    }
                } else {
                    out += epilogue
                }
            case .reload(let slot): out += load(reg(i, 0), 4 * (f.outgoingWords + slot))
            case .spill(let slot): out += try store(reg(i, 0), 4 * (f.outgoingWords + slot))
            case .storeArgument(let word): out += try store(reg(i, 0), 4 * word)
            case .loadArgument(let word): out += load(reg(i, 0), local + pushed + 4 * word)
            }
        }
        if trapUsed, let t = f.trapLabel {
            out.append(.label(t))
            out.append(.instruction(.udf(0)))
        }
        out.append(.pool)
        return out
    }

    /// The spill and reload instructions of allocated code and their bytes (each a word
    /// store or load at its slot's sp offset: 16 bits when the register is low and the
    /// offset at most 1020, 32 up to 4095, the `FrameAccess` sequence beyond).
    static func spillCode(_ f: MachineFunction) -> (instructions: Int, bytes: Int) {
        var count = 0
        var bytes = 0
        for i in f.code {
            let offset: Int
            let load: Bool
            switch i.op {
            case .reload(let slot): (offset, load) = (4 * (f.outgoingWords + slot), true)
            case .spill(let slot): (offset, load) = (4 * (f.outgoingWords + slot), false)
            default: continue
            }
            let r = i.regs.first?.physical ?? .r0
            let code =
                load
                ? FrameAccess.load(.word, r, offset: offset)
                : (try? FrameAccess.store(.word, r, offset: offset, scratch: FrameAccess.scratch, function: f.name))
                    ?? []
            count += 1
            bytes += FrameAccess.bytes(code)
        }
        return (count, bytes)
    }

    /// `sub sp, #n` / `add sp, #n` (`bytes` < 0 reserves), as short as it encodes.
    static func adjust(sp bytes: Int) -> [Item] {
        FrameAccess.adjust(sp: bytes).map { .instruction($0) }
    }

    /// A `frame` instruction's sp offset moved by `area` (where the Wasm frame area starts).
    static func rebased(_ t: ThumbInstruction, by area: Int) -> ThumbInstruction {
        let d = Int32(area)
        switch t {
        case .load(let w, let rt, .offset(.sp, let o)): return .load(w, rt: rt, .offset(.sp, o + d))
        case .store(let w, let rt, .offset(.sp, let o)): return .store(w, rt: rt, .offset(.sp, o + d))
        case .loadDual(let a, let b, .offset(.sp, let o)): return .loadDual(rt: a, rt2: b, .offset(.sp, o + d))
        case .storeDual(let a, let b, .offset(.sp, let o)): return .storeDual(rt: a, rt2: b, .offset(.sp, o + d))
        case .data(.add, let s, let rd, .sp, .immediate(let v)):
            return .data(.add, s: s, rd: rd, rn: .sp, .immediate(v + UInt32(area)))
        default: return t
        }
    }

    /// An instruction template with its slot registers replaced by `i`'s allocated ones.
    static func concrete(_ t: ThumbInstruction, _ i: MachineInstruction) -> ThumbInstruction {
        t.mapRegisters { r in Int(r.rawValue) < i.regs.count ? (i.regs[Int(r.rawValue)].physical ?? .r0) : r }
    }

    /// The calls that become tail calls (`b.w callee`, the callee returning to our caller):
    /// when every call is directly followed by the return (so what the function returns is
    /// what the callee returns), takes no stack arguments, and the function needs no frame and
    /// no callee-saved register — so without calls it pushes nothing, and the `push {lr}`,
    /// the `bl` and the `pop {pc}` all give way to one branch. Empty otherwise.
    static func tailCalls(_ f: MachineFunction, slots: Int, saved: [Register]) -> Set<Int> {
        guard saved.isEmpty, slots == 0, f.outgoingWords == 0, f.frameBytes == 0 else { return [] }
        var calls = Set<Int>()
        for (k, i) in f.code.enumerated() {
            switch i.op {
            case .call:
                guard k + 1 < f.code.count, case .ret = f.code[k + 1].op else { return [] }
                calls.insert(k)
            case .callIndirect: return []
            default:
                // lr allocated to a value would need saving.
                if i.defs.contains(where: { $0.physical == .lr }) { return [] }
            }
        }
        return calls
    }
}
