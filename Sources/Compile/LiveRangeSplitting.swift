import Thumb

/// Spill code with live-range splitting: how the allocator rewrites the values it could not
/// color (`RegisterAllocator.insertSpillCode`).
///
/// A spilled value gets a frame slot and is stored to it after every definition, so the slot
/// always holds its current value and any part of its range can be reloaded from it at any
/// point. Instead of a reload before every read, the range is split into pieces, each a
/// fresh register competing for a register in the next round of coloring:
///
/// - a **loop piece** for each outermost loop of the value's region in which it is read and
///   which it is live into: one reload before the loop's label, the piece read and written
///   inside the loop (stored after each write), so the value stays in a register across the
///   loop's blocks and iterations while outside the loop — where pressure made it spill — it
///   lives in the slot;
/// - a **segment piece** for the reads and writes of the value outside those loops that lie
///   in one stretch of a block between calls (two or more of them): one reload at the first
///   read, never live across a call (so any register, caller-saved ones included, holds it);
/// - a single read or write is a spill temporary as before (reload before, store after).
///
/// A piece that is spilled again is split the same way inside its loop (inner loops, then
/// segments); a segment piece spilled again falls back to a temporary per read and write —
/// which is exactly spilling everywhere — and a piece's own reload and stores go, so a piece
/// never costs more spill code than the range it replaces. `ModuleCompiler` compiles a
/// function whose allocation split anything once more without splitting and keeps the
/// smaller (splitting moves other values' registers too).
///
/// Loops are the code's label-to-last-backward-branch ranges that nothing outside branches
/// into: a piece is entered only through its reload, so it always holds the slot's value.
extension RegisterAllocator {
    /// A loop of the code that is entered only by falling into its label.
    struct Loop {
        var label: Label
        /// The label's index and the last backward branch's.
        var start: Int
        var end: Int

        func contains(_ k: Int) -> Bool { start <= k && k <= end }
        func contains(_ l: Loop) -> Bool { start <= l.start && l.end <= end }
    }

    /// The loops of the code (a label with a branch back to it) that no instruction outside
    /// branches into and that code falls into.
    func loops() -> [Loop] {
        var at: [Label: Int] = [:]
        var ends: [Label: Int] = [:]
        var branches: [(from: Int, to: Label)] = []
        for (k, i) in f.code.enumerated() {
            var targets: [Label] = []
            switch i.op {
            case .label(let l): at[l] = k
            case .branch(_, let l), .compareBranch(_, let l): targets = [l]
            case .switchTable(let ls): targets = ls
            default: break
            }
            for l in targets {
                branches.append((k, l))
                if at[l] != nil { ends[l] = k }
            }
        }
        var loops: [Loop] = []
        for (l, end) in ends {
            guard let start = at[l], start > 0 else { continue }
            switch f.code[start - 1].op {
            case .branch(.al, _), .ret, .switchTable: continue
            default: break
            }
            let loop = Loop(label: l, start: start, end: end)
            let entered = branches.contains { b in
                !loop.contains(b.from) && at[b.to].map { loop.contains($0) } == true
            }
            if !entered { loops.append(loop) }
        }
        return loops.sorted { $0.start < $1.start }
    }

    /// Rewrites the code for `spilled`: a value that can be rematerialized is computed again
    /// right before each read (its definition goes); any other gets a frame slot (a piece
    /// keeps its value's), stored after each definition and split into loop pieces, segment
    /// pieces and temporaries as above (every read a temporary when splitting is off or the
    /// value is a segment piece).
    mutating func insertSpillCode(_ spilled: [VReg]) {
        let again = rematerializable(Set(spilled))
        let blocks = blocks()
        let liveIn = liveIn(blocks)
        var blockOf = [Int](repeating: 0, count: f.code.count)
        var segmentOf = [Int](repeating: 0, count: f.code.count)
        var segment = 0
        for (b, block) in blocks.enumerated() {
            segment += 1
            for k in block.range {
                blockOf[k] = b
                segmentOf[k] = segment
                switch f.code[k].op {
                case .call, .callIndirect: segment += 1
                default: break
                }
            }
        }
        let blockStarting = Dictionary(blocks.enumerated().map { ($1.range.lowerBound, $0) }) { a, _ in a }
        let loops = splitting ? self.loops() : []
        let loopNamed = Dictionary(loops.map { ($0.label, $0) }) { a, _ in a }
        var (pressure, limit) = splitting ? self.pressure(blocks, without: Set(spilled)) : ([], [])
        /// Whether a piece fits over `range`, and if so it takes the room.
        func fits(_ range: ClosedRange<Int>) -> Bool {
            guard !range.contains(where: { pressure[$0] + 1 >= min(limit[$0], pieceLimit) }) else { return false }
            for k in range { pressure[k] += 1 }
            return true
        }

        // Where each spilled value occurs (reads or writes), in code order.
        var occurrences: [VReg: [Int]] = [:]
        let set = Set(spilled)
        for (k, i) in f.code.enumerated() {
            for v in Set(i.uses + i.defs) where set.contains(v) { occurrences[v, default: []].append(k) }
        }

        var rename = [[VReg: VReg]](repeating: [:], count: f.code.count)
        var before = [[MachineInstruction]](repeating: [], count: f.code.count)
        var after = [[MachineInstruction]](repeating: [], count: f.code.count)
        var drop = Set<Int>()

        for v in spilled {
            let places = occurrences[v] ?? []
            if let definition = again[v] {
                for k in places {
                    let i = f.code[k]
                    if i.defs == [v] {
                        drop.insert(k)
                        continue
                    }
                    let t = temporary()
                    rename[k][v] = t
                    before[k].append(MachineInstruction(definition.op, regs: [t], defs: [t], uses: []))
                    rematerialized += 1
                }
                continue
            }
            let slot: Int
            if let s = slotOfValue[v.id] {
                slot = s
            } else {
                slot = slots
                slots += 1
            }
            // The piece's own reload and stores go: the value's are placed anew.
            var left: [Int] = []
            for k in places {
                switch f.code[k].op {
                case .reload(let s) where s == slot && f.code[k].defs == [v]: drop.insert(k)
                case .spill(let s) where s == slot && f.code[k].uses == [v]: drop.insert(k)
                default: left.append(k)
                }
            }
            func store(_ r: VReg, after k: Int) {
                after[k].append(MachineInstruction(.spill(slot: slot), regs: [r], defs: [], uses: [r]))
                spills += 1
            }
            func reload(_ r: VReg, before k: Int) {
                before[k].append(MachineInstruction(.reload(slot: slot), regs: [r], defs: [r], uses: []))
                reloads += 1
            }
            let splits = splitting && !segmentPieces.contains(v.id)
            // Loop pieces: the outermost loops inside the value's region that it is live into
            // and read in.
            var chosen: [Loop] = []
            if splits {
                let region = loopPieces[v.id].flatMap { loopNamed[$0] }
                for loop in loops {
                    if let region, loop.label == region.label || !region.contains(loop) { continue }
                    if chosen.contains(where: { $0.contains(loop) }) { continue }
                    guard let b = blockStarting[loop.start], liveIn[b].contains(v.id) else { continue }
                    guard left.contains(where: { loop.contains($0) && f.code[$0].uses.contains(v) }) else { continue }
                    guard fits(loop.start...loop.end) else { continue }
                    chosen.append(loop)
                }
            }
            for loop in chosen {
                let p = f.fresh()
                slotOfValue[p.id] = slot
                loopPieces[p.id] = loop.label
                splitRanges += 1
                piecesMade += 1
                reload(p, before: loop.start)
                for k in left where loop.contains(k) {
                    rename[k][v] = p
                    if f.code[k].defs.contains(v) { store(p, after: k) }
                }
            }
            // The rest: segment pieces where two or more occurrences share a segment, else
            // temporaries.
            let rest = left.filter { k in !chosen.contains { $0.contains(k) } }
            var groups: [[Int]] = []
            for k in rest {
                if let last = groups.last?.last, segmentOf[last] == segmentOf[k], blockOf[last] == blockOf[k] {
                    groups[groups.count - 1].append(k)
                } else {
                    groups.append([k])
                }
            }
            for group in groups {
                if splits, group.count >= 2, let first = group.first, let last = group.last, fits(first...last) {
                    let q = f.fresh()
                    slotOfValue[q.id] = slot
                    segmentPieces.insert(q.id)
                    splitRanges += 1
                    piecesMade += 1
                    if f.code[first].uses.contains(v) { reload(q, before: first) }
                    for k in group {
                        rename[k][v] = q
                        if f.code[k].defs.contains(v) { store(q, after: k) }
                    }
                    continue
                }
                for k in group {
                    let t = temporary()
                    rename[k][v] = t
                    if f.code[k].uses.contains(v) { reload(t, before: k) }
                    if f.code[k].defs.contains(v) { store(t, after: k) }
                }
            }
        }

        var code: [MachineInstruction] = []
        code.reserveCapacity(f.code.count + spilled.count * 4)
        for (k, var i) in f.code.enumerated() {
            code += before[k]
            if drop.contains(k) { continue }
            let names = rename[k]
            if !names.isEmpty {
                i.regs = i.regs.map { names[$0] ?? $0 }
                i.uses = i.uses.map { names[$0] ?? $0 }
                i.defs = i.defs.map { names[$0] ?? $0 }
            }
            code.append(i)
            code += after[k]
        }
        f.code = code
    }

    /// At each instruction, how many values stay live across it once `spilled` are out of
    /// the registers, and how many may: the registers (at a call, the callee-saved ones).
    /// A piece goes only where it fits — into a loop without room it would only be spilled
    /// again, a round lost — and takes its room.
    func pressure(_ blocks: [Block], without spilled: Set<VReg>) -> (live: [Int], limit: [Int]) {
        let n = valueBound
        let out = liveOut(blocks)
        var excluded = [Bool](repeating: false, count: n)
        for v in spilled where v.id < n { excluded[v.id] = true }
        let calleeSaved = order.count { $0 != .lr && !callClobbers.contains(VReg($0)) }
        var pressure = [Int](repeating: 0, count: f.code.count)
        var limit = [Int](repeating: order.count, count: f.code.count)
        // The live set and its count of values not excluded, kept as the walk goes.
        var live = SparseSet(bound: n)
        var count = 0
        for (b, block) in blocks.enumerated() {
            live.reset(to: out[b])
            count = out[b].count { !excluded[$0] }
            for k in block.range.reversed() {
                let i = f.code[k]
                switch i.op {
                case .call, .callIndirect: limit[k] = calleeSaved
                default: break
                }
                for d in i.defs where Self.tracked(d) && live.contains(d.id) {
                    live.remove(d.id)
                    if !excluded[d.id] { count -= 1 }
                }
                pressure[k] = count
                for u in i.uses where Self.tracked(u) && !live.contains(u.id) {
                    live.insert(u.id)
                    if !excluded[u.id] { count += 1 }
                }
            }
        }
        return (pressure, limit)
    }

    /// A fresh register for spill code (one instruction long: never spilled again).
    mutating func temporary() -> VReg {
        let t = f.fresh()
        temporaries.insert(t.id)
        return t
    }

    /// What is live into each block.
    func liveIn(_ blocks: [Block]) -> [Set<Int>] { liveSets(blocks).liveIn.map(Set.init) }
}
