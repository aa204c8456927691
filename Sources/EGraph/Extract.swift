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
/// tree-cost greedy pays twice and can pick the larger program). The tie-breaking penalty is
/// counted the same way, once per class: a trapping operator shared by two uses runs once.
///
/// The set of classes a program needs is kept exactly up to `exactLimit` classes; a program
/// larger than that (a function of thousands of operators) is costed as its parts' sum (an
/// upper bound, each part exact), which keeps extraction linear in the graph's size instead of
/// quadratic. All sums saturate at `Int.max`.
///
/// Invariants: `best[c].total` is the cost of the chosen program for `c` when `needs` is
/// known (each class of the program paid once), else an upper bound of it; a node is not
/// chosen when an operand's program, as recorded, needs the node's own class (by its set, or
/// by height when a part's set is not kept), and `program` returns nil rather than loop should
/// a record made before an operand's choice changed let a cycle through; a class's chosen
/// program is replaced only by a strictly cheaper one (or an equally cheap one with a smaller
/// penalty).
public struct Extractor: Sendable {
    public let graph: EGraph
    let model: any CostModel & Sendable

    /// The most classes whose set a program's cost is computed over exactly.
    public static let exactLimit = 256

    /// A class of a chosen program, with the cost and penalty of its own node.
    struct Part {
        var cost: Int
        var penalty: Int
    }

    /// What a class's chosen node costs with its operands' programs.
    struct Choice {
        var node: ENode
        /// Every class the program computes (its own included), each paid once; nil when
        /// there are more than `exactLimit`.
        var needs: [EClassId: Part]?
        var total: Int
        var penalty: Int
        /// The longest path of the program, in nodes (1 for a leaf).
        var height: Int
        /// `compute`'s step at which this became the class's choice.
        var step: Int
    }

    /// For each class, the chosen node and the program it stands for.
    private(set) var best: ClassTable<Choice>

    public init(_ graph: EGraph, model: any CostModel & Sendable = WasmSizeCost()) {
        self.graph = graph
        self.model = model
        best = ClassTable(for: graph)
        compute()
    }

    /// A node's own cost, its constant operands (by the children's facts) seen.
    public func nodeCost(_ node: ENode) -> Int {
        guard node.op.kind == .numeric, !node.children.isEmpty else { return model.cost(node.op) }
        let operands = node.children.map { graph.facts($0).constant }
        return operands.contains { $0 != nil } ? model.cost(node.op, operands: operands) : model.cost(node.op)
    }

    /// The program `node` (in class `id`, whose own part is `own`) stands for over its
    /// children's current choices; nil when a child has none yet, or when it would need `id`
    /// itself (a cycle).
    /// `checkCycles` false: the caller knows the program is acyclic (`fixing`).
    func candidate(_ node: ENode, in id: EClassId, own: Part, step: Int, checkCycles: Bool = true) -> Choice? {
        var children: [Choice] = []
        var roots: [EClassId] = []
        for child in node.children {
            let root = graph.root(child)
            guard let b = best[root] else { return nil }
            if roots.contains(root) { continue }  // the same operand twice: paid once
            roots.append(root)
            children.append(b)
        }
        let height = 1 + (children.map(\.height).max() ?? 0)
        var total = own.cost
        var penalty = own.penalty
        guard children.allSatisfy({ $0.needs != nil }) else {
            // A part too large to list: the sum of the parts (each exact or itself a bound).
            // Its cycle check is by height: a child whose program passes through `id` is at
            // least as high as `id`'s current program, so a node no higher than that is safe.
            if checkCycles, let current = best[id], height > current.height { return nil }
            for c in children {
                if checkCycles, let needs = c.needs, needs[id] != nil { return nil }
                total = total.saturatingAdd(c.total)
                penalty = penalty.saturatingAdd(c.penalty)
            }
            return Choice(node: node, needs: nil, total: total, penalty: penalty, height: height, step: step)
        }
        for c in children where checkCycles && c.needs?[id] != nil { return nil }
        // The first child's set as it is, then what the others add (the first listing of a
        // class wins, as its own part for `id` does).
        var needs: [EClassId: Part]
        if let first = children.first, let firstNeeds = first.needs {
            needs = firstNeeds
            total = total.saturatingAdd(first.total)
            penalty = penalty.saturatingAdd(first.penalty)
        } else {
            needs = [:]
        }
        needs[id] = own
        for c in children.dropFirst() {
            guard let more = c.needs else { continue }
            for (k, part) in more where needs[k] == nil {
                needs[k] = part
                total = total.saturatingAdd(part.cost)
                penalty = penalty.saturatingAdd(part.penalty)
            }
        }
        return Choice(
            node: node, needs: needs.count > Self.exactLimit ? nil : needs, total: total, penalty: penalty,
            height: height, step: step)
    }

    /// A node's own tie-breaking penalty (`CostModel.penalty`).
    public func penalty(_ node: ENode) -> Int { model.penalty(node.op) }

    /// This extraction with `choices` put in place of the chosen nodes of their classes (an
    /// exact extractor's answer), each such class's cost recomputed over the new choices.
    /// Nil unless the choices form a program: every operand of a chosen node has a choice
    /// (among `choices` or this extraction's own), and no class needs itself.
    public func fixing(_ choices: [EClassId: ENode]) -> Extractor? {
        var fixed = self
        var state: [EClassId: Bool] = [:]  // false: being visited, true: done
        var order: [EClassId] = []
        // Post-order over the fixed classes, children first; a class reached again while
        // being visited is a cycle.
        for start in choices.keys.map(graph.root).sorted(by: { $0.raw < $1.raw }) {
            guard state[start] == nil else { continue }
            var stack: [(EClassId, Int)] = [(start, 0)]
            state[start] = false
            while let (c, next) = stack.last {
                guard let node = choices[c] ?? best[c]?.node else { return nil }
                if next < node.children.count {
                    stack[stack.count - 1].1 += 1
                    let child = graph.root(node.children[next])
                    switch state[child] {
                    case .some(false): return nil
                    case .some(true): continue
                    case nil:
                        // A class outside `choices` keeps its program, already costed.
                        guard choices[child] != nil else {
                            guard best[child] != nil else { return nil }
                            continue
                        }
                        state[child] = false
                        stack.append((child, 0))
                    }
                } else {
                    stack.removeLast()
                    state[c] = true
                    order.append(c)
                }
            }
        }
        for c in order {
            guard let node = choices[c],
                let choice = fixed.candidate(
                    node, in: c, own: Part(cost: nodeCost(node), penalty: penalty(node)), step: 0, checkCycles: false)
            else { return nil }
            fixed.best[c] = choice
        }
        return fixed
    }

    /// Whether class `c`'s choice was made after `step`.
    func choiceChanged(since step: Int, _ c: EClassId) -> Bool { best[graph.root(c)].map { $0.step > step } ?? false }

    private mutating func compute() {
        let ids = graph.classIds
        // Each node's own part, and the step at which it was last costed: a node is costed
        // again only when a child's choice changed since (else it would come out the same).
        // By position: node `k` of `ids[n]` at `first[n] + k` (a node is in one class).
        var first: [Int] = []
        first.reserveCapacity(ids.count)
        var positions = 0
        for id in ids {
            first.append(positions)
            positions += graph.nodeCount(id)
        }
        var evaluated = [(own: Part, step: Int)?](repeating: nil, count: positions)
        var step = 0
        var changed = true
        var passes = 0
        while changed && passes < 64 {
            changed = false
            passes += 1
            for (n, id) in ids.enumerated() {
                let base = first[n]
                for (k, node) in graph.nodes(id).enumerated() {
                    let own: Part
                    if let e = evaluated[base + k] {
                        // Its children's choices, or its own class's (the height check).
                        guard
                            choiceChanged(since: e.step, id)
                                || node.children.contains(where: { choiceChanged(since: e.step, $0) })
                        else { continue }
                        own = e.own
                    } else {
                        own = Part(cost: nodeCost(node), penalty: model.penalty(node.op))
                    }
                    step += 1
                    let candidate = candidate(node, in: id, own: own, step: step)
                    // Incomplete (a child without a program yet): costed again once it has one.
                    let incomplete = candidate == nil && node.children.contains { best[graph.root($0)] == nil }
                    evaluated[base + k] = (own, incomplete ? -1 : step)
                    guard let candidate else { continue }
                    if best[id].map({
                        candidate.total < $0.total || (candidate.total == $0.total && candidate.penalty < $0.penalty)
                    }) ?? true {
                        best[id] = candidate
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
            total = total.saturatingAdd(c)
        }
        return total
    }

    /// The chosen program for the roots, each reachable class emitted once.
    public func program(_ roots: [EClassId]) -> ExtractedProgram? {
        var out = ExtractedProgram()
        var index: [EClassId: Int] = [:]
        var open: Set<EClassId> = []
        func visit(_ id: EClassId) -> Int? {
            let id = graph.root(id)
            if let i = index[id] {
                out.uses[i] += 1
                return i
            }
            // A class reached again from inside itself: a cycle, no program.
            guard let choice = best[id], open.insert(id).inserted else { return nil }
            defer { open.remove(id) }
            var children: [Int] = []
            for child in choice.node.children {
                guard let c = visit(child) else { return nil }
                children.append(c)
            }
            out.nodes.append(.init(op: choice.node.op, children: children, eclass: id))
            out.uses.append(1)
            out.cost = out.cost.saturatingAdd(nodeCost(choice.node))
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
