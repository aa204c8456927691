import EGraph
import Harness
import Rewrite
import Rules
import Testing
import WasmModel

/// Every shipped rule carries examples where it fires (with the term it must produce) and
/// where its guard or pattern stops it; each is run here against the rule alone.
@Suite struct ShippedRulesTests {
    static let rules: [Rule] = (try? TestPaths.rules.rules) ?? []

    @Test func theShippedRulesLoad() throws {
        let set = try TestPaths.rules
        #expect(set.rules.count >= 100)
        #expect(set.files.count >= 6)
        for rule in set.rules { #expect(!rule.summary.isEmpty, "\(rule.name) has no one-line comment") }
    }

    @Test(arguments: rules) func examplesHold(_ rule: Rule) {
        #expect(rule.examples.contains { $0.fires }, "\(rule.name) has no `fires` example")
        #expect(rule.examples.contains { !$0.fires }, "\(rule.name) has no `stops` example")
        for failure in ExampleCheck.failures(of: rule) { Issue.record(Comment(rawValue: failure)) }
    }

    /// The checker itself catches examples that are wrong, so the test above can fail.
    @Test func wrongExamplesAreReported() throws {
        let rules = try RuleParser.parse(
            file: "bad.weft",
            text: """
                ; x mod 2^k
                rule r: (i32.rem_u ?x (i32.const ?c)) => (i32.and ?x (i32.const (- ?c 1))) if (pow2 ?c)
                  fires (i32.rem_u ?a (i32.const 8)) => (i32.and ?a (i32.const 6))
                  stops (i32.rem_u ?a (i32.const 16))
                  fires (i32.rem_u ?a (i32.const 7))
                """)
        let failures = ExampleCheck.failures(of: rules[0])
        #expect(
            failures == [
                "bad.weft:3: error: rule r: (i32.rem_u ?a (i32.const 8)) did not become (i32.and ?a (i32.const 6))",
                "bad.weft:4: error: rule r: expected it not to fire on (i32.rem_u ?a (i32.const 16)), it did",
                "bad.weft:5: error: rule r: expected it to fire on (i32.rem_u ?a (i32.const 7)), it did not",
            ])
    }

    /// `eq` on value variables holds of one class (or one constant), `ne` of classes whose
    /// ranges or known bits never meet; neither holds of classes merely unknown.
    @Test func eqAndNeJudgeClassesByIdentityAndFacts() throws {
        let rules = try RuleParser.parse(
            file: "guards.weft",
            text: """
                rule sub-same: (i32.sub ?x ?y) => (i32.const 0) if (eq ?x ?y)
                  fires (i32.sub ?a ?a) => (i32.const 0)
                  fires (i32.sub (i32.const 3) (i32.const 3)) => (i32.const 0)
                  stops (i32.sub ?a ?b)
                rule ne-apart: (i32.ne ?x ?y) => (i32.const 1) if (ne ?x ?y)
                  fires (i32.ne (i32.and ?a (i32.const 15)) (i32.const 16)) => (i32.const 1)
                  fires (i32.ne (i32.or ?a (i32.const 1)) (i32.shl ?b (i32.const 1))) => (i32.const 1)
                  stops (i32.ne (i32.and ?a (i32.const 31)) (i32.const 16))
                  stops (i32.ne ?a ?b)
                """)
        for rule in rules { #expect(ExampleCheck.failures(of: rule) == []) }
    }
}

/// Guards and computed constants mean what `docs/rules.md` says.
@Suite struct ConstantEvaluationTests {
    func eval(_ e: ConstExpr, _ width: Int, _ c: UInt64 = 0) -> UInt64? {
        ConstantEvaluation.evaluate(e, width: width, constants: { $0 == "c" ? c : nil })
    }

    @Test func operatorsWrapAtTheWidth() {
        #expect(eval(.apply("-", [.variable("c"), .literal(1)]), 32, 0) == 0xFFFF_FFFF)
        #expect(eval(.apply("-", [.variable("c"), .literal(1)]), 64, 0) == .max)
        #expect(eval(.apply("shl", [.literal(1), .literal(32)]), 32) == 0)
        #expect(eval(.apply("shl", [.literal(1), .literal(32)]), 64) == 1 << 32)
        #expect(eval(.apply("log2", [.variable("c")]), 32, 4096) == 12)
        #expect(eval(.apply("log2", [.variable("c")]), 32, 0) == nil)
        #expect(eval(.apply("udiv", [.literal(7), .variable("c")]), 32, 0) == nil)
        #expect(eval(.apply("clz", [.literal(1)]), 32) == 31)
        #expect(eval(.apply("ctz", [.literal(0)]), 64) == 64)
        #expect(eval(.apply("not", [.literal(0)]), 32) == 0xFFFF_FFFF)
        #expect(eval(.literal(UInt64(bitPattern: -1)), 32) == 0xFFFF_FFFF)
    }

    /// Guards judge what is known of a value (`GuardOperand`) with no e-graph: ranges for
    /// comparisons, known bits for `known-zero`, exact values only for `pow2`.
    @Test func guardsJudgeWhatIsKnown() {
        func holds(_ name: String, _ x: GuardOperand, _ c: UInt64 = 0) -> Bool {
            let arguments: [Guard.Argument] =
                [.value("x")] + (Guard.arities[name] == 2 ? [.constant(.variable("c"), .i64)] : [])
            return ConstantEvaluation.holds(
                Guard(name: name, arguments: arguments), constants: { $0 == "c" ? c : nil },
                values: { $0 == "x" ? x : nil })
        }
        let byte = GuardOperand.bounded(low: 0, high: 255, knownZeros: 0xFFFF_FF00, knownOnes: 0, mask: 0xFFFF_FFFF)
        #expect(holds("ult", byte, 256))
        #expect(!holds("ult", byte, 255))
        #expect(holds("ule", byte, 255))
        #expect(holds("uge", .constant(7), 7))
        #expect(!holds("ugt", byte, 0))
        #expect(holds("known-zero", byte, 0xFF00))
        #expect(!holds("known-zero", byte, 0x80))
        #expect(holds("known-zero", .constant(0x10), 0x0F))
        #expect(!holds("nonzero", byte))
        #expect(holds("nonzero", .bounded(low: 0, high: 9, knownZeros: 0, knownOnes: 1, mask: 0xFF)))
        #expect(holds("pow2", .constant(64)))
        #expect(!holds("pow2", byte))
        #expect(!holds("eq", byte, 3))
        // A value nothing is known of: the guard does not hold.
        #expect(
            !ConstantEvaluation.holds(
                Guard(name: "nonzero", arguments: [.value("y")]), constants: { _ in nil }, values: { _ in nil }))
    }
}
