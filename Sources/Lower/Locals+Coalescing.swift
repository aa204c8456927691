import EGraph
import Passes
import WasmModel

/// The `coalesce-locals` job: liveness over the structured code, then locals that never
/// interfere share one index, copy-related ones first (so phi copies vanish).
extension Locals {
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
        var adjacency: [NeighbourSet]
        var copies: [(UInt32, UInt32)] = []
        let count: Int

        init(count: Int) {
            self.count = count
            adjacency = Array(repeating: NeighbourSet(), count: count)
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
                    adjacency[Int(x)].insert(Int(y))
                    adjacency[Int(y)].insert(Int(x))
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
                    // A copy: `x = y`, or `x = (y = v)` (a tee's value is what it wrote).
                    if operands.count == 1, case .op(.localGet(let y), _) = operands[0] {
                        source = y
                        copies.append((x, y))
                    } else if operands.count == 1, case .op(.localTee(let y), _) = operands[0], y != x {
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
        // Whether a local of group `a` interferes with one of group `b` (interference is
        // symmetric: the smaller group's neighbours are looked up).
        func interferes(_ a: Int, _ b: Int) -> Bool {
            let (small, other) = members[a].count <= members[b].count ? (a, b) : (b, a)
            return members[small].contains { x in liveness.adjacency[Int(x)].contains { find($0) == other } }
        }
        for (x, y) in liveness.copies where x != y {
            let gx = find(Int(x))
            let gy = find(Int(y))
            guard gx != gy, types[gx] == types[gy] else { continue }
            let px = members[gx].contains { Int($0) < parameterCount }
            let py = members[gy].contains { Int($0) < parameterCount }
            if px && py { continue }
            if interferes(gx, gy) { continue }
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
        // The first color of `type` none of `used` interferes with: the colors a group may not
        // take are those of its members' neighbours (read from the group, not the colors).
        var forbidden = Set<Int>()
        func freeColor(_ used: [UInt32], type: ValueType) -> Int? {
            forbidden.removeAll(keepingCapacity: true)
            for v in used {
                for y in liveness.adjacency[Int(v)] where color[y] >= 0 { forbidden.insert(color[y]) }
            }
            return colorTypes.indices.first { colorTypes[$0] == type && !forbidden.contains($0) }
        }
        for g in 0..<types.count where find(g) == g {
            let used = members[g].filter { gets[Int($0)] + sets[Int($0)] > 0 || Int($0) < parameterCount }
            guard !used.isEmpty else { continue }
            let k: Int
            if let p = used.first(where: { Int($0) < parameterCount }) {
                k = Int(p)
            } else if packs, let c = freeColor(used, type: types[g]) {
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
        // A merged local holds what any of its members held; one with an unknown member
        // (a parameter, say) holds nothing known.
        var merged = Array(repeating: Facts?.none, count: types.count)
        var unknown = Array(repeating: false, count: types.count)
        for (v, k) in map.enumerated() where k != UInt32.max {
            guard let f = facts[v] else {
                unknown[Int(k)] = unknown[Int(k)] || sets[v] > 0 || gets[v] > 0 || v < parameterCount
                continue
            }
            merged[Int(k)] = merged[Int(k)].map { $0.join(f) } ?? f
        }
        facts = zip(merged, unknown).map { $1 ? nil : $0 }
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

    /// Renumbers locals and drops copies of a local to itself (`y = y`, `y = (y = v)`).
    static func renumber(_ c: Code, _ map: [UInt32]) -> Code {
        switch c {
        case .op(let inst, let operands):
            let inner = operands.map { renumber($0, map) }
            switch inst {
            case .localGet(let x): return .op(.localGet(map[Int(x)]), inner)
            case .localSet(let x):
                let y = map[Int(x)]
                if inner.count == 1, inner[0] == .op(.localGet(y), []) { return .op(.nop, []) }
                // `y = (y = v)`: the tee already wrote it.
                if inner.count == 1, case .op(.localTee(y), let v) = inner[0] { return .op(.localSet(y), v) }
                return .op(.localSet(y), inner)
            case .localTee(let x):
                let y = map[Int(x)]
                if inner.count == 1, inner[0] == .op(.localGet(y), []) { return inner[0] }
                if inner.count == 1, case .op(.localTee(y), _) = inner[0] { return inner[0] }
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
}
