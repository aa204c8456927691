/// Disjoint sets over `EClassId`s with path halving.
///
/// Invariant: `parents[i] == i` exactly for the canonical (root) ids; following parents from
/// any id reaches its root.
struct UnionFind: Sendable {
    private(set) var parents: [UInt32] = []

    var count: Int { parents.count }

    mutating func makeSet() -> EClassId {
        let id = UInt32(parents.count)
        parents.append(id)
        return EClassId(id)
    }

    /// The root of `id`'s set, halving the path on the way.
    mutating func find(_ id: EClassId) -> EClassId {
        var x = id.raw
        while parents[Int(x)] != x {
            let grandparent = parents[Int(parents[Int(x)])]
            parents[Int(x)] = grandparent
            x = grandparent
        }
        return EClassId(x)
    }

    /// The root of `id`'s set, without compressing (for read-only callers).
    func root(_ id: EClassId) -> EClassId {
        var x = id.raw
        while parents[Int(x)] != x { x = parents[Int(x)] }
        return EClassId(x)
    }

    /// Makes `root` the parent of `child`; both must be roots.
    mutating func link(root: EClassId, child: EClassId) {
        parents[Int(child.raw)] = root.raw
    }
}
