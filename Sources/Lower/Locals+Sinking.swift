import WasmModel

/// The `sink-locals` and `remove-dead-writes` jobs: a `local.set x v` moves to the first
/// read of `x` after it in its region (`local.tee` when read again) when everything between
/// commutes with `v`; writes nobody reads go (their value kept for its effects).
extension Locals {
    mutating func cleanUp() {
        for _ in 0..<4 {
            count(partners: true)
            let sunk = sinking(code)
            if let sunk { code = sunk }
            count()
            let cleaned = removingDead(code)
            if let cleaned { code = cleaned }
            if sunk == nil && cleaned == nil { break }
        }
    }

    // MARK: Sinking

    enum Walk { case found, blocked, passed }

    /// Moves each `local.set x v` to the first read of `x` that follows it in the same region
    /// when everything evaluated in between commutes with `v`; nil when nothing moves (what
    /// is unchanged is shared, not copied).
    mutating func sinking(_ region: [Code]) -> [Code]? {
        var stmts = region
        var changed = false
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
                        changed = true
                    case .blocked: j = stmts.count
                    case .passed: j += 1
                    }
                }
                if done { continue }
            }
            switch stmts[i] {
            case .block(let b):
                if let b = sinking(b) {
                    stmts[i] = .block(b)
                    changed = true
                }
            case .loop(let b):
                if let b = sinking(b) {
                    stmts[i] = .loop(b)
                    changed = true
                }
            case .if(let c, let a, let b):
                let (a2, b2) = (sinking(a), sinking(b))
                if a2 != nil || b2 != nil {
                    stmts[i] = .if(c, a2 ?? a, b2 ?? b)
                    changed = true
                }
            default: break
            }
            i += 1
        }
        return changed ? stmts : nil
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
    func removeDead(_ region: [Code]) -> [Code] { removingDead(region) ?? region }

    /// `removeDead`, or nil when it changes nothing: what is unchanged is shared, not copied.
    func removingDead(_ region: [Code]) -> [Code]? {
        var out: [Code]? = nil
        for (k, stmt) in region.enumerated() {
            var replacement: [Code]? = nil
            switch stmt {
            case .op(.localSet(let x), let operands) where gets[Int(x)] == 0 && operands.count == 1:
                replacement = dropped(operands[0])
            case .op(.drop, let operands) where operands.count == 1:
                let kept = dropped(operands[0])
                if kept != [stmt] { replacement = kept }
            case .block(let b): replacement = removingDead(b).map { [.block($0)] }
            case .loop(let b): replacement = removingDead(b).map { [.loop($0)] }
            case .if(let c, let a, let b):
                let (c2, a2, b2) = (removingTees(c), removingDead(a), removingDead(b))
                if c2 != nil || a2 != nil || b2 != nil { replacement = [.if(c2 ?? c, a2 ?? a, b2 ?? b)] }
            default: replacement = removingTees(stmt).map { [$0] }
            }
            if let replacement {
                if out == nil { out = Array(region[..<k]) }
                out?.append(contentsOf: replacement)
            } else {
                out?.append(stmt)
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
    func removeTees(_ c: Code) -> Code { removingTees(c) ?? c }

    /// `removeTees`, or nil when it changes nothing.
    func removingTees(_ c: Code) -> Code? {
        guard writtenUnread, case .op(let inst, let operands) = c else { return nil }
        if case .localTee(let x) = inst, gets[Int(x)] == 0, operands.count == 1 {
            return removingTees(operands[0]) ?? operands[0]
        }
        var inner: [Code]? = nil
        for k in operands.indices {
            guard let r = removingTees(operands[k]) else { continue }
            if inner == nil { inner = operands }
            inner?[k] = r
        }
        return inner.map { .op(inst, $0) }
    }
}
