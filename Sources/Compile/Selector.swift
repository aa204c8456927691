import EGraph
import Rewrite
import Rules
import Thumb
import WasmModel

/// Chooses the cheapest cover of an expression tree by tiles (BURS-style dynamic
/// programming, bottom up) for two goals: the value in registers, or the flags with a
/// condition that holds exactly when the i32 value is non-zero. Costs are the bytes of
/// each tile's instructions as the encoder writes them (low registers assumed).
///
/// Invariant: `costs` memoizes per tree, so a tree is costed once however many tiles look
/// at it; a tile applies only where its pattern matches, its guards hold and every
/// instruction encodes with the bound constants.
struct Selector {
    let tiles: TileSet
    /// The cost of materializing each constant already looked at.
    var constantCosts: [UInt32: Int] = [:]
    var costs: [Tree: Choice] = [:]
    var flagCosts: [Tree: Choice] = [:]
    /// Covers that depend on what is known of registers, valid during one `best` call.
    var here: [Key: Choice] = [:]

    struct Key: Hashable {
        var tree: Tree
        var flags: Bool
    }

    /// A tile chosen for a tree: which tile and what its variables and constants bound.
    struct Choice {
        var cost: Int
        var tile: Int?
        var values: [(String, Tree)] = []
        var constants: [String: UInt64] = [:]
        /// Tile instructions in the cover: between covers of equal bytes, fewer instructions
        /// win (fewer registers live, and 16-bit forms assumed with low registers may not
        /// materialize).
        var instructions = 0
        /// Whether a guard in the cover judged a value by what is known of its registers
        /// here (such a choice holds only at this point, so it is not memoized).
        var contextual = false
    }

    init(tiles: TileSet) { self.tiles = tiles }

    static let commutative: Set<NumericOp> = [
        .i32Add, .i32Mul, .i32And, .i32Or, .i32Xor, .i32Eq, .i32Ne, .i64Add, .i64Mul, .i64And, .i64Or, .i64Xor,
        .i64Eq, .i64Ne,
    ]

    static func key(_ t: Tree) -> String {
        switch t {
        case .op(let op, _): op.name
        case .select(let type, _, _, _): "select.\(type)"
        case .constant(let type, _): type == .f32 ? "i32.const" : type == .f64 ? "i64.const" : "\(type).const"
        default: ""
        }
    }

    struct Match {
        var values: [(String, Tree)] = []
        var constants: [String: UInt64] = [:]
        /// Whether the match read what is known of registers here (an i64 in registers taken
        /// as an extended i32), so it holds only at this point.
        var contextual = false
    }

    /// Every way `pattern` matches `tree` (commutative operators both ways); `facts` is what
    /// is known of the registers here (an extension in the pattern matches a value they bound).
    static func matches(_ pattern: Pattern, _ tree: Tree, _ m: Match, facts: RegisterFacts) -> [Match] {
        if case .op(let op, let kids) = pattern, kids.count == 1,
            let (narrow, contextual) = unextended(tree, op, facts: facts)
        {
            var out = matches(kids[0], narrow, m, facts: facts)
            if contextual { for k in out.indices { out[k].contextual = true } }
            return out
        }
        switch pattern {
        case .variable(let name, let type):
            guard tree.type == type || (type == .i32 && tree.type == .f32) || (type == .i64 && tree.type == .f64)
            else { return [] }
            if let bound = m.values.first(where: { $0.0 == name }) { return bound.1 == tree ? [m] : [] }
            var out = m
            out.values.append((name, tree))
            return [out]
        case .constant(let type, let e):
            guard case .constant(let t, let bits) = tree, t.words == type.words else { return [] }
            let v = type.words == 1 ? bits & 0xFFFF_FFFF : bits
            switch e {
            case .variable(let name):
                if let bound = m.constants[name] { return bound == v ? [m] : [] }
                var out = m
                out.constants[name] = v
                return [out]
            case .literal(let l):
                return (type.words == 1 ? l & 0xFFFF_FFFF : l) == v ? [m] : []
            case .apply: return []
            }
        case .op(let op, let kids):
            guard case .op(let top, let args) = tree, top == op, args.count == kids.count else { return [] }
            var out = matchAll(kids, args, m, facts: facts)
            if commutative.contains(op), args.count == 2 {
                out += matchAll(kids, [args[1], args[0]], m, facts: facts)
            }
            return out
        case .select(_, let a, let b, let c):
            guard case .select(_, let x, let y, let z) = tree else { return [] }
            return matchAll([a, b, c], [x, y, z], m, facts: facts)
        case .access: return []
        }
    }

    static func matchAll(_ patterns: [Pattern], _ trees: [Tree], _ m: Match, facts: RegisterFacts) -> [Match] {
        var current = [m]
        for (p, t) in zip(patterns, trees) {
            current = current.flatMap { matches(p, t, $0, facts: facts) }
            if current.isEmpty { break }
        }
        return current
    }

    /// The i32 that `tree` (an i64) is the extension of, for a pattern's `op`
    /// (`i64.extend_i32_s` or `i64.extend_i32_u`) that the tree does not spell out: a narrow
    /// i64 load is the i32 load of the same bytes extended; an i64 constant or a register pair
    /// whose facts keep it in the 32-bit range (signed or unsigned as `op`) is its low half
    /// extended. Nil otherwise; `contextual`: the facts of registers here decided it.
    static func unextended(_ tree: Tree, _ op: NumericOp, facts: RegisterFacts) -> (Tree, contextual: Bool)? {
        let signed: Bool
        switch op {
        case .i64ExtendI32S: signed = true
        case .i64ExtendI32U: signed = false
        default: return nil
        }
        func fits(_ f: Facts) -> Bool {
            signed ? f.signedLow >= Int64(Int32.min) && f.signedHigh <= Int64(Int32.max) : f.high <= 0xFFFF_FFFF
        }
        switch tree {
        case .load(let load, let offset, let address):
            let narrow: LoadOp
            switch load {
            case .i64Load8S: narrow = .i32Load8S
            case .i64Load8U: narrow = .i32Load8U
            case .i64Load16S: narrow = .i32Load16S
            case .i64Load16U: narrow = .i32Load16U
            case .i64Load32S, .i64Load32U: narrow = .i32Load
            default: return nil
            }
            guard let f = Facts.loaded(load), fits(f) else { return nil }
            return (.load(narrow, offset: offset, address), false)
        case .constant(.i64, let bits):
            guard fits(Facts(type: .i64, constant: bits)) else { return nil }
            return (.constant(.i32, bits & 0xFFFF_FFFF), false)
        case .registers(let r, .i64):
            guard r.count == 2, fits(facts.facts(of: r, .i64)) else { return nil }
            return (.registers([r[0]], .i32), true)
        default: return nil
        }
    }

    /// Whether every guard holds, a value variable judged by the facts of its tree here; and
    /// whether that judgement read what is known of registers (it then holds only here).
    static func guardsHold(_ guards: [Guard], _ m: Match, facts: RegisterFacts) -> (holds: Bool, contextual: Bool) {
        var contextual = false
        for g in guards {
            let holds = ConstantEvaluation.holds(
                g, constants: { m.constants[$0] },
                facts: { name in
                    guard let (_, t) = m.values.first(where: { $0.0 == name }), let f = facts.facts(of: t) else {
                        return nil
                    }
                    if !t.registersRead.isEmpty { contextual = true }
                    // Floats are judged by their bits, as integers of their width.
                    return f.type == .f32 || f.type == .f64
                        ? f.constant.map { Facts(type: f.type == .f32 ? .i32 : .i64, constant: $0) } : f
                })
            if !holds { return (false, contextual) }
        }
        return (true, contextual)
    }

    /// The steps of tile `k` with representative registers, for costing.
    func representativeCost(_ k: Int, _ m: Match, tied: Bool) -> Int? {
        let tile = tiles.tiles[k]
        var b = TileBinding()
        b.constants = m.constants
        var next = 2
        for (name, t) in m.values {
            let n = t.type.words
            b.values[name] = (0..<n).map { VReg(Register(rawValue: UInt8(next + $0)) ?? .r7) }
            next += n
        }
        b.result = tile.resultHalves == 2 ? [VReg(.r0), VReg(.r1)] : [VReg(.r0)]
        if tied, let first = m.values.first, let regs = b.values[first.0], regs.count == b.result.count {
            b.result = regs
        }
        b.temporaries = (0..<tile.temporaryCount).map { VReg(Register(rawValue: UInt8(min(7, next + $0))) ?? .r7) }
        guard let steps = tile.expand(b) else { return nil }
        var cost = 0
        for s in steps {
            if case .materialize(_, let v) = s {
                guard let c = constantCost(v) else { return nil }
                cost += c
            } else {
                cost += s.bytes
            }
        }
        return cost
    }

    /// The bytes of the cheapest constant tile for `value`.
    func constantCost(_ value: UInt32) -> Int? {
        if let c = constantCosts[value] { return c }
        var best: Int?
        for k in tiles.candidates("i32.const") {
            guard case .constant(_, .variable(let name)) = tiles.tiles[k].spec.pattern else { continue }
            var m = Match()
            m.constants[name] = UInt64(value)
            if let c = representativeCost(k, m, tied: false) { best = min(best ?? .max, c) }
        }
        return best
    }

    /// The cheapest tile for the tree's value (`flags` false) or its flags (`flags` true).
    /// `facts` is what is known of the registers where the tree is computed (guards on value
    /// variables read it).
    mutating func best(_ tree: Tree, flags: Bool, facts: RegisterFacts = RegisterFacts(), fallback: Bool = true)
        throws(CompileError) -> Choice
    {
        here = [:]
        return try cover(tree, flags: flags, facts: facts, fallback: fallback)
    }

    /// `best` without forgetting the covers that hold only at this point (`here`).
    mutating func cover(_ tree: Tree, flags: Bool, facts: RegisterFacts, fallback: Bool = true)
        throws(CompileError) -> Choice
    {
        if let c = (flags ? flagCosts : costs)[tree] { return c }
        if let c = here[Key(tree: tree, flags: flags)] { return c }
        var choice: Choice?
        var contextual = false
        /// A part's cover, its dependence on `facts` carried up.
        func part(_ t: Tree, flags f: Bool) throws(CompileError) -> Choice {
            let c = try cover(t, flags: f, facts: facts)
            contextual = contextual || c.contextual
            return c
        }
        switch flags ? .constant(.i32, 0) : tree {
        case .registers: choice = Choice(cost: 0, tile: nil)
        case .load(_, _, let address):
            choice = Choice(cost: 2 + (try part(address, flags: false)).cost, tile: nil)
        case .global: choice = Choice(cost: 4, tile: nil)
        case .frame: choice = Choice(cost: 2, tile: nil)
        case .select(let type, let a, let b, let c) where !flags:
            let halves = type.words
            var cost = try part(a, flags: false).cost + part(b, flags: false).cost + part(c, flags: true).cost
            cost += 2 + 2 * halves
            choice = Choice(cost: cost, tile: nil)
        default: break
        }
        if choice == nil {
            for k in tiles.candidates(Self.key(tree)) {
                let tile = tiles.tiles[k]
                guard (tile.spec.flags != nil) == flags else { continue }
                for m in Self.matches(tile.spec.pattern, tree, Match(), facts: facts) {
                    let judged = Self.guardsHold(tile.spec.guards, m, facts: facts)
                    contextual = contextual || judged.contextual || m.contextual
                    guard judged.holds,
                        var cost = [false, true].compactMap({ representativeCost(k, m, tied: $0) }).min()
                    else { continue }
                    var instructions = tile.spec.instructions.count
                    var seen: [Tree] = []
                    for (_, t) in m.values where !seen.contains(t) {
                        seen.append(t)
                        let child = try part(t, flags: false)
                        cost += child.cost
                        instructions += child.instructions
                    }
                    if choice == nil || cost < choice!.cost
                        || (cost == choice!.cost && instructions < choice!.instructions)
                    {
                        choice = Choice(
                            cost: cost, tile: k, values: m.values, constants: m.constants, instructions: instructions)
                    }
                }
            }
        }
        if choice == nil, flags, fallback, tree.type == .i32 {
            // Any i32 value: compare it with zero (`ne`).
            choice = Choice(cost: try part(tree, flags: false).cost + 2, tile: nil)
        }
        if !flags, case .op(let op, _) = tree, op.signature.result == .i32, choice == nil || op.isComparison {
            // A comparison's value from its flags, `ite` and two moves, when no value tile is
            // smaller (`a == b` by `cmp; ite eq; mov; mov` is 8 bytes, by a tile of `sub`, `clz`
            // and `lsr` 8 or more). An operand no tile computes is reported as itself, not as
            // this comparison; float comparisons have value tiles only (no flags cover).
            let f =
                choice == nil
                ? try cover(tree, flags: true, facts: facts, fallback: false)
                : try? cover(tree, flags: true, facts: facts, fallback: false)
            contextual = contextual || f?.contextual == true
            if let f, f.tile != nil, choice == nil || f.cost + 6 < choice!.cost {
                choice = Choice(cost: f.cost + 6, tile: nil)
            }
        }
        guard var choice else {
            throw CompileError("no tile computes \(Self.describe(tree)) (add one to rules/*.tiles)")
        }
        choice.contextual = contextual
        if !contextual {
            if flags { flagCosts[tree] = choice } else { costs[tree] = choice }
        } else if fallback {
            here[Key(tree: tree, flags: flags)] = choice
        }
        return choice
    }

    static func describe(_ t: Tree) -> String {
        switch t {
        case .op(let op, _): op.name
        case .select(let type, _, _, _): "select of \(type)"
        case .constant(let type, _): "\(type).const"
        case .load(let op, _, _): op.name
        case .global: "global.get"
        case .frame: "a frame address"
        case .registers: "a value"
        }
    }
}
