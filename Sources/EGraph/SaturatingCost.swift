/// Cost arithmetic that cannot overflow: costs are sums of byte counts and tie-break
/// penalties over programs of any size, and a sum past `Int.max` stays at `Int.max` (a cost
/// that large loses every comparison a smaller one wins, which is what it means).
///
/// Invariant: for operands whose true sum fits an `Int`, the result is that sum; otherwise it
/// is `Int.max` (or `Int.min` below it).
extension Int {
    /// `self + other`, clamped to `Int.max` / `Int.min` instead of overflowing.
    @inlinable public func saturatingAdd(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }
}

extension Sequence where Element == Int {
    /// The sum of the elements, clamped as `saturatingAdd` does at each step.
    @inlinable public func saturatingSum() -> Int { reduce(0) { $0.saturatingAdd($1) } }
}
