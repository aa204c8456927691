import Passes
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
///    partner (biased selection catches copies the tests refused), then a low register no
///    neighbour still to be colored wants through its own copy, then r0–r7 (16-bit
///    encodings name only those; caller-saved first, as they need no push), then r12,
///    r8–r11, lr.
/// 5. A node with no register left is spilled (with everything coalesced into it): a value
///    defined only by a constant or symbol address is rematerialized before each use, any
///    other gets a frame slot (reloaded before each use, stored after each definition), and
///    allocation runs again on the new short ranges. A spill temporary is never spilled
///    again (its range cannot shrink): the cheapest value live beside it goes instead.
/// 6. After `rounds` rounds, or when only temporaries are left to spill, the last resort:
///    every value spilled, each temporary given a register for its one instruction by
///    `assignLocally` (correct by construction). Slots never live at once then share.
///
/// Spill costs weigh each use and definition by 10 per level of natural loop
/// (`loopDepths`), so loop values stay in registers. Why this algorithm: the functions are
/// small, the graph is exact where linear scan approximates, and conservative coalescing removes the loop-carried copies that
/// biased selection alone leaves when a partner is colored first.
///
/// Invariant: after `allocate` (which always returns unless an internal check fails), every
/// register of the code is physical, no two values that are live at once share one, and
/// `slots` is the number of spill words used.
struct RegisterAllocator {
    var f: MachineFunction
    var slots = 0
    var assignment: [Int: Register] = [:]

    static let allRegisters: [Register] = [.r0, .r1, .r2, .r3, .r4, .r5, .r6, .r7, .r12, .r8, .r9, .r10, .r11, .lr]

    /// The registers values get, in preference order: every one but the scratch when the
    /// frame reserves it.
    var order = Self.allRegisters
    /// The register kept out of allocation for far frame stores (`FrameAccess`), if any.
    var scratch: Register?
    /// Whether spilled values are split into pieces (`LiveRangeSplitting`) rather than
    /// reloaded at every read.
    var splitting = true
    /// Pieces go only where fewer values than this stay live (besides the registers' own
    /// limits): 8 keeps a low register free for other values, so their instructions keep
    /// their 16-bit encodings.
    var pieceLimit = Self.allRegisters.count
    /// The slot of each spilled value and of each piece of one (a piece shares its value's).
    var slotOfValue: [Int: Int] = [:]
    /// The loop each loop piece lives in (its region when it is split again).
    var loopPieces: [Int: Label] = [:]
    /// Pieces confined to a stretch of one block: spilled again, they are not split.
    var segmentPieces = Set<Int>()
    /// How many pieces splitting made (in the allocation kept), and in all its rounds
    /// (the last resort's discarded ones too).
    var splitRanges = 0
    var piecesMade = 0

    init(_ f: MachineFunction) { self.f = f }

    struct Failure: Error {}

    /// Spill code and rematerialized values this allocation inserted (before the passes
    /// after allocation remove any).
    var spills = 0
    var reloads = 0
    var rematerialized = 0
    /// Whether the last resort (every value in its own slot) allocated the function.
    var spilledEverywhere = false
    /// The registers spill code created (a reload's or rematerialized value's, a spilled
    /// definition's): their ranges are as short as they can be, so spilling them again
    /// would make no progress.
    var temporaries = Set<Int>()

    /// How many rounds of coloring and spilling run before the last resort.
    var rounds = 12

    mutating func allocate() throws(CompileError) -> MachineFunction {
        let original = f
        // A store beyond sp-relative reach needs the scratch: kept out from the start when
        // the outgoing arguments alone reach that far, else allocated again without it.
        if scratch == nil, FrameAccess.needsScratch(outgoingWords: f.outgoingWords, slots: 0, frameBytes: f.frameBytes)
        {
            scratch = FrameAccess.scratch
            order = Self.allRegisters.filter { $0 != FrameAccess.scratch }
        }
        try allocateOnce()
        if scratch == nil,
            FrameAccess.needsScratch(outgoingWords: f.outgoingWords, slots: slots, frameBytes: f.frameBytes)
        {
            var again = RegisterAllocator(original)
            again.rounds = rounds
            again.splitting = splitting
            again.pieceLimit = pieceLimit
            again.scratch = FrameAccess.scratch
            again.order = Self.allRegisters.filter { $0 != FrameAccess.scratch }
            _ = try again.allocate()
            self = again
        }
        return f
    }

    /// Rounds of coloring and spilling, else the last resort.
    mutating func allocateOnce() throws(CompileError) {
        let original = f
        for _ in 0..<rounds {
            guard let spilled = try attempt() else { break }
            if spilled.isEmpty {
                rewrite()
                reuseArgumentWords()
                compactSlots()
                return
            }
            insertSpillCode(spilled)
        }
        // The last resort: every virtual register spilled (or rematerialized), each reload and
        // definition given a register of its own for one instruction.
        f = original
        (slots, spills, reloads, rematerialized, temporaries) = (0, 0, 0, 0, [])
        (slotOfValue, loopPieces, segmentPieces, splitRanges) = ([:], [:], [], 0)
        spilledEverywhere = true
        let splits = splitting
        splitting = false
        defer { splitting = splits }
        var present = Set<VReg>()
        for i in f.code { for v in i.regs + i.defs + i.uses where v.isVirtual { present.insert(v) } }
        insertSpillCode(present.sorted())
        try assignLocally()
        rewrite()
        reuseArgumentWords()
        compactSlots()
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

    /// The blocks reachable from the entry, each before its successors except along back
    /// edges.
    static func reversePostorder(_ blocks: [Block]) -> [Int] {
        guard !blocks.isEmpty else { return [] }
        var seen = [Bool](repeating: false, count: blocks.count)
        var post: [Int] = []
        var stack: [(block: Int, next: Int)] = [(0, 0)]
        seen[0] = true
        while let (b, n) = stack.last {
            if n < blocks[b].successors.count {
                stack[stack.count - 1].next += 1
                let s = blocks[b].successors[n]
                if !seen[s] {
                    seen[s] = true
                    stack.append((s, 0))
                }
            } else {
                post.append(b)
                stack.removeLast()
            }
        }
        return post.reversed()
    }

    /// Backward liveness to a fixed point: what is live into and out of each block, from what
    /// each block reads before writing (`use`) and writes (`def`), over `width` values.
    static func liveness(_ blocks: [Block], use: [Bits], def: [Bits], width: Int) -> (liveIn: [Bits], liveOut: [Bits]) {
        var liveIn = [Bits](repeating: Bits(width), count: blocks.count)
        var liveOut = [Bits](repeating: Bits(width), count: blocks.count)
        var changed = true
        while changed {
            changed = false
            for b in blocks.indices.reversed() {
                var out = Bits(width)
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
        return (liveIn, liveOut)
    }

    /// Registers that take part in allocation (sp and pc never do).
    static func tracked(_ v: VReg) -> Bool { v.id != 13 && v.id != 15 }

    /// One past the largest value number the code uses (at least `nextVirtual`): the bound of
    /// the per-value tables of liveness.
    var valueBound: Int {
        var bound = f.nextVirtual
        for i in f.code {
            for v in i.uses { bound = max(bound, v.id + 1) }
            for v in i.defs { bound = max(bound, v.id + 1) }
        }
        return bound
    }

    /// The values live out of each block, in ascending order.
    func liveOut(_ blocks: [Block]) -> [[Int]] { liveSets(blocks).liveOut }

    /// The values live into and out of each block, in ascending order.
    func liveSets(_ blocks: [Block]) -> (liveIn: [[Int]], liveOut: [[Int]]) {
        let n = valueBound
        // Global names (Briggs and Cooper): only a value some block reads before writing it
        // can be live across a block boundary, so the bit sets are as wide as those values,
        // not as the function (a long function's temporaries never widen them).
        var isGlobal = [Bool](repeating: false, count: n)
        var definedIn = [Int](repeating: -1, count: n)
        for (b, block) in blocks.enumerated() {
            for k in block.range {
                let i = f.code[k]
                for u in i.uses where Self.tracked(u) && definedIn[u.id] != b { isGlobal[u.id] = true }
                for d in i.defs where Self.tracked(d) { definedIn[d.id] = b }
            }
        }
        let globals = (0..<n).filter { isGlobal[$0] }
        var index = [Int](repeating: -1, count: n)
        for (k, v) in globals.enumerated() { index[v] = k }
        let width = globals.count
        var use = [Bits](repeating: Bits(width), count: blocks.count)
        var def = [Bits](repeating: Bits(width), count: blocks.count)
        for (b, block) in blocks.enumerated() {
            for k in block.range {
                let i = f.code[k]
                for u in i.uses where Self.tracked(u) && index[u.id] >= 0 && !def[b].contains(index[u.id]) {
                    use[b].insert(index[u.id])
                }
                for d in i.defs where Self.tracked(d) && index[d.id] >= 0 { def[b].insert(index[d.id]) }
            }
        }
        func values(_ bits: Bits) -> [Int] {
            var live: [Int] = []
            bits.forEachMember { live.append(globals[$0]) }
            return live
        }
        let (liveIn, liveOut) = Self.liveness(blocks, use: use, def: def, width: width)
        return (liveIn.map(values), liveOut.map(values))
    }
    /// Whether removing the instruction changes nothing but its (dead) results.
    static func isPure(_ i: MachineInstruction) -> Bool {
        guard !i.defs.isEmpty else { return false }
        switch i.op {
        case .instruction(let t), .frame(let t):
            switch t {
            // An unprivileged load (`--memory mpu`) may fault: kept, as the access it is.
            case .store, .load(_, _, .unprivileged): return false
            default: return !t.mayWriteFlags
            }
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
        // Removing code never raises the bound: one working set serves every round.
        var live = SparseSet(bound: valueBound)
        while changed {
            changed = false
            let blocks = blocks()
            let out = liveOut(blocks)
            var dead = Set<Int>()
            for (b, block) in blocks.enumerated() {
                live.reset(to: out[b])
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

    /// One round of coloring: the registers to spill (empty: every one colored), or nil
    /// when a spill temporary found no register and no neighbour of it can be spilled
    /// instead (only the last resort can then allocate the function).
    mutating func attempt() throws(CompileError) -> [VReg]? {
        let n = f.nextVirtual
        let blocks = blocks()
        let out = liveOut(blocks)
        var adjacency = [NeighbourSet](repeating: NeighbourSet(), count: n)
        var partners = [[Int]](repeating: [], count: n)
        var cost = [Double](repeating: 0, count: n)
        var copies: [(Int, Int, Double)] = []
        let depth = loopDepths(blocks)
        func edge(_ a: Int, _ b: Int) {
            guard a != b else { return }
            adjacency[a].insert(b)
            adjacency[b].insert(a)
        }
        var live = SparseSet(bound: n)
        for (b, block) in blocks.enumerated() {
            live.reset(to: out[b])
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
        let k = order.count
        let alias = coalesce(copies, &adjacency, &cost)
        // Simplify: the cheapest trivially colorable node first (so the most used values are
        // colored first and get the low registers), else the node cheapest to spill per
        // neighbour; ties to the lower number, so the same function always gets the same
        // registers. Heaps keep it O(edges · log): degrees only fall, and an entry made stale
        // by a fall is skipped when it surfaces.
        var degree = adjacency.map(\.count)
        var stack: [Int] = []
        var present = [Bool](repeating: false, count: n)
        var trivial = MinHeap<TrivialNode>()
        var spillable = MinHeap<SpillableNode>()
        func enqueue(_ v: Int) {
            if degree[v] < k {
                trivial.push(TrivialNode(cost: cost[v], id: v))
            } else {
                spillable.push(SpillableNode(ratio: cost[v] / Double(degree[v] + 1), id: v, degree: degree[v]))
            }
        }
        for v in VReg.first..<n where alias[v] == v && (!adjacency[v].isEmpty || cost[v] > 0) {
            present[v] = true
            enqueue(v)
        }
        while true {
            var pick: Int?
            while pick == nil, let t = trivial.pop() { if present[t.id] { pick = t.id } }
            while pick == nil, let s = spillable.pop() {
                if present[s.id] && degree[s.id] == s.degree { pick = s.id }
            }
            guard let v = pick else { break }
            present[v] = false
            stack.append(v)
            for w in adjacency[v] {
                degree[w] -= 1
                if present[w] && degree[w] >= k - 1 { enqueue(w) }
            }
        }
        // Select.
        var color = [Register?](repeating: nil, count: n)
        for p in 0..<min(16, n) { color[p] = Register(rawValue: UInt8(p)) }
        var spilled: [VReg] = []
        // A low register free for `v` that no neighbour still to be colored wants (a copy
        // partner of it holds that register): an argument kept in r0 by its copy is not
        // pushed aside by a value colored first that could as well take r1.
        func unwanted(_ v: Int, _ taken: Set<Register>) -> Register? {
            var wanted = Set<Register>()
            for w in adjacency[v] where color[w] == nil {
                for p in partners[w] { if let c = color[alias[p]] { wanted.insert(c) } }
            }
            guard !wanted.isEmpty else { return nil }
            return order.first { !taken.contains($0) && !wanted.contains($0) && $0.rawValue < 8 }
        }
        for v in stack.reversed() {
            var taken = Set<Register>()
            for w in adjacency[v] { if let c = color[w] { taken.insert(c) } }
            let preferred = partners[v].compactMap { color[alias[$0]] }.first {
                !taken.contains($0) && order.contains($0)
            }
            if let c = preferred ?? unwanted(v, taken) ?? order.first(where: { !taken.contains($0) }) {
                color[v] = c
            } else {
                spilled.append(VReg(v))
            }
        }
        // A spill temporary left without a register is not spilled again (its range cannot
        // get shorter): the cheapest spillable value live beside it goes instead.
        var holdsTemporary = [Bool](repeating: false, count: n)
        for t in temporaries where t < n { holdsTemporary[alias[t]] = true }
        if spilled.contains(where: { holdsTemporary[$0.id] }) {
            var chosen = Set(spilled.map(\.id).filter { !holdsTemporary[$0] })
            for v in spilled where holdsTemporary[v.id] {
                let candidates = adjacency[v.id].filter { $0 >= VReg.first && !holdsTemporary[$0] }
                if candidates.contains(where: { chosen.contains($0) }) { continue }
                guard let w = candidates.min(by: { (cost[$0], $0) < (cost[$1], $1) }) else { return nil }
                chosen.insert(w)
            }
            spilled = chosen.sorted().map { VReg($0) }
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
    func coalesce(_ copies: [(Int, Int, Double)], _ adjacency: inout [NeighbourSet], _ cost: inout [Double]) -> [Int] {
        let k = order.count
        var alias = Array(0..<adjacency.count)
        func find(_ v: Int) -> Int {
            var v = v
            while alias[v] != v {
                alias[v] = alias[alias[v]]  // path halving: chains stay short
                v = alias[v]
            }
            return v
        }
        // Each node's count of significant neighbours (physical, or k neighbours or more),
        // kept exact as edges move, so the Briggs test never walks a long-lived value's
        // thousands of short-lived neighbours.
        func isSignificant(_ t: Int) -> Bool { t < VReg.first || adjacency[t].count >= k }
        var significantNeighbours = adjacency.map { $0.count(where: isSignificant) }
        func addEdge(_ x: Int, _ y: Int) {
            let (wasX, wasY) = (isSignificant(x), isSignificant(y))
            adjacency[x].insert(y)
            adjacency[y].insert(x)
            let (nowX, nowY) = (isSignificant(x), isSignificant(y))
            if !wasX && nowX { for u in adjacency[x] where u != y { significantNeighbours[u] += 1 } }
            if !wasY && nowY { for u in adjacency[y] where u != x { significantNeighbours[u] += 1 } }
            if nowY { significantNeighbours[x] += 1 }
            if nowX { significantNeighbours[y] += 1 }
        }
        func removeEdge(_ x: Int, _ y: Int) {
            let (wasX, wasY) = (isSignificant(x), isSignificant(y))
            adjacency[x].remove(y)
            adjacency[y].remove(x)
            if wasX && !isSignificant(x) { for u in adjacency[x] { significantNeighbours[u] -= 1 } }
            if wasY && !isSignificant(y) { for u in adjacency[y] { significantNeighbours[u] -= 1 } }
            if wasY { significantNeighbours[x] -= 1 }
            if wasX { significantNeighbours[y] -= 1 }
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
                guard let r = Register(rawValue: UInt8(a)), self.order.contains(r) else { continue }
                let safe = adjacency[b].allSatisfy { t in
                    t < VReg.first || adjacency[t].contains(a) || adjacency[t].count < k
                }
                guard safe else { continue }
            } else {
                // Briggs: fewer than k neighbours of significant degree in the union, from
                // the kept counts less the common ones (walking the smaller side only).
                let (small, large) = adjacency[a].count <= adjacency[b].count ? (a, b) : (b, a)
                var common = 0
                for t in adjacency[small] where isSignificant(t) && adjacency[large].contains(t) { common += 1 }
                guard significantNeighbours[a] + significantNeighbours[b] - common < k else { continue }
            }
            alias[b] = a
            for t in Array(adjacency[b]) {
                removeEdge(t, b)
                if t != a && !adjacency[a].contains(t) { addEdge(t, a) }
            }
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

    /// How many loops contain each instruction: for each header (a block a later block, or
    /// itself, branches back to), its natural loop — the blocks that reach one of those
    /// branches without passing the header, as LLVM's LoopInfo finds them. Code laid out
    /// between a loop's label and its last branch back that cannot return to the header
    /// (a rotated loop's exit path placed before its body) is not in the loop.
    func loopDepths(_ blocks: [Block]) -> [Int] {
        var predecessors = [[Int]](repeating: [], count: blocks.count)
        for (b, block) in blocks.enumerated() { for s in block.successors { predecessors[s].append(b) } }
        var blockDepth = [Int](repeating: 0, count: blocks.count)
        var mark = [Int](repeating: -1, count: blocks.count)
        for h in blocks.indices {
            let latches = predecessors[h].filter { $0 >= h }
            guard !latches.isEmpty else { continue }
            mark[h] = h
            var work = latches.filter { mark[$0] != h }
            for b in work { mark[b] = h }
            var members = [h] + work
            while let b = work.popLast() {
                for p in predecessors[b] where mark[p] != h {
                    mark[p] = h
                    members.append(p)
                    work.append(p)
                }
            }
            for b in members { blockDepth[b] += 1 }
        }
        var depth = [Int](repeating: 0, count: f.code.count)
        for (b, block) in blocks.enumerated() { for k in block.range { depth[k] = blockDepth[b] } }
        return depth
    }

    // MARK: Spilling and rewriting

    /// The instruction defining `v` again wherever it is read instead of a reload, when it
    /// is `v`'s only definition and reads no register and leaves the flags alone: a constant
    /// or a symbol's address from the literal pool (or a flag-free `movw`/`mov.w`).
    func rematerializable(_ spilled: Set<VReg>) -> [VReg: MachineInstruction] {
        var definitions: [VReg: Int] = [:]
        var defining: [VReg: MachineInstruction] = [:]
        for i in f.code {
            for d in i.defs where spilled.contains(d) {
                definitions[d, default: 0] += 1
                defining[d] = i
            }
        }
        return defining.filter { v, i in
            guard definitions[v] == 1, i.defs == [v], i.uses.isEmpty, i.regs == [v] else { return false }
            switch i.op {
            case .constant, .symbol: return true
            case .instruction(let t): return !t.mayWriteFlags
            default: return false
            }
        }
    }

    /// The last resort's assignment, after every value was spilled: each register left is a
    /// temporary living from its reload (or definition) to its read (or store) inside one
    /// block, a few instructions long. In code order, each takes the first register of
    /// `order` that no physical register live or written in its range and no overlapping
    /// temporary holds. An instruction reads and writes at most four registers and the
    /// AAPCS registers live at once are at most r0–r3 and lr, so a register is always left;
    /// if not, the error names the instruction.
    mutating func assignLocally() throws(CompileError) {
        let blocks = blocks()
        let out = liveOut(blocks)
        let count = f.code.count
        // The physical registers live after each instruction, and those it touches.
        var liveAfter = [UInt16](repeating: 0, count: count)
        var touched = [UInt16](repeating: 0, count: count)
        var blockOf = [Int](repeating: 0, count: count)
        func mask(_ regs: [VReg]) -> UInt16 {
            regs.reduce(0) { m, r in r.isVirtual ? m : m | 1 << UInt16(r.id) }
        }
        for (b, block) in blocks.enumerated() {
            var live: UInt16 = 0
            for r in out[b] where r < VReg.first { live |= 1 << UInt16(r) }
            for k in block.range.reversed() {
                blockOf[k] = b
                liveAfter[k] = live
                let i = f.code[k]
                touched[k] = mask(i.defs) | mask(i.uses) | mask(i.regs)
                live &= ~mask(i.defs.filter(Self.tracked))
                live |= mask(i.uses.filter(Self.tracked))
            }
        }
        var first: [Int: Int] = [:]
        var last: [Int: Int] = [:]
        for (k, i) in f.code.enumerated() {
            for v in i.regs + i.defs + i.uses where v.isVirtual {
                if first[v.id] == nil { first[v.id] = k }
                last[v.id] = k
            }
        }
        assignment = [:]
        var active: [(end: Int, register: Register)] = []
        for v in first.keys.sorted(by: { (first[$0] ?? 0, $0) < (first[$1] ?? 0, $1) }) {
            guard let a = first[v], let b = last[v] else { continue }
            guard blockOf[a] == blockOf[b] else {
                throw CompileError("function \(f.name): internal error: spill temporary v\(v) spans blocks")
            }
            active.removeAll { $0.end < a }
            var taken = active.reduce(UInt16(0)) { $0 | 1 << UInt16($1.register.rawValue) }
            for k in a...b {
                taken |= touched[k]
                if k < b { taken |= liveAfter[k] }
            }
            guard let r = order.first(where: { taken & 1 << UInt16($0.rawValue) == 0 }) else {
                throw CompileError(
                    "function \(f.name): internal error: no register for a spill temporary at \(f.code[a])")
            }
            assignment[v] = r
            active.append((b, r))
        }
    }

    /// Gives spilled values whose slots are never live at once the same slot (stack
    /// coloring): a slot is live from a store to the reloads it reaches; a store makes its
    /// slot interfere with every slot live there, and slots live on entry interfere with
    /// each other. Each slot takes the lowest number no neighbour took, the most accessed
    /// slots first (ties in slot order), so the busiest slots lie nearest sp.
    mutating func compactSlots() {
        guard slots > 1 else { return }
        let blocks = blocks()
        var use = [Bits](repeating: Bits(slots), count: blocks.count)
        var def = [Bits](repeating: Bits(slots), count: blocks.count)
        for (b, block) in blocks.enumerated() {
            for k in block.range {
                switch f.code[k].op {
                case .reload(let s): if !def[b].contains(s) { use[b].insert(s) }
                case .spill(let s): def[b].insert(s)
                default: break
                }
            }
        }
        let (liveIn, liveOut) = Self.liveness(blocks, use: use, def: def, width: slots)
        var adjacency = [Set<Int>](repeating: [], count: slots)
        for (b, block) in blocks.enumerated() {
            var live = liveOut[b]
            for k in block.range.reversed() {
                switch f.code[k].op {
                case .reload(let s): live.insert(s)
                case .spill(let s):
                    live.remove(s)
                    live.forEachMember { t in
                        adjacency[s].insert(t)
                        adjacency[t].insert(s)
                    }
                default: break
                }
            }
        }
        if let entry = liveIn.first {
            var onEntry: [Int] = []
            entry.forEachMember { onEntry.append($0) }
            for a in onEntry {
                for b in onEntry where a != b { adjacency[a].insert(b) }
            }
        }
        // The most accessed slots first, so they get the lowest offsets (in reach of the
        // 16-bit `ldr`/`str [sp]`, of one instruction in a large frame).
        var accesses = [Int](repeating: 0, count: slots)
        for i in f.code {
            switch i.op {
            case .reload(let s), .spill(let s): accesses[s] += 1
            default: break
            }
        }
        var number = [Int](repeating: -1, count: slots)
        var used = 0
        for s in (0..<slots).sorted(by: { (-accesses[$0], $0) < (-accesses[$1], $1) }) {
            let taken = Set(adjacency[s].map { number[$0] })
            var c = 0
            while taken.contains(c) { c += 1 }
            number[s] = c
            used = max(used, c + 1)
        }
        guard number != Array(0..<slots) else { return }
        f.code = f.code.map { i in
            var i = i
            switch i.op {
            case .reload(let s): i.op = .reload(slot: number[s])
            case .spill(let s): i.op = .spill(slot: number[s])
            default: break
            }
            return i
        }
        slots = used
    }

    /// A slot whose one store saves a stack argument just loaded (its register written by
    /// `loadArgument` and not since, in the same block) holds what the caller's argument
    /// word holds, which nothing writes (a tail call, the one writer of that area, is made
    /// only without stack arguments): its reloads read the argument word and the store goes.
    mutating func reuseArgumentWords() {
        var stores: [Int: [Int]] = [:]
        for (k, i) in f.code.enumerated() {
            if case .spill(let s) = i.op { stores[s, default: []].append(k) }
        }
        var word: [Int: Int] = [:]
        var drop = Set<Int>()
        for (slot, at) in stores where at.count == 1 {
            let k = at[0]
            guard let r = f.code[k].uses.first else { continue }
            var j = k - 1
            while j >= 0 {
                let i = f.code[j]
                if case .label = i.op { break }
                if i.defs.contains(r) {
                    if case .loadArgument(let w) = i.op, i.defs == [r] {
                        word[slot] = w
                        drop.insert(k)
                        if !readsBeforeWriting(r, from: j + 1, except: k) { drop.insert(j) }
                    }
                    break
                }
                j -= 1
            }
        }
        guard !drop.isEmpty else { return }
        var code: [MachineInstruction] = []
        code.reserveCapacity(f.code.count)
        for (k, var i) in f.code.enumerated() where !drop.contains(k) {
            if case .reload(let s) = i.op, let w = word[s] {
                i.op = .loadArgument(word: w)
                reloads -= 1
            }
            code.append(i)
        }
        spills -= drop.count
        f.code = code
    }

    /// Whether the code from `start` on may read `r` before writing it (an instruction `except`
    /// not counted; the end of the block counts as a read).
    func readsBeforeWriting(_ r: VReg, from start: Int, except: Int) -> Bool {
        var k = start
        while k < f.code.count {
            let i = f.code[k]
            switch i.op {
            case .label, .branch, .compareBranch, .ret, .switchTable: return true
            default: break
            }
            if k != except {
                if i.uses.contains(r) { return true }
                if i.defs.contains(r) { return false }
            }
            k += 1
        }
        return true
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
    /// How many members are not in `excluded` (of the same width).
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

/// A simplify candidate with fewer neighbours than registers, ordered by cost, then number.
private struct TrivialNode: Comparable {
    var cost: Double
    var id: Int
    static func < (a: Self, b: Self) -> Bool { (a.cost, a.id) < (b.cost, b.id) }
}

/// A potential spill, ordered by cost per neighbour, then number; `degree` is the neighbour
/// count it was queued with (a later fall makes the entry stale).
private struct SpillableNode: Comparable {
    var ratio: Double
    var id: Int
    var degree: Int
    static func < (a: Self, b: Self) -> Bool { (a.ratio, a.id) < (b.ratio, b.id) }
}
