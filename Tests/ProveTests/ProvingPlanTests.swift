import Foundation
import Harness
import Rules
import Synchronization
import Testing

@testable import Prove

/// `ProvingPlan`, the stage behind `weft prove`, called directly: what --check plans and
/// reports (current proofs proved again in their theory, missing and stale ones failed
/// without Z3), what --write stores and removes, and the orphans it finds.
@Suite struct ProvingPlanTests {
    /// This test's files, removed after it.
    let scratch = ScratchSpace()

    static let text = """
        ; x + 0
        rule add-zero: (i32.add ?x (i32.const 0)) => ?x
        ; x - x = 0
        rule sub-self: (i32.sub ?x ?x) => (i32.const 0)
        ; wrong: signed division is not a shift
        rule bad: (i32.div_s ?x (i32.const 2)) => (i32.shr_s ?x (i32.const 1))

        """

    /// A fresh project: DIR/rules/my.weft holding `text`, and its (empty) proofs store.
    func project(_ text: String) throws -> (rules: String, store: ProofStore) {
        let dir = scratch.path("plan")
        try FileManager.default.createDirectory(atPath: dir + "/rules", withIntermediateDirectories: true)
        try text.write(toFile: dir + "/rules/my.weft", atomically: true, encoding: .utf8)
        return (dir + "/rules", ProofStore(directory: dir + "/proofs"))
    }

    func plan(_ rules: String, _ store: ProofStore, _ mode: ProvingPlan.Mode) throws -> ProvingPlan {
        let set = try RuleSet.load([rules])
        return ProvingPlan(
            rules: set.rules, paths: [rules], store: store, mode: mode, prover: Prover(timeout: 10), jobs: 2)
    }

    func outcomes(_ run: ProofRunResult) -> [String: RuleOutcome] {
        Dictionary(uniqueKeysWithValues: run.results.map { ($0.rule.name, $0.outcome) })
    }

    @Test func checkWriteCheckStaleAndOrphans() throws {
        let (rules, store) = try project(Self.text)

        // --check with no proofs: every rule is missing, and Z3 never runs.
        let empty = try plan(rules, store, .check)
        #expect(empty.steps() == [.fail(.missing), .fail(.missing), .fail(.missing)])
        let missing = try empty.run()
        #expect(missing.results.map(\.outcome) == [.missing, .missing, .missing])
        #expect(missing.results.allSatisfy { $0.proof == nil })
        #expect(missing.failures == 3)

        // --write: results come in the rules' order; proved rules' proofs are stored, the
        // refuted one's is not.
        let reported = Mutex<[String]>([])
        let written = try plan(rules, store, .write).run { r in reported.withLock { $0.append(r.rule.name) } }
        #expect(reported.withLock { $0 } == ["add-zero", "sub-self", "bad"])
        #expect(written.results.map(\.rule.name) == ["add-zero", "sub-self", "bad"])
        guard case .refuted(let c) = outcomes(written)["bad"] else {
            Issue.record("bad is not refuted: \(String(describing: outcomes(written)["bad"]))")
            return
        }
        #expect(c.left != c.right)
        #expect(written.failures == 1)
        #expect(
            store.orphans(of: []).map { URL(fileURLWithPath: $0).lastPathComponent } == [
                "add-zero.smt2", "sub-self.smt2",
            ])

        // --check: current proofs are proved again in their stored theory.
        let current = try plan(rules, store, .check)
        #expect(current.steps() == [.prove(.bitVector), .prove(.bitVector), .fail(.missing)])

        // An edited rule's proof is stale; a proof without a rule is an orphan, and fails.
        try Self.text.replacingOccurrences(of: "(i32.sub ?x ?x)", with: "(i32.xor ?x ?x)")
            .write(toFile: rules + "/my.weft", atomically: true, encoding: .utf8)
        try "; orphan\n".write(toFile: store.directory + "/gone.smt2", atomically: true, encoding: .utf8)
        let stale = try plan(rules, store, .check).run()
        let byName = outcomes(stale)
        #expect(byName["add-zero"]?.isProved == true)
        #expect(byName["sub-self"] == .stale(.changed))
        #expect(byName["bad"] == .missing)
        #expect(stale.orphans == [store.directory + "/gone.smt2"])
        #expect(stale.failures == 3)

        // Only whole directories say which proofs are orphans.
        var single = try plan(rules, store, .check)
        single.paths = [rules + "/my.weft"]
        #expect(single.orphans().isEmpty)

        // --write refreshes the stale proof and removes the orphan.
        let refreshed = try plan(rules, store, .write).run()
        #expect(refreshed.orphans == [store.directory + "/gone.smt2"])
        #expect(!FileManager.default.fileExists(atPath: store.directory + "/gone.smt2"))
        #expect(
            store.status(of: try #require(try RuleSet.load([rules]).rules.first { $0.name == "sub-self" }))
                == .current(.bitVector))
        #expect(try plan(rules, store, .check).run().failures == 1)
    }

    @Test func eachRulesFolderKeepsItsProofsInside() throws {
        let (rules, _) = try project(Self.text)
        #expect(ProofStore.directory(besideRulesFile: rules + "/my.weft") == rules + "/proofs")
        #expect(ProofStore.directory(besideRulesFile: "my.weft") == "proofs")
        let set = try RuleSet.load([rules + "/"])
        let plan = ProvingPlan(rules: set.rules, paths: [rules + "/"], mode: .check)
        #expect(plan.store(for: set.rules[0]).directory == rules + "/proofs")
    }
}
