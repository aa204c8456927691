/// A set of non-negative value numbers in one open-addressed table (linear probing, a
/// multiplicative hash, backward-shift deletion): the interference graph's neighbour sets,
/// where `Set<Int>`'s per-element SipHash dominated register allocation (and the locals'
/// interference in `coalesce-locals`). Iteration runs in
/// slot order, which depends only on what was inserted and removed, never on a seed.
///
/// Invariant: `slots.count` is zero or a power of two at least twice `count`; every member
/// sits in the first empty-free run of slots from its home slot (`home(_:)`), so lookups stop
/// at the first empty slot.
public struct NeighbourSet: Sequence, Sendable {
    private static let empty: Int32 = -1
    private var slots: [Int32] = []
    public private(set) var count = 0

    public init() {}

    public var isEmpty: Bool { count == 0 }

    private func home(_ value: Int32) -> Int {
        // Fibonacci hashing: the top bits of the product index the table.
        let product = UInt64(UInt32(bitPattern: value)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: product >> UInt64(64 - slots.count.trailingZeroBitCount))
    }

    /// The slot holding `value`, else the empty slot where it would go (nil: no table).
    private func find(_ value: Int32) -> Int? {
        guard !slots.isEmpty else { return nil }
        let mask = slots.count - 1
        var k = home(value)
        while slots[k] != Self.empty && slots[k] != value { k = (k + 1) & mask }
        return k
    }

    public func contains(_ value: Int) -> Bool {
        guard let k = find(Int32(value)) else { return false }
        return slots[k] != Self.empty
    }

    /// Adds `value`; whether it was new.
    @discardableResult
    public mutating func insert(_ value: Int) -> Bool {
        if 2 * (count + 1) > slots.count { grow() }
        let v = Int32(value)
        guard let k = find(v), slots[k] == Self.empty else { return false }
        slots[k] = v
        count += 1
        return true
    }

    /// Removes `value` when present; whether it was.
    @discardableResult
    public mutating func remove(_ value: Int) -> Bool {
        guard let found = find(Int32(value)), slots[found] != Self.empty else { return false }
        // Backward shift: later members of the run whose home is not between the hole and
        // them move into the hole, so no lookup meets a gap before its member.
        let mask = slots.count - 1
        var hole = found
        var k = (hole + 1) & mask
        while slots[k] != Self.empty {
            let h = home(slots[k])
            if (k - h) & mask >= (k - hole) & mask {
                slots[hole] = slots[k]
                hole = k
            }
            k = (k + 1) & mask
        }
        slots[hole] = Self.empty
        count -= 1
        return true
    }

    private mutating func grow() {
        let old = slots
        slots = [Int32](repeating: Self.empty, count: Swift.max(8, old.count * 2))
        let mask = slots.count - 1
        for v in old where v != Self.empty {
            var k = home(v)
            while slots[k] != Self.empty { k = (k + 1) & mask }
            slots[k] = v
        }
    }

    public struct Iterator: IteratorProtocol {
        fileprivate let slots: [Int32]
        fileprivate var position = 0

        public mutating func next() -> Int? {
            while position < slots.count {
                let v = slots[position]
                position += 1
                if v != NeighbourSet.empty { return Int(v) }
            }
            return nil
        }
    }

    public func makeIterator() -> Iterator { Iterator(slots: slots) }
    public var underestimatedCount: Int { count }
}
