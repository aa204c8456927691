import WasmModel

/// The byte cost of an operator, not counting its operands: what extraction minimizes.
public protocol CostModel {
    func cost(_ op: Op) -> Int
    /// The cost of `op` when some operands are known constants (`operands[i]` the i-th
    /// operand's value, nil when not constant): a target that takes small constants as
    /// immediates prices `shl x, 3` apart from `shl x, y`. Default: `cost(op)`.
    func cost(_ op: Op, operands: [UInt64?]) -> Int
    /// Breaks ties between programs of equal cost: lower is preferred (e.g. an `and`
    /// over an equally long `rem_u`, which is slower and can trap). Default 0.
    func penalty(_ op: Op) -> Int
}

extension CostModel {
    public func cost(_ op: Op, operands: [UInt64?]) -> Int { cost(op) }

    public func penalty(_ op: Op) -> Int {
        guard let numeric = op.numericOp else { return 0 }
        return numeric.canTrap ? 2 : numeric == .i32Mul || numeric == .i64Mul ? 1 : 0
    }
}

/// Encoded Wasm bytes: opcode plus immediates, LEB128 widths of constants included.
public struct WasmSizeCost: CostModel, Sendable {
    /// Bytes to re-read a leaf (a `local.get` of a low local by default).
    public var leafCost: Int

    public init(leafCost: Int = 2) { self.leafCost = leafCost }

    public func cost(_ op: Op) -> Int {
        switch op.kind {
        case .constant:
            switch op.type {
            case .i32: return 1 + LEB128.signedSize(Int64(Int32(bitPattern: UInt32(truncatingIfNeeded: op.payload))))
            case .i64: return 1 + LEB128.signedSize(Int64(bitPattern: op.payload))
            case .f32: return 5
            case .f64: return 9
            }
        case .leaf: return leafCost
        case .numeric: return op.code < 0x100 ? 1 : 2
        case .select: return 1
        }
    }
}

/// A program chosen from the e-graph: one node per class reachable from the roots.
///
/// Invariant: `nodes` is in post-order (children before parents), each reachable class
/// appears once (a value used twice is computed once), and `uses[i]` counts the references
/// to `nodes[i]` from other nodes and from the roots.
public struct ExtractedProgram: Sendable {
    public struct Node: Sendable {
        public var op: Op
        /// Indices into `nodes`.
        public var children: [Int]
        public var eclass: EClassId
    }

    public var nodes: [Node] = []
    public var uses: [Int] = []
    /// Index of each root's node.
    public var roots: [Int] = []
    /// Sum of the costs of `nodes` (each shared node paid once).
    public var cost = 0
}

/// Size-driven extraction that is aware of sharing: a node's cost is the cost of the set of
/// distinct classes it needs, so a subterm used twice is paid once (greedy DAG extraction;
/// tree-cost greedy pays twice and can pick the larger program).
public struct Extractor {
    public let graph: EGraph
    let model: any CostModel
    /// For each class, the chosen node and the classes (with their own cost) it needs.
    private(set) var best: [EClassId: (node: ENode, needs: [EClassId: Int], total: Int, penalty: Int)] = [:]

    public init(_ graph: EGraph, model: any CostModel = WasmSizeCost()) {
        self.graph = graph
        self.model = model
        compute()
    }

    /// A node's own cost, its constant operands (by the children's facts) seen.
    func nodeCost(_ node: ENode) -> Int {
        guard node.op.kind == .numeric, !node.children.isEmpty else { return model.cost(node.op) }
        let operands = node.children.map { graph.facts($0).constant }
        return operands.contains { $0 != nil } ? model.cost(node.op, operands: operands) : model.cost(node.op)
    }

    private mutating func compute() {
        let ids = graph.classIds
        var costs: [ENode: Int] = [:]
        var changed = true
        var passes = 0
        while changed && passes < 64 {
            changed = false
            passes += 1
            for id in ids {
                for node in graph.nodes(id) {
                    let own: Int
                    if let c = costs[node] {
                        own = c
                    } else {
                        own = nodeCost(node)
                        costs[node] = own
                    }
                    var needs: [EClassId: Int] = [id: own]
                    var complete = true
                    for child in node.children {
                        guard let b = best[graph.root(child)] else {
                            complete = false
                            break
                        }
                        needs.merge(b.needs) { a, _ in a }
                    }
                    // A node that needs its own class is a cycle, never a program.
                    guard complete, node.children.allSatisfy({ best[graph.root($0)]?.needs[id] == nil }) else {
                        continue
                    }
                    let total = needs.values.reduce(0, +)
                    let penalty = node.children.reduce(model.penalty(node.op)) {
                        $0 + (best[graph.root($1)]?.penalty ?? 0)
                    }
                    if best[id].map({ total < $0.total || (total == $0.total && penalty < $0.penalty) }) ?? true {
                        best[id] = (node, needs, total, penalty)
                        changed = true
                    }
                }
            }
        }
    }

    /// The cost of the cheapest program computing `id` (shared subterms paid once).
    public func cost(_ id: EClassId) -> Int? { best[graph.root(id)]?.total }

    /// The node chosen for `id`, if any program computes it.
    public func choice(_ id: EClassId) -> ENode? { best[graph.root(id)]?.node }

    /// The cost of computing `node` as a tree over the best choices for its children (nil
    /// when a child has no program).
    public func treeCost(_ node: ENode) -> Int? {
        var total = nodeCost(node)
        for child in node.children {
            guard let c = best[graph.root(child)]?.total else { return nil }
            total += c
        }
        return total
    }

    /// The chosen program for the roots, each reachable class emitted once.
    public func program(_ roots: [EClassId]) -> ExtractedProgram? {
        var out = ExtractedProgram()
        var index: [EClassId: Int] = [:]
        func visit(_ id: EClassId) -> Int? {
            let id = graph.root(id)
            if let i = index[id] {
                out.uses[i] += 1
                return i
            }
            guard let choice = best[id] else { return nil }
            var children: [Int] = []
            for child in choice.node.children {
                guard let c = visit(child) else { return nil }
                children.append(c)
            }
            out.nodes.append(.init(op: choice.node.op, children: children, eclass: id))
            out.uses.append(1)
            out.cost += nodeCost(choice.node)
            index[id] = out.nodes.count - 1
            return out.nodes.count - 1
        }
        for root in roots {
            guard let r = visit(root) else { return nil }
            out.roots.append(r)
        }
        return out
    }
}
