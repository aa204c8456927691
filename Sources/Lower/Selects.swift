import WasmModel

/// An `if` whose arms each compute one value with nothing but constants, reads of locals and
/// globals and operators that cannot trap, `if (result t) c { a } else { b }`, as `select a b
/// c` (what Binaryen leaves): both arms run, the condition last, three bytes less (`select`
/// against `if`, `else` and `end` with the block type). Part of `weft optimize`'s Wasm
/// output (`StackResults`).
///
/// Invariant: applied only to numeric result types, to arms of at most `budget` instructions
/// each that write nothing, cannot trap and do not branch, and to a condition that can be
/// evaluated after them with the same meaning (`EffectSummary.commutes`).
enum Selects {
    /// Instructions an arm may hold: both arms now run every time.
    static let budget = 16

    static func apply(_ code: [StackCode]) -> [StackCode] { code.map(rewrite) }

    static func rewrite(_ c: StackCode) -> StackCode {
        switch c {
        case .op(let inst, let operands): return .op(inst, operands.map(rewrite))
        case .block(let t, let b): return .block(t, apply(b))
        case .loop(let b): return .loop(apply(b))
        case .if(let t, let cond, let a, let b):
            let cond = rewrite(cond)
            let a = apply(a)
            let b = apply(b)
            if let t, t.isNumeric, a.count == 1, b.count == 1, var arms = pure(a[0]), let other = pure(b[0]) {
                arms.formUnion(other)
                let condition = summary(cond)
                if !condition.branches && arms.commutes(with: condition) { return .op(.select, [a[0], b[0], cond]) }
            }
            return .if(t, cond, a, b)
        }
    }

    /// What `c` may do, when it is an arm that may run unconditionally: small, no writes, no
    /// trap, no branch, no effect.
    static func pure(_ c: StackCode) -> EffectSummary? {
        var out = EffectSummary()
        var count = 0
        func visit(_ c: StackCode) -> Bool {
            guard case .op(let inst, let operands) = c else { return false }
            for o in operands where !visit(o) { return false }
            let s = EffectSummary(inst)
            if s.sideEffects || s.mayTrap || s.branches || !s.writesLocals.isEmpty || s.writesAllGlobals {
                return false
            }
            count += 1
            out.formUnion(s)
            return count <= budget
        }
        return visit(c) ? out : nil
    }

    /// What evaluating `c` may do (a structured construct counts as everything).
    static func summary(_ c: StackCode) -> EffectSummary {
        switch c {
        case .op(let inst, let operands):
            var out = EffectSummary(inst)
            for o in operands { out.formUnion(summary(o)) }
            return out
        default:
            var out = EffectSummary(.callRef(0))
            out.branches = true
            Stackifier.forEachInstruction([c]) { inst in
                if case .localSet(let x) = inst { out.writesLocals.insert(x) }
                if case .localTee(let x) = inst { out.writesLocals.insert(x) }
                if case .localGet(let x) = inst { out.readsLocals.insert(x) }
            }
            return out
        }
    }
}
