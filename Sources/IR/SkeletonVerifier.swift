import EGraph
import WasmModel

/// One broken invariant of a `Skeleton`: what kind, where (a statement path such as
/// `body[3].then[1]`, or `effect 5`, `edge 7`, `label 2`, `leaf 9`, `function exit`), and
/// what exactly is wrong.
public struct SkeletonError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// An effect, label, edge, leaf or e-class number that names nothing.
        case outOfRange = "out of range"
        /// An effect listed twice in the statement tree.
        case effectRepeated = "effect repeated"
        /// An effect in neither the statement tree nor `removedEffects`, or removed and still
        /// in the tree, or removed with a live result.
        case effectMissing = "effect missing"
        /// An effect whose operands or results do not match its instruction's.
        case effectShape = "effect shape"
        /// A label opened by two constructs, or by a construct of another kind.
        case labelStructure = "label structure"
        /// A branch to a label that no enclosing construct opened.
        case branchNotEnclosing = "branch not enclosing"
        /// An edge taken twice, or not listed in (or listed but not taken to) its label.
        case edgeUse = "edge use"
        /// An edge with too few variables or the wrong number of stack values for its label.
        case edgeShape = "edge shape"
        /// A statement no control reaches, or an exit edge where the end is unreachable (or
        /// none where it is reachable).
        case reachability
        /// A value read where no computation of it from defined leaves exists.
        case undefinedUse = "undefined use"
        /// Types that should agree and do not.
        case typeMismatch = "type mismatch"
        /// A leaf whose source, slot or class does not say it is that leaf.
        case leafMismatch = "leaf mismatch"
        /// A retired leaf whose class holds nothing else to compute it with.
        case retiredLeaf = "retired leaf"
    }

    public var kind: Kind
    public var location: String
    public var message: String

    public init(_ kind: Kind, at location: String, _ message: String) {
        self.kind = kind
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(message) [\(kind.rawValue)]" }
}

/// A skeleton a pass left broken: the pass's name and everything the verifier found.
public struct SkeletonVerificationFailure: Error, Sendable, CustomStringConvertible {
    public var pass: String
    public var errors: [SkeletonError]

    public init(pass: String, errors: [SkeletonError]) {
        self.pass = pass
        self.errors = errors
    }

    public var description: String {
        let shown = errors.prefix(10).map(\.description).joined(separator: "; ")
        let more = errors.count > 10 ? " (and \(errors.count - 10) more)" : ""
        return "internal error: pass \(pass) produced an invalid skeleton: \(shown)\(more)"
    }
}

/// Checks the invariants of a `Skeleton` against its e-graph — what the `Elaborator` relies on
/// and what the lifter and the passes that rewrite a skeleton (`MemoryForwarding`,
/// `IfConversion`, saturation, `FrameElimination`) must keep:
///
/// - Effects: every effect number in the tree exists and appears exactly once, unless a pass
///   removed the effect (`removedEffects`: then it appears nowhere and its results are retired);
///   its operand count (and, where known, types) and its results are its instruction's (calls
///   and globals only when the `Module` is given), each result leaf saying it is that result.
/// - Structure: every label, edge and leaf number exists; label 0 is the function's, opened by
///   the body; every other label is opened by at most one construct of its kind (by none when a
///   pass removed its construct: then its slots are retired); `br`, `br_if` and `br_table`
///   target only the function or labels of enclosing constructs; each edge is taken by exactly
///   one branch, construct end or loop entry, and an opened label's `edges` are exactly the
///   edges taken to it (a loop's entry first); no statement follows one that never falls
///   through, and an end has an edge exactly when control reaches it.
/// - Edge shapes and types: an edge holds at least the label's `variableCount` variables and
///   exactly one stack value per `stackTypes` entry, of those types (the exit and returns carry
///   the function's results); a slot's type is its leaf's and that of the value each edge
///   brings it; conditions and `br_table` indices are i32; a leaf's class holds the leaf and
///   has its type.
/// - Definitions before uses, in the Elaborator's scoping: a leaf is defined at its effect, at
///   its label's merge (a block's or if's end: what every edge into the end had defined stays
///   defined) or at its loop's head; parameters everywhere. Every class an effect, check,
///   condition, index or edge reads must have at least one node tree of constants, operators and
///   leaves defined at that point and not retired (the weak form: the extraction may pick
///   another node, and the elaborator then falls back on one that works).
/// - Retired leaves: the class of each holds some node other than a retired leaf.
///
/// The definition check computes, once per class, the points of a dominator tree of
/// definitions from which some tree computes it (an antichain, grown to a fixpoint over the
/// e-graph), so its cost is about linear in the e-graph and the skeleton.
public enum SkeletonVerifier {
    /// Every broken invariant of `skeleton` (empty when it is well formed). With `module`, the
    /// operands and results of calls and global accesses are checked against their types too.
    public static func verify(_ skeleton: Skeleton, graph: EGraph, module: Module? = nil) -> [SkeletonError] {
        var verification = Verification(skeleton: skeleton, graph: graph, module: module)
        verification.run()
        return verification.errors
    }

    /// Throws, naming `pass`, when `verify` finds anything wrong.
    public static func check(_ skeleton: Skeleton, graph: EGraph, module: Module? = nil, after pass: String)
        throws(SkeletonVerificationFailure)
    {
        let errors = verify(skeleton, graph: graph, module: module)
        if !errors.isEmpty { throw SkeletonVerificationFailure(pass: pass, errors: errors) }
    }
}

/// One run of the verifier: a walk of the statement tree that checks structure and records
/// definitions (as points of a dominator tree) and uses, then the definability of every use.
struct Verification {
    let s: Skeleton
    let g: EGraph
    let module: Module?
    var errors: [SkeletonError] = []

    // MARK: Statement paths

    enum Arm: String {
        case body, then, `else`
    }

    /// Every statement visited: its region's owner (-1: the function body), arm and index.
    struct Site {
        var parent: Int
        var arm: Arm
        var index: Int
    }
    var sites: [Site] = []
    var site = -1

    func location(_ site: Int) -> String {
        var parts: [String] = []
        var k = site
        while k >= 0 {
            parts.append("\(sites[k].arm.rawValue)[\(sites[k].index)]")
            k = sites[k].parent
        }
        return parts.isEmpty ? "function exit" : parts.reversed().joined(separator: ".")
    }

    var here: String { location(site) }

    mutating func report(_ kind: SkeletonError.Kind, at location: String, _ message: String) {
        errors.append(SkeletonError(kind, at: location, message))
    }

    // MARK: Dominator tree of definitions

    /// Point 0 is the function's entry (parameters and constants); every other point defines
    /// leaves and has the point before it as parent.
    var parent: [Int] = [-1]
    var depth: [Int] = [0]
    var point = 0
    var leafPoint: [Int?]
    var entry: [Int] = [0]
    var exit: [Int] = [0]

    mutating func newPoint() -> Int {
        parent.append(point)
        depth.append(depth[point] + 1)
        point = parent.count - 1
        return point
    }

    func commonDominator(_ points: [Int]) -> Int {
        guard var a = points.first else { return 0 }
        for var b in points.dropFirst() {
            while depth[a] > depth[b] { a = parent[a] }
            while depth[b] > depth[a] { b = parent[b] }
            while a != b {
                a = parent[a]
                b = parent[b]
            }
        }
        return a
    }

    /// Whether point `a` is `b` or one of its dominators (valid after `number()`).
    func dominates(_ a: Int, _ b: Int) -> Bool { entry[a] <= entry[b] && exit[b] <= exit[a] }

    /// Numbers the tree's points in depth-first order, for `dominates`.
    mutating func number() {
        var children = Array(repeating: [Int](), count: parent.count)
        for p in parent.indices.dropFirst() { children[parent[p]].append(p) }
        entry = Array(repeating: 0, count: parent.count)
        exit = Array(repeating: 0, count: parent.count)
        var clock = 0
        var stack: [(point: Int, next: Int)] = [(0, 0)]
        entry[0] = 0
        while let (p, next) = stack.last {
            if next < children[p].count {
                stack[stack.count - 1].next += 1
                let c = children[p][next]
                clock += 1
                entry[c] = clock
                stack.append((c, 0))
            } else {
                clock += 1
                exit[p] = clock
                stack.removeLast()
            }
        }
    }

    // MARK: Uses

    enum Reader {
        case operand(effect: Int, index: Int)
        case checked
        case condition
        case index
        case slot(edge: Int, label: Int, slot: Int)
        case result(edge: Int, index: Int)

        var description: String {
            switch self {
            case .operand(let e, let i): "operand \(i) of effect \(e)"
            case .checked: "the checked value"
            case .condition: "the condition"
            case .index: "the br_table index"
            case .slot(let e, let l, let k): "the value edge \(e) brings slot \(k) of label \(l)"
            case .result(let e, let i): "result \(i) on edge \(e)"
            }
        }
    }

    struct Use {
        var eclass: EClassId
        var point: Int
        var site: Int
        var reader: Reader
    }
    var uses: [Use] = []

    // MARK: Walk state

    var effectCount: [Int]
    var opened: [Int]
    var edgeCount: [Int]
    /// For each edge taken, the labels it was taken to.
    var edgeTargets: [Int: [Int]] = [:]
    /// For each block or if label, the points of the edges taken to it so far.
    var edgePoints: [Int: [Int]] = [:]
    /// Labels of the enclosing constructs, innermost last.
    var open: [Int] = []

    init(skeleton: Skeleton, graph: EGraph, module: Module?) {
        s = skeleton
        g = graph
        self.module = module
        leafPoint = Array(repeating: nil, count: skeleton.leaves.count)
        effectCount = Array(repeating: 0, count: skeleton.effects.count)
        opened = Array(repeating: 0, count: skeleton.labels.count)
        edgeCount = Array(repeating: 0, count: skeleton.edges.count)
        for (n, leaf) in skeleton.leaves.enumerated() {
            if case .parameter = leaf.source { leafPoint[n] = 0 }
        }
    }

    /// A valid class's type (nil, reported, for an id the e-graph does not have).
    mutating func type(_ c: EClassId, _ what: @autoclosure () -> String) -> ScalarType? {
        guard g.contains(c) else {
            report(.outOfRange, at: here, "\(what()) is \(c), which is not a class of the e-graph")
            return nil
        }
        return g.facts(c).type
    }

    mutating func use(_ c: EClassId, _ reader: Reader) {
        guard type(c, reader.description) != nil else { return }
        uses.append(Use(eclass: g.root(c), point: point, site: site, reader: reader))
    }

    mutating func define(_ leaves: [UInt32]) {
        let live = leaves.filter { Int($0) < s.leaves.count && !s.retired.contains($0) }
        guard !live.isEmpty else { return }
        let p = newPoint()
        for leaf in live where leafPoint[Int(leaf)] == nil { leafPoint[Int(leaf)] = p }
    }

    mutating func run() {
        guard let function = s.labels.first else {
            report(.outOfRange, at: "label 0", "the skeleton has no labels (label 0 is the function's)")
            return
        }
        if case .function = function.kind {
        } else {
            report(.labelStructure, at: "label 0", "label 0 is a \(function.kind), not the function's")
        }
        if function.stackTypes != s.results {
            report(
                .typeMismatch, at: "label 0",
                "the function's label carries \(function.stackTypes) but the function returns \(s.results)")
        }
        opened[0] = 1
        let reachable = region(s.body, parent: -1, arm: .body)
        site = -1
        if let e = s.exit {
            if !reachable { report(.reachability, at: here, "the body's end is unreachable but has exit edge \(e)") }
            take(e, to: [0], as: "exit")
        } else if reachable {
            report(.reachability, at: here, "control reaches the body's end but it has no exit edge")
        }
        checkEffects()
        checkLabels()
        checkLeaves()
        number()
        checkUses()
    }

    // MARK: Statements

    /// Walks a region; returns whether control falls through its end.
    mutating func region(_ body: [Statement], parent owner: Int, arm: Arm) -> Bool {
        var reachable = true
        var reportedDead = false
        for (k, statement) in body.enumerated() {
            sites.append(Site(parent: owner, arm: arm, index: k))
            site = sites.count - 1
            let mine = site
            if !reachable && !reportedDead {
                report(.reachability, at: here, "no control reaches this statement (the lifter drops dead code)")
                reportedDead = true
            }
            switch statement {
            case .effect(let i):
                guard s.effects.indices.contains(i) else {
                    report(.outOfRange, at: here, "effect \(i) does not exist (\(s.effects.count) effects)")
                    continue
                }
                effectCount[i] += 1
                if effectCount[i] > 1 {
                    report(.effectRepeated, at: here, "effect \(i) (\(mnemonic(i))) is listed a second time")
                }
                if s.removedEffects.contains(i) {
                    report(.effectMissing, at: here, "effect \(i) (\(mnemonic(i))) is removed but still listed")
                }
                for (n, operand) in s.effects[i].operands.enumerated() { use(operand, .operand(effect: i, index: n)) }
                define(s.effects[i].results)
            case .check(let c):
                use(c, .checked)
            case .block(let label, let inner, let end):
                let kindOK: Bool
                switch s.labels.indices.contains(label) ? s.labels[label].kind : .block {
                case .block, .inlined: kindOK = true
                default: kindOK = false
                }
                let valid = openLabel(label, kindOK: kindOK, construct: "block")
                let falls = nested(inner, label: label, owner: mine, arm: .body)
                let bodyEnd = point
                if let end { take(end, to: [label], as: "block exit") }
                checkEnd(end, falls: falls, what: "block's")
                let points = valid ? edgePoints.removeValue(forKey: label) ?? [] : []
                point = points.isEmpty ? bodyEnd : commonDominator(points)
                if valid { defineSlots(label) }
                reachable = !points.isEmpty
            case .loop(let label, let entryEdge, let inner):
                var kindOK = false
                if s.labels.indices.contains(label), case .loop = s.labels[label].kind { kindOK = true }
                let valid = openLabel(label, kindOK: kindOK, construct: "loop")
                take(entryEdge, to: [label], as: "loop entry")
                if valid {
                    if s.labels[label].edges.first != entryEdge {
                        report(
                            .edgeUse, at: here,
                            "loop label \(label)'s edges \(s.labels[label].edges) do not start with its entry \(entryEdge)"
                        )
                    }
                    defineSlots(label)
                }
                reachable = nested(inner, label: label, owner: mine, arm: .body)
            case .if(let label, let condition, let a, let aEnd, let b, let bEnd):
                if let t = type(condition, "the condition"), t != .i32 {
                    report(.typeMismatch, at: here, "the if's condition \(condition) is \(t), not i32")
                }
                use(condition, .condition)
                var kindOK = false
                if s.labels.indices.contains(label), case .if = s.labels[label].kind { kindOK = true }
                let valid = openLabel(label, kindOK: kindOK, construct: "if")
                let before = point
                let fallsA = nested(a, label: label, owner: mine, arm: .then)
                if let aEnd { take(aEnd, to: [label], as: "then end") }
                checkEnd(aEnd, falls: fallsA, what: "then arm's")
                point = before
                let fallsB = nested(b, label: label, owner: mine, arm: .else)
                if let bEnd { take(bEnd, to: [label], as: "else end") }
                checkEnd(bEnd, falls: fallsB, what: "else arm's")
                let points = valid ? edgePoints.removeValue(forKey: label) ?? [] : []
                point = points.isEmpty ? before : commonDominator(points)
                if valid { defineSlots(label) }
                reachable = !points.isEmpty
            case .br(let label, let edge):
                target(label)
                take(edge, to: [label], as: "br")
                reachable = false
            case .brIf(let label, let condition, let edge):
                target(label)
                take(edge, to: [label], as: "br_if")
                if let t = type(condition, "the condition"), t != .i32 {
                    report(.typeMismatch, at: here, "the br_if's condition \(condition) is \(t), not i32")
                }
                use(condition, .condition)
            case .brTable(let labels, let fallback, let index, let edge):
                var targets: [Int] = []
                for l in labels + [fallback] where !targets.contains(l) {
                    target(l)
                    targets.append(l)
                }
                take(edge, to: targets, as: "br_table")
                if let t = type(index, "the index"), t != .i32 {
                    report(.typeMismatch, at: here, "the br_table's index \(index) is \(t), not i32")
                }
                use(index, .index)
                reachable = false
            case .unreachable:
                reachable = false
            }
            site = mine
        }
        return reachable
    }

    /// Walks the body of a construct whose label is open inside it.
    mutating func nested(_ body: [Statement], label: Int, owner: Int, arm: Arm) -> Bool {
        open.append(label)
        let falls = region(body, parent: owner, arm: arm)
        open.removeLast()
        site = owner
        return falls
    }

    mutating func checkEnd(_ end: Int?, falls: Bool, what: String) {
        if let end, !falls {
            report(.reachability, at: here, "the \(what) end is unreachable but has edge \(end)")
        } else if end == nil && falls {
            report(.reachability, at: here, "control reaches the \(what) end but it has no edge")
        }
    }

    func mnemonic(_ effect: Int) -> String { s.effects[effect].instruction.mnemonic }

    /// Notes a construct opening `label`; returns whether the label exists.
    mutating func openLabel(_ label: Int, kindOK: Bool, construct: String) -> Bool {
        guard s.labels.indices.contains(label) else {
            report(.outOfRange, at: here, "the \(construct) opens label \(label), which does not exist")
            return false
        }
        opened[label] += 1
        if label == 0 {
            report(.labelStructure, at: here, "the \(construct) opens label 0, the function's")
        } else if opened[label] > 1 {
            report(.labelStructure, at: here, "the \(construct) opens label \(label) a second time")
        }
        if !kindOK {
            report(.labelStructure, at: here, "a \(construct) opens label \(label) of kind \(s.labels[label].kind)")
        }
        return true
    }

    /// Checks that a branch may target `label` here.
    mutating func target(_ label: Int) {
        guard s.labels.indices.contains(label) else {
            report(.outOfRange, at: here, "the branch targets label \(label), which does not exist")
            return
        }
        if label != 0 && !open.contains(label) {
            report(
                .branchNotEnclosing, at: here, "the branch targets label \(label), which no enclosing construct opens")
        }
    }

    func value(_ edge: Edge, _ source: Slot.Source) -> EClassId? {
        switch source {
        case .stack(let i): edge.stack.indices.contains(i) ? edge.stack[i] : nil
        case .variable(let v): edge.variables.indices.contains(v) ? edge.variables[v] : nil
        }
    }

    /// Notes `edge` taken here to `labels` (distinct): its shape, types and the values it reads.
    mutating func take(_ edge: Int, to labels: [Int], as role: String) {
        guard s.edges.indices.contains(edge) else {
            report(.outOfRange, at: here, "the \(role) edge \(edge) does not exist (\(s.edges.count) edges)")
            return
        }
        edgeCount[edge] += 1
        if edgeCount[edge] > 1 {
            report(.edgeUse, at: here, "edge \(edge) is taken a second time (by a \(role))")
            return
        }
        let e = s.edges[edge]
        for (i, v) in e.variables.enumerated() { _ = type(v, "variable \(i) on edge \(edge)") }
        for l in labels where s.labels.indices.contains(l) {
            edgeTargets[edge, default: []].append(l)
            let label = s.labels[l]
            if e.variables.count < label.variableCount {
                report(
                    .edgeShape, at: here,
                    "edge \(edge) holds \(e.variables.count) variables, label \(l) needs \(label.variableCount)")
            }
            if e.stack.count != label.stackTypes.count {
                report(
                    .edgeShape, at: here,
                    "edge \(edge) carries \(e.stack.count) stack values, label \(l) takes \(label.stackTypes.count)")
            } else {
                for (i, v) in e.stack.enumerated() {
                    guard let t = type(v, "stack value \(i) on edge \(edge)") else { continue }
                    if ScalarType(label.stackTypes[i]) != t {
                        report(
                            .typeMismatch, at: here,
                            "stack value \(i) on edge \(edge) is \(t), label \(l) takes \(label.stackTypes[i])")
                    }
                }
            }
            for (k, slot) in label.slots.enumerated() {
                guard let v = value(e, slot.source), g.contains(v) else { continue }
                if g.facts(v).type != slot.type {
                    report(
                        .typeMismatch, at: here,
                        "edge \(edge) brings a \(g.facts(v).type) to slot \(k) of label \(l), which is \(slot.type)")
                }
            }
            if l == 0 {
                for (i, v) in e.stack.enumerated() { use(v, .result(edge: edge, index: i)) }
                continue
            }
            for (k, slot) in label.slots.enumerated() where !s.retired.contains(slot.leaf) {
                if let v = value(e, slot.source) { use(v, .slot(edge: edge, label: l, slot: k)) }
            }
            if case .loop = label.kind { continue }
            edgePoints[l, default: []].append(point)
        }
    }

    mutating func defineSlots(_ label: Int) {
        define(s.labels[label].slots.map(\.leaf))
    }

    // MARK: Tables

    /// The operand and result types of an effect's instruction (nil: any type), or nil when
    /// they cannot be known here.
    func signature(_ instruction: Instruction) -> (operands: [ScalarType?], results: [ScalarType?])? {
        func address(_ memory: UInt32) -> ScalarType? {
            guard let module else { return nil }
            let memories = module.allMemories
            guard memories.indices.contains(Int(memory)) else { return nil }
            return memories[Int(memory)].is64 ? .i64 : .i32
        }
        switch instruction {
        case .call(let f):
            guard let module, module.functionTypeIndices.indices.contains(Int(f)) else { return nil }
            let t = Int(module.functionTypeIndices[Int(f)])
            guard module.types.indices.contains(t) else { return nil }
            return (module.types[t].params.map { ScalarType($0) }, module.types[t].results.map { ScalarType($0) })
        case .callIndirect(let t, _):
            guard let module, module.types.indices.contains(Int(t)) else { return nil }
            let type = module.types[Int(t)]
            return (type.params.map { ScalarType($0) } + [nil], type.results.map { ScalarType($0) })
        case .globalGet(let i), .globalSet(let i):
            var type: ScalarType?
            if let globals = module?.allGlobals {
                guard globals.indices.contains(Int(i)) else { return nil }
                type = ScalarType(globals[Int(i)].type)
            }
            if case .globalGet = instruction { return ([], [type]) }
            return ([type], [])
        case .load(let op, let arg): return ([address(arg.memory)], [ScalarType(op.type)])
        case .store(let op, let arg): return ([address(arg.memory), ScalarType(op.type)], [])
        case .memorySize(let m): return ([], [address(m)])
        case .memoryGrow(let m): return ([address(m)], [address(m)])
        case .memoryFill(let m): return ([address(m), .i32, address(m)], [])
        case .memoryCopy: return ([nil, nil, nil], [])
        case .memoryInit(_, let m): return ([address(m), .i32, .i32], [])
        case .dataDrop, .elemDrop: return ([], [])
        case .tableSize: return ([], [nil])
        case .tableCopy, .tableInit: return ([nil, nil, nil], [])
        default: return nil
        }
    }

    mutating func checkEffects() {
        for i in s.removedEffects.sorted() where !s.effects.indices.contains(i) {
            report(.outOfRange, at: "effect \(i)", "removed effect \(i) does not exist (\(s.effects.count) effects)")
        }
        for (i, effect) in s.effects.enumerated() {
            let at = "effect \(i)"
            let name = effect.instruction.mnemonic
            if effectCount[i] == 0 {
                if !s.removedEffects.contains(i) {
                    report(
                        .effectMissing, at: at, "effect \(i) (\(name)) appears nowhere in the body and was not removed")
                }
                for leaf in effect.results where !s.retired.contains(leaf) {
                    report(
                        .effectMissing, at: at,
                        "effect \(i) (\(name)) is not in the body but its result leaf \(leaf) is live")
                }
            }
            for (k, leaf) in effect.results.enumerated() {
                guard s.leaves.indices.contains(Int(leaf)) else {
                    report(.outOfRange, at: at, "result \(k) of effect \(i) is leaf \(leaf), which does not exist")
                    continue
                }
                if s.leaves[Int(leaf)].source != .result(effect: i, index: k) {
                    report(
                        .leafMismatch, at: at,
                        "result \(k) of effect \(i) is leaf \(leaf), whose source is \(s.leaves[Int(leaf)].source)")
                }
            }
            for (k, c) in effect.operands.enumerated() where !g.contains(c) {
                report(.outOfRange, at: at, "operand \(k) of effect \(i) is \(c), which is not a class of the e-graph")
            }
            guard let (operands, results) = signature(effect.instruction) else { continue }
            if effect.operands.count != operands.count {
                report(
                    .effectShape, at: at,
                    "effect \(i) (\(name)) has \(effect.operands.count) operands; the instruction takes \(operands.count)"
                )
            } else {
                for (k, (c, t)) in zip(effect.operands, operands).enumerated() {
                    guard let t, g.contains(c), g.facts(c).type != t else { continue }
                    report(
                        .typeMismatch, at: at,
                        "operand \(k) of effect \(i) (\(name)) is \(g.facts(c).type); the instruction takes \(t)")
                }
            }
            if effect.results.count != results.count {
                report(
                    .effectShape, at: at,
                    "effect \(i) (\(name)) has \(effect.results.count) result leaves; the instruction has \(results.count)"
                )
            } else {
                for (k, (leaf, t)) in zip(effect.results, results).enumerated() {
                    guard let t, s.leaves.indices.contains(Int(leaf)), s.leaves[Int(leaf)].type != t else { continue }
                    report(
                        .typeMismatch, at: at,
                        "result \(k) of effect \(i) (\(name)) is a \(s.leaves[Int(leaf)].type) leaf; the instruction gives \(t)"
                    )
                }
            }
        }
    }

    mutating func checkLabels() {
        var takenTo = Array(repeating: [Int](), count: s.labels.count)
        for (edge, labels) in edgeTargets.sorted(by: { $0.key < $1.key }) {
            for l in labels { takenTo[l].append(edge) }
        }
        // An edge no statement takes must be one a removed construct left behind.
        let listed = Set(s.labels.flatMap(\.edges))
        for edge in s.edges.indices where edgeCount[edge] == 0 && !listed.contains(edge) {
            report(.edgeUse, at: "edge \(edge)", "edge \(edge) is taken by no statement and targets no label")
        }
        for (l, label) in s.labels.enumerated() {
            let at = "label \(l)"
            for (k, slot) in label.slots.enumerated() {
                switch slot.source {
                case .variable(let v) where v < 0 || v >= label.variableCount:
                    report(.outOfRange, at: at, "slot \(k) merges variable \(v) of \(label.variableCount)")
                case .stack(let i) where i < 0 || i >= label.stackTypes.count:
                    report(.outOfRange, at: at, "slot \(k) merges stack value \(i) of \(label.stackTypes.count)")
                case .stack(let i) where ScalarType(label.stackTypes[i]) != slot.type:
                    report(
                        .typeMismatch, at: at,
                        "slot \(k) is \(slot.type) but stack value \(i) is \(label.stackTypes[i])")
                default: break
                }
                guard s.leaves.indices.contains(Int(slot.leaf)) else {
                    report(.outOfRange, at: at, "slot \(k) is leaf \(slot.leaf), which does not exist")
                    continue
                }
                let leaf = s.leaves[Int(slot.leaf)]
                if leaf.source != .slot(label: l, index: k) {
                    report(.leafMismatch, at: at, "slot \(k) is leaf \(slot.leaf), whose source is \(leaf.source)")
                }
                if leaf.type != slot.type {
                    report(.typeMismatch, at: at, "slot \(k) is \(slot.type) but its leaf \(slot.leaf) is \(leaf.type)")
                }
            }
            if !label.merged.isEmpty && label.merged.count != label.variableCount + label.stackTypes.count {
                report(
                    .edgeShape, at: at,
                    "label \(l) merges \(label.merged.count) values, not \(label.variableCount) variables and "
                        + "\(label.stackTypes.count) stack values")
            }
            for c in label.merged where !g.contains(c) {
                report(.outOfRange, at: at, "label \(l) merges \(c), which is not a class of the e-graph")
            }
            guard opened[l] > 0 else {
                // A construct a pass removed (if-conversion) leaves its label behind, unopened:
                // its merged values became selects, so no slot of it is live.
                for (k, slot) in label.slots.enumerated() where !s.retired.contains(slot.leaf) {
                    report(
                        .labelStructure, at: at,
                        "no construct opens label \(l), but its slot \(k) (leaf \(slot.leaf)) is not retired")
                }
                continue
            }
            var listed: Set<Int> = []
            for edge in label.edges {
                if !s.edges.indices.contains(edge) {
                    report(.outOfRange, at: at, "label \(l) lists edge \(edge), which does not exist")
                } else if !listed.insert(edge).inserted {
                    report(.edgeUse, at: at, "label \(l) lists edge \(edge) twice")
                }
            }
            let taken = Set(takenTo[l])
            for edge in takenTo[l] where !listed.contains(edge) {
                report(.edgeUse, at: at, "edge \(edge) is taken to label \(l) but not in its edges")
            }
            for edge in label.edges.sorted() where s.edges.indices.contains(edge) && !taken.contains(edge) {
                report(.edgeUse, at: at, "label \(l) lists edge \(edge), which nothing takes to it")
            }
        }
    }

    mutating func checkLeaves() {
        for (n, leaf) in s.leaves.enumerated() {
            let at = "leaf \(n)"
            guard g.contains(leaf.eclass) else {
                report(.outOfRange, at: at, "leaf \(n)'s class \(leaf.eclass) is not a class of the e-graph")
                continue
            }
            if !g.nodes(leaf.eclass).contains(ENode(.leaf(leaf.type, UInt64(n)))) {
                report(.leafMismatch, at: at, "leaf \(n)'s class \(g.root(leaf.eclass)) does not hold the leaf")
            }
            if g.facts(leaf.eclass).type != leaf.type {
                report(
                    .typeMismatch, at: at,
                    "leaf \(n) is \(leaf.type) but its class \(g.root(leaf.eclass)) is \(g.facts(leaf.eclass).type)")
            }
            switch leaf.source {
            case .parameter(let i):
                if !s.parameters.indices.contains(i) {
                    report(.outOfRange, at: at, "leaf \(n) is parameter \(i) of \(s.parameters.count)")
                } else if ScalarType(s.parameters[i]) != leaf.type {
                    report(.typeMismatch, at: at, "leaf \(n) is \(leaf.type) but parameter \(i) is \(s.parameters[i])")
                }
            case .slot(let l, let k):
                if !s.labels.indices.contains(l) || !s.labels[l].slots.indices.contains(k)
                    || s.labels[l].slots[k].leaf != UInt32(n)
                {
                    report(.leafMismatch, at: at, "leaf \(n) says it is slot \(k) of label \(l), which is not it")
                }
            case .result(let e, let k):
                if !s.effects.indices.contains(e) || !s.effects[e].results.indices.contains(k)
                    || s.effects[e].results[k] != UInt32(n)
                {
                    report(.leafMismatch, at: at, "leaf \(n) says it is result \(k) of effect \(e), which is not it")
                }
            }
        }
        for leaf in s.retired.sorted() {
            let at = "leaf \(leaf)"
            guard s.leaves.indices.contains(Int(leaf)) else {
                report(.outOfRange, at: at, "retired leaf \(leaf) does not exist")
                continue
            }
            let c = s.leaves[Int(leaf)].eclass
            guard g.contains(c) else { continue }
            let other = g.nodes(c).contains { node in
                node.op.kind != .leaf || !s.retired.contains(UInt32(truncatingIfNeeded: node.op.payload))
            }
            if !other {
                report(
                    .retiredLeaf, at: at,
                    "leaf \(leaf) is retired but its class \(g.root(c)) holds no other node to compute it with")
            }
        }
    }

    // MARK: Definitions

    /// For each class (by root id), the points from which some node tree computes it: an
    /// antichain of the dominator tree, grown to a fixpoint. Beyond `cap` points only the
    /// shallowest are kept (`truncated` then asks the exact check to confirm a failure).
    var reach: [EClassId: [Int]] = [:]
    var truncated = false
    let cap = 32

    func leafPointOf(_ node: ENode) -> Int? {
        let n = Int(truncatingIfNeeded: node.op.payload)
        guard s.leaves.indices.contains(n), !s.retired.contains(UInt32(n)) else { return nil }
        return leafPoint[n]
    }

    /// The points from which `node` can be computed.
    func points(_ node: ENode) -> [Int] {
        switch node.op.kind {
        case .constant: return [0]
        case .leaf: return leafPointOf(node).map { [$0] } ?? []
        case .numeric, .select:
            var acc = [0]
            for child in node.children {
                guard g.contains(child), let other = reach[g.root(child)], !other.isEmpty else { return [] }
                acc = meet(acc, other)
                if acc.isEmpty { return [] }
            }
            return acc
        }
    }

    /// The minimal points dominated by a point of each of `a` and `b`.
    func meet(_ a: [Int], _ b: [Int]) -> [Int] {
        var out: [Int] = []
        for x in a {
            for y in b {
                let deeper: Int
                if dominates(x, y) {
                    deeper = y
                } else if dominates(y, x) {
                    deeper = x
                } else {
                    continue
                }
                if !out.contains(where: { dominates($0, deeper) }) {
                    out.removeAll { dominates(deeper, $0) }
                    out.append(deeper)
                }
            }
        }
        return out
    }

    /// Adds `points` to `set`; returns whether it grew.
    mutating func absorb(_ points: [Int], into set: inout [Int]) -> Bool {
        var grew = false
        for p in points where !set.contains(where: { dominates($0, p) }) {
            set.removeAll { dominates(p, $0) }
            set.append(p)
            grew = true
        }
        if set.count > cap {
            set.sort { depth[$0] < depth[$1] }
            set.removeLast(set.count - cap)
            truncated = true
        }
        return grew
    }

    mutating func computeReach() {
        var parents: [EClassId: [(node: ENode, eclass: EClassId)]] = [:]
        var work: [EClassId] = []
        for c in g.classIds {
            var set: [Int] = []
            for node in g.nodes(c) {
                if node.arity == 0 {
                    _ = absorb(points(node), into: &set)
                } else {
                    for child in Set(node.children) where g.contains(child) {
                        parents[g.root(child), default: []].append((node, c))
                    }
                }
            }
            reach[c] = set
            if !set.isEmpty { work.append(c) }
        }
        while let c = work.popLast() {
            for (node, owner) in parents[c] ?? [] {
                let found = points(node)
                guard !found.isEmpty else { continue }
                var set = reach[owner] ?? []
                if absorb(found, into: &set) {
                    reach[owner] = set
                    work.append(owner)
                }
            }
        }
    }

    /// Whether some node tree computes `c` from the leaves defined at `point` (exact, for
    /// confirming a failure when an antichain was truncated).
    func computable(_ c: EClassId, at point: Int) -> Bool {
        var classes: [EClassId] = []
        var seen: Set<EClassId> = [g.root(c)]
        var stack = [g.root(c)]
        while let x = stack.popLast() {
            classes.append(x)
            for node in g.nodes(x) {
                for child in node.children where g.contains(child) && seen.insert(g.root(child)).inserted {
                    stack.append(g.root(child))
                }
            }
        }
        var done: Set<EClassId> = []
        var changed = true
        while changed {
            changed = false
            for x in classes where !done.contains(x) {
                let ok = g.nodes(x).contains { node in
                    switch node.op.kind {
                    case .constant: return true
                    case .leaf: return leafPointOf(node).map { dominates($0, point) } ?? false
                    case .numeric, .select:
                        return node.children.allSatisfy { g.contains($0) && done.contains(g.root($0)) }
                    }
                }
                if ok {
                    done.insert(x)
                    changed = true
                }
            }
        }
        return done.contains(g.root(c))
    }

    /// Leaves reachable from `c` (a few levels down) that are not defined at `point`: what the
    /// value would need.
    func missingLeaves(_ c: EClassId, at point: Int) -> [String] {
        var out: [String] = []
        var seen: Set<EClassId> = []
        var frontier = [g.root(c)]
        for _ in 0..<4 {
            var next: [EClassId] = []
            for x in frontier where seen.insert(x).inserted {
                for node in g.nodes(x) {
                    if node.op.kind == .leaf {
                        let n = Int(truncatingIfNeeded: node.op.payload)
                        let defined = leafPointOf(node).map { dominates($0, point) } ?? false
                        if !defined, out.count < 3 { out.append(describeLeaf(n)) }
                    }
                    next += node.children.filter { g.contains($0) }.map { g.root($0) }
                }
            }
            frontier = next
        }
        return out
    }

    func describeLeaf(_ n: Int) -> String {
        guard s.leaves.indices.contains(n) else { return "leaf \(n) (which does not exist)" }
        let retired = s.retired.contains(UInt32(n)) ? ", retired" : ""
        switch s.leaves[n].source {
        case .parameter(let i): return "leaf \(n) (parameter \(i)\(retired))"
        case .slot(let l, let k): return "leaf \(n) (slot \(k) of label \(l)\(retired))"
        case .result(let e, let k): return "leaf \(n) (result \(k) of effect \(e)\(retired))"
        }
    }

    mutating func checkUses() {
        computeReach()
        for u in uses {
            let set = reach[u.eclass] ?? []
            if set.contains(where: { dominates($0, u.point) }) { continue }
            if truncated && computable(u.eclass, at: u.point) { continue }
            let needs = missingLeaves(u.eclass, at: u.point)
            let detail = needs.isEmpty ? "" : " (it needs \(needs.joined(separator: ", ")))"
            report(
                .undefinedUse, at: location(u.site),
                "\(u.reader.description) is \(u.eclass), which nothing defined here computes\(detail)")
        }
    }
}
