import EGraph
import ExactExtraction
import Testing
import WasmModel
import Z3

/// Exact extraction over hand-built e-graphs, priced in Wasm bytes (a leaf 2, an operator 1,
/// `i32.const 0x12345678` 6): where the greedy extraction's program is not the cheapest, the
/// exact one is, and is a program (acyclic, every class it reads chosen).
@Suite struct ExactExtractorTests {
    static func leaf(_ n: UInt64) -> ENode { ENode(.leaf(.i32, n)) }
    static func op(_ o: NumericOp, _ children: EClassId...) -> ENode { ENode(.numeric(o), children) }

    /// Two roots: `popcnt(a + b)`, and a class holding both `eqz(a + b)` and `clz(d)`. Alone,
    /// `clz(d)` (3 bytes) beats `eqz(a + b)` (6); together, `eqz` shares `a + b` with the
    /// other root: 7 bytes against greedy's 9.
    @Test func aProgramSharingAClassBetweenRootsIsFoundWhereGreedyMissesIt() throws {
        var g = EGraph()
        let a = g.add(Self.leaf(0))
        let b = g.add(Self.leaf(1))
        let d = g.add(Self.leaf(2))
        let sum = g.add(Self.op(.i32Add, a, b))
        let second = g.add(Self.op(.i32Popcnt, sum))
        let first = g.add(Self.op(.i32Eqz, sum))
        _ = g.union(first, g.add(Self.op(.i32Clz, d)))
        _ = g.rebuild()
        let greedy = Extractor(g)
        #expect(greedy.choice(first)?.op == .numeric(.i32Clz))
        #expect(greedy.program([first, second])?.cost == 9)

        let outcome = try ExactExtractor().extract(greedy, roots: [first, second]).get()
        #expect(outcome.greedyCost == 9)
        #expect(outcome.cost == 7)
        #expect(outcome.optimal)
        #expect(outcome.extractor.choice(first)?.op == .numeric(.i32Eqz))
        // The extractor with the exact choices in place gives that program, costs recomputed.
        #expect(outcome.extractor.program([first, second])?.cost == 7)
        #expect(outcome.extractor.cost(first) == 6)
    }

    /// `x` holds `clz(y)` and `a + b`; `y` holds `ctz(x)` and a leaf. The cheapest choice
    /// ignoring cycles, `clz(y)` and `ctz(x)` (2 bytes), computes nothing: it is cut, and the
    /// next answer (`clz` of the leaf) is greedy's own, proved optimal. With one solve
    /// allowed, the cut answer is never found.
    @Test func aCycleTheSolverChoosesIsCutAndSolvedAgain() throws {
        var g = EGraph()
        let y = g.add(Self.leaf(1))
        let x = g.add(Self.op(.i32Clz, y))
        _ = g.union(y, g.add(Self.op(.i32Ctz, x)))
        _ = g.union(x, g.add(Self.op(.i32Add, g.add(Self.leaf(3)), g.add(Self.leaf(4)))))
        let root = g.add(Self.op(.i32Popcnt, x))
        _ = g.rebuild()
        let greedy = Extractor(g)
        #expect(greedy.program([root])?.cost == 4)

        let once = ExactExtractor(limits: .init(rounds: 1)).extract(greedy, roots: [root])
        #expect(throws: ExactExtractor.Verdict.limited) { try once.get() }
        let again = ExactExtractor().extract(greedy, roots: [root])
        #expect(throws: ExactExtractor.Verdict.greedyOptimal) { try again.get() }
    }

    /// A class holding leaf 5 (2 bytes) and `i32.const 0x12345678` (6): greedy reads the leaf,
    /// but reading it needs what leaf 5's slot is given (`a + b`, 5 bytes more), so the
    /// constant is cheaper.
    @Test func aLeafIsPricedWithTheValuesItsSlotNeeds() throws {
        var g = EGraph()
        let value = g.add(Self.leaf(5))
        _ = g.union(value, g.add(ENode(.constant(.i32, 0x1234_5678))))
        let input = g.add(Self.op(.i32Add, g.add(Self.leaf(3)), g.add(Self.leaf(4))))
        _ = g.rebuild()
        let greedy = Extractor(g)
        #expect(greedy.choice(value)?.op.kind == .leaf)

        let outcome = try ExactExtractor().extract(greedy, roots: [value], demands: [5: [input]]).get()
        #expect(outcome.greedyCost == 7)
        #expect(outcome.cost == 6)
        #expect(outcome.extractor.choice(value)?.op.kind == .constant)
        // Without the demand, the leaf is the cheapest.
        #expect(throws: ExactExtractor.Verdict.greedyOptimal) {
            try ExactExtractor().extract(greedy, roots: [value]).get()
        }
    }

    @Test func aProblemLargerThanTheNodeLimitIsNotTried() throws {
        var g = EGraph()
        let root = g.add(Self.op(.i32Popcnt, g.add(Self.leaf(0))))
        let greedy = Extractor(g)
        #expect(throws: ExactExtractor.Verdict.tooLarge) {
            try ExactExtractor(limits: .init(nodes: 1)).extract(greedy, roots: [root]).get()
        }
    }

    /// The MaxSAT layer: with `a ∨ b` required and each preferred false (weights 3 and 5), the
    /// answer keeps the lighter one true; the penalty group decides between equal weights.
    @Test func theSolverLeavesTheLightestPreferencesUnmet() throws {
        let sat = try MaxSAT(work: 1_000_000)
        let a = try sat.variable()
        let b = try sat.variable()
        try sat.require([MaxSAT.Literal(a), MaxSAT.Literal(b)])
        try sat.prefer(!MaxSAT.Literal(a), weight: 3, group: "bytes")
        try sat.prefer(!MaxSAT.Literal(b), weight: 5, group: "bytes")
        #expect(try sat.solve() == .optimal([true, false]))
        try sat.require([!MaxSAT.Literal(a)])
        #expect(try sat.solve() == .optimal([false, true]))
        try sat.require([!MaxSAT.Literal(b)])
        #expect(try sat.solve() == .unsatisfiable)
    }
}
