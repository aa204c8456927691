import Dispatch
import EGraph
import Harness
import Rewrite
import Rules
import Testing
import WasmModel

/// Saturation: limits end it gracefully with an extractable graph, the scheduler bans
/// explosive rules, and an unsound rule is caught instead of producing a wrong program.
@Suite struct RunnerTests {
    static func rules(_ text: String) throws -> [CompiledRule] {
        try RuleParser.parse(file: "t.weft", text: text).map(CompiledRule.init)
    }

    static let explosive = """
        rule add-comm: (i32.add ?a ?b) => (i32.add ?b ?a)
        rule add-assoc: (i32.add (i32.add ?a ?b) ?c) => (i32.add ?a (i32.add ?b ?c))
        rule add-assoc-back: (i32.add ?a (i32.add ?b ?c)) => (i32.add (i32.add ?a ?b) ?c)
        """

    /// a0 + a1 + ... + a(n-1), left-nested.
    static func sum(_ n: Int, into graph: inout EGraph) -> EClassId {
        var acc = graph.add(ENode(.leaf(.i32, 0)))
        for i in 1..<n {
            let leaf = graph.add(ENode(.leaf(.i32, UInt64(i))))
            acc = graph.add(ENode(.numeric(.i32Add), [acc, leaf]))
        }
        return acc
    }

    @Test func nodeLimitStopsWithAnExtractableGraph() throws {
        var graph = EGraph()
        let root = Self.sum(12, into: &graph)
        let runner = Runner(rules: try Self.rules(Self.explosive), limits: SaturationLimits(nodes: 2_000))
        let report = try runner.run(&graph)
        #expect(report.stopReason == .nodeLimit)
        #expect(graph.nodeCount >= 2_000)
        let program = Extractor(graph).program([root])
        #expect(program?.cost == 12 * 2 + 11)
    }

    @Test func iterationAndTimeLimits() throws {
        var graph = EGraph()
        _ = Self.sum(10, into: &graph)
        let rules = try Self.rules(Self.explosive)
        var g1 = graph
        #expect(
            try Runner(rules: rules, limits: SaturationLimits(iterations: 2, nodes: 1_000_000)).run(&g1).stopReason
                == .iterationLimit)
        var g2 = graph
        #expect(
            try Runner(
                rules: rules, limits: SaturationLimits(iterations: 1_000, nodes: 10_000_000, work: .max, seconds: 0.2)
            ).run(&g2).stopReason == .timeLimit)
    }

    /// The default stop is a budget of work, not of time: an explosive run stops at the same
    /// work, with the same graph, every time — here once alone and once beside three threads
    /// saturating the same rules (a loaded machine, where a time limit stops earlier).
    @Test func aWorkLimitStopsAtTheSamePointUnderAnyLoad() throws {
        var graph = EGraph()
        _ = Self.sum(16, into: &graph)
        let rules = try Self.rules(Self.explosive)
        let limits = SaturationLimits(iterations: 1_000, nodes: 10_000_000, work: 60_000)
        var alone = graph
        let first = try Runner(rules: rules, limits: limits).run(&alone)
        #expect(first.stopReason == .workLimit)
        #expect(first.work >= 60_000 && first.work < 120_000, "\(first.work)")
        let busy = DispatchGroup()
        let start = graph
        for _ in 0..<3 {
            DispatchQueue.global().async(group: busy) {
                var g = start
                _ = try? Runner(rules: rules, limits: limits).run(&g)
            }
        }
        var loaded = graph
        let second = try Runner(rules: rules, limits: limits).run(&loaded)
        busy.wait()
        #expect(second.work == first.work && second.iterations == first.iterations)
        #expect(loaded.nodeCount == alone.nodeCount && loaded.classCount == alone.classCount)
    }

    @Test func smallProblemsSaturate() throws {
        var graph = EGraph()
        let x = graph.add(ENode(.leaf(.i32, 0)))
        let zero = graph.add(ENode(.constant(.i32, 0)))
        let sum = graph.add(ENode(.numeric(.i32Add), [zero, x]))
        let rules = try Self.rules(
            """
            rule add-comm: (i32.add ?a ?b) => (i32.add ?b ?a)
            rule add-zero: (i32.add ?x (i32.const 0)) => ?x
            """)
        let report = try Runner(rules: rules).run(&graph)
        #expect(report.stopReason == .saturated)
        #expect(graph.find(sum) == graph.find(x))
        #expect(report.applied == ["add-comm": 1, "add-zero": 1])
    }

    @Test func theSchedulerBansARuleThatMatchesTooOften() throws {
        let rules = try Self.rules(Self.explosive)
        var graph = EGraph()
        _ = Self.sum(8, into: &graph)
        // Every rule matches more than 4 times at once: all are banned in the first iteration.
        var first = graph
        let once = SaturationLimits(iterations: 1, nodes: 1_000_000, matchLimit: 4, banLength: 5)
        #expect(try Runner(rules: rules, limits: once).run(&first).applied.isEmpty)
        // Banned again with a doubled threshold (8), the rules with fewer matches then run.
        var later = graph
        let thrice = SaturationLimits(iterations: 3, nodes: 1_000_000, matchLimit: 4, banLength: 5)
        let report = try Runner(rules: rules, limits: thrice).run(&later)
        #expect(report.applied["add-comm"] == 7)
        #expect(report.applied["add-assoc-back"] == nil)
    }

    @Test func anUnsoundRuleIsReported() throws {
        var graph = EGraph()
        let three = graph.add(ENode(.constant(.i32, 3)))
        let one = graph.add(ENode(.constant(.i32, 1)))
        _ = graph.add(ENode(.numeric(.i32Add), [three, one]))
        let rules = try Self.rules("rule bad: (i32.add ?x (i32.const 1)) => ?x")
        #expect(throws: UnsoundRuleError.self) { try Runner(rules: rules).run(&graph) }
        do {
            var g = EGraph()
            let a = g.add(ENode(.constant(.i32, 3)))
            _ = g.add(ENode(.numeric(.i32Add), [a, g.add(ENode(.constant(.i32, 1)))]))
            _ = try Runner(rules: rules).run(&g)
        } catch {
            #expect(error.description.hasPrefix("t.weft:1:1: rule bad is unsound"))
        }
    }

    @Test func guardsReadFacts() throws {
        let rules = try Self.rules("rule small: (i32.rem_u ?x (i32.const ?c)) => ?x if (ult ?x ?c)")
        var graph = EGraph()
        let x = graph.add(ENode(.leaf(.i32, 0)))
        let masked = graph.add(ENode(.numeric(.i32And), [x, graph.add(ENode(.constant(.i32, 3)))]))
        let six = graph.add(ENode(.constant(.i32, 6)))
        let rem = graph.add(ENode(.numeric(.i32RemU), [masked, six]))
        let unknown = graph.add(ENode(.numeric(.i32RemU), [x, six]))
        _ = try Runner(rules: rules).run(&graph)
        #expect(graph.find(rem) == graph.find(masked))
        #expect(graph.find(unknown) != graph.find(x))
    }

    /// A tree in the shape of `bench/saturation.py`'s functions: remainders by 6, 8 and 16
    /// of products and sums of parameters and small constants, `depth` levels deep.
    static func remainders(_ depth: Int, _ seed: inout UInt64, into graph: inout EGraph) -> EClassId {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let pick = Int(seed >> 59)
        if depth == 0 {
            return pick % 2 == 0
                ? graph.add(ENode(.leaf(.i32, UInt64(pick % 4))))
                : graph.add(ENode(.constant(.i32, [3, 6, 8, 24, 255][pick % 5])))
        }
        let a = remainders(depth - 1, &seed, into: &graph)
        let b = remainders(depth - 1, &seed, into: &graph)
        let op: NumericOp = [.i32Add, .i32Mul, .i32Sub, .i32Xor][pick % 4]
        let node = graph.add(ENode(.numeric(op), [a, b]))
        guard pick % 3 == 0 else { return node }
        let d = graph.add(ENode(.constant(.i32, [6, 8, 16][pick % 3 == 0 ? (pick / 3) % 3 : 0])))
        return graph.add(ENode(.numeric(.i32RemU), [node, d]))
    }

    /// Rules that grow a term (`x mod d` through `x / d`, division by multiplication) run in
    /// rounds after the others have saturated, and what they build settles for two
    /// iterations, instead of feeding every rule at every iteration: with the shipped rules
    /// the same program comes out for a fraction of the work.
    @Test func rulesThatGrowATermRunInRoundsForTheSameProgramWithLessWork() throws {
        let rules = try TestPaths.rules.rules.filter { !$0.isAccess }.map(CompiledRule.init)
        #expect(rules.contains { $0.rule.name == "rem-u-via-div-i32" && $0.rule.expands })
        #expect(rules.contains { $0.rule.name == "mul-comm-i32" && !$0.rule.expands })
        var seed: UInt64 = 7
        var graph = EGraph()
        let root = Self.remainders(6, &seed, into: &graph)
        let unbounded = SaturationLimits(iterations: 1_000, nodes: 1_000_000, work: .max)
        var phased = graph
        let report = try Runner(rules: rules, limits: unbounded).run(&phased)
        var settled = unbounded
        settled.settleIterations = .max
        var eager = graph
        let eagerReport = try Runner(rules: rules, limits: settled).run(&eager)
        #expect(report.stopReason == .saturated && eagerReport.stopReason == .saturated)
        #expect((report.applied["rem-u-via-div-i32"] ?? 0) > 0)
        #expect(report.work * 2 < eagerReport.work, "\(report.work) against \(eagerReport.work)")
        let cost = try #require(Extractor(phased).program([root])?.cost)
        let eagerCost = try #require(Extractor(eager).program([root])?.cost)
        #expect(cost == eagerCost)
    }

    /// A function whose lifted e-graph is already past the node limit is rewritten too: the
    /// limits grow with the graph it starts from (`SaturationLimits.growth`), the same for
    /// the same input; with the growth off it stops before its first iteration.
    @Test func aGraphStartingPastTheNodeLimitIsStillRewritten() throws {
        let rules = try Self.rules("rule add-zero: (i32.add ?x (i32.const 0)) => ?x")
        var graph = EGraph()
        var acc = graph.add(ENode(.leaf(.i32, 0)))
        let zero = graph.add(ENode(.constant(.i32, 0)))
        for i in 1...300 {
            let leaf = graph.add(ENode(.leaf(.i32, UInt64(i))))
            acc = graph.add(ENode(.numeric(.i32Xor), [graph.add(ENode(.numeric(.i32Add), [acc, zero])), leaf]))
        }
        #expect(graph.nodeCount > 800)
        var fixed = graph
        let stopped = try Runner(rules: rules, limits: SaturationLimits(nodes: 500, growth: 0)).run(&fixed)
        #expect(stopped.stopReason == .nodeLimit && stopped.iterations == 0)
        var grown = graph
        let report = try Runner(rules: rules, limits: SaturationLimits(nodes: 500)).run(&grown)
        #expect(report.stopReason == .saturated)
        #expect(report.applied["add-zero"] == 300)
        let before = try #require(Extractor(fixed).program([acc])?.cost)
        let after = try #require(Extractor(grown).program([acc])?.cost)
        #expect(after < before)
    }
}
