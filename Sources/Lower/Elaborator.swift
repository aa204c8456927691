import EGraph
import IR
import Lift
import WasmEncode
import WasmModel

/// Why a lifted function could not be lowered (it is then kept as it was). Never a user
/// error; the differential tests make sure it stays rare.
public struct LoweringFailure: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}

/// Extraction costs for a lifted function: an operator's bytes by `base` (Wasm bytes unless
/// a target's model is given), a leaf is a `local.get` (2 bytes), and a retired leaf (one that
/// no longer exists) is never chosen.
public struct LoweringCost: CostModel, Sendable {
    public var retired: Set<UInt32>
    public var base: any CostModel & Sendable

    public init(retired: Set<UInt32>, base: (any CostModel & Sendable)? = nil) {
        self.retired = retired
        self.base = base ?? WasmSizeCost()
    }

    public func cost(_ op: Op) -> Int {
        if op.kind == .leaf { return retired.contains(UInt32(op.payload)) ? 1 << 40 : 2 }
        return base.cost(op)
    }

    public func cost(_ op: Op, operands: [UInt64?]) -> Int {
        op.kind == .leaf ? cost(op) : base.cost(op, operands: operands)
    }

    public func penalty(_ op: Op) -> Int { base.penalty(op) }
}

/// Turns a skeleton and the program extracted from its e-graph back into Wasm code over
/// virtual locals: every effect in order, each pure value computed where it is used (or once,
/// into a local, when it is used several times and that is smaller), slots as locals written
/// on each incoming edge. Locals are numbered from the parameters on; `Locals` then sinks
/// and coalesces them.
///
/// Invariants: effects and traps happen in the skeleton's order; a value is read only where
/// its leaves are defined (scoped like dominance: a nested region's definitions end with it,
/// except a loop body's or an untargeted block's, which dominate what follows); a loop slot
/// is written through a temporary that the loop's head copies, so an edge never clobbers a
/// value still live on another path.
struct Elaborator {
    let skeleton: Skeleton
    let graph: EGraph
    let extractor: Extractor
    var localTypes: [ValueType]
    /// What holds for every value written to each local (the join of the written classes'
    /// facts; nil: nothing written yet, floats never noted; a parameter: nothing known).
    var localFacts: [Facts?]
    /// Loop heads' copies (a slot's local from its temporary): the slot holds what the
    /// temporary holds, settled once every write to the temporary is noted.
    var loopCopies: [(slot: UInt32, temporary: UInt32)] = []
    var leafLocal: [UInt32: UInt32] = [:]
    var loopTemps: [UInt32: UInt32] = [:]
    var available: [EClassId: UInt32] = [:]
    var defined: Set<UInt32> = []
    /// What each local written on an edge to a block or if holds (so the next edge with the
    /// same value need not write it again), scoped like `available`.
    var holds: [UInt32: EClassId] = [:]
    var undo: [Undo] = []

    enum Undo {
        case available(EClassId)
        case defined(UInt32)
        case holds(UInt32, EClassId?)
    }

    /// Where shared values are computed ahead of the statement that first needs them: the
    /// region (as a path from the function's body) and the statement index in it.
    struct Place: Hashable {
        var region: [Int]
        var index: Int
    }
    var places: [EClassId: (place: Place, spread: Bool)] = [:]
    /// For each block or if label, what was defined and available along each edge taken to
    /// it so far: what all of them share still holds after the label.
    var edgeScopes: [Int: [(defined: Set<UInt32>, available: [EClassId: UInt32])]] = [:]
    var hoists: [Place: [EClassId]] = [:]
    var region: [Int] = []
    var index = 0
    var budget = 2_000_000
    var uses: [EClassId: Int] = [:]
    /// Of `uses`, those as a condition (of an if, a br_if or a select).
    var conditionUses: [EClassId: Int] = [:]
    /// Bytes per use of holding a shared value when sharing is priced by the extraction's
    /// costs; nil: by Wasm bytes.
    let sharingPrice: Int?
    /// The sharing prices that decide every priced sharing question asked so far as
    /// `sharingPrice` did: elaborating at any of them makes the same code. (The price is read
    /// nowhere else, so the decisions are the only way it shapes the code.)
    var samePrices: ClosedRange<Int> = Int.min / 2...Int.max / 2
    /// In the extracted program, the classes whose chosen node uses each class.
    var parents: [EClassId: [EClassId]] = [:]
    var inProgress: Set<EClassId> = []
    /// The label of each open Wasm construct, innermost last (nil: not a branch target).
    var constructs: [Int?] = []
    /// The slot leaves given no local and written on no edge: the skeleton's retired ones
    /// and those the extracted program never reads (`unreadSlots`).
    let retired: Set<UInt32>

    /// The slots whose leaf the extracted program never reads: not by an effect, a check, a
    /// condition or the function's results, nor through the value another read slot takes
    /// on an edge (a loop-carried variable written before it is read in every iteration
    /// keeps a slot that only feeds itself). Writing them would cost a local, a zero before
    /// the loop and a value held across the loop for nothing.
    static func unreadSlots(_ skeleton: Skeleton, _ graph: EGraph, _ extractor: Extractor) -> Set<UInt32> {
        let reads = SkeletonReads(skeleton, graph: graph)
        guard !reads.slotInputs.isEmpty else { return [] }
        var seen = Set(reads.roots)
        var work = reads.roots
        func need(_ c: EClassId) {
            let r = graph.root(c)
            if seen.insert(r).inserted { work.append(r) }
        }
        var read = Set<UInt32>()
        while let c = work.popLast() {
            guard let node = extractor.choice(c) else { continue }
            if node.op.kind == .leaf, let inputs = reads.slotInputs[UInt32(node.op.payload)],
                read.insert(UInt32(node.op.payload)).inserted
            {
                inputs.forEach(need)
            }
            node.children.forEach(need)
        }
        return Set(reads.slotInputs.keys).subtracting(read)
    }

    init(skeleton: Skeleton, graph: EGraph, extractor: Extractor, sharingPrice: Int? = nil) {
        self.sharingPrice = sharingPrice
        self.skeleton = skeleton
        self.graph = graph
        self.extractor = extractor
        retired = skeleton.retired.union(Self.unreadSlots(skeleton, graph, extractor))
        localTypes = skeleton.parameters
        localFacts = skeleton.parameters.map { $0 == .i32 || $0 == .i64 ? ScalarType($0).map(Facts.init(type:)) : nil }
        for (n, leaf) in skeleton.leaves.enumerated() {
            if case .parameter(let i) = leaf.source {
                leafLocal[UInt32(n)] = UInt32(i)
                defined.insert(UInt32(n))
            }
        }
        for label in skeleton.labels {
            for slot in label.slots where !retired.contains(slot.leaf) {
                leafLocal[slot.leaf] = newLocal(slot.type.valueType)
                if case .loop = label.kind { loopTemps[slot.leaf] = newLocal(slot.type.valueType) }
            }
        }
        for (n, leaf) in skeleton.leaves.enumerated() {
            if case .result = leaf.source { leafLocal[UInt32(n)] = newLocal(leaf.type.valueType) }
        }
        countUses(skeleton.body)
        index = skeleton.body.count
        if let edge = skeleton.exit { countEdge(edge, label: 0) }
        planHoists()
    }

    mutating func newLocal(_ type: ValueType) -> UInt32 {
        localTypes.append(type)
        localFacts.append(nil)
        return UInt32(localTypes.count - 1)
    }

    /// Notes that local `x` is written a value of class `c` (code built and then thrown away
    /// may note a write that never happens: the facts only get weaker, never wrong).
    mutating func note(_ x: UInt32, holds c: EClassId) {
        guard localTypes[Int(x)] == .i32 || localTypes[Int(x)] == .i64 else { return }
        let f = graph.facts(c)
        localFacts[Int(x)] = localFacts[Int(x)].map { $0.join(f) } ?? f
    }

    /// The facts of every local, loop slots settled from their temporaries.
    var settledLocalFacts: [Facts?] {
        var out = localFacts
        for (slot, temporary) in loopCopies {
            guard let t = out[Int(temporary)] else { continue }
            out[Int(slot)] = out[Int(slot)].map { $0.join(t) } ?? t
        }
        return out
    }

    // MARK: Uses

    mutating func countUse(_ c: EClassId, asCondition: Bool = false) {
        let c = graph.root(c)
        var seen: Set<EClassId> = []
        place(c, at: Place(region: region, index: index), seen: &seen)
        uses[c, default: 0] += 1
        if asCondition { conditionUses[c, default: 0] += 1 }
        guard uses[c] == 1, let node = extractor.choice(c) else { return }
        for (k, child) in node.children.enumerated() {
            parents[graph.root(child), default: []].append(c)
            countUse(child, asCondition: node.op.kind == .select && k == 2)
        }
    }

    /// Widens the place of `c` and of what it is computed from to cover a use at `p`.
    ///
    /// What `c` is computed from has been widened by every use `c` has, so its places already
    /// cover `c`'s: when `c`'s place (and spread) does not change, neither do theirs, and the
    /// walk stops there (else a long chain is walked once per use: quadratic).
    mutating func place(_ c: EClassId, at p: Place, seen: inout Set<EClassId>) {
        let c = graph.root(c)
        guard budget > 0, seen.insert(c).inserted, let node = extractor.choice(c), node.arity > 0 else { return }
        budget -= 1
        if let (old, spread) = places[c] {
            let widened: (place: Place, spread: Bool)
            if old.region == p.region {
                widened = (Place(region: old.region, index: min(old.index, p.index)), spread)
            } else {
                var m = 0
                while m < old.region.count && m < p.region.count && old.region[m] == p.region[m] { m += 1 }
                let a = m < old.region.count ? old.region[m] / 2 : old.index
                let b = m < p.region.count ? p.region[m] / 2 : p.index
                widened = (Place(region: Array(old.region.prefix(m)), index: min(a, b)), true)
            }
            if widened.place == old && widened.spread == spread { return }
            places[c] = widened
        } else {
            places[c] = (p, false)
        }
        for child in node.children { place(child, at: p, seen: &seen) }
    }

    mutating func countEdge(_ edge: Int, label: Int) {
        let e = skeleton.edges[edge]
        if label == 0 {
            for v in e.stack { countUse(v) }
            return
        }
        for slot in skeleton.labels[label].slots where !retired.contains(slot.leaf) {
            countUse(e.value(slot.source))
        }
    }

    mutating func countUses(_ body: [Statement]) {
        for (k, s) in body.enumerated() {
            index = k
            switch s {
            case .effect(let i):
                for o in skeleton.effects[i].operands { countUse(o) }
            case .check(let c): countUse(c)
            case .block(let label, let inner, let exit):
                enter(k, arm: 0)
                countUses(inner)
                index = inner.count
                if let f = exit { countEdge(f, label: label) }
                leave(k)
            case .loop(let label, let entry, let inner):
                countEdge(entry, label: label)
                enter(k, arm: 0)
                countUses(inner)
                leave(k)
            case .if(let label, let condition, let a, let aEnd, let b, let bEnd):
                countUse(condition, asCondition: true)
                enter(k, arm: 0)
                countUses(a)
                index = a.count
                if let e = aEnd { countEdge(e, label: label) }
                leave(k)
                enter(k, arm: 1)
                countUses(b)
                index = b.count
                if let e = bEnd { countEdge(e, label: label) }
                leave(k)
            case .br(let label, let edge): countEdge(edge, label: label)
            case .brIf(let label, let condition, let edge):
                countEdge(edge, label: label)
                countUse(condition, asCondition: true)
            case .brTable(let labels, let fallback, let index, let edge):
                for l in Set(labels + [fallback]).sorted() { countEdge(edge, label: l) }
                countUse(index)
            case .unreachable: break
            }
        }
    }

    mutating func enter(_ k: Int, arm: Int) {
        region.append(2 * k + arm)
        index = 0
    }

    mutating func leave(_ k: Int) {
        region.removeLast()
        index = k
    }

    /// Shared values used in more than one region, by the place they are computed.
    mutating func planHoists() {
        for (c, (p, spread)) in places where spread && (uses[c] ?? 0) > 1 {
            hoists[p, default: []].append(c)
        }
        for key in hoists.keys { hoists[key]?.sort() }
    }

    /// Computes the values planned for this point into locals, when they cannot trap.
    mutating func hoist(into out: inout [Code]) {
        guard let list = hoists[Place(region: region, index: index)] else { return }
        for c in list where available[c] == nil {
            let mark = undo.count
            let u = uses[c] ?? 0
            guard let (tree, traps) = compute(c), !traps, worthSharing(c, tree, uses: u) else {
                rollback(to: mark)
                continue
            }
            let x = newLocal(graph.facts(c).type.valueType)
            out.append(.op(.localSet(x), [tree]))
            note(x, holds: c)
            makeAvailable(c, x)
        }
    }

    /// After an effect whose result is used once: the pure value that consumes it (and the
    /// one consuming that, while each is used once) is computed right away into a local, so
    /// the result need not wait in a local of its own past later effects. Sinking moves the
    /// computation back down to its use when nothing is in the way.
    mutating func consumeEagerly(_ leafClass: EClassId, into out: inout [Code]) {
        var chain: [EClassId] = []
        var current = leafClass
        while (uses[current] ?? 0) == 1, let up = parents[current], up.count == 1 {
            // For a target (`sharingPrice`), a comparison only branched on waits for its
            // branch: computed early it would be a 0 or 1 held in a register and tested again,
            // where its operand waiting is a register it already is.
            if sharingPrice != nil, isBranchedComparison(up[0]) { break }
            current = up[0]
            chain.append(current)
            if chain.count > 16 { break }
        }
        for c in chain.reversed() where available[c] == nil {
            let mark = undo.count
            guard let (tree, traps) = compute(c), !traps else {
                rollback(to: mark)
                continue
            }
            let x = newLocal(graph.facts(c).type.valueType)
            out.append(.op(.localSet(x), [tree]))
            note(x, holds: c)
            makeAvailable(c, x)
            return
        }
    }

    /// Whether class `c` is extracted as a comparison whose every use is a condition.
    func isBranchedComparison(_ c: EClassId) -> Bool {
        guard let node = extractor.choice(c), node.op.numericOp?.isComparison == true else { return false }
        return conditionUses[c, default: 0] == uses[c, default: 0]
    }

    // MARK: Scopes

    var marks: [Int] = []

    mutating func pushScope() { marks.append(undo.count) }

    mutating func popScope() { rollback(to: marks.removeLast()) }

    /// Forgets what was defined or made available since `mark` (code built since then was
    /// thrown away, so the locals it would have written are never written).
    mutating func rollback(to mark: Int) {
        while undo.count > mark {
            switch undo.removeLast() {
            case .available(let c): available[c] = nil
            case .defined(let leaf): defined.remove(leaf)
            case .holds(let x, let old): holds[x] = old
            }
        }
    }

    mutating func makeAvailable(_ c: EClassId, _ local: UInt32) {
        let c = graph.root(c)
        guard available[c] == nil else { return }
        available[c] = local
        undo.append(.available(c))
    }

    mutating func define(_ leaf: UInt32) {
        guard defined.insert(leaf).inserted else { return }
        undo.append(.defined(leaf))
        if let local = leafLocal[leaf] { makeAvailable(skeleton.leaves[Int(leaf)].eclass, local) }
    }

    // MARK: Values

    /// The code computing `c` here, and whether it may trap.
    mutating func value(_ c: EClassId) -> (Code, Bool)? {
        let c = graph.root(c)
        if let x = available[c] { return (.leaf(.localGet(x)), false) }
        guard let (tree, traps) = compute(c) else { return nil }
        let u = uses[c] ?? 0
        if worthSharing(c, tree, uses: u) {
            let x = newLocal(graph.facts(c).type.valueType)
            note(x, holds: c)
            makeAvailable(c, x)
            return (.op(.localTee(x), [tree]), traps)
        }
        return (tree, traps)
    }

    mutating func compute(_ c: EClassId) -> (Code, Bool)? {
        guard inProgress.insert(c).inserted else { return nil }
        defer { inProgress.remove(c) }
        let mark = undo.count
        let first = extractor.choice(c)
        if let first, let r = build(first) { return r }
        rollback(to: mark)
        // The best node needs a value not defined here: take the cheapest one that works.
        let candidates = graph.nodes(c).compactMap { n in n == first ? nil : extractor.treeCost(n).map { (n, $0) } }
        for (node, _) in candidates.sorted(by: { $0.1 < $1.1 }) {
            if let r = build(node) { return r }
            rollback(to: mark)
        }
        return nil
    }

    mutating func build(_ node: ENode) -> (Code, Bool)? {
        let op = node.op
        switch op.kind {
        case .constant:
            switch op.type {
            case .i32: return (.leaf(.i32Const(Int32(bitPattern: UInt32(truncatingIfNeeded: op.payload)))), false)
            case .i64: return (.leaf(.i64Const(Int64(bitPattern: op.payload))), false)
            case .f32: return (.leaf(.f32Const(UInt32(truncatingIfNeeded: op.payload))), false)
            case .f64: return (.leaf(.f64Const(op.payload)), false)
            }
        case .leaf:
            let n = UInt32(op.payload)
            guard defined.contains(n), let x = leafLocal[n] else { return nil }
            return (.leaf(.localGet(x)), false)
        case .numeric, .select:
            var operands: [Code] = []
            var traps = false
            for child in node.children {
                guard let (code, t) = value(child) else { return nil }
                operands.append(code)
                traps = traps || t
            }
            guard let numeric = op.numericOp else { return (.op(.select, operands), traps) }
            if numeric.canTrap && !cannotTrap(numeric, node.children) { traps = true }
            return (.op(.numeric(numeric), operands), traps)
        }
    }

    /// Whether the facts of the operands rule out the operator's traps.
    func cannotTrap(_ op: NumericOp, _ children: [EClassId]) -> Bool {
        guard children.count == 2 else { return false }
        let a = graph.facts(children[0])
        let b = graph.facts(children[1])
        let nonZero = b.low > 0 || b.knownOnes != 0
        switch op {
        case .i32DivU, .i32RemU, .i64DivU, .i64RemU, .i32RemS, .i64RemS: return nonZero
        case .i32DivS, .i64DivS:
            let signBit: UInt64 = op == .i32DivS ? 0x8000_0000 : 1 << 63
            return nonZero && (b.high < b.type.mask || a.high < signBit || a.low > signBit)
        default: return false
        }
    }

    /// Whether class `c`, computed by `tree`, is kept in a local for its `u` uses rather than
    /// computed at each: by Wasm bytes, or by the extraction's costs (a target's bytes) with
    /// `sharingPrice` bytes per use for holding it (a comparison used only as conditions is
    /// never shared: each branch compares again instead of testing a saved 0 or 1; nor is a
    /// constant).
    /// Each priced decision narrows `samePrices` to the prices that decide it the same way.
    mutating func worthSharing(_ c: EClassId, _ tree: Code, uses u: Int) -> Bool {
        guard let price = sharingPrice else { return Self.worthSharing(tree, uses: u) }
        guard u > 1, let cost = extractor.cost(c), let node = extractor.choice(c) else { return false }
        // A constant is loaded again where it is needed (the compiler reuses it within a
        // block): held in a register it would take one across calls.
        if node.op.kind == .constant, node.op.type == .i32 { return false }
        if isBranchedComparison(c) { return false }
        // Shared exactly when price * u < threshold: for prices up to `highest`.
        let threshold = cost * (u - 1)
        let shared = threshold > price * u
        let highest = Self.floorDivision(threshold - 1, u)
        samePrices =
            shared
            ? samePrices.lowerBound...min(samePrices.upperBound, highest)
            : max(samePrices.lowerBound, highest + 1)...samePrices.upperBound
        return shared
    }

    /// `a / b` rounded down (`b > 0`).
    static func floorDivision(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }

    /// Whether computing `tree` once into a local (a tee, then a get per other use: 2 bytes
    /// each) is smaller than computing it at each of its `uses`.
    /// The size is read only up to the bound the decision needs (a few bytes), so deciding
    /// costs the same for a tree of any depth.
    static func worthSharing(_ tree: Code, uses u: Int) -> Bool {
        guard u > 1 else { return false }
        // size * (u - 1) > 2u holds exactly when size reaches the smallest integer above 2u / (u - 1).
        let enough = 2 * u / (u - 1) + 1
        return size(tree, upTo: enough) * (u - 1) > 2 * u
    }

    /// The bytes `code` encodes to, or `limit` when that is less: the walk goes from the root
    /// down and stops there, so a deep tree costs no more than a shallow one.
    static func size(_ code: Code, upTo limit: Int = .max) -> Int {
        var total = 0
        func add(_ instruction: Instruction) -> Bool {
            total += WasmEncoder.size(of: instruction)
            return total < limit
        }
        func walk(_ code: [Code]) -> Bool {
            for c in code {
                switch c {
                case .op(let instruction, let operands):
                    guard add(instruction), walk(operands) else { return false }
                case .block(let inner):
                    guard add(.block(.empty)), add(.end), walk(inner) else { return false }
                case .loop(let inner):
                    guard add(.loop(.empty)), add(.end), walk(inner) else { return false }
                case .if(let condition, let then, let otherwise):
                    guard add(.if(.empty)), add(.end), walk([condition]), walk(then) else { return false }
                    if !otherwise.isEmpty { guard add(.else), walk(otherwise) else { return false } }
                }
            }
            return true
        }
        return walk([code]) ? total : limit
    }

    func failure(_ what: String) -> LoweringFailure { LoweringFailure(reason: what) }

    // MARK: Statements

    /// The whole function body.
    mutating func function() throws(LoweringFailure) -> [Code] {
        var out: [Code] = []
        try statements(skeleton.body, into: &out)
        hoist(into: &out)
        if let edge = skeleton.exit {
            for v in skeleton.edges[edge].stack {
                guard let (code, _) = value(v) else { throw failure("a result is not available") }
                out.append(code)
            }
        } else if !skeleton.results.isEmpty {
            // The end is never reached (the body loops or branches away); say so to the validator.
            out.append(.leaf(.unreachable))
        }
        return out
    }

    mutating func statements(_ body: [Statement], into out: inout [Code]) throws(LoweringFailure) {
        for (k, s) in body.enumerated() {
            index = k
            hoist(into: &out)
            try statement(s, at: k, into: &out)
        }
        index = body.count
    }

    /// A branch's condition: its constant itself when the class is one (never a local it is
    /// shared in), so `simplify-branches` sees which way it goes; else its value.
    mutating func test(_ c: EClassId) throws(LoweringFailure) -> Code {
        if let node = extractor.choice(graph.root(c)), node.op.kind == .constant, node.op.type == .i32 {
            return .leaf(.i32Const(Int32(bitPattern: UInt32(truncatingIfNeeded: node.op.payload))))
        }
        return try operand(c)
    }

    mutating func operand(_ c: EClassId) throws(LoweringFailure) -> Code {
        guard let (code, _) = value(c) else { throw failure("a value is used where it is not defined") }
        return code
    }

    /// Whether any branch other than the exit targets `label`.
    func isTargeted(_ label: Int, exit: Int?) -> Bool {
        skeleton.labels[label].edges.contains { $0 != exit }
    }

    mutating func statement(_ s: Statement, at k: Int, into out: inout [Code]) throws(LoweringFailure) {
        switch s {
        case .effect(let i):
            let effect = skeleton.effects[i]
            var operands: [Code] = []
            for o in effect.operands { operands.append(try operand(o)) }
            let code = Code.op(effect.instruction, operands)
            guard let leaf = effect.results.first else {
                out.append(code)
                return
            }
            let c = graph.root(skeleton.leaves[Int(leaf)].eclass)
            if (uses[c] ?? 0) > 0, let x = leafLocal[leaf] {
                out.append(.op(.localSet(x), [code]))
                note(x, holds: c)
                define(leaf)
                consumeEagerly(c, into: &out)
            } else {
                out.append(.op(.drop, [code]))
            }
        case .check(let c):
            let c = graph.root(c)
            if available[c] != nil { return }
            let mark = undo.count
            guard let (tree, traps) = compute(c) else { throw failure("a checked value is not defined") }
            guard traps else {
                rollback(to: mark)
                return
            }
            if (uses[c] ?? 0) > 1 {
                let x = newLocal(graph.facts(c).type.valueType)
                out.append(.op(.localSet(x), [tree]))
                note(x, holds: c)
                makeAvailable(c, x)
            } else {
                out.append(.op(.drop, [tree]))
            }
        case .block(let label, let body, let exit):
            enter(k, arm: 0)
            if isTargeted(label, exit: exit) {
                var inner: [Code] = []
                pushScope()
                constructs.append(label)
                try statements(body, into: &inner)
                hoist(into: &inner)
                if let f = exit { try assign(f, to: label, into: &inner) }
                constructs.removeLast()
                popScope()
                restoreCommon(label)
                out.append(.block(inner))
            } else {
                try statements(body, into: &out)
                hoist(into: &out)
                if let f = exit { try assign(f, to: label, into: &out) }
            }
            leave(k)
            defineSlots(label)
        case .loop(let label, let entry, let body):
            try assign(entry, to: label, into: &out)
            var inner: [Code] = []
            enter(k, arm: 0)
            constructs.append(label)
            for slot in skeleton.labels[label].slots where !retired.contains(slot.leaf) {
                guard let phi = leafLocal[slot.leaf], let temp = loopTemps[slot.leaf] else { continue }
                inner.append(.op(.localSet(phi), [.leaf(.localGet(temp))]))
                loopCopies.append((phi, temp))
                define(slot.leaf)
            }
            try statements(body, into: &inner)
            constructs.removeLast()
            leave(k)
            out.append(.loop(inner))
        case .if(let label, let condition, let a, let aEnd, let b, let bEnd):
            let cond = try test(condition)
            constructs.append(label)
            let thenCode = try arm(a, end: aEnd, of: label, at: k, arm: 0)
            let elseCode = try arm(b, end: bEnd, of: label, at: k, arm: 1)
            constructs.removeLast()
            restoreCommon(label)
            out.append(.if(cond, thenCode, elseCode))
            defineSlots(label)
        case .br(let label, let edge):
            if label == 0 {
                out.append(.op(.return, try results(edge)))
                return
            }
            try assign(edge, to: label, into: &out)
            out.append(.leaf(.br(try depth(label))))
        case .brIf(let label, let condition, let edge):
            if label == 0 && !skeleton.results.isEmpty {
                let values = try results(edge)
                out.append(.if(try test(condition), [.op(.return, values)], []))
                return
            }
            try assign(edge, to: label, into: &out)
            out.append(.op(.brIf(try depth(label)), [try test(condition)]))
        case .brTable(let labels, let fallback, let index, let edge):
            if !skeleton.results.isEmpty && (labels + [fallback]).contains(0) {
                throw failure("br_table to the function's results")
            }
            for l in Set(labels + [fallback]).sorted() { try assign(edge, to: l, into: &out) }
            var depths: [UInt32] = []
            for l in labels { depths.append(try depth(l)) }
            out.append(.op(.brTable(depths, default: try depth(fallback)), [try operand(index)]))
        case .unreachable:
            out.append(.leaf(.unreachable))
        }
    }

    /// One arm of an if, in its own scope, ending with the edge that falls out of it.
    mutating func arm(_ body: [Statement], end: Int?, of label: Int, at k: Int, arm: Int) throws(LoweringFailure)
        -> [Code]
    {
        var code: [Code] = []
        pushScope()
        enter(k, arm: arm)
        try statements(body, into: &code)
        hoist(into: &code)
        if let e = end { try assign(e, to: label, into: &code) }
        leave(k)
        popScope()
        return code
    }

    mutating func results(_ edge: Int) throws(LoweringFailure) -> [Code] {
        var values: [Code] = []
        for v in skeleton.edges[edge].stack { values.append(try operand(v)) }
        return values
    }

    /// Writes the slots of `label` from an edge (a loop's through their temporaries).
    mutating func assign(_ edge: Int, to label: Int, into out: inout [Code]) throws(LoweringFailure) {
        guard label != 0 else { return }
        defer { if !isLoop(label) { edgeScopes[label, default: []].append((defined, available)) } }
        let e = skeleton.edges[edge]
        var isLoop = false
        if case .loop = skeleton.labels[label].kind { isLoop = true }
        for slot in skeleton.labels[label].slots where !retired.contains(slot.leaf) {
            guard let target = isLoop ? loopTemps[slot.leaf] : leafLocal[slot.leaf] else { continue }
            let value = graph.root(e.value(slot.source))
            if !isLoop {
                if holds[target] == value { continue }
                undo.append(.holds(target, holds[target]))
                holds[target] = value
            }
            out.append(.op(.localSet(target), [try operand(value)]))
            note(target, holds: value)
        }
    }

    func isLoop(_ label: Int) -> Bool {
        if case .loop = skeleton.labels[label].kind { return true }
        return false
    }

    /// After a block or if: what every edge into its end had defined stays defined.
    mutating func restoreCommon(_ label: Int) {
        guard let scopes = edgeScopes.removeValue(forKey: label), var common = scopes.first else { return }
        for s in scopes.dropFirst() {
            common.defined.formIntersection(s.defined)
            common.available = common.available.filter { s.available[$0.key] == $0.value }
        }
        for leaf in common.defined.sorted() where !defined.contains(leaf) {
            defined.insert(leaf)
            undo.append(.defined(leaf))
        }
        for (c, x) in common.available.sorted(by: { $0.key < $1.key }) where available[c] == nil {
            makeAvailable(c, x)
        }
    }

    mutating func defineSlots(_ label: Int) {
        for slot in skeleton.labels[label].slots where !retired.contains(slot.leaf) { define(slot.leaf) }
    }

    /// The branch depth of `label` from here (the function's label is the outermost).
    func depth(_ label: Int) throws(LoweringFailure) -> UInt32 {
        if label == 0 { return UInt32(constructs.count) }
        guard let i = constructs.lastIndex(where: { $0 == label }) else { throw failure("a branch to a closed label") }
        return UInt32(constructs.count - 1 - i)
    }
}
