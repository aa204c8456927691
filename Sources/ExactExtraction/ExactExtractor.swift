import EGraph
import Z3

/// Exact extraction: the cheapest program over an e-graph for a set of roots, all roots
/// together (a class shared by several roots paid once), found as a weighted MaxSAT problem
/// solved by Z3's optimizer, where `Extractor`'s greedy choice costs each class's program
/// alone and can miss a cheaper program that shares more.
///
/// The problem, for the classes reachable from the roots: a variable per class (computed) and
/// per node (chosen); each root computed; a computed class has a chosen node; a chosen node's
/// operands computed, and a chosen leaf's `demands` (a slot's incoming values, needed only
/// when the program reads the slot); each chosen node costs its bytes (`Extractor.nodeCost`),
/// then its penalty, minimized in that order. Cycles are cut lazily: when the answer's
/// choices contain a cycle with no way out, a clause forbids choosing that cycle's nodes
/// together (an acyclic program never does), and the problem is solved again.
///
/// Invariants: an outcome's choices form a program (every reachable class chosen, acyclic),
/// and its cost, counted as the problem counts it, is strictly below the greedy
/// extraction's; a problem past `Limits` gives no outcome (or the best program the solver
/// found in its work limit, when it beats the greedy one), never an error; the work is
/// counted by Z3's resource counter, so the same graph gives the same program everywhere.
public struct ExactExtractor: Sendable {
    /// How much the search may do.
    public struct Limits: Sendable, Hashable {
        /// At most this many nodes in the problem (else no exact extraction).
        public var nodes: Int
        /// Z3's resource units per solve (`rlimit`).
        public var work: UInt32
        /// At most this many solves (each after cutting cycles).
        public var rounds: Int

        public init(nodes: Int = 12_000, work: UInt32 = 20_000_000, rounds: Int = 12) {
            self.nodes = nodes
            self.work = work
            self.rounds = rounds
        }
    }

    /// A program better than the greedy one.
    public struct Outcome {
        /// The greedy extraction with the exact choices in place.
        public var extractor: Extractor
        /// The problem's objective (bytes by the cost model) for the exact and greedy programs.
        public var cost: Int
        public var greedyCost: Int
        /// Whether the solver proved the program the cheapest there is.
        public var optimal: Bool
    }

    /// Why there is no outcome.
    public enum Verdict: Error, Sendable, Hashable {
        /// The greedy program is the cheapest (proved).
        case greedyOptimal
        /// The problem is larger than `Limits.nodes`.
        case tooLarge
        /// The limits were reached before a cheaper program was found.
        case limited
    }

    public let limits: Limits

    public init(limits: Limits = Limits()) { self.limits = limits }

    /// Nodes priced at this or more are never chosen (e.g. a retired leaf).
    static let forbidden = 1 << 30

    /// The cheapest program for `roots` over `greedy`'s graph and cost model, when it is
    /// cheaper than `greedy`'s choices; `demands[leaf]`: the classes a program reading leaf
    /// `leaf` (a `.leaf` node's payload) must also compute.
    public func extract(
        _ greedy: Extractor, roots: [EClassId], demands: [UInt32: [EClassId]] = [:]
    ) -> Result<Outcome, Verdict> {
        let graph = greedy.graph
        let problem = Problem(greedy, roots: roots, demands: demands)
        guard problem.nodes.count <= limits.nodes else { return .failure(.tooLarge) }
        guard let greedyCost = problem.cost(of: { greedy.choice($0) }) else { return .failure(.limited) }
        var sat: MaxSAT
        do {
            sat = try MaxSAT(work: limits.work)
            try problem.encode(into: sat)
        } catch {
            return .failure(.limited)
        }
        for _ in 0..<limits.rounds {
            let answer: MaxSAT.Answer
            do {
                answer = try sat.solve()
            } catch {
                return .failure(.limited)
            }
            let values: [Bool]
            let optimal: Bool
            switch answer {
            case .unsatisfiable: return .failure(.limited)
            case .limited(nil): return .failure(.limited)
            case .limited(let v?): (values, optimal) = (v, false)
            case .optimal(let v): (values, optimal) = (v, true)
            }
            switch problem.program(values) {
            case .program(let choices):
                guard let cost = problem.cost(of: { choices[graph.root($0)] }) else { return .failure(.limited) }
                guard cost < greedyCost else { return .failure(optimal ? .greedyOptimal : .limited) }
                guard let fixed = greedy.fixing(choices) else { return .failure(.limited) }
                return .success(Outcome(extractor: fixed, cost: cost, greedyCost: greedyCost, optimal: optimal))
            case .cycles(let cycles):
                // Limited: the solver's best so far had cycles; solving again with them cut
                // may still find a program.
                do {
                    for cycle in cycles { try sat.require(cycle.map { !MaxSAT.Literal($0) }) }
                } catch {
                    return .failure(.limited)
                }
            }
        }
        return .failure(.limited)
    }
}

/// The MaxSAT problem of one extraction: the classes reachable from the roots and their
/// nodes, each numbered as a variable (classes first, then nodes).
///
/// Invariant: `classes` are roots of the graph, each once, in the order reached from the
/// roots (so the numbering, and the solver's answer, depend only on the graph); a node whose
/// operand is its own class, or priced at `ExactExtractor.forbidden`, is left out.
struct Problem {
    let graph: EGraph
    let model: Extractor
    var classes: [EClassId] = []
    var index: [EClassId: Int] = [:]
    /// Each node: its class's position, the node, its cost and penalty, and the positions of
    /// the classes it needs (operands, then a leaf's demands).
    var nodes: [(owner: Int, node: ENode, cost: Int, penalty: Int, needs: [Int])] = []
    /// The positions in `nodes` of each class's nodes.
    var nodesOf: [[Int]] = []
    var rootPositions: [Int] = []
    let demands: [UInt32: [EClassId]]

    init(_ model: Extractor, roots: [EClassId], demands: [UInt32: [EClassId]]) {
        self.graph = model.graph
        self.model = model
        self.demands = demands
        for r in roots { rootPositions.append(add(r)) }
        var next = 0
        while next < classes.count {
            let c = classes[next]
            for node in graph.nodes(c) {
                let own = model.nodeCost(node)
                guard own < ExactExtractor.forbidden else { continue }
                let children = node.children.map(graph.root)
                guard !children.contains(c) else { continue }
                var needs: [Int] = []
                for d in children + needed(by: node) {
                    let p = add(d)
                    if !needs.contains(p) { needs.append(p) }
                }
                nodesOf[next].append(nodes.count)
                nodes.append((next, node, own, model.penalty(node), needs))
            }
            next += 1
        }
    }

    /// The classes a chosen `node` needs beyond its operands: a leaf's demands.
    func needed(by node: ENode) -> [EClassId] {
        node.op.kind == .leaf ? demands[UInt32(truncatingIfNeeded: node.op.payload)] ?? [] : []
    }

    mutating func add(_ c: EClassId) -> Int {
        let r = graph.root(c)
        if let p = index[r] { return p }
        index[r] = classes.count
        classes.append(r)
        nodesOf.append([])
        return classes.count - 1
    }

    /// Class `p`'s variable, node `n`'s variable.
    func classVariable(_ p: Int) -> Int { p }
    func nodeVariable(_ n: Int) -> Int { classes.count + n }

    func encode(into sat: MaxSAT) throws(Z3Error) {
        for _ in 0..<(classes.count + nodes.count) { _ = try sat.variable() }
        for r in rootPositions { try sat.require([MaxSAT.Literal(classVariable(r))]) }
        for (p, members) in nodesOf.enumerated() {
            try sat.require([!MaxSAT.Literal(classVariable(p))] + members.map { MaxSAT.Literal(nodeVariable($0)) })
        }
        for (n, entry) in nodes.enumerated() {
            for d in entry.needs {
                try sat.require([!MaxSAT.Literal(nodeVariable(n)), MaxSAT.Literal(classVariable(d))])
            }
        }
        for (n, entry) in nodes.enumerated() where entry.cost > 0 {
            try sat.prefer(!MaxSAT.Literal(nodeVariable(n)), weight: entry.cost, group: "bytes")
        }
        for (n, entry) in nodes.enumerated() where entry.penalty > 0 {
            try sat.prefer(!MaxSAT.Literal(nodeVariable(n)), weight: entry.penalty, group: "penalty")
        }
    }

    /// What an answer's chosen nodes give.
    enum Reading {
        /// A node per class the roots need, acyclic.
        case program([EClassId: ENode])
        /// Cycles of chosen nodes (their variables) that some class the roots need cannot
        /// get out of.
        case cycles([[Int]])
    }

    /// The program an answer chooses: for each class, a chosen node all of whose operands
    /// have one (found bottom-up, so no cycle), from the roots down.
    func program(_ values: [Bool]) -> Reading {
        // Bottom-up: a class is grounded by its first chosen node whose needs are grounded.
        var grounding = [Int?](repeating: nil, count: classes.count)
        var waiting = [Int](repeating: 0, count: nodes.count)
        var users = [[Int]](repeating: [], count: classes.count)
        var ready: [Int] = []
        for (n, entry) in nodes.enumerated() where values[nodeVariable(n)] {
            // Only operands order the program; a leaf's demands are values of other
            // iterations or constructs and may come back to the leaf's own class.
            let operands = Set(entry.node.children.map { index[graph.root($0)] ?? -1 })
            waiting[n] = operands.count
            for d in operands where d >= 0 { users[d].append(n) }
            if operands.isEmpty { ready.append(n) }
        }
        while let n = ready.popLast() {
            let owner = nodes[n].owner
            guard grounding[owner] == nil else { continue }
            grounding[owner] = n
            for user in users[owner] {
                waiting[user] -= 1
                if waiting[user] == 0 { ready.append(user) }
            }
        }
        // Top-down from the roots over the grounding choices.
        var choices: [EClassId: ENode] = [:]
        var seen = Set<Int>()
        var work = rootPositions
        var stuck: [Int] = []
        while let p = work.popLast() {
            guard seen.insert(p).inserted else { continue }
            guard let n = grounding[p] else {
                stuck.append(p)
                continue
            }
            choices[classes[p]] = nodes[n].node
            work += nodes[n].needs
        }
        guard !stuck.isEmpty else { return .program(choices) }
        // Every chosen node of a stuck class has an ungrounded operand: follow them to a cycle.
        var cycles: [[Int]] = []
        var used = Set<Int>()
        for start in stuck where !used.contains(start) {
            var path: [(cls: Int, node: Int)] = []
            var position: [Int: Int] = [:]
            var p = start
            while position[p] == nil, !used.contains(p) {
                guard
                    let n = nodesOf[p].first(where: { values[nodeVariable($0)] }),
                    let next = nodes[n].node.children.lazy.compactMap({ index[graph.root($0)] }).first(where: {
                        grounding[$0] == nil
                    })
                else { break }
                position[p] = path.count
                path.append((p, n))
                p = next
            }
            for step in path { used.insert(step.cls) }
            guard let from = position[p] else { continue }
            cycles.append(path[from...].map { nodeVariable($0.node) })
        }
        return .cycles(cycles)
    }

    /// The problem's objective for the program `choice` gives (nil: no complete program).
    func cost(of choice: (EClassId) -> ENode?) -> Int? {
        var seen = Set<EClassId>()
        var work = rootPositions.map { classes[$0] }
        var total = 0
        while let c = work.popLast() {
            guard seen.insert(c).inserted else { continue }
            guard let node = choice(c) else { return nil }
            let own = model.nodeCost(node)
            guard own < ExactExtractor.forbidden else { return nil }
            total += own
            work += node.children.map(graph.root) + needed(by: node).map(graph.root)
        }
        return total
    }
}
