/// A set of numbers below a fixed bound with constant-time insert, remove and membership, and
/// iteration and reset in time proportional to its members (not to the bound): a dense member
/// list and each member's position in it (Briggs and Torczon's sparse set). The working live
/// set of a backward walk over a block, where a bit set would cost the whole function's width
/// at every step.
///
/// Invariant: `position[members[k]] == k` for every `k`; positions of non-members are stale.
struct SparseSet {
    private var members: [Int32] = []
    private var position: [Int32]

    /// An empty set of numbers in `0..<bound`.
    init(bound: Int) { position = [Int32](repeating: 0, count: bound) }

    func contains(_ i: Int) -> Bool {
        let p = Int(position[i])
        return p < members.count && members[p] == Int32(i)
    }

    mutating func insert(_ i: Int) {
        guard !contains(i) else { return }
        position[i] = Int32(members.count)
        members.append(Int32(i))
    }

    mutating func remove(_ i: Int) {
        guard contains(i), let last = members.popLast() else { return }
        if last != Int32(i) {
            let p = Int(position[i])
            members[p] = last
            position[Int(last)] = Int32(p)
        }
    }

    /// Empties the set, then inserts `list`.
    mutating func reset(to list: [Int]) {
        members.removeAll(keepingCapacity: true)
        for i in list { insert(i) }
    }

    func forEachMember(_ body: (Int) -> Void) {
        for m in members { body(Int(m)) }
    }
}
