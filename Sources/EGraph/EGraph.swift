/// One equivalence class of the e-graph, as `EGraph`'s subscript reads it out of the graph's
/// parallel arrays: its e-nodes, the nodes that use it, and its facts.
public struct EClass: Sendable {
    public internal(set) var nodes: [ENode]
    /// Nodes that have this class as a child, with the class each belongs to.
    var parents: [(node: ENode, eclass: EClassId)]
    public internal(set) var facts: Facts
}

/// An e-graph of pure Wasm expressions, egg-style: hash-consed e-nodes, a union-find over
/// e-classes, and deferred rebuilding (congruence restored by `rebuild()`, once per batch of
/// unions). Classes live in parallel flat arrays indexed by id (nodes, parents, facts: the
/// matcher reads a class's nodes and facts without loading the rest); a merged-away class has
/// no nodes.
///
/// Invariants (after `rebuild()`): every node in `memo` has canonical children and maps to its
/// class; two nodes with equal operators and equivalent children are in one class
/// (congruence); every class's facts are the meet of its nodes' facts. Between `union` and
/// `rebuild` only `find` is exact.
public struct EGraph: Sendable {
    var unionFind = UnionFind()
    var memo: [ENode: EClassId] = [:]
    /// Each class's e-nodes: empty exactly when the class was merged into another.
    var classNodes: [[ENode]] = []
    /// Nodes that have each class as a child, with the class each belongs to.
    var classParents: [[(node: ENode, eclass: EClassId)]] = []
    var classFacts: [Facts] = []
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
    public var classCount: Int { classNodes.count { !$0.isEmpty } }

    /// Canonical ids of all classes.
    public var classIds: [EClassId] {
        classNodes.indices.compactMap { classNodes[$0].isEmpty ? nil : EClassId(UInt32($0)) }
    }

    public mutating func find(_ id: EClassId) -> EClassId { unionFind.find(id) }

    /// Whether `id` names a class of this e-graph (merged away or not); `find`, `root`,
    /// `facts` and `nodes` may only be given such ids.
    public func contains(_ id: EClassId) -> Bool { Int(id.raw) < unionFind.count }

    /// `find` for read-only contexts (no path compression).
    public func root(_ id: EClassId) -> EClassId { unionFind.root(id) }

    public subscript(id: EClassId) -> EClass {
        let i = Int(root(id).raw)
        guard !classNodes[i].isEmpty else { preconditionFailure("no e-class \(id)") }
        return EClass(nodes: classNodes[i], parents: classParents[i], facts: classFacts[i])
    }

    public func facts(_ id: EClassId) -> Facts {
        let i = Int(root(id).raw)
        return classNodes[i].isEmpty ? Facts(type: .i32) : classFacts[i]
    }

    /// The e-nodes of a class.
    public func nodes(_ id: EClassId) -> [ENode] { classNodes[Int(root(id).raw)] }

    /// How many e-nodes canonical class `id` holds, read in place (`node(_:_:)` reads each): the
    /// matcher's loop, where copying the class's node list out (`nodes`) cost a reference
    /// count on every visit.
    @inline(__always)
    public func nodeCount(_ id: EClassId) -> Int { classNodes[Int(id.raw)].count }

    /// E-node `k` of canonical class `id` (`k < nodeCount(id)`).
    @inline(__always)
    public func node(_ id: EClassId, _ k: Int) -> ENode { classNodes[Int(id.raw)][k] }

    /// For each operator of a numeric or `select` node, the classes holding such a node: where
    /// the search for a rule whose left-hand side has that root starts.
    public func operatorIndex() -> [Op: [EClassId]] {
        var index: [Op: [EClassId]] = [:]
        for (i, nodes) in classNodes.enumerated() where !nodes.isEmpty {
            var seen: Set<Op> = []
            for node in nodes where node.op.kind == .numeric || node.op.kind == .select {
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
        classNodes.append([node])
        classParents.append([])
        classFacts.append(facts)
        for child in Set(node.children) where !classNodes[Int(child.raw)].isEmpty {
            classParents[Int(child.raw)].append((node, id))
        }
        memo[node] = id
        foldConstant(id)
        return id
    }

    /// Adds the constant node to a class whose facts pin one value, so extraction can pick it.
    mutating func foldConstant(_ id: EClassId) {
        let id = find(id)
        let facts = classFacts[Int(id.raw)]
        guard !classNodes[Int(id.raw)].isEmpty, let value = facts.constant else { return }
        let node = ENode(.constant(facts.type, value))
        if let existing = memo[node] {
            if find(existing) != id { union(existing, id) }
            return
        }
        memo[node] = id
        classNodes[Int(id.raw)].append(node)
    }

    /// Narrows what is known about a class's values (a leaf that stands for a narrow load,
    /// say). The caller vouches for the facts; parents are updated by the next `rebuild()`.
    public mutating func assume(_ id: EClassId, _ facts: Facts) {
        let id = find(id)
        guard !classNodes[Int(id.raw)].isEmpty else { return }
        let current = classFacts[Int(id.raw)]
        let merged = current.meet(facts)
        guard merged != current else { return }
        classFacts[Int(id.raw)] = merged
        analysisPending.append(contentsOf: classParents[Int(id.raw)])
        foldConstant(id)
    }

    /// Merges two classes. Returns false when they already were one. Congruence and facts
    /// of parents are restored by the next `rebuild()`.
    @discardableResult
    public mutating func union(_ a: EClassId, _ b: EClassId) -> Bool {
        var a = find(a)
        var b = find(b)
        guard a != b, !classNodes[Int(a.raw)].isEmpty, !classNodes[Int(b.raw)].isEmpty else { return false }
        let sizeA = classNodes[Int(a.raw)].count + classParents[Int(a.raw)].count
        let sizeB = classNodes[Int(b.raw)].count + classParents[Int(b.raw)].count
        if sizeA < sizeB { swap(&a, &b) }
        let (big, small) = (Int(a.raw), Int(b.raw))
        unionFind.link(root: a, child: b)
        pending.append(a)
        let (bigFacts, smallFacts) = (classFacts[big], classFacts[small])
        let merged = bigFacts.meet(smallFacts)
        if merged.isContradictory
            || (bigFacts.constant != nil && smallFacts.constant != nil && bigFacts.constant != smallFacts.constant)
        {
            contradiction = contradiction ?? "merged \(bigFacts) with \(smallFacts)"
        }
        if merged != bigFacts { analysisPending.append(contentsOf: classParents[big]) }
        if merged != smallFacts { analysisPending.append(contentsOf: classParents[small]) }
        // The small class's lists moved out first, so appending does not copy the big one's.
        let movedNodes = classNodes[small]
        classNodes[small] = []
        classNodes[big].append(contentsOf: movedNodes)
        let movedParents = classParents[small]
        classParents[small] = []
        classParents[big].append(contentsOf: movedParents)
        classFacts[big] = merged
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
                guard !classNodes[Int(id.raw)].isEmpty else { continue }
                let parents = classParents[Int(id.raw)]
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
                if !classNodes[Int(root.raw)].isEmpty { classParents[Int(root.raw)] = kept }
            }
            let analysis = analysisPending
            analysisPending.removeAll(keepingCapacity: true)
            for (node, owner) in analysis {
                let owner = find(owner)
                let node = canonical(node)
                guard !classNodes[Int(owner.raw)].isEmpty else { continue }
                let current = classFacts[Int(owner.raw)]
                let updated = current.meet(Facts.make(node.op, node.children.map { self.facts($0) }))
                if updated != current {
                    if updated.isContradictory {
                        contradiction = contradiction ?? "facts of \(node) contradict \(current)"
                    }
                    classFacts[Int(owner.raw)] = updated
                    analysisPending.append(contentsOf: classParents[Int(owner.raw)])
                    foldConstant(owner)
                }
            }
        }
        var deduplicated = Set<EClassId>()
        for id in touched {
            let root = find(id)
            let i = Int(root.raw)
            guard deduplicated.insert(root).inserted, !classNodes[i].isEmpty else { continue }
            let nodes = classNodes[i]
            var seen = Set<ENode>()
            var unique: [ENode] = []
            for node in nodes {
                let n = canonical(node)
                if seen.insert(n).inserted { unique.append(n) }
            }
            classNodes[i] = unique
        }
        return unions
    }
}
