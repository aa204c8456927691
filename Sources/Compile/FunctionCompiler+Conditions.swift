import EGraph
import Thumb
import WasmModel

/// Conditions and the flags: a branch on an i32 tree takes the cheaper of its value
/// (`cbz`/`cbnz`) and a flags tile (`b<cond>`), splits `||`, `&&` and `select` into several
/// branches when that is smaller, and reuses flags a comparison already set (flags facts).
extension FunctionCompiler {
    struct FlagsFact {
        var tree: Tree
        var condition: Condition
        var reads: Set<VReg>
    }

    /// Branches to `label` when the i32 `condition` is non-zero (`ifTrue`) or zero.
    mutating func branch(on condition: Tree, ifTrue: Bool, to target: Label) throws(CompileError) {
        // Branching on `eqz x` is branching on x the other way (and may become cbz/cbnz).
        if case .op(.i32Eqz, let kids) = condition, kids.count == 1 {
            return try branch(on: kids[0], ifTrue: !ifTrue, to: target)
        }
        if let known = flagsHold.first(where: { $0.tree == condition }) {
            emit(
                MachineInstruction(
                    .branch(ifTrue ? known.condition : known.condition.inverse, target), defs: [], uses: []))
            return
        }
        if !condition.isOrdered, let v = facts.decide(condition) {
            return try branch(on: .constant(.i32, v ? 1 : 0), ifTrue: ifTrue, to: target)
        }
        if case .constant(_, let v) = condition {
            if (v != 0) == ifTrue { emit(MachineInstruction(.branch(.al, target), defs: [], uses: [])) }
            return
        }
        // `select(a, b, c)` as a branch on c to a branch on a or on b, when neither arm can trap
        // or read memory and that is smaller than the select's value.
        if case .select(.i32, let a, let b, let c) = condition, !a.isOrdered, !b.isOrdered,
            try branchCost(c) + branchCost(a) + 2 + branchCost(b) < branchCost(condition)
        {
            let other = label()
            let end = label()
            try branch(on: c, ifTrue: false, to: other)
            try branch(on: a, ifTrue: ifTrue, to: target)
            emit(MachineInstruction(.branch(.al, end), defs: [], uses: []))
            emit(MachineInstruction(.label(other), defs: [], uses: []))
            try branch(on: b, ifTrue: ifTrue, to: target)
            emit(MachineInstruction(.label(end), defs: [], uses: []))
            return
        }
        // `a || b` and `a && b` as two branches (b evaluated only when it decides), when b
        // cannot trap or read memory and the two are smaller than one on the combined value.
        if case .op(let op, let kids) = condition, op == .i32Or || op == .i32And, kids.count == 2,
            !kids[1].isOrdered, op == .i32Or || (kids[0].isBoolean && kids[1].isBoolean),
            try branchCost(kids[0]) + branchCost(kids[1]) < branchCost(condition)
        {
            // Branch on the first when it alone decides, past the second when it decides the other way.
            let decides = op == .i32Or ? ifTrue : !ifTrue
            if decides {
                try branch(on: kids[0], ifTrue: op == .i32Or, to: target)
                try branch(on: kids[1], ifTrue: ifTrue, to: target)
            } else {
                let past = label()
                try branch(on: kids[0], ifTrue: op == .i32Or, to: past)
                try branch(on: kids[1], ifTrue: ifTrue, to: target)
                emit(MachineInstruction(.label(past), defs: [], uses: []))
            }
            return
        }
        let flags = try selector.best(condition, flags: true, facts: facts)
        let value = try selector.best(condition, flags: false, facts: facts)
        if value.cost <= flags.cost {
            let r = try self.value(condition)[0]
            emit(MachineInstruction(.compareBranch(nonzero: ifTrue, target), regs: [r], defs: [], uses: [r]))
        } else {
            let c = try self.flags(condition)
            emit(MachineInstruction(.branch(ifTrue ? c : c.inverse, target), defs: [], uses: []))
        }
        noteBound(condition, holds: !ifTrue)
    }

    /// On the path falling through a branch, its condition is `holds`: a register compared
    /// with a constant is then bounded (`x >u 23` not taken: x ≤ 23), and so is one offset by
    /// a constant when the range does not wrap (`x - 1 <u 10`: 1 ≤ x ≤ 10), a straight-line
    /// fact (`RegisterFacts.known`) until the register is written or a label joins paths the
    /// fact may not hold on. Tile guards read it: `1 << x` there needs no `and #31`.
    mutating func noteBound(_ condition: Tree, holds: Bool) {
        guard case .op(let op, let kids) = condition, kids.count == 2, case .constant(_, let bits) = kids[1] else {
            return
        }
        let mask = UInt64(UInt32.max)
        // The compared value is `r + offset` (mod 2^32).
        var subject = kids[0]
        var offset: UInt64 = 0
        if case .op(let inner, let operands) = subject, operands.count == 2,
            case .constant(_, let k) = operands[1], inner == .i32Add || inner == .i32Sub
        {
            offset = (inner == .i32Add ? k : 0 &- k) & mask
            subject = operands[0]
        }
        guard case .registers(let r, .i32) = subject, r.count == 1 else { return }
        let c = bits & mask
        let range: (low: UInt64, high: UInt64)? =
            switch (op, holds) {
            case (.i32LtU, true), (.i32GeU, false): c == 0 ? nil : (0, c - 1)
            case (.i32LeU, true), (.i32GtU, false): (0, c)
            case (.i32GtU, true), (.i32LeU, false): c == mask ? nil : (c + 1, mask)
            case (.i32GeU, true), (.i32LtU, false): (c, mask)
            default: nil
            }
        guard let range else { return }
        let low = (range.low &- offset) & mask
        let high = (range.high &- offset) & mask
        // Shifted back by the offset, the range wraps past zero: no interval of r.
        guard low <= high else { return }
        let met = facts.facts(of: r, .i32).meet(Facts(type: .i32, low: low, high: high))
        if !met.isContradictory { facts.known[r[0]] = met }
    }

    /// Bytes of a conditional branch on `condition`: its value or its flags, then the branch.
    mutating func branchCost(_ condition: Tree) throws(CompileError) -> Int {
        let flags = try selector.best(condition, flags: true, facts: facts).cost
        let value = try selector.best(condition, flags: false, facts: facts).cost
        return min(flags, value) + 2
    }

    /// Sets the flags for the i32 `tree`; the condition that holds when it is non-zero.
    mutating func flags(_ tree: Tree) throws(CompileError) -> Condition {
        if let known = flagsHold.first(where: { $0.tree == tree }) { return known.condition }
        let choice = try selector.best(tree, flags: true, facts: facts)
        let condition: Condition
        if let k = choice.tile {
            try apply(k, choice, result: [])
            condition = Condition.named(selector.tiles.tiles[k].spec.flags ?? "ne") ?? .ne
        } else {
            let r = try value(tree)[0]
            emit(.instruction(.compare(.cmp, rn: .r0, .immediate(0)), [r]))
            condition = .ne
        }
        noteFlags(tree, condition)
        return condition
    }

    /// The flags now say whether `tree` is non-zero (`condition`); kept for a pure tree
    /// until an instruction may set the flags or writes a register the tree reads.
    mutating func noteFlags(_ tree: Tree, _ condition: Condition) {
        guard !tree.isOrdered else { return }
        flagsHold.append(FlagsFact(tree: tree, condition: condition, reads: tree.registersRead))
    }
}
