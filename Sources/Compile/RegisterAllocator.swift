import Thumb

/// Assigns a machine register to every virtual register, by Chaitin–Briggs graph coloring
/// with conservative coalescing and biased selection:
///
/// 1. Liveness over the function's blocks (bit sets, to a fixed point), then an
///    interference graph: a value defined where another is live interferes with it (a copy's
///    source excepted, so copies can share a register). Calls define the caller-saved
///    registers, so values live across a call interfere with r0–r3, r12 and lr and land in
///    callee-saved ones.
/// 2. Coalesce, heaviest copies first (loop copies weigh 10 per level): the two sides of a
///    copy that do not interfere merge when the Briggs test (two virtual registers) or the
///    George test (a virtual one into a physical argument or result register) says the graph
///    stays as colorable; the copy then disappears.
/// 3. Simplify: take out nodes of degree < K (14 registers), the least used first (so the
///    most used are colored first and get the low registers); when none is left, the one
///    with the lowest spill cost per degree goes optimistically (Briggs).
/// 4. Select in reverse: a register no neighbour holds, preferring the register of a copy
///    partner (biased selection catches copies the tests refused), then r0–r7 (16-bit
///    encodings name only those; caller-saved first, as they need no push), then r12,
///    r8–r11, lr.
/// 5. A node with no register left is spilled (with everything coalesced into it) to a frame
///    slot: reloaded before each use, stored after each definition, and allocation runs
///    again on the new short ranges.
///
/// Spill costs weigh each use and definition by 10 per loop level, so loop values stay in
/// registers. Why this algorithm: the functions are small, the graph is exact where linear
/// scan approximates, and conservative coalescing removes the loop-carried copies that
/// biased selection alone leaves when a partner is colored first.
///
/// Invariant: after `allocate`, every register of the code is physical, no two values that
/// are live at once share one, and `slots` is the number of spill words used.
struct RegisterAllocator {
    var f: MachineFunction
    var slots = 0
    var assignment: [Int: Register] = [:]

    static let order: [Register] = [.r0, .r1, .r2, .r3, .r4, .r5, .r6, .r7, .r12, .r8, .r9, .r10, .r11, .lr]

    init(_ f: MachineFunction) { self.f = f }

    struct Failure: Error {}

    mutating func allocate() throws(CompileError) -> MachineFunction {
        for _ in 0..<8 {
            let spilled = try attempt()
            if spilled.isEmpty {
                rewrite()
                return f
            }
            insertSpillCode(spilled)
        }
        throw CompileError("function \(f.name): register allocation does not settle")
    }

    // MARK: Blocks and liveness

    struct Block {
        var range: Range<Int>
        var successors: [Int] = []
    }

    func blocks() -> [Block] {
        var starts: [Int] = [0]
        var labelBlock: [Label: Int] = [:]
        for (k, i) in f.code.enumerated() {
            switch i.op {
            case .label: if starts.last != k { starts.append(k) }
            case .branch, .compareBranch, .ret, .switchTable: starts.append(k + 1)
            default: break
            }
        }
        starts = Array(Set(starts.filter { $0 <= f.code.count })).sorted()
        var blocks: [Block] = []
        for (n, s) in starts.enumerated() {
            let e = n + 1 < starts.count ? starts[n + 1] : f.code.count
            if s < e || s == f.code.count {
                blocks.append(Block(range: s..<max(s, e)))
            }
        }
        for (b, block) in blocks.enumerated() {
            if let first = block.range.first, case .label(let l) = f.code[first].op { labelBlock[l] = b }
        }
        for b in blocks.indices {
            var succ: [Int] = []
            let next = b + 1 < blocks.count ? [b + 1] : []
            guard let last = blocks[b].range.last else {
                blocks[b].successors = next
                continue
            }
            switch f.code[last].op {
            case .branch(let c, let l):
                succ = (labelBlock[l].map { [$0] } ?? []) + (c == .al ? [] : next)
            case .compareBranch(_, let l): succ = (labelBlock[l].map { [$0] } ?? []) + next
            case .switchTable(let ls): succ = ls.compactMap { labelBlock[$0] }
            case .ret: succ = []
            default: succ = next
            }
            blocks[b].successors = succ
        }
        return blocks
    }

    /// Registers that take part in allocation (sp and pc never do).
    static func tracked(_ v: VReg) -> Bool { v.id != 13 && v.id != 15 }

    func liveOut(_ blocks: [Block]) -> [Bits] {
        let n = f.nextVirtual
        var use = [Bits](repeating: Bits(n), count: blocks.count)
        var def = [Bits](repeating: Bits(n), count: blocks.count)
        for (b, block) in blocks.enumerated() {
            for k in block.range {
                let i = f.code[k]
                for u in i.uses where Self.tracked(u) && !def[b].contains(u.id) { use[b].insert(u.id) }
                for d in i.defs where Self.tracked(d) { def[b].insert(d.id) }
            }
        }
        var liveIn = [Bits](repeating: Bits(n), count: blocks.count)
        var liveOut = [Bits](repeating: Bits(n), count: blocks.count)
        var changed = true
        while changed {
            changed = false
            for b in blocks.indices.reversed() {
                var out = Bits(n)
                for s in blocks[b].successors { out.formUnion(liveIn[s]) }
                var inn = out
                inn.subtract(def[b])
                inn.formUnion(use[b])
                if inn != liveIn[b] || out != liveOut[b] {
                    liveIn[b] = inn
                    liveOut[b] = out
                    changed = true
                }
            }
        }
        return liveOut
    }

    /// Whether removing the instruction changes nothing but its (dead) results.
    static func isPure(_ i: MachineInstruction) -> Bool {
        guard !i.defs.isEmpty else { return false }
        switch i.op {
        case .instruction(let t): return !t.mayWriteFlags && { if case .store = t { false } else { true } }()
        case .flexible, .copy, .constant, .symbol, .setIf, .moveIf, .moveImmediateIf, .conditional, .reload,
            .loadArgument:
            return true
        default: return false
        }
    }

    /// Drops instructions whose results nobody reads (zero-initialized locals written before
    /// any read, values only a removed branch used), until none is left; how many went.
    @discardableResult
    mutating func removeDeadCode() -> Int {
        var removed = 0
        var changed = true
        while changed {
            changed = false
            let blocks = blocks()
            let out = liveOut(blocks)
            var dead = Set<Int>()
            for (b, block) in blocks.enumerated() {
                var live = out[b]
                for k in block.range.reversed() {
                    let i = f.code[k]
                    if Self.isPure(i), i.defs.allSatisfy({ Self.tracked($0) && !live.contains($0.id) && $0.isVirtual })
                    {
                        dead.insert(k)
                        continue
                    }
                    for d in i.defs where Self.tracked(d) { live.remove(d.id) }
                    for u in i.uses where Self.tracked(u) { live.insert(u.id) }
                }
            }
            if !dead.isEmpty {
                f.code = f.code.enumerated().filter { !dead.contains($0.offset) }.map(\.element)
                removed += dead.count
                changed = true
            }
        }
        return removed
    }

    // MARK: Coloring

    mutating func attempt() throws(CompileError) -> [VReg] {
        let n = f.nextVirtual
        let blocks = blocks()
        let out = liveOut(blocks)
        var adjacency = [Set<Int>](repeating: [], count: n)
        var partners = [[Int]](repeating: [], count: n)
        var cost = [Double](repeating: 0, count: n)
        var copies: [(Int, Int, Double)] = []
        let depth = loopDepths()
        func edge(_ a: Int, _ b: Int) {
            guard a != b else { return }
            adjacency[a].insert(b)
            adjacency[b].insert(a)
        }
        for (b, block) in blocks.enumerated() {
            var live = out[b]
            for k in block.range.reversed() {
                let i = f.code[k]
                let weight = pow10(depth[k])
                for d in i.defs where Self.tracked(d) {
                    cost[d.id] += weight
                    let except = i.isCopy ? i.uses.first?.id : nil
                    live.forEachMember { l in if l != except { edge(d.id, l) } }
                    for d2 in i.defs where Self.tracked(d2) { edge(d.id, d2.id) }
                }
                if i.isCopy, let s = i.uses.first, let d = i.defs.first {
                    partners[d.id].append(s.id)
                    partners[s.id].append(d.id)
                    copies.append((d.id, s.id, weight))
                }
                for d in i.defs where Self.tracked(d) { live.remove(d.id) }
                for u in i.uses where Self.tracked(u) {
                    cost[u.id] += weight
                    live.insert(u.id)
                }
            }
        }
        let k = Self.order.count
        let alias = coalesce(copies, &adjacency, &cost)
        // Simplify.
        var degree = adjacency.map(\.count)
        var stack: [Int] = []
        // In register-number order, so the same function always gets the same registers.
        var remaining = (VReg.first..<n).filter { alias[$0] == $0 && (!adjacency[$0].isEmpty || cost[$0] > 0) }
        while !remaining.isEmpty {
            // The cheapest trivially colorable node first, so the most used values are
            // colored first and get the low registers.
            let pick =
                remaining.indices.filter { degree[remaining[$0]] < k }.min {
                    cost[remaining[$0]] < cost[remaining[$1]]
                }
                ?? remaining.indices.min {
                    cost[remaining[$0]] / Double(degree[remaining[$0]] + 1)
                        < cost[remaining[$1]] / Double(degree[remaining[$1]] + 1)
                }
            guard let index = pick else { break }
            let v = remaining.remove(at: index)
            stack.append(v)
            for w in adjacency[v] { degree[w] -= 1 }
        }
        // Select.
        var color = [Register?](repeating: nil, count: n)
        for p in 0..<min(16, n) { color[p] = Register(rawValue: UInt8(p)) }
        var spilled: [VReg] = []
        for v in stack.reversed() {
            var taken = Set<Register>()
            for w in adjacency[v] { if let c = color[w] { taken.insert(c) } }
            let preferred = partners[v].compactMap { color[alias[$0]] }.first {
                !taken.contains($0) && Self.order.contains($0)
            }
            if let c = preferred ?? Self.order.first(where: { !taken.contains($0) }) {
                color[v] = c
            } else {
                spilled.append(VReg(v))
            }
        }
        // A spilled node spills every value coalesced into it.
        let spilledSet = Set(spilled.map(\.id))
        spilled = (VReg.first..<n).filter { spilledSet.contains(alias[$0]) }.map { VReg($0) }
        assignment = [:]
        for v in VReg.first..<n { if let c = color[alias[v]] { assignment[v] = c } }
        return spilled
    }

    /// Conservative coalescing, heaviest copies first: the two sides of a copy that do not
    /// interfere become one node when that cannot make the graph harder to color — two
    /// virtual registers when the merged node has fewer than K neighbours of degree ≥ K
    /// (Briggs), a virtual register into a physical one when each of its neighbours already
    /// interferes with that register or has degree < K (George). Returns each register's
    /// representative; `adjacency` and `cost` are those of the merged graph.
    func coalesce(_ copies: [(Int, Int, Double)], _ adjacency: inout [Set<Int>], _ cost: inout [Double]) -> [Int] {
        let k = Self.order.count
        var alias = Array(0..<adjacency.count)
        func find(_ v: Int) -> Int {
            var v = v
            while alias[v] != v { v = alias[v] }
            return v
        }
        let order = copies.indices.sorted { copies[$0].2 > copies[$1].2 || (copies[$0].2 == copies[$1].2 && $0 < $1) }
        for c in order {
            var a = find(copies[c].0)
            var b = find(copies[c].1)
            if a == b || adjacency[a].contains(b) { continue }
            if b < VReg.first { swap(&a, &b) }
            if b < VReg.first { continue }  // two physical registers
            if a < VReg.first {
                // b into the physical register a.
                guard let r = Register(rawValue: UInt8(a)), Self.order.contains(r) else { continue }
                let safe = adjacency[b].allSatisfy { t in
                    t < VReg.first || adjacency[t].contains(a) || adjacency[t].count < k
                }
                guard safe else { continue }
            } else {
                let neighbours = adjacency[a].union(adjacency[b])
                let significant = neighbours.count { t in t < VReg.first || adjacency[t].count >= k }
                guard significant < k else { continue }
            }
            alias[b] = a
            for t in adjacency[b] {
                adjacency[t].remove(b)
                adjacency[t].insert(a)
                adjacency[a].insert(t)
            }
            adjacency[b] = []
            cost[a] += cost[b]
        }
        for v in alias.indices { alias[v] = find(v) }
        return alias
    }

    func pow10(_ d: Int) -> Double {
        var w = 1.0
        for _ in 0..<min(d, 6) { w *= 10 }
        return w
    }

    /// How many loops (a label with a branch back to it) contain each instruction.
    func loopDepths() -> [Int] {
        var at: [Label: Int] = [:]
        var depth = [Int](repeating: 0, count: f.code.count)
        for (k, i) in f.code.enumerated() {
            if case .label(let l) = i.op { at[l] = k }
            var targets: [Label] = []
            switch i.op {
            case .branch(_, let l), .compareBranch(_, let l): targets = [l]
            case .switchTable(let ls): targets = ls
            default: break
            }
            for l in targets {
                if let start = at[l], start <= k { for j in start...k { depth[j] += 1 } }
            }
        }
        return depth
    }

    // MARK: Spilling and rewriting

    mutating func insertSpillCode(_ spilled: [VReg]) {
        var slotOf: [VReg: Int] = [:]
        for v in spilled {
            slotOf[v] = slots
            slots += 1
        }
        var code: [MachineInstruction] = []
        for var i in f.code {
            var before: [MachineInstruction] = []
            var after: [MachineInstruction] = []
            var renamed: [VReg: VReg] = [:]
            for v in Set(i.uses + i.defs).sorted() where slotOf[v] != nil {
                let t = f.fresh()
                renamed[v] = t
                if i.uses.contains(v) {
                    before.append(MachineInstruction(.reload(slot: slotOf[v]!), regs: [t], defs: [t], uses: []))
                }
                if i.defs.contains(v) {
                    after.append(MachineInstruction(.spill(slot: slotOf[v]!), regs: [t], defs: [], uses: [t]))
                }
            }
            if !renamed.isEmpty {
                i.regs = i.regs.map { renamed[$0] ?? $0 }
                i.uses = i.uses.map { renamed[$0] ?? $0 }
                i.defs = i.defs.map { renamed[$0] ?? $0 }
            }
            code += before
            code.append(i)
            code += after
        }
        f.code = code
    }

    mutating func rewrite() {
        func phys(_ v: VReg) -> VReg { v.isVirtual ? VReg(assignment[v.id] ?? .r0) : v }
        var code: [MachineInstruction] = []
        for var i in f.code {
            i.regs = i.regs.map(phys)
            i.uses = i.uses.map(phys)
            i.defs = i.defs.map(phys)
            if i.isCopy, i.regs[0] == i.regs[1] { continue }
            code.append(i)
        }
        f.code = code
    }
}

/// A fixed-size bit set over register numbers.
struct Bits: Equatable {
    var words: [UInt64]

    init(_ n: Int) { words = [UInt64](repeating: 0, count: (n + 63) / 64) }

    func contains(_ i: Int) -> Bool { words[i >> 6] & (1 << UInt64(i & 63)) != 0 }
    mutating func insert(_ i: Int) { words[i >> 6] |= 1 << UInt64(i & 63) }
    mutating func remove(_ i: Int) { words[i >> 6] &= ~(1 << UInt64(i & 63)) }
    mutating func formUnion(_ o: Bits) { for k in words.indices { words[k] |= o.words[k] } }
    mutating func subtract(_ o: Bits) { for k in words.indices { words[k] &= ~o.words[k] } }

    func forEachMember(_ body: (Int) -> Void) {
        for (k, w) in words.enumerated() {
            var x = w
            while x != 0 {
                let b = x.trailingZeroBitCount
                body(k * 64 + b)
                x &= x - 1
            }
        }
    }
}
