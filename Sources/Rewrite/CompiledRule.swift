import EGraph
import Rules
import WasmModel

/// A rule compiled once for the e-graph: its left-hand side as a flat array of match steps
/// with variables numbered into slots, its guards, and its right-hand side.
///
/// Invariant: `steps[root]` is an operator step; a step's children index earlier entries of
/// `steps` (post-order); every variable the right-hand side or a guard names has a slot.
public final class CompiledRule: Sendable {
    enum Step: Sendable {
        /// Any class of the type, bound to (or compared with) a class slot.
        case variable(slot: Int, ScalarType)
        /// A class whose facts pin one constant: bound to a constant slot or equal to a literal.
        case constant(slot: Int?, literal: UInt64?, ScalarType)
        /// A node with this operator whose children match the child steps.
        case node(Op, children: [Int])
    }

    /// One way the left-hand side matched: the root class, and the class and constant bound
    /// to every slot.
    public struct Match: Sendable {
        public var root: EClassId
        var classes: [EClassId]
        var constants: [UInt64?]
    }

    public let rule: Rule
    let steps: [Step]
    let root: Int
    let classSlots: [String: Int]
    let constantSlots: [String: Int]
    /// The operator at the root, for seeding the search from the e-graph's operator index.
    public let rootOp: Op

    public init(_ rule: Rule) {
        self.rule = rule
        var steps: [Step] = []
        var classSlots: [String: Int] = [:]
        var constantSlots: [String: Int] = [:]
        func compile(_ p: Pattern) -> Int {
            switch p {
            case .variable(let name, let type):
                let slot = classSlots[name] ?? classSlots.count
                classSlots[name] = slot
                steps.append(.variable(slot: slot, ScalarType(type) ?? .i32))
            case .constant(let type, .variable(let name)):
                let slot = constantSlots[name] ?? constantSlots.count
                constantSlots[name] = slot
                steps.append(.constant(slot: slot, literal: nil, ScalarType(type) ?? .i32))
            case .constant(let type, let e):
                let t = ScalarType(type) ?? .i32
                let value = ConstantEvaluation.evaluate(e, width: t.bits, constants: { _ in nil }) ?? 0
                steps.append(.constant(slot: nil, literal: value, t))
            case .op(let op, let kids):
                let children = kids.map(compile)
                steps.append(.node(.numeric(op), children: children))
            case .select(let type, let a, let b, let c):
                let children = [compile(a), compile(b), compile(c)]
                steps.append(.node(.select(ScalarType(type) ?? .i32), children: children))
            case .access(_, let offset, let address):
                // The offset is bound from the instruction (see `AccessRewriter`), not matched.
                if case .variable(let name) = offset, constantSlots[name] == nil {
                    constantSlots[name] = constantSlots.count
                }
                return compile(address)
            }
            return steps.count - 1
        }
        root = compile(rule.lhs)
        self.steps = steps
        self.classSlots = classSlots
        self.constantSlots = constantSlots
        if case .node(let op, _) = steps[root] {
            rootOp = op
        } else {
            rootOp = .select(.i32)
        }
    }

    /// Every match of the left-hand side rooted at `eclass` whose guards hold, at most `limit`.
    /// `bound` gives constants known before matching (an access's offset).
    public func matches(
        in graph: EGraph, at eclass: EClassId, limit: Int = .max, bound: [String: UInt64] = [:]
    ) -> [Match] {
        var out: [Match] = []
        var scratch = Scratch()
        matches(in: graph, at: eclass, limit: limit, bound: bound, into: &out, scratch: &scratch)
        return out
    }

    /// The binding set and goal stack a search works in, kept between searches so that
    /// searching a class allocates nothing until a match is complete.
    public struct Scratch {
        var match = Match(root: .none, classes: [], constants: [])
        var goals: [(step: Int, eclass: EClassId)] = []

        public init() {}
    }

    /// `matches`, appended to `out` until it holds `limit` matches in all.
    public func matches(
        in graph: EGraph, at eclass: EClassId, limit: Int, bound: [String: UInt64] = [:], into out: inout [Match],
        scratch: inout Scratch
    ) {
        let root = graph.root(eclass)
        scratch.match.root = root
        scratch.match.classes.removeAll(keepingCapacity: true)
        scratch.match.classes.append(contentsOf: repeatElement(.none, count: classSlots.count))
        scratch.match.constants.removeAll(keepingCapacity: true)
        scratch.match.constants.append(contentsOf: repeatElement(nil, count: constantSlots.count))
        for (name, value) in bound { if let slot = constantSlots[name] { scratch.match.constants[slot] = value } }
        scratch.goals.removeAll(keepingCapacity: true)
        scratch.goals.append((self.root, root))
        search(graph, &scratch.goals, &scratch.match, into: &out, limit: limit)
    }

    /// Depth-first backtracking over the goals still to match (a step against a class),
    /// with one mutable binding set: nothing is allocated until a match is complete.
    private func search(
        _ graph: EGraph, _ goals: inout [(step: Int, eclass: EClassId)], _ m: inout Match, into out: inout [Match],
        limit: Int
    ) {
        guard out.count < limit else { return }
        guard let (step, eclass) = goals.popLast() else {
            if guardsHold(m, graph) { out.append(m) }
            return
        }
        defer { goals.append((step, eclass)) }
        switch steps[step] {
        case .variable(let slot, let type):
            guard graph.facts(eclass).type == type else { return }
            let bound = m.classes[slot]
            if bound == .none {
                m.classes[slot] = eclass
                search(graph, &goals, &m, into: &out, limit: limit)
                m.classes[slot] = .none
            } else if graph.root(bound) == eclass {
                search(graph, &goals, &m, into: &out, limit: limit)
            }
        case .constant(let slot, let literal, let type):
            let facts = graph.facts(eclass)
            guard facts.type == type, let value = facts.constant else { return }
            if let literal {
                if literal == value { search(graph, &goals, &m, into: &out, limit: limit) }
            } else if let slot {
                if let known = m.constants[slot] {
                    if known == value { search(graph, &goals, &m, into: &out, limit: limit) }
                } else {
                    m.constants[slot] = value
                    search(graph, &goals, &m, into: &out, limit: limit)
                    m.constants[slot] = nil
                }
            }
        case .node(let op, let children):
            let depth = goals.count
            let canonical = graph.root(eclass)
            for k in 0..<graph.nodeCount(canonical) {
                let node = graph.node(canonical, k)
                guard node.op == op else { continue }
                // Children are matched left to right: push them in reverse.
                for i in children.indices.reversed() {
                    goals.append((children[i], graph.root(node.child(i))))
                }
                search(graph, &goals, &m, into: &out, limit: limit)
                goals.removeLast(goals.count - depth)
                if out.count >= limit { return }
            }
        }
    }

    func guardsHold(_ m: Match, _ graph: EGraph) -> Bool {
        rule.guards.allSatisfy { g in
            ConstantEvaluation.holds(
                g, constants: { name in constantSlots[name].flatMap { m.constants[$0] } },
                facts: { name in classSlots[name].map { graph.facts(m.classes[$0]) } },
                identical: { x, y in
                    guard let a = classSlots[x], let b = classSlots[y] else { return false }
                    return graph.root(m.classes[a]) == graph.root(m.classes[b])
                })
        }
    }

    /// Adds the right-hand side for `m` to the graph and returns its class, or nil when a
    /// computed constant is undefined for this match.
    public func instantiate(_ m: Match, in graph: inout EGraph) -> EClassId? {
        rule.rhs.add(
            to: &graph, variable: { name in classSlots[name].map { m.classes[$0] } },
            constant: { e, type in
                ConstantEvaluation.evaluate(
                    e, width: type.bits, constants: { name in constantSlots[name].flatMap { m.constants[$0] } })
            })
    }
}

extension Pattern {
    /// Adds the term this pattern stands for to `graph` and returns its class: a variable is
    /// the class `variable` gives, a constant the value `constant` computes at its type. Nil
    /// when either is undefined.
    func add(
        to graph: inout EGraph, variable: (String) -> EClassId?, constant: (ConstExpr, ScalarType) -> UInt64?
    ) -> EClassId? {
        switch self {
        case .variable(let name, _):
            return variable(name)
        case .constant(let type, let e):
            let t = ScalarType(type) ?? .i32
            return constant(e, t).map { graph.add(ENode(.constant(t, $0))) }
        case .op(let op, let kids):
            var children: [EClassId] = []
            for kid in kids {
                guard let c = kid.add(to: &graph, variable: variable, constant: constant) else { return nil }
                children.append(c)
            }
            return graph.add(ENode(.numeric(op), children))
        case .select(let type, let a, let b, let c):
            guard let x = a.add(to: &graph, variable: variable, constant: constant),
                let y = b.add(to: &graph, variable: variable, constant: constant),
                let z = c.add(to: &graph, variable: variable, constant: constant)
            else { return nil }
            return graph.add(ENode(.select(ScalarType(type) ?? .i32), [x, y, z]))
        case .access(_, _, let address):
            return address.add(to: &graph, variable: variable, constant: constant)
        }
    }
}

/// Rewrites the address and offset of loads and stores with the access rules (`load` and
/// `store` patterns): the address class must match the rule's address pattern, the offset
/// is bound from the instruction, every guard must hold, and the new offset must fit the
/// instruction (below 2^32).
public struct AccessRewriter: Sendable {
    let loads: [CompiledRule]
    let stores: [CompiledRule]

    /// The access rules of `rules`; with `wrapping`, the wrapping kinds' too (a target whose
    /// address arithmetic wraps: the plain kinds' rules hold there as well).
    public init(_ rules: [Rule], wrapping: Bool = false) {
        var loads: [CompiledRule] = []
        var stores: [CompiledRule] = []
        for rule in rules {
            guard case .access(let kind, _, _) = rule.lhs, wrapping || !kind.wraps else { continue }
            if kind.isStore { stores.append(CompiledRule(rule)) } else { loads.append(CompiledRule(rule)) }
        }
        self.loads = loads
        self.stores = stores
    }

    public var isEmpty: Bool { loads.isEmpty && stores.isEmpty }

    /// Every rewrite of an access at `offset` from `address`: the rule, the new offset and
    /// the new address class.
    public func rewrites(store: Bool, offset: UInt64, address: EClassId, in graph: inout EGraph) -> [(
        rule: String, offset: UInt64, address: EClassId
    )] {
        var out: [(String, UInt64, EClassId)] = []
        for rule in store ? stores : loads {
            guard case .access(_, let lhsOffset, _) = rule.rule.lhs,
                case .access(_, let rhsOffset, _) = rule.rule.rhs
            else { continue }
            var bound: [String: UInt64] = [:]
            switch lhsOffset {
            case .variable(let name): bound[name] = offset
            default:
                guard ConstantEvaluation.evaluate(lhsOffset, width: 64, constants: { _ in nil }) == offset else {
                    continue
                }
            }
            for m in rule.matches(in: graph, at: address, limit: 4, bound: bound) {
                let constants = { (name: String) in rule.constantSlots[name].flatMap { m.constants[$0] } }
                guard let newOffset = ConstantEvaluation.evaluate(rhsOffset, width: 64, constants: constants),
                    newOffset <= 0xFFFF_FFFF, let newAddress = rule.instantiate(m, in: &graph)
                else { continue }
                out.append((rule.rule.name, newOffset, newAddress))
            }
        }
        return out
    }
}
