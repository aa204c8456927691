import WasmEncode
import WasmModel

/// Cleans up the locals of lowered code: a value written to a local and read once is moved to
/// its reader (the stack carries it), a write followed by its first read becomes `local.tee`,
/// writes nobody reads disappear, and locals whose live ranges do not overlap share one index
/// (coalescing by liveness and interference, copies between them vanishing).
///
/// Invariants: code moves only past code it commutes with (`EffectSummary.commutes`) and
/// never into a nested construct or across one; parameters keep their indices; two locals
/// share an index only when neither is written while the other is live (a copy between them
/// excepted); the result declares locals grouped by type.
public struct Locals {
    public var code: [Code]
    public var types: [ValueType]
    public let parameterCount: Int
    var gets: [Int] = []
    var sets: [Int] = []
    /// Locals joined by a copy (`local.set a (local.get b)`): coalescing wants to give them
    /// one index, so sinking must not make one live where the other is written.
    var partners: [UInt32: Set<UInt32>] = [:]

    public init(code: [Code], types: [ValueType], parameterCount: Int) {
        self.code = code
        self.types = types
        self.parameterCount = parameterCount
    }

    /// Encoded bytes of the code and the local declarations.
    var size: Int {
        var runs = 0
        var last: ValueType? = nil
        for t in declared where t != last {
            runs += 1
            last = t
        }
        return Code.flatten(code).reduce(0) { $0 + WasmEncoder.size(of: $1) } + 2 * runs
    }

    /// Declared locals start at zero: a write of zero that runs once, at the top level of
    /// the body, before anything else touches the local, is dropped.
    public mutating func elideZeroInitialization() {
        var touched: Set<UInt32> = []
        func touch(_ c: Code) {
            switch c {
            case .op(let inst, let operands):
                operands.forEach(touch)
                switch inst {
                case .localGet(let x), .localSet(let x), .localTee(let x): touched.insert(x)
                default: break
                }
            case .block(let b), .loop(let b): b.forEach(touch)
            case .if(let c, let a, let b):
                touch(c)
                a.forEach(touch)
                b.forEach(touch)
            }
        }
        var out: [Code] = []
        for stmt in code {
            if case .op(.localSet(let x), let operands) = stmt, Int(x) >= parameterCount, !touched.contains(x),
                operands.count == 1, Self.isZero(operands[0])
            {
                touched.insert(x)
                continue
            }
            touch(stmt)
            out.append(stmt)
        }
        code = out
    }

    static func isZero(_ c: Code) -> Bool {
        switch c {
        case .op(.i32Const(0), let o), .op(.i64Const(0), let o), .op(.f32Const(0), let o), .op(.f64Const(0), let o):
            return o.isEmpty
        default: return false
        }
    }

    mutating func cleanUp() {
        for _ in 0..<4 {
            count()
            let before = code
            code = sink(code)
            count()
            code = removeDead(code)
            if code == before { break }
        }
    }

    // MARK: Counting

    mutating func count() {
        gets = Array(repeating: 0, count: types.count)
        sets = Array(repeating: 0, count: types.count)
        partners = [:]
        func visit(_ c: Code) {
            switch c {
            case .op(let inst, let operands):
                operands.forEach(visit)
                if case .localSet(let a) = inst, operands.count == 1, case .op(.localGet(let b), _) = operands[0],
                    a != b
                {
                    partners[a, default: []].insert(b)
                    partners[b, default: []].insert(a)
                }
                switch inst {
                case .localGet(let x): gets[Int(x)] += 1
                case .localSet(let x), .localTee(let x): sets[Int(x)] += 1
                default: break
                }
            case .block(let b), .loop(let b): b.forEach(visit)
            case .if(let c, let a, let b):
                visit(c)
                a.forEach(visit)
                b.forEach(visit)
            }
        }
        code.forEach(visit)
    }

    // MARK: Sinking

    enum Walk { case found, blocked, passed }

    /// Moves each `local.set x v` to the first read of `x` that follows it in the same region
    /// when everything evaluated in between commutes with `v`.
    mutating func sink(_ region: [Code]) -> [Code] {
        var stmts = region
        var i = 0
        while i < stmts.count {
            if case .op(.localSet(let x), let operands) = stmts[i], operands.count == 1 {
                let value = operands[0]
                let single = gets[Int(x)] == 1
                let replacement: Code = single ? value : .op(.localTee(x), [value])
                var moved = EffectSummary(tree: value)
                moved.writesLocals.insert(x)
                // Reading a local past a write of its copy partner would keep them apart.
                for r in moved.readsLocals { moved.readsLocals.formUnion(partners[r] ?? []) }
                var steps = 0
                var j = i + 1
                var done = false
                while j < stmts.count && !done && steps < 200 {
                    switch Self.walk(
                        &stmts[j], x: x, moved: moved, replacement: replacement, pastBranches: single, steps: &steps)
                    {
                    case .found:
                        stmts.remove(at: i)
                        if single { gets[Int(x)] = 0 }
                        done = true
                    case .blocked: j = stmts.count
                    case .passed: j += 1
                    }
                }
                if done { continue }
            }
            switch stmts[i] {
            case .block(let b): stmts[i] = .block(sink(b))
            case .loop(let b): stmts[i] = .loop(sink(b))
            case .if(let c, let a, let b): stmts[i] = .if(c, sink(a), sink(b))
            default: break
            }
            i += 1
        }
        return stmts
    }

    /// Looks for the first read of `x` in `c` in evaluation order, replacing it. A write that
    /// other reads still need (`pastBranches` false) never moves past a branch, where `x`
    /// may be read.
    static func walk(
        _ c: inout Code, x: UInt32, moved: EffectSummary, replacement: Code, pastBranches: Bool, steps: inout Int
    ) -> Walk {
        steps += 1
        switch c {
        case .op(let inst, var operands):
            for k in operands.indices {
                let r = walk(
                    &operands[k], x: x, moved: moved, replacement: replacement, pastBranches: pastBranches,
                    steps: &steps)
                if r == .found { c = .op(inst, operands) }
                if r != .passed { return r }
            }
            if inst == .localGet(x) {
                c = replacement
                return .found
            }
            let summary = EffectSummary(inst)
            if summary.branches && !pastBranches { return .blocked }
            return moved.commutes(with: summary) ? .passed : .blocked
        case .if(var condition, let a, let b):
            let r = walk(
                &condition, x: x, moved: moved, replacement: replacement, pastBranches: pastBranches, steps: &steps)
            if r == .found { c = .if(condition, a, b) }
            return r == .passed ? .blocked : r
        case .block, .loop:
            return .blocked
        }
    }

    // MARK: Dead code

    /// Drops writes to locals nobody reads, and values computed for nothing.
    func removeDead(_ region: [Code]) -> [Code] {
        var out: [Code] = []
        for stmt in region {
            switch stmt {
            case .op(.localSet(let x), let operands) where gets[Int(x)] == 0 && operands.count == 1:
                out += dropped(operands[0])
            case .op(.drop, let operands) where operands.count == 1:
                out += dropped(operands[0])
            case .block(let b): out.append(.block(removeDead(b)))
            case .loop(let b): out.append(.loop(removeDead(b)))
            case .if(let c, let a, let b): out.append(.if(removeTees(c), removeDead(a), removeDead(b)))
            default: out.append(removeTees(stmt))
            }
        }
        return out
    }

    /// A value whose result is not needed: nothing if it has no effect, else its evaluation.
    func dropped(_ value: Code) -> [Code] {
        let v = removeTees(value)
        let s = EffectSummary(tree: v)
        if !s.sideEffects && !s.mayTrap && !s.branches && s.writesLocals.isEmpty { return [] }
        if case .op(.localTee(let x), let operands) = v, operands.count == 1 { return [.op(.localSet(x), operands)] }
        return [.op(.drop, [v])]
    }

    /// `local.tee x v` where nobody reads `x` becomes `v`.
    func removeTees(_ c: Code) -> Code {
        guard case .op(let inst, let operands) = c else { return c }
        let inner = operands.map(removeTees)
        if case .localTee(let x) = inst, gets[Int(x)] == 0, inner.count == 1 { return inner[0] }
        return .op(inst, inner)
    }

    // MARK: Coalescing

    struct Bits: Equatable {
        var words: [UInt64]
        init(count: Int) { words = Array(repeating: 0, count: (count + 63) / 64) }
        func contains(_ i: UInt32) -> Bool { words[Int(i) >> 6] & (1 << (UInt64(i) & 63)) != 0 }
        mutating func insert(_ i: UInt32) { words[Int(i) >> 6] |= 1 << (UInt64(i) & 63) }
        mutating func remove(_ i: UInt32) { words[Int(i) >> 6] &= ~(1 << (UInt64(i) & 63)) }
        mutating func formUnion(_ o: Bits) { for k in words.indices { words[k] |= o.words[k] } }
        func forEachMember(_ body: (UInt32) -> Void) {
            for (k, w) in words.enumerated() where w != 0 {
                var w = w
                while w != 0 {
                    body(UInt32(k * 64 + w.trailingZeroBitCount))
                    w &= w - 1
                }
            }
        }
    }

    /// Liveness over structured code, recording interference at every write.
    struct Liveness {
        var adjacency: [Set<UInt32>]
        var copies: [(UInt32, UInt32)] = []
        let count: Int

        init(count: Int) {
            self.count = count
            adjacency = Array(repeating: [], count: count)
        }

        mutating func region(_ code: [Code], after: Bits, labels: [Bits]) -> Bits {
            var live = after
            for stmt in code.reversed() { live = node(stmt, after: live, labels: labels) }
            return live
        }

        mutating func define(_ x: UInt32, live: inout Bits, except: UInt32?) {
            live.remove(x)
            live.forEachMember { y in
                if y != except {
                    adjacency[Int(x)].insert(y)
                    adjacency[Int(y)].insert(x)
                }
            }
        }

        mutating func node(_ c: Code, after: Bits, labels: [Bits]) -> Bits {
            switch c {
            case .op(let inst, let operands):
                var live = after
                switch inst {
                case .localGet(let x): live.insert(x)
                case .localSet(let x), .localTee(let x):
                    var source: UInt32? = nil
                    if operands.count == 1, case .op(.localGet(let y), _) = operands[0] {
                        source = y
                        copies.append((x, y))
                    }
                    if case .localTee = inst { live.remove(x) }
                    define(x, live: &live, except: source)
                case .br(let d): live = labels[labels.count - 1 - Int(d)]
                case .brIf(let d): live.formUnion(labels[labels.count - 1 - Int(d)])
                case .brTable(let ds, let d):
                    live = labels[labels.count - 1 - Int(d)]
                    for t in ds { live.formUnion(labels[labels.count - 1 - Int(t)]) }
                case .return, .unreachable: live = Bits(count: count)
                default: break
                }
                for o in operands.reversed() { live = node(o, after: live, labels: labels) }
                return live
            case .block(let body):
                return region(body, after: after, labels: labels + [after])
            case .loop(let body):
                var head = Bits(count: count)
                while true {
                    let next = region(body, after: after, labels: labels + [head])
                    if next == head { return head }
                    head = next
                }
            case .if(let condition, let a, let b):
                var live = region(a, after: after, labels: labels + [after])
                live.formUnion(region(b, after: after, labels: labels + [after]))
                return node(condition, after: live, labels: labels)
            }
        }
    }

    /// Gives locals that never interfere one index, preferring the index of a local they are
    /// copied from or to.
    mutating func coalesce() throws(LoweringFailure) {
        var liveness = Liveness(count: types.count)
        let entry = liveness.region(code, after: Bits(count: types.count), labels: [Bits(count: types.count)])
        var readBeforeWritten: [UInt32] = []
        entry.forEachMember { if Int($0) >= parameterCount { readBeforeWritten.append($0) } }
        if !readBeforeWritten.isEmpty {
            throw LoweringFailure(reason: "locals \(readBeforeWritten) are read before they are written")
        }
        // Copies first: locals joined by a copy share an index whenever their groups do not
        // interfere (aggressive coalescing), so phi copies and edge writes vanish.
        var group = Array(0..<types.count)
        var members: [[UInt32]] = (0..<types.count).map { [UInt32($0)] }
        func find(_ x: Int) -> Int {
            var x = x
            while group[x] != x {
                group[x] = group[group[x]]
                x = group[x]
            }
            return x
        }
        func interferes(_ a: [UInt32], _ b: [UInt32]) -> Bool {
            a.contains { x in b.contains { liveness.adjacency[Int(x)].contains($0) } }
        }
        for (x, y) in liveness.copies where x != y {
            let gx = find(Int(x))
            let gy = find(Int(y))
            guard gx != gy, types[gx] == types[gy] else { continue }
            let px = members[gx].contains { Int($0) < parameterCount }
            let py = members[gy].contains { Int($0) < parameterCount }
            if px && py { continue }
            if interferes(members[gx], members[gy]) { continue }
            let (root, other) = px || (!py && gx < gy) ? (gx, gy) : (gy, gx)
            group[other] = root
            members[root] += members[other]
            members[other] = []
        }
        count()
        var color = Array(repeating: -1, count: types.count)
        var colorMembers: [[UInt32]] = []
        var colorTypes: [ValueType] = []
        for p in 0..<parameterCount {
            color[p] = p
            colorMembers.append([])
            colorTypes.append(types[p])
        }
        for g in 0..<types.count where find(g) == g {
            let used = members[g].filter { gets[Int($0)] + sets[Int($0)] > 0 || Int($0) < parameterCount }
            guard !used.isEmpty else { continue }
            let k: Int
            if let p = used.first(where: { Int($0) < parameterCount }) {
                k = Int(p)
            } else if let c = colorTypes.indices.first(where: {
                colorTypes[$0] == types[g]
                    && !interferes(colorMembers[$0] + ($0 < parameterCount ? [UInt32($0)] : []), used)
            }) {
                k = c
            } else {
                k = colorMembers.count
                colorMembers.append([])
                colorTypes.append(types[g])
            }
            for v in used { color[Int(v)] = k }
            colorMembers[k] += used
        }
        // Declared locals grouped by type, so their declaration takes few entries.
        let order = (parameterCount..<colorMembers.count).sorted {
            (Self.typeRank(colorTypes[$0]), $0) < (Self.typeRank(colorTypes[$1]), $1)
        }
        var index = Array(0..<colorMembers.count)
        for (i, k) in order.enumerated() { index[k] = parameterCount + i }
        let map = color.map { $0 < 0 ? UInt32.max : UInt32(index[$0]) }
        code = Self.renumberRegion(code, map)
        types = Array(colorTypes.prefix(parameterCount)) + order.map { colorTypes[$0] }
    }

    static func typeRank(_ t: ValueType) -> Int {
        switch t {
        case .i32: 0
        case .i64: 1
        case .f32: 2
        case .f64: 3
        default: 4
        }
    }

    /// Renumbers locals and drops copies of a local to itself.
    static func renumber(_ c: Code, _ map: [UInt32]) -> Code {
        switch c {
        case .op(let inst, let operands):
            let inner = operands.map { renumber($0, map) }
            switch inst {
            case .localGet(let x): return .op(.localGet(map[Int(x)]), inner)
            case .localSet(let x):
                let y = map[Int(x)]
                if inner.count == 1, inner[0] == .op(.localGet(y), []) { return .op(.nop, []) }
                return .op(.localSet(y), inner)
            case .localTee(let x):
                let y = map[Int(x)]
                if inner.count == 1, inner[0] == .op(.localGet(y), []) { return inner[0] }
                return .op(.localTee(y), inner)
            default: return .op(inst, inner)
            }
        case .block(let b): return .block(renumberRegion(b, map))
        case .loop(let b): return .loop(renumberRegion(b, map))
        case .if(let cond, let a, let b):
            return .if(renumber(cond, map), renumberRegion(a, map), renumberRegion(b, map))
        }
    }

    static func renumberRegion(_ region: [Code], _ map: [UInt32]) -> [Code] {
        region.map { renumber($0, map) }.filter { $0 != .op(.nop, []) }
    }

    /// Drops declared locals nothing uses any more (after the last clean-up).
    public mutating func compact() {
        count()
        var map = Array(repeating: UInt32.max, count: types.count)
        var kept: [ValueType] = []
        for i in types.indices where i < parameterCount || gets[i] + sets[i] > 0 {
            map[i] = UInt32(kept.count)
            kept.append(types[i])
        }
        code = Self.renumberRegion(code, map)
        types = kept
    }

    /// The declared (non-parameter) locals.
    public var declared: [ValueType] { Array(types.dropFirst(parameterCount)) }
}
