/// One equivalence class of the e-graph: its e-nodes, the nodes that use it, and its facts.
public struct EClass: Sendable {
    public internal(set) var nodes: [ENode]
    /// Nodes that have this class as a child, with the class each belongs to.
    var parents: [(node: ENode, eclass: EClassId)]
    public internal(set) var facts: Facts
}

/// An e-graph of pure Wasm expressions, egg-style: hash-consed e-nodes, a union-find over
/// e-classes, and deferred rebuilding (congruence restored by `rebuild()`, once per batch of
/// unions). Classes live in a flat array indexed by id; merged-away slots are empty.
///
/// Invariants (after `rebuild()`): every node in `memo` has canonical children and maps to its
/// class; two nodes with equal operators and equivalent children are in one class
/// (congruence); every class's facts are the meet of its nodes' facts. Between `union` and
/// `rebuild` only `find` is exact.
public struct EGraph: Sendable {
    var unionFind = UnionFind()
    var memo: [ENode: EClassId] = [:]
    var classStore: [EClass?] = []
    /// Classes whose parents must be re-canonicalized.
    var pending: [EClassId] = []
    /// Nodes whose facts must be recomputed because a child's facts changed.
    var analysisPending: [(node: ENode, eclass: EClassId)] = []
    /// Set when a union joined classes with contradictory facts (two different constants):
    /// an unsound rewrite. The runner reports it.
    public private(set) var contradiction: String?

    public init() {}

    /// Number of distinct e-nodes (hash-consed).
    public var nodeCount: Int { memo.count }

    /// Number of e-classes.
    public var classCount: Int { classStore.count { $0 != nil } }

    /// Canonical ids of all classes.
    public var classIds: [EClassId] {
        classStore.indices.compactMap { classStore[$0] == nil ? nil : EClassId(UInt32($0)) }
    }

    public mutating func find(_ id: EClassId) -> EClassId { unionFind.find(id) }

    /// Whether `id` names a class of this e-graph (merged away or not); `find`, `root`,
    /// `facts` and `nodes` may only be given such ids.
    public func contains(_ id: EClassId) -> Bool { Int(id.raw) < unionFind.count }

    /// `find` for read-only contexts (no path compression).
    public func root(_ id: EClassId) -> EClassId { unionFind.root(id) }

    public subscript(id: EClassId) -> EClass {
        guard let c = classStore[Int(root(id).raw)] else { preconditionFailure("no e-class \(id)") }
        return c
    }

    public func facts(_ id: EClassId) -> Facts { classStore[Int(root(id).raw)]?.facts ?? Facts(type: .i32) }

    /// The e-nodes of a class.
    public func nodes(_ id: EClassId) -> [ENode] { classStore[Int(root(id).raw)]?.nodes ?? [] }

    /// For each operator of a numeric or `select` node, the classes holding such a node: where
    /// the search for a rule whose left-hand side has that root starts.
    public func operatorIndex() -> [Op: [EClassId]] {
        var index: [Op: [EClassId]] = [:]
        for (i, eclass) in classStore.enumerated() {
            guard let eclass else { continue }
            var seen: Set<Op> = []
            for node in eclass.nodes where node.op.kind == .numeric || node.op.kind == .select {
                if seen.insert(node.op).inserted { index[node.op, default: []].append(EClassId(UInt32(i))) }
            }
        }
        return index
    }

    func canonical(_ node: ENode) -> ENode { node.mapChildren { unionFind.root($0) } }

    /// The class of `node`, adding it if no equal node exists.
    @discardableResult
    public mutating func add(_ node: ENode) -> EClassId {
        let node = canonical(node)
        if let existing = memo[node] { return find(existing) }
        let id = unionFind.makeSet()
        let facts = Facts.make(node.op, node.children.map { self.facts($0) })
        classStore.append(EClass(nodes: [node], parents: [], facts: facts))
        for child in Set(node.children) {
            classStore[Int(child.raw)]?.parents.append((node, id))
        }
        memo[node] = id
        foldConstant(id)
        return id
    }

    /// Adds the constant node to a class whose facts pin one value, so extraction can pick it.
    mutating func foldConstant(_ id: EClassId) {
        let id = find(id)
        guard let facts = classStore[Int(id.raw)]?.facts, let value = facts.constant else { return }
        let node = ENode(.constant(facts.type, value))
        if let existing = memo[node] {
            if find(existing) != id { union(existing, id) }
            return
        }
        memo[node] = id
        classStore[Int(id.raw)]?.nodes.append(node)
    }

    /// Narrows what is known about a class's values (a leaf that stands for a narrow load,
    /// say). The caller vouches for the facts; parents are updated by the next `rebuild()`.
    public mutating func assume(_ id: EClassId, _ facts: Facts) {
        let id = find(id)
        guard let current = classStore[Int(id.raw)]?.facts else { return }
        let merged = current.meet(facts)
        guard merged != current else { return }
        classStore[Int(id.raw)]?.facts = merged
        analysisPending.append(contentsOf: classStore[Int(id.raw)]?.parents ?? [])
        foldConstant(id)
    }

    /// Merges two classes. Returns false when they already were one. Congruence and facts
    /// of parents are restored by the next `rebuild()`.
    @discardableResult
    public mutating func union(_ a: EClassId, _ b: EClassId) -> Bool {
        var a = find(a)
        var b = find(b)
        guard a != b, let sizeA = classStore[Int(a.raw)].map({ $0.nodes.count + $0.parents.count }),
            let sizeB = classStore[Int(b.raw)].map({ $0.nodes.count + $0.parents.count })
        else { return false }
        if sizeA < sizeB { swap(&a, &b) }
        // Move both classes out of the store so appending to them does not copy their arrays.
        var taken: EClass? = nil
        swap(&taken, &classStore[Int(a.raw)])
        var other: EClass? = nil
        swap(&other, &classStore[Int(b.raw)])
        guard var big = taken, let small = other else { return false }
        taken = nil
        other = nil
        unionFind.link(root: a, child: b)
        pending.append(a)
        let merged = big.facts.meet(small.facts)
        if merged.isContradictory
            || (big.facts.constant != nil && small.facts.constant != nil && big.facts.constant != small.facts.constant)
        {
            contradiction = contradiction ?? "merged \(big.facts) with \(small.facts)"
        }
        if merged != big.facts { analysisPending.append(contentsOf: big.parents) }
        if merged != small.facts { analysisPending.append(contentsOf: small.parents) }
        big.nodes.append(contentsOf: small.nodes)
        big.parents.append(contentsOf: small.parents)
        big.facts = merged
        classStore[Int(a.raw)] = big
        foldConstant(a)
        return true
    }

    /// Restores the invariants after a batch of unions: re-canonicalizes the parents of merged
    /// classes (merging congruent ones), propagates facts upward, then deduplicates the nodes
    /// of every class that took part (merged, or the owner of a merged class's parent).
    /// Returns the number of unions it made.
    @discardableResult
    public mutating func rebuild() -> Int {
        var unions = 0
        // The classes whose nodes may now name a merged class, or repeat a node: the merged
        // classes and the owners of their parents. No other class's nodes changed.
        var touched: [EClassId] = []
        while !pending.isEmpty || !analysisPending.isEmpty {
            // In id order, and parents kept in their order: the unions (and so which id is a
            // root) never depend on hashing, so the same input gives the same output.
            let todo = Set(pending.map { find($0) }).sorted()
            pending.removeAll(keepingCapacity: true)
            for id in todo {
                let id = find(id)
                guard let parents = classStore[Int(id.raw)]?.parents else { continue }
                touched.append(id)
                for (node, owner) in parents {
                    memo.removeValue(forKey: node)
                    touched.append(owner)
                }
                var seen = [ENode: Int]()
                var kept: [(ENode, EClassId)] = []
                for (node, owner) in parents {
                    let node = canonical(node)
                    let owner = find(owner)
                    if let other = memo[node], find(other) != owner {
                        if union(other, owner) { unions += 1 }
                    }
                    memo[node] = find(owner)
                    if let k = seen[node] {
                        kept[k].1 = find(owner)
                    } else {
                        seen[node] = kept.count
                        kept.append((node, find(owner)))
                    }
                }
                let root = find(id)
                classStore[Int(root.raw)]?.parents = kept
            }
            let analysis = analysisPending
            analysisPending.removeAll(keepingCapacity: true)
            for (node, owner) in analysis {
                let owner = find(owner)
                let node = canonical(node)
                guard let current = classStore[Int(owner.raw)]?.facts else { continue }
                let updated = current.meet(Facts.make(node.op, node.children.map { self.facts($0) }))
                if updated != current {
                    if updated.isContradictory {
                        contradiction = contradiction ?? "facts of \(node) contradict \(current)"
                    }
                    classStore[Int(owner.raw)]?.facts = updated
                    analysisPending.append(contentsOf: classStore[Int(owner.raw)]?.parents ?? [])
                    foldConstant(owner)
                }
            }
        }
        var deduplicated = Set<EClassId>()
        for id in touched {
            let root = find(id)
            let i = Int(root.raw)
            guard deduplicated.insert(root).inserted, let nodes = classStore[i]?.nodes else { continue }
            var seen = Set<ENode>()
            var unique: [ENode] = []
            for node in nodes {
                let n = canonical(node)
                if seen.insert(n).inserted { unique.append(n) }
            }
            classStore[i]?.nodes = unique
        }
        return unions
    }
}
