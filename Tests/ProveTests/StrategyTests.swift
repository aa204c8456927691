import Rules
import Testing
import Z3

@testable import Prove

/// The strategy choices that make proofs fast: arithmetic rules are decided in the integer
/// theory, split into cases; the prover picks the theory that proves.
@Suite struct StrategyTests {
    func rule(_ text: String) throws -> Rule {
        try #require(try RuleParser.parse(file: "t.weft", text: text).first)
    }

    /// Bit-blasting does not prove this in minutes; integers prove it at once.
    @Test func aMagicDivisionInstanceIsProvedInIntegers() throws {
        let r = try rule(
            """
            rule div6: (i32.div_u ?x (i32.const 6))
              => (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u ?x) (i64.const 0xAAAAAAAB)) (i64.const 34)))
            """)
        let proof = Prover(timeout: 20).prove(r, theory: .integer, context: try Context())
        #expect(proof.verdict == .proved(.integer))
        #expect(proof.seconds < 5)
    }

    @Test func powersOfTwoAndLogarithmsSplitIntoCases() throws {
        let r = try rule(
            "rule r: (i32.div_u ?x (i32.const ?c)) => (i32.shr_u ?x (i32.const (log2 ?c))) if (pow2 ?c)")
        guard case .success(let cases) = Prover.cases(of: r, theory: .bitVector) else {
            Issue.record("no bit-vector encoding")
            return
        }
        #expect(cases.count == 32)
        #expect(cases[5].label == "?c = 32")
        // In each case the shift is by a literal.
        #expect(cases[5].query.body.contains("(bvlshr ?x #x00000005)"), "\(cases[5].query.body)")
    }

    /// Bitwise operators on non-constants have no integer form; the bit-vector proof remains.
    @Test func bitwiseRulesAreBitVectorOnly() throws {
        let r = try rule("rule r: (i32.xor ?x ?y) => (i32.xor ?y ?x)")
        guard case .failure(.inexpressible) = Prover.cases(of: r, theory: .integer) else {
            Issue.record("xor of variables should have no integer form")
            return
        }
        #expect(Prover(timeout: 10).prove(r, context: try Context()).verdict == .proved(.bitVector))
    }
}
