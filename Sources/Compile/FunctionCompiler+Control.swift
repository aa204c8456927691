import EGraph
import Thumb
import WasmModel

/// Structured control flow: blocks, loops and ifs become labels; a branch fills its
/// target's registers (a loop's parameters, a block's results) and jumps; the function's
/// label returns; `br_table` is a bounds check and `tbb`/`tbh` (or a compare chain) to
/// the targets' labels, through trampolines only where values move.
extension FunctionCompiler {
    mutating func enter(_ instruction: WasmModel.Instruction, _ bt: BlockType) throws(CompileError) {
        guard let type = context.module.blockSignature(bt)?.machine else { throw fail("block type \(bt) out of range") }
        var condition: Tree?
        if case .if = instruction { condition = try pop() }
        try forceOrdered()
        let entryFacts = factsKept(by: constructCount - 1)
        let params = Array(stack.suffix(type.params.count))
        let height = stack.count - type.params.count
        let results = type.results.map { fresh($0) }
        let end = label()
        switch instruction {
        case .loop:
            let start = label()
            var paramRegs: [[VReg]] = []
            stack.removeLast(type.params.count)
            for p in params {
                let r = fresh(p.type)
                try compute(p, into: r)
                paramRegs.append(r)
                stack.append(.registers(r, p.type))
            }
            loopCount += 1
            let pinned = pinForLoop(loopCount)
            openLoops.append(loopCount)
            emit(MachineInstruction(.label(start), defs: [], uses: []))
            facts.known = entryFacts
            frames.append(
                ControlFrame(
                    kind: .loop, target: start, end: end, branchRegisters: paramRegs, branchTypes: type.params,
                    results: results, resultTypes: type.results, height: height, params: [], pinned: pinned,
                    scope: nextScope(), entryFacts: entryFacts))
        case .if:
            let elseLabel = label()
            try branch(on: condition ?? .constant(.i32, 0), ifTrue: false, to: elseLabel)
            frames.append(
                ControlFrame(
                    kind: .if, target: end, end: end, elseLabel: elseLabel, branchRegisters: results,
                    branchTypes: type.results, results: results, resultTypes: type.results, height: height,
                    params: params, scope: nextScope(), condition: condition, entryFacts: entryFacts))
        default:
            frames.append(
                ControlFrame(
                    kind: .block, target: end, end: end, branchRegisters: results, branchTypes: type.results,
                    results: results, resultTypes: type.results, height: height, params: [], scope: nextScope(),
                    entryFacts: entryFacts))
        }
    }

    /// The straight-line facts now known of the locals construct `ordinal` never writes.
    func factsKept(by ordinal: Int) -> [VReg: Facts] {
        guard constructWrites.indices.contains(ordinal), !facts.known.isEmpty else { return [:] }
        let written = constructWrites[ordinal]
        return facts.known.filter { r, _ in localRegisters[r].map { !written.contains($0) } ?? false }
    }

    /// The locals each construct writes (`constructWrites`), from its instructions in code
    /// order: a construct's set includes those of the constructs nested in it.
    static func constructWrites(_ code: [WasmModel.Instruction]) -> [Set<Int>] {
        var sets: [Set<Int>] = []
        var open: [Int] = []
        for instruction in code {
            switch instruction {
            case .block, .loop, .if:
                open.append(sets.count)
                sets.append([])
            case .end:
                guard let k = open.popLast() else { break }
                if let parent = open.last { sets[parent].formUnion(sets[k]) }
            case .localSet(let local), .localTee(let local):
                if let k = open.last { sets[k].insert(Int(local)) }
            default: break
            }
        }
        return sets
    }

    /// Moves the top values into `regs` (a branch's or an end's registers).
    mutating func assign(_ regs: [[VReg]]) throws(CompileError) {
        guard stack.count >= regs.count else { throw fail("operand stack underflow at a branch") }
        let values = Array(stack.suffix(regs.count))
        // Compute everything first: a value may read a register another one overwrites.
        var computed: [[VReg]] = []
        for v in values { computed.append(try value(v)) }
        for (target, source) in zip(regs, computed) {
            for (d, s) in zip(target, source) where d != s { emit(.copy(d, s)) }
        }
    }

    mutating func elseArm(reachable: Bool) throws(CompileError) {
        guard var frame = frames.popLast(), frame.kind == .if, let elseLabel = frame.elseLabel else {
            throw fail("else without if")
        }
        if reachable {
            try forceOrdered()
            try assign(frame.results)
            emit(MachineInstruction(.branch(.al, frame.end), defs: [], uses: []))
            frame.endReachable = true
        }
        // The `then` arm's sums do not hold in the `else` arm, a construct of its own.
        unpin(&frame)
        frame.scope = nextScope()
        emit(MachineInstruction(.label(elseLabel), defs: [], uses: []))
        facts.known = frame.entryFacts
        // Only the skip branch leads here: the condition is false.
        if let c = frame.condition { noteBound(c, holds: false) }
        frame.elseLabel = nil
        stack.removeLast(max(0, stack.count - frame.height))
        stack += frame.params
        frames.append(frame)
    }

    mutating func end(reachable: Bool) throws(CompileError) {
        guard var frame = frames.popLast() else { throw fail("end without a block") }
        if frames.isEmpty {
            if reachable {
                try forceOrdered()
                try returnValues()
            }
            return
        }
        // Nothing reaches past the construct when its code does not complete, no branch
        // targets its end and it is not an `if` whose false arm passes straight through (a
        // loop whose body always branches back or returns): what follows is dead, as the
        // function's epilogue after such a loop.
        let deadAfter = !reachable && !frame.endReachable && frame.elseLabel == nil
        if reachable {
            try forceOrdered()
            try assign(frame.results)
        }
        // The construct's shared sums hold no further (a branch out of an enclosing block
        // reaches what follows without passing the write or the loop's preheader).
        if frame.kind == .loop { openLoops.removeLast() }
        unpin(&frame)
        if let elseLabel = frame.elseLabel {
            // An if without else: the false arm passes its parameters straight through.
            if frame.endReachable || reachable {
                emit(MachineInstruction(.branch(.al, frame.end), defs: [], uses: []))
            }
            emit(MachineInstruction(.label(elseLabel), defs: [], uses: []))
            facts.known = frame.entryFacts
            if let c = frame.condition { noteBound(c, holds: false) }
            stack.removeLast(max(0, stack.count - frame.height))
            stack += frame.params
            try assign(frame.results)
        }
        emit(MachineInstruction(.label(frame.end), defs: [], uses: []))
        facts.known = frame.entryFacts
        // An if whose `then` arm never completes nor branches to its end: only the skip
        // branch leads past it, so the condition is false there too.
        if frame.elseLabel != nil, !reachable, !frame.endReachable, let c = frame.condition {
            noteBound(c, holds: false)
        }
        stack.removeLast(max(0, stack.count - frame.height))
        for (k, r) in frame.results.enumerated() { stack.append(.registers(r, frame.resultTypes[k])) }
        if deadAfter { unreachableDepth = 0 }
    }

    mutating func returnValues() throws(CompileError) {
        // Results in r0–r3 in order (one i32/f32 in r0, one i64/f64 in r0:r1, as the
        // AAPCS; several results continue in r2, r3: weft's convention for multi-value).
        var values: [Tree] = []
        for _ in resultTypes { values.insert(try pop(), at: 0) }
        if let buffer = resultBuffer {
            // More than four words: each result at its offset in the caller's buffer.
            let offsets = Self.resultOffsets(resultTypes).offsets
            for (k, v) in values.enumerated() {
                for (h, r) in try value(v).enumerated() {
                    emit(.instruction(.store(.word, rt: .r0, .offset(.r1, Int32(offsets[k] + 4 * h))), [r, buffer]))
                }
            }
            emit(MachineInstruction(.ret, regs: [], defs: [], uses: []))
            return
        }
        var words: [VReg] = []
        for v in values { words += try value(v) }
        var uses: [VReg] = []
        for (h, r) in words.enumerated() {
            let target = VReg(Register(rawValue: UInt8(h)) ?? .r0)
            emit(.copy(target, r))
            uses.append(target)
        }
        emit(MachineInstruction(.ret, regs: uses, defs: [], uses: uses))
    }

    mutating func branch(_ depth: UInt32) throws(CompileError) {
        try forceOrdered()
        guard Int(depth) < frames.count else { throw fail("branch depth \(depth) out of range") }
        let frame = frames[frames.count - 1 - Int(depth)]
        if frames.count - 1 - Int(depth) == 0 {
            try returnValues()
            return
        }
        try assign(frame.branchRegisters)
        emit(MachineInstruction(.branch(.al, frame.target), defs: [], uses: []))
        if frame.kind != .loop { frames[frames.count - 1 - Int(depth)].endReachable = true }
    }

    mutating func branchIf(_ depth: UInt32) throws(CompileError) {
        let condition = try pop()
        try forceOrdered()
        guard Int(depth) < frames.count else { throw fail("branch depth \(depth) out of range") }
        let k = frames.count - 1 - Int(depth)
        let frame = frames[k]
        if k != 0 && frame.branchRegisters.isEmpty {
            try branch(on: condition, ifTrue: true, to: frame.target)
        } else {
            let skip = label()
            try branch(on: condition, ifTrue: false, to: skip)
            if k == 0 {
                let saved = stack
                try returnValues()
                stack = saved
            } else {
                try assign(frame.branchRegisters)
                emit(MachineInstruction(.branch(.al, frame.target), defs: [], uses: []))
            }
            emit(MachineInstruction(.label(skip), defs: [], uses: []))
        }
        if frame.kind != .loop { frames[k].endReachable = true }
    }

    /// `br_table`: each distinct target is its frame's label when the branch moves no value
    /// (a block without results or a loop without parameters, or the values already in its
    /// registers), else a trampoline after the dispatch that moves them and branches (the
    /// default's first). The dispatch is a compare chain when that is smaller than the bounds
    /// check and `tbb` table (`dispatchChainCost`); layout routes a table entry that `tbb`/`tbh`
    /// cannot reach (a loop's start behind it, or too far) through a trampoline of its own.
    mutating func branchTable(_ targets: [UInt32], _ defaultTarget: UInt32) throws(CompileError) {
        let index = try pop()
        try forceOrdered()
        let all = targets + [defaultTarget]
        for d in all where Int(d) >= frames.count { throw fail("branch depth \(d) out of range") }
        var labels: [UInt32: Label] = [:]
        var trampolines: [UInt32] = []
        for d in [defaultTarget] + Set(targets).subtracting([defaultTarget]).sorted() {
            if let direct = directLabel(d) {
                labels[d] = direct
                let k = frames.count - 1 - Int(d)
                if frames[k].kind != .loop { frames[k].endReachable = true }
            } else {
                labels[d] = label()
                trampolines.append(d)
            }
        }
        let defaultLabel = labels[defaultTarget] ?? trap
        let entries = targets.map { labels[$0] ?? trap }
        if targets.isEmpty {
            emit(MachineInstruction(.branch(.al, defaultLabel), defs: [], uses: []))
        } else {
            // The index as base + offset: a chain compares the base with each case plus the
            // offset, and the subtraction goes.
            var base = index
            var offset: UInt32 = 0
            if case .op(let op, let kids) = index, kids.count == 2, case .constant(_, let c) = kids[1],
                op == .i32Sub || op == .i32Add
            {
                base = kids[0]
                offset = op == .i32Sub ? UInt32(truncatingIfNeeded: c) : 0 &- UInt32(truncatingIfNeeded: c)
            }
            let chain = Self.dispatchChainCost(
                entries, defaultLabel, offset: offset, defaultFollows: trampolines.first == defaultTarget)
            let table = Self.dispatchTableCost(entries.count, folded: offset != 0)
            // Ties go to the chain (measured: allowing the chain 2 or more bytes over the
            // table, or requiring it 2 under, gives no smaller corpus).
            if chain <= table {
                let r = try value(base)[0]
                for (k, l) in entries.enumerated() where l != defaultLabel {
                    let v = UInt32(truncatingIfNeeded: k) &+ offset
                    if v == 0 {
                        emit(MachineInstruction(.compareBranch(nonzero: false, l), regs: [r], defs: [], uses: [r]))
                    } else {
                        try compareWith(r, v)
                        emit(MachineInstruction(.branch(.eq, l), defs: [], uses: []))
                    }
                }
                emit(MachineInstruction(.branch(.al, defaultLabel), defs: [], uses: []))
            } else {
                let r = try value(index)[0]
                try compareWith(r, UInt32(targets.count))
                emit(MachineInstruction(.branch(.hs, defaultLabel), defs: [], uses: []))
                emit(MachineInstruction(.switchTable(entries), regs: [r], defs: [], uses: [r]))
            }
        }
        let saved = stack
        for d in trampolines {
            guard let l = labels[d] else { continue }
            emit(MachineInstruction(.label(l), defs: [], uses: []))
            stack = saved
            try branch(d)
        }
        unreachableDepth = 0
    }

    /// The label a branch to `depth` can jump to directly: its frame's target when the
    /// branch moves nothing (every value it carries is already in the frame's registers);
    /// nil for the function's own frame (a return) or when values move.
    func directLabel(_ depth: UInt32) -> Label? {
        let k = frames.count - 1 - Int(depth)
        guard k > 0, k < frames.count else { return nil }
        let regs = frames[k].branchRegisters
        guard stack.count >= regs.count else { return nil }
        for (target, value) in zip(regs, stack.suffix(regs.count)) {
            guard case .registers(let r, _) = value, r == target else { return nil }
        }
        return frames[k].target
    }

    /// Bytes of `cmp rN, #v` (a low register), with the constant's materializing when it is
    /// no modified immediate; 0 for v = 0 (`cbz`).
    static func compareBytes(_ v: UInt32) -> Int {
        guard v != 0 else { return 0 }
        if let e = try? Encoder.encode(.compare(.cmp, rn: .r0, .immediate(v))) { return 2 * e.count }
        return 2 + (v <= 0xFFFF ? 4 : 8)
    }

    /// Bytes of a compare chain over `entries` (a `cmp`/`beq` or `cbz` per entry not going to
    /// the default, then `b default` unless the default's trampoline follows).
    static func dispatchChainCost(_ entries: [Label], _ defaultLabel: Label, offset: UInt32, defaultFollows: Bool)
        -> Int
    {
        var bytes = defaultFollows ? 0 : 2
        for (k, l) in entries.enumerated() where l != defaultLabel {
            bytes += compareBytes(UInt32(truncatingIfNeeded: k) &+ offset) + 2
        }
        return bytes
    }

    /// Bytes of the bounds check and `tbb` table over `count` entries (and the index's
    /// subtraction when a chain would fold it).
    static func dispatchTableCost(_ count: Int, folded: Bool) -> Int {
        (folded ? 2 : 0) + compareBytes(UInt32(count)) + 2 + 4 + (count + 1) / 2 * 2
    }

    mutating func compareWith(_ r: VReg, _ value: UInt32) throws(CompileError) {
        if (try? Encoder.encode(.compare(.cmp, rn: .r0, .immediate(value)))) != nil {
            emit(.instruction(.compare(.cmp, rn: .r0, .immediate(value)), [r]))
        } else {
            let c = f.fresh()
            try materialize(value, into: c)
            emit(.instruction(.compare(.cmp, rn: .r0, .reg(.r1)), [r, c]))
        }
    }
}
