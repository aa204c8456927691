import WasmModel

/// The `sink-locals` and `remove-dead-writes` jobs: a `local.set x v` moves to the first
/// read of `x` after it in its region (`local.tee` when read again) when everything between
/// commutes with `v`; writes nobody reads go (their value kept for its effects).
extension Locals {
    mutating func cleanUp() {
        for _ in 0..<4 {
            count(partners: true)
            let before = code
            code = sink(code)
            count()
            code = removeDead(code)
            if code == before { break }
        }
    }

    // MARK: Sinking

    enum Walk { case found, blocked, passed }

    /// Moves each `local.set x v` to the first read of `x` that follows it in the same region
    /// when everything evaluated in between commutes with `v`.
    mutating func sink(_ region: [Code]) -> [Code] {
        var stmts = region
        var i = 0
        while i < stmts.count {
            if case .op(.localSet(let x), let operands) = stmts[i], operands.count == 1 {
                let value = operands[0]
                let single = gets[Int(x)] == 1
                let replacement: Code = single ? value : .op(.localTee(x), [value])
                var moved = EffectSummary(tree: value)
                moved.writesLocals.insert(x)
                // Reading a local past a write of its copy partner would keep them apart.
                for r in moved.readsLocals { moved.readsLocals.formUnion(partners[Int(r)]) }
                var steps = 0
                var j = i + 1
                var done = false
                while j < stmts.count && !done && steps < 200 {
                    switch Self.walk(
                        &stmts[j], x: x, moved: moved, replacement: replacement, pastBranches: single, steps: &steps)
                    {
                    case .found:
                        stmts.remove(at: i)
                        if single { gets[Int(x)] = 0 }
                        done = true
                    case .blocked: j = stmts.count
                    case .passed: j += 1
                    }
                }
                if done { continue }
            }
            switch stmts[i] {
            case .block(let b): stmts[i] = .block(sink(b))
            case .loop(let b): stmts[i] = .loop(sink(b))
            case .if(let c, let a, let b): stmts[i] = .if(c, sink(a), sink(b))
            default: break
            }
            i += 1
        }
        return stmts
    }

    /// Looks for the first read of `x` in `c` in evaluation order, replacing it. A write that
    /// other reads still need (`pastBranches` false) never moves past a branch, where `x`
    /// may be read.
    static func walk(
        _ c: inout Code, x: UInt32, moved: EffectSummary, replacement: Code, pastBranches: Bool, steps: inout Int
    ) -> Walk {
        steps += 1
        switch c {
        case .op(let inst, var operands):
            for k in operands.indices {
                let r = walk(
                    &operands[k], x: x, moved: moved, replacement: replacement, pastBranches: pastBranches,
                    steps: &steps)
                if r == .found { c = .op(inst, operands) }
                if r != .passed { return r }
            }
            if inst == .localGet(x) {
                c = replacement
                return .found
            }
            let summary = EffectSummary(inst)
            if summary.branches && !pastBranches { return .blocked }
            return moved.commutes(with: summary) ? .passed : .blocked
        case .if(var condition, let a, let b):
            let r = walk(
                &condition, x: x, moved: moved, replacement: replacement, pastBranches: pastBranches, steps: &steps)
            if r == .found { c = .if(condition, a, b) }
            return r == .passed ? .blocked : r
        case .block, .loop:
            return .blocked
        }
    }

    // MARK: Dead code

    /// Drops writes to locals nobody reads, and values computed for nothing.
    func removeDead(_ region: [Code]) -> [Code] {
        var out: [Code] = []
        for stmt in region {
            switch stmt {
            case .op(.localSet(let x), let operands) where gets[Int(x)] == 0 && operands.count == 1:
                out += dropped(operands[0])
            case .op(.drop, let operands) where operands.count == 1:
                out += dropped(operands[0])
            case .block(let b): out.append(.block(removeDead(b)))
            case .loop(let b): out.append(.loop(removeDead(b)))
            case .if(let c, let a, let b): out.append(.if(removeTees(c), removeDead(a), removeDead(b)))
            default: out.append(removeTees(stmt))
            }
        }
        return out
    }

    /// A value whose result is not needed: nothing if it has no effect, else its evaluation.
    func dropped(_ value: Code) -> [Code] {
        let v = removeTees(value)
        let s = EffectSummary(tree: v)
        if !s.sideEffects && !s.mayTrap && !s.branches && s.writesLocals.isEmpty { return [] }
        if case .op(.localTee(let x), let operands) = v, operands.count == 1 { return [.op(.localSet(x), operands)] }
        return [.op(.drop, [v])]
    }

    /// `local.tee x v` where nobody reads `x` becomes `v`.
    func removeTees(_ c: Code) -> Code {
        guard writtenUnread, case .op(let inst, let operands) = c else { return c }
        let inner = operands.map(removeTees)
        if case .localTee(let x) = inst, gets[Int(x)] == 0, inner.count == 1 { return inner[0] }
        return .op(inst, inner)
    }
}
