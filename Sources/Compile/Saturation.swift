import EGraph
import WasmModel

/// Clamps an i32 `select` tree computes, recognized for `ssat`/`usat`: `min(max(x, lo), hi)`
/// as the e-graph leaves it (each `select` testing x, `lt-s-of-max-i32` and
/// `gt-s-of-min-i32` in rules/compare.weft), or one side of it where what is known of x
/// (`RegisterFacts`) already bounds the other.
///
/// Invariant: `match` answers only when the tree's value is exactly `ssat`/`usat` of the
/// source for every value the source can take: both bounds are the saturation's, each
/// `select` picks its arm by a signed comparison of the source with its own bound.
enum Saturation {
    /// `ssat` (signed) or `usat` of `source` to `bits` bits.
    struct Match: Equatable {
        var signed: Bool
        var bits: UInt8
        var source: Tree
    }

    /// A signed clamp of `source` to `low...high` (a missing bound: unbounded on that side).
    struct Clamp {
        var source: Tree
        var low: Int64? = nil
        var high: Int64? = nil
    }

    static func match(_ tree: Tree, facts: (Tree) -> Facts?) -> Match? {
        guard tree.type == .i32, let clamp = clamp(tree) else { return nil }
        let known = facts(clamp.source)
        let low = clamp.low ?? known.map(\.signedLow) ?? Int64(Int32.min)
        let high = clamp.high ?? known.map(\.signedHigh) ?? Int64(Int32.max)
        guard let (signed, bits, saturates) = saturation(bounds: clamp), low >= saturates.lowerBound,
            high <= saturates.upperBound
        else { return nil }
        return Match(signed: signed, bits: bits, source: clamp.source)
    }

    /// The saturation whose one or two bounds `clamp` gives, and the range it clamps to.
    static func saturation(bounds clamp: Clamp) -> (Bool, UInt8, ClosedRange<Int64>)? {
        // ssat n: −2^(n−1) … 2^(n−1)−1 (n 1–32); usat n: 0 … 2^n−1 (n 0–31).
        if let high = clamp.high, high >= 0, (high + 1) & high == 0 {
            let n = UInt8((high + 1).trailingZeroBitCount)
            if clamp.low == nil || clamp.low == -(high + 1) { return (true, n + 1, -(high + 1)...high) }
            if clamp.low == 0, n <= 31 { return (false, n, 0...high) }
            return nil
        }
        if clamp.high == nil, let low = clamp.low {
            if low == 0 { return nil }  // usat needs its upper bound
            guard low < 0, (-low) & (-low - 1) == 0 else { return nil }
            let n = UInt8((-low).trailingZeroBitCount)
            return (true, n + 1, low...(-low - 1))
        }
        return nil
    }

    /// The clamp a `select` (or a nest of two) computes, or nil.
    static func clamp(_ tree: Tree) -> Clamp? {
        guard let (isMin, arm, tested, bound) = minOrMax(tree) else { return nil }
        if arm == tested {
            // min(x, C) or max(x, C), or such of an inner clamp of x tested itself.
            var inner = clamp(arm) ?? Clamp(source: arm)
            if inner.source != arm, let outer = apply(isMin, bound, to: &inner) { return outer }
            return isMin ? Clamp(source: arm, high: bound) : Clamp(source: arm, low: bound)
        }
        // The arm clamps the tested value on the other side (the rules made the outer test
        // read the source): min(max(x, lo), hi) testing x < hi.
        guard var inner = clamp(arm), inner.source == tested else { return nil }
        return apply(isMin, bound, to: &inner)
    }

    /// `inner` bounded by `bound` on the other side, when it was unbounded there and the two
    /// bounds leave a range.
    static func apply(_ isMin: Bool, _ bound: Int64, to inner: inout Clamp) -> Clamp? {
        if isMin, inner.high == nil, let low = inner.low, low < bound {
            inner.high = bound
            return inner
        }
        if !isMin, inner.low == nil, let high = inner.high, bound < high {
            inner.low = bound
            return inner
        }
        return nil
    }

    /// `select(a, C, x < C)`-like trees: whether the select keeps the smaller of the arm and
    /// the constant (a min) or the larger (a max), its non-constant arm, what it tests, and
    /// the constant (signed).
    static func minOrMax(_ tree: Tree) -> (isMin: Bool, arm: Tree, tested: Tree, bound: Int64)? {
        guard case .select(.i32, let a, let b, let c) = tree, case .op(let op, let kids) = c, kids.count == 2 else {
            return nil
        }
        // The condition as `tested REL C`, `less` when REL is < or <=.
        let less: Bool
        let tested: Tree
        let constant: UInt64
        switch (op, kids[0], kids[1]) {
        case (.i32LtS, let x, .constant(_, let k)), (.i32LeS, let x, .constant(_, let k)),
            (.i32GtS, .constant(_, let k), let x), (.i32GeS, .constant(_, let k), let x):
            (less, tested, constant) = (true, x, k)
        case (.i32GtS, let x, .constant(_, let k)), (.i32GeS, let x, .constant(_, let k)),
            (.i32LtS, .constant(_, let k), let x), (.i32LeS, .constant(_, let k), let x):
            (less, tested, constant) = (false, x, k)
        default: return nil
        }
        let bound = Int64(Int32(truncatingIfNeeded: constant))
        // select(arm, C, cond): the arm when cond holds; select(C, arm, cond): C when it holds.
        if case .constant(_, let k) = b, k == constant, a != b { return (less, a, tested, bound) }
        if case .constant(_, let k) = a, k == constant { return (!less, b, tested, bound) }
        return nil
    }
}
