/// A set of local or global indices without hashing: indices below 64 as bits of one word,
/// the others in a sorted array. `EffectSummary` builds and compares such sets for every
/// instruction a lowering pass walks past, where `Set<UInt32>` spent its time hashing and
/// allocating.
///
/// Invariant: `high` is sorted, without duplicates, and holds only indices of 64 and above.
struct SmallIndexSet: Equatable, Sequence, ExpressibleByArrayLiteral {
    private var low: UInt64 = 0
    private var high: [UInt32] = []

    init() {}

    init(arrayLiteral elements: UInt32...) {
        for e in elements { insert(e) }
    }

    var isEmpty: Bool { low == 0 && high.isEmpty }

    func contains(_ x: UInt32) -> Bool {
        if x < 64 { return low & (1 << UInt64(x)) != 0 }
        let k = position(x)
        return k < high.count && high[k] == x
    }

    mutating func insert(_ x: UInt32) {
        if x < 64 {
            low |= 1 << UInt64(x)
            return
        }
        let k = position(x)
        if k == high.count || high[k] != x { high.insert(x, at: k) }
    }

    mutating func formUnion(_ o: SmallIndexSet) {
        low |= o.low
        guard !o.high.isEmpty else { return }
        guard !high.isEmpty else {
            high = o.high
            return
        }
        var merged: [UInt32] = []
        merged.reserveCapacity(high.count + o.high.count)
        var i = 0
        var j = 0
        while i < high.count || j < o.high.count {
            if j == o.high.count || (i < high.count && high[i] < o.high[j]) {
                merged.append(high[i])
                i += 1
            } else if i == high.count || o.high[j] < high[i] {
                merged.append(o.high[j])
                j += 1
            } else {
                merged.append(high[i])
                i += 1
                j += 1
            }
        }
        high = merged
    }

    mutating func formUnion<S: Sequence>(_ s: S) where S.Element == UInt32 {
        for x in s { insert(x) }
    }

    func isDisjoint(with o: SmallIndexSet) -> Bool {
        if low & o.low != 0 { return false }
        var i = 0
        var j = 0
        while i < high.count && j < o.high.count {
            if high[i] == o.high[j] { return false }
            if high[i] < o.high[j] { i += 1 } else { j += 1 }
        }
        return true
    }

    /// The first position in `high` not below `x`.
    private func position(_ x: UInt32) -> Int {
        var lo = 0
        var hi = high.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if high[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    func makeIterator() -> AnyIterator<UInt32> {
        var bits = low
        var k = 0
        let rest = high
        return AnyIterator {
            if bits != 0 {
                let b = UInt32(bits.trailingZeroBitCount)
                bits &= bits - 1
                return b
            }
            guard k < rest.count else { return nil }
            defer { k += 1 }
            return rest[k]
        }
    }
}
