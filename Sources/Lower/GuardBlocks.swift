/// A block that opens with a branch out of itself, `block { br_if 0 c; REST }`, as `if (not c)
/// { REST }`: the `if`'s end is where the block's was, so every branch in REST keeps its
/// label, and the block with its `br_if` (four bytes) gives way to the `if` (two bytes, one
/// more or less for the negation). Part of `weft optimize`'s Wasm output (`StackResults`).
///
/// Invariant: applied only to blocks without a result type whose first statement is that
/// `br_if` with a condition that branches nowhere; the condition runs where it ran.
enum GuardBlocks {
    static func apply(_ code: [StackCode]) -> [StackCode] {
        StackCode.rewritingBlocks(code) { t, inner in
            guard t == nil, let first = inner.first, case .op(.brIf(0), let cs) = first, cs.count == 1,
                !Stackifier.leaves(cs, level: 0)
            else { return nil }
            return .if(nil, Stackifier.negate(cs[0]), Array(inner.dropFirst()), [])
        }
    }
}
