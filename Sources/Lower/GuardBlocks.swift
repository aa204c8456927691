/// A block that opens with a branch out of itself, `block { br_if 0 c; REST }`, as `if (not c)
/// { REST }`: the `if`'s end is where the block's was, so every branch in REST keeps its
/// label, and the block with its `br_if` (four bytes) gives way to the `if` (two bytes, one
/// more or less for the negation). Part of `weft optimize`'s Wasm output (`StackResults`).
///
/// Invariant: applied only to blocks without a result type whose first statement is that
/// `br_if` with a condition that branches nowhere; the condition runs where it ran.
enum GuardBlocks {
    static func apply(_ code: [StackCode]) -> [StackCode] { code.map(rewrite) }

    static func rewrite(_ c: StackCode) -> StackCode {
        switch c {
        case .op(let inst, let operands): return .op(inst, operands.map(rewrite))
        case .loop(let b): return .loop(apply(b))
        case .if(let t, let cond, let a, let b): return .if(t, rewrite(cond), apply(a), apply(b))
        case .block(let t, let b):
            let inner = apply(b)
            if t == nil, let first = inner.first, case .op(.brIf(0), let cs) = first, cs.count == 1,
                !Stackifier.leaves(cs, level: 0)
            {
                let candidate: StackCode = .if(nil, Stackifier.negate(cs[0]), Array(inner.dropFirst()), [])
                if Stackifier.size([candidate]) < Stackifier.size([.block(nil, inner)]) { return candidate }
            }
            return .block(t, inner)
        }
    }
}
