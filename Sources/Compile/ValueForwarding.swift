import Thumb

/// A machine pass after allocation: a register given a value another register already holds —
/// a constant (`movs r1, #0` while r5 holds 0), an address literal, or a copy (`mov r1, r5`) —
/// is not given it when every read of it can read the other register instead: the reads
/// take that register and the instruction goes, as LLVM's machine copy propagation forwards
/// a copy's source into its uses. The allocator rematerializes a constant in each register a
/// use wants it in (a zero stored through several instructions, an argument set up in two
/// places), and a `mov` of a value between two registers often has one reader.
///
/// Invariant: a definition of `r` goes only when, in its block, every read of `r` it reaches
/// (up to the next write of `r`, with `r` dead at the block's end if no write comes) is by an
/// instruction that names the register as an operand (not a call's or a return's fixed
/// register) and encodes no longer with the other register `h`; and when, in the code as
/// rewritten, `h` provably holds at each of those reads the value `r` held there. Values are
/// named (`Name`) by a forward dataflow — a constant or literal by itself, a copy by its
/// source's name, any other write by the instruction and register — along every edge
/// (`ForwardFacts`), so the check is made on the final code: a rewrite whose holder lost the
/// value to another rewrite is undone, until none does.
enum ValueForwarding {
    /// What a register holds: a constant, an address literal, or the value one instruction
    /// (by its index in the code the pass was given) wrote into one register.
    enum Name: Hashable {
        case constant(UInt32)
        case symbol(String, UInt32)
        case written(Int, VReg)
        case entry(VReg)
    }

    /// The name of each physical register's value (nil: none known), flat: the dataflow
    /// copies and compares one per instruction. Allocated code has no virtual registers;
    /// reading one gives nil and writing one is ignored.
    struct Held: Equatable {
        var slots = [Name?](repeating: nil, count: VReg.first)

        subscript(_ r: VReg) -> Name? {
            get { r.id < slots.count ? slots[r.id] : nil }
            set { if r.id < slots.count { slots[r.id] = newValue } }
        }

        /// What both know.
        func meet(_ other: Held) -> Held {
            var m = self
            for k in slots.indices where slots[k] != other.slots[k] { m.slots[k] = nil }
            return m
        }
    }

    /// A definition to remove and the reads to rewrite.
    struct Candidate {
        var definition: Int
        var register: VReg
        var holder: VReg
        var reads: [Int]
    }

    static func run(_ f: inout MachineFunction) -> Int {
        let code = f.code
        let before = names(code, indices: Array(code.indices))
        let allocator = RegisterAllocator(f)
        let blocks = allocator.blocks()
        let liveOut = allocator.liveSets(blocks).liveOut.map { Set($0) }
        var candidates: [Candidate] = []
        for (b, block) in blocks.enumerated() {
            for k in block.range {
                if let c = candidate(at: k, in: code, block: block, liveOut: liveOut[b], names: before) {
                    candidates.append(c)
                }
            }
        }
        // Apply, check on the rewritten code, and drop what the check refutes, until it holds.
        while !candidates.isEmpty {
            let (rewritten, indices) = apply(candidates, to: code)
            let after = names(rewritten, indices: indices)
            var position = [Int](repeating: -1, count: code.count)
            for (n, k) in indices.enumerated() { position[k] = n }
            let kept = candidates.filter { c in
                c.reads.allSatisfy { j in
                    guard position[j] >= 0, let held = before[j][c.register] else { return false }
                    return after[position[j]][c.holder] == held
                }
            }
            if kept.count == candidates.count {
                f.code = rewritten
                return candidates.count
            }
            candidates = kept
        }
        return 0
    }

    /// The name of each register's value before each instruction of `code`, whose
    /// instructions came from the indices `indices` of the code the pass was given.
    static func names(_ code: [MachineInstruction], indices: [Int]) -> [Held] {
        var entry = Held()
        for r in RegisterAllocator.allRegisters { entry[VReg(r)] = .entry(VReg(r)) }
        let facts = ForwardFacts<Held>(empty: entry) { a, b in a.meet(b) }
        return facts.states(code) { held, n in
            let i = code[n]
            let index = indices[n]
            for d in i.defs {
                let name = Self.name(written: i, register: d, index: index, held: held)
                // The name now stands for this write's value: a register still holding an
                // earlier value under it (around a loop) holds no name.
                if case .written = name {
                    for k in held.slots.indices where k != d.id && held.slots[k] == name { held.slots[k] = nil }
                }
                held[d] = name
            }
        }
    }

    /// The name of the value `i` (at `index`) writes into `d`, given what is held before it.
    static func name(written i: MachineInstruction, register d: VReg, index: Int, held: Held) -> Name {
        if let v = KnownConstants.value(of: i) { return .constant(v) }
        if case .symbol(let s, let addend) = i.op, i.defs.count == 1 { return .symbol(s, addend) }
        if case .copy = i.op, i.regs.count == 2, i.regs[0] == d, let n = held[i.regs[1]] { return n }
        return .written(index, d)
    }

    /// Instruction `k` as a candidate: it only gives a register a value another one holds,
    /// and every read of it in its block can take that other register.
    static func candidate(
        at k: Int, in code: [MachineInstruction], block: RegisterAllocator.Block, liveOut: Set<Int>,
        names: [Held]
    ) -> Candidate? {
        let i = code[k]
        guard i.defs.count == 1, let r = i.defs.first, i.regs.first == r, let physical = r.physical,
            RegisterAllocator.tracked(r)
        else { return nil }
        let held = names[k]
        var holder: VReg?
        switch i.op {
        case .copy where i.regs.count == 2 && i.regs[1] != r:
            holder = i.regs[1]
        case .symbol(let s, let addend):
            holder = Self.holder(of: .symbol(s, addend), besides: r, in: held)
        default:
            guard let v = KnownConstants.value(of: i) else { return nil }
            holder = Self.holder(of: .constant(v), besides: r, in: held)
        }
        guard let h = holder, let hp = h.physical, RegisterAllocator.tracked(h), hp.isLow || !physical.isLow
        else { return nil }
        var reads: [Int] = []
        var holderWritten = false
        for j in block.range where j > k {
            let next = code[j]
            if next.uses.contains(r) {
                guard !holderWritten, !next.defs.contains(r), substitutable(next, r, by: h) else { return nil }
                reads.append(j)
            }
            if next.defs.contains(h) { holderWritten = true }
            if next.defs.contains(r) { return Candidate(definition: k, register: r, holder: h, reads: reads) }
        }
        guard !liveOut.contains(r.id) else { return nil }
        return Candidate(definition: k, register: r, holder: h, reads: reads)
    }

    /// The register holding `name` that a read can take instead of `r`: a low one first.
    static func holder(of name: Name, besides r: VReg, in held: Held) -> VReg? {
        held.slots.indices.lazy.map(VReg.init).first { $0 != r && held[$0] == name && RegisterAllocator.tracked($0) }
    }

    /// Whether `i`, reading `r` (and not writing it), can read `h` instead at no more bytes.
    static func substitutable(_ i: MachineInstruction, _ r: VReg, by h: VReg) -> Bool {
        switch i.op {
        case .instruction(let t), .frame(let t), .conditional(_, let t):
            return bytes(t, i, flexible: false) >= bytes(t, replacing(r, by: h, in: i), flexible: false)
        case .flexible(let t):
            return bytes(t, i, flexible: true) >= bytes(t, replacing(r, by: h, in: i), flexible: true)
        case .copy, .moveIf, .compareBranch, .spill, .switchTable:
            return true
        default:
            return false
        }
    }

    /// The bytes of template `t` over `i`'s registers (a flexible one in its shorter form).
    static func bytes(_ t: ThumbInstruction, _ i: MachineInstruction, flexible: Bool) -> Int {
        let c = Emitter.concrete(t, i)
        func size(_ t: ThumbInstruction) -> Int { (try? Encoder.encode(t))?.count ?? 99 }
        return flexible ? min(size(c), size(c.withFlags(!c.mayWriteFlags))) : size(c)
    }

    /// `i` reading `h` where it read `r`.
    static func replacing(_ r: VReg, by h: VReg, in i: MachineInstruction) -> MachineInstruction {
        replacing([r: h], in: i)
    }

    static func replacing(_ map: [VReg: VReg], in i: MachineInstruction) -> MachineInstruction {
        var i = i
        i.regs = i.regs.map { map[$0] ?? $0 }
        i.uses = i.uses.map { map[$0] ?? $0 }
        return i
    }

    /// The code with the candidates' definitions removed and their reads rewritten (each
    /// from the instruction as given, so two rewrites of one instruction do not compose), and
    /// the original index of each instruction kept.
    static func apply(_ candidates: [Candidate], to code: [MachineInstruction]) -> ([MachineInstruction], [Int]) {
        var removed = Set<Int>()
        var rewrites: [Int: [VReg: VReg]] = [:]
        for c in candidates {
            removed.insert(c.definition)
            for j in c.reads { rewrites[j, default: [:]][c.register] = c.holder }
        }
        var out: [MachineInstruction] = []
        var indices: [Int] = []
        for (k, i) in code.enumerated() where !removed.contains(k) {
            out.append(rewrites[k].map { replacing($0, in: i) } ?? i)
            indices.append(k)
        }
        return (out, indices)
    }
}
