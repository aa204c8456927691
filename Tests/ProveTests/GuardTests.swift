import Rules
import Testing
import Z3

@testable import Prove

/// Guards in proofs: what a guard implies of a value is asserted wherever the encoding uses it,
/// and `eq`/`ne`/`nonzero` judge value variables as well as constants.
@Suite struct GuardTests {
    func rule(_ text: String) throws -> Rule {
        try #require(try RuleParser.parse(file: "t.weft", text: text).first)
    }

    /// `nonzero ?x` narrows ?x to [1, 2^32-1], and the encoding drops the division's trap on
    /// that bound; the bound is asserted too, so Z3's models keep ?x nonzero (before, the
    /// query read `(assert true)` and its "counterexample" ?x = 0 did not reproduce).
    @Test(arguments: Theory.allCases) func aDivisionByItselfGuardedNonzeroIsProved(_ theory: Theory) throws {
        let r = try rule("rule r: (i32.div_u ?x ?x) => (i32.const 1) if (nonzero ?x)")
        let proof = Prover(timeout: 20).prove(r, theory: theory, context: try Context())
        #expect(proof.verdict == .proved(theory), "\(proof.verdict)")
        guard case .success(let cases) = Prover.cases(of: r, theory: theory) else {
            Issue.record("no encoding")
            return
        }
        let bound = theory == .bitVector ? "(bvuge ?x #x00000001)" : "(>= ?x 1)"
        #expect(cases.allSatisfy { $0.query.body.contains(bound) }, "\(cases.map(\.query.body))")
    }

    @Test func withoutItsGuardTheDivisionIsRefutedAtZero() throws {
        let r = try rule("rule r: (i32.div_u ?x ?x) => (i32.const 1)")
        let proof = Prover(timeout: 20).prove(r, context: try Context())
        guard case .refuted(let counterexample) = proof.verdict else {
            Issue.record("\(proof.verdict)")
            return
        }
        #expect(counterexample.description.contains("?x = (i32.const 0)"), "\(counterexample)")
    }

    @Test func eqAndNeTakeValueVariables() throws {
        let context = try Context()
        for text in [
            "rule r: (i32.sub ?x ?y) => (i32.const 0) if (eq ?x ?y)",
            "rule r: (i32.ne ?x ?y) => (i32.const 1) if (ne ?x ?y)",
            "rule r: (i64.eq ?x (i64.const ?c)) => (i32.const 1) if (eq ?x ?c)",
        ] {
            let proof = Prover(timeout: 20).prove(try rule(text), context: context)
            #expect(proof.verdict == .proved(.bitVector), "\(text): \(proof.verdict)")
        }
        let wrong = Prover(timeout: 20).prove(
            try rule("rule r: (i32.eq ?x ?y) => (i32.const 1) if (ne ?x ?y)"), context: context)
        guard case .refuted = wrong.verdict else {
            Issue.record("\(wrong.verdict)")
            return
        }
    }

    @Test func pow2StillJudgesOnlyConstants() {
        #expect(throws: RuleError.self) {
            try RuleParser.parse(file: "t.weft", text: "rule r: (i32.mul ?x ?y) => ?x if (pow2 ?y)")
        }
    }
}
