import EGraph
import Testing
import WasmModel

/// The e-graph core: hash-consing, congruence after rebuilding, constant folding with Wasm's
/// semantics (never folding a trap), ranges and known bits, and DAG-aware extraction.
@Suite struct EGraphTests {
    static func i32(_ v: Int32) -> ENode { ENode(.constant(.i32, UInt64(UInt32(bitPattern: v)))) }
    static func leaf(_ n: UInt64, _ t: ScalarType = .i32) -> ENode { ENode(.leaf(t, n)) }
    static func op(_ o: NumericOp, _ children: EClassId...) -> ENode { ENode(.numeric(o), children) }

    @Test func hashConsing() {
        var g = EGraph()
        let x = g.add(Self.leaf(0))
        let a = g.add(Self.op(.i32Add, x, x))
        let b = g.add(Self.op(.i32Add, x, x))
        #expect(a == b)
        #expect(g.nodeCount == 2)
    }

    @Test func congruenceIsRestoredByRebuild() {
        var g = EGraph()
        let x = g.add(Self.leaf(0))
        let y = g.add(Self.leaf(1))
        let fx = g.add(Self.op(.i32Popcnt, x))
        let fy = g.add(Self.op(.i32Popcnt, y))
        let gfx = g.add(Self.op(.i32Clz, fx))
        let gfy = g.add(Self.op(.i32Clz, fy))
        #expect(g.find(fx) != g.find(fy))
        g.union(x, y)
        g.rebuild()
        #expect(g.find(fx) == g.find(fy))
        #expect(g.find(gfx) == g.find(gfy))
        #expect(g.classCount == 3)
    }

    @Test func constantsFoldWithWasmSemantics() throws {
        var g = EGraph()
        let two = g.add(Self.i32(2))
        let three = g.add(Self.i32(3))
        let sum = g.add(Self.op(.i32Add, two, three))
        #expect(g.facts(sum).constant == 5)
        #expect(g[sum].nodes.contains(Self.i32(5)))
        let big = g.add(Self.i32(Int32.max))
        let wrapped = g.add(Self.op(.i32Add, big, g.add(Self.i32(1))))
        #expect(g.facts(wrapped).constant == 0x8000_0000)
        let shift = g.add(Self.op(.i32Shl, g.add(Self.i32(1)), g.add(Self.i32(33))))
        #expect(g.facts(shift).constant == 2, "shift counts are taken modulo 32")
        let remS = g.add(Self.op(.i32RemS, g.add(Self.i32(Int32.min)), g.add(Self.i32(-1))))
        #expect(g.facts(remS).constant == 0, "rem_s INT_MIN -1 is 0")
    }

    @Test func trapsAreNeverFolded() {
        var g = EGraph()
        let seven = g.add(Self.i32(7))
        let zero = g.add(Self.i32(0))
        let div = g.add(Self.op(.i32DivU, seven, zero))
        #expect(g.facts(div).constant == nil)
        let overflow = g.add(Self.op(.i32DivS, g.add(Self.i32(Int32.min)), g.add(Self.i32(-1))))
        #expect(g.facts(overflow).constant == nil)
        #expect(g[div].nodes.count == 1)
    }

    @Test func rangesAndKnownBits() {
        var g = EGraph()
        let x = g.add(Self.leaf(0))
        let masked = g.add(Self.op(.i32And, x, g.add(Self.i32(0xFF))))
        #expect(g.facts(masked).high == 0xFF)
        let wrap = g.add(Self.op(.i32RemU, x, g.add(Self.i32(6))))
        #expect(g.facts(wrap).low == 0 && g.facts(wrap).high == 5)
        // (x rem_u 6) <u 6 is always true: folded to 1 from the range.
        let below = g.add(Self.op(.i32LtU, wrap, g.add(Self.i32(6))))
        #expect(g.facts(below).constant == 1)
        // (x << 2) & 3 is always 0: folded from the known bits.
        let shifted = g.add(Self.op(.i32Shl, x, g.add(Self.i32(2))))
        let low = g.add(Self.op(.i32And, shifted, g.add(Self.i32(3))))
        #expect(g.facts(low).constant == 0)
        // zero-extended i32 has its high 32 bits known zero.
        let ext = g.add(Self.op(.i64ExtendI32U, x))
        #expect(g.facts(ext).high == 0xFFFF_FFFF)
    }

    @Test func unionPropagatesFactsToParents() {
        var g = EGraph()
        let x = g.add(Self.leaf(0))
        let y = g.add(Self.op(.i32Add, x, g.add(Self.i32(1))))
        #expect(g.facts(y).constant == nil)
        g.union(x, g.add(Self.i32(41)))
        g.rebuild()
        #expect(g.facts(y).constant == 42)
        #expect(g[y].nodes.contains(Self.i32(42)))
    }

    @Test func contradictoryUnionIsReported() {
        var g = EGraph()
        g.union(g.add(Self.i32(1)), g.add(Self.i32(2)))
        g.rebuild()
        #expect(g.contradiction != nil)
    }

    /// Greedy tree cost picks `t + u` (11 bytes as trees) over `s + s` (15 as trees); the DAG
    /// cost knows `s + s` computes `s` once (8 bytes) and picks it.
    @Test func extractionPaysSharedValuesOnce() throws {
        var g = EGraph()
        let x = g.add(Self.leaf(0))
        let y = g.add(Self.leaf(1))
        let z = g.add(Self.leaf(2))
        // s = (x ^ 0x1234) * x: local.get 2 + i32.const 3 + xor 1 + mul 1 = 7 bytes.
        let s = g.add(Self.op(.i32Mul, g.add(Self.op(.i32Xor, x, g.add(Self.i32(0x1234)))), x))
        // t, u: 5 bytes each, nothing shared between them.
        let t = g.add(Self.op(.i32Rotl, y, g.add(Self.i32(3))))
        let u = g.add(Self.op(.i32Rotr, z, g.add(Self.i32(5))))
        let shared = g.add(Self.op(.i32Add, s, s))
        let spread = g.add(Self.op(.i32Add, t, u))
        g.union(shared, spread)
        g.rebuild()
        let extractor = Extractor(g)
        #expect(extractor.cost(s) == 7)
        #expect(extractor.cost(t) == 5 && extractor.cost(u) == 5)
        #expect(extractor.cost(shared) == 8)
        let program = try #require(extractor.program([shared]))
        #expect(program.cost == 8)
        let root = program.nodes[program.roots[0]]
        #expect(root.children[0] == root.children[1])
        #expect(program.uses[root.children[0]] == 2)
    }

    /// `x = x * x` 200 times: as a tree the penalty (one per `mul`) doubles at each level and
    /// would pass `Int.max`; counted once per class it is 200, and the cost is the DAG's.
    @Test func extractionCountsASharedChainOncePerClass() throws {
        var g = EGraph()
        var x = g.add(Self.leaf(0))
        for _ in 0..<200 { x = g.add(Self.op(.i32Mul, x, x)) }
        g.rebuild()
        let extractor = Extractor(g)
        // local.get (2 bytes) and 200 muls (1 byte each).
        #expect(extractor.cost(x) == 202)
        let program = try #require(extractor.program([x]))
        #expect(program.nodes.count == 201)
        #expect(program.cost == 202)
    }

    /// A chain longer than `Extractor.exactLimit` classes (`popcnt` of `popcnt` of ...): its
    /// cost is still the sum of its nodes (nothing in it is shared, so the bound is exact), and
    /// a program comes out.
    @Test func extractionOfAChainPastTheExactLimitStillFindsAProgram() throws {
        var g = EGraph()
        var x = g.add(Self.leaf(0))
        let length = Extractor.exactLimit + 100
        for _ in 0..<length { x = g.add(Self.op(.i32Popcnt, x)) }
        g.rebuild()
        let extractor = Extractor(g)
        #expect(extractor.cost(x) == 2 + length)
        let program = try #require(extractor.program([x]))
        #expect(program.nodes.count == length + 1)
    }

    @Test func saturatingSumsStopAtTheLimits() {
        #expect(Int.max.saturatingAdd(1) == .max)
        #expect((Int.max - 1).saturatingAdd(1) == .max)
        #expect(Int.min.saturatingAdd(-1) == .min)
        #expect(5.saturatingAdd(-7) == -2)
        // Clamped at each step: max + max stays max, then one less.
        #expect([Int.max, Int.max, -1].saturatingSum() == .max - 1)
    }

    @Test func extractionPrefersTheFoldedConstant() throws {
        var g = EGraph()
        let e = g.add(Self.op(.i32Mul, g.add(Self.i32(6)), g.add(Self.i32(7))))
        let program = try #require(Extractor(g).program([e]))
        #expect(program.nodes.count == 1)
        #expect(program.nodes[0].op == .constant(.i32, 42))
        #expect(program.cost == 2)
    }
}
