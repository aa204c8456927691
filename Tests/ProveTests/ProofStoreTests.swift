import Foundation
import Harness
import Rules
import Testing
import Z3

@testable import Prove

/// proofs/: every shipped rule has a current proof that Z3 (through the C API and through
/// the `z3` command-line tool alone) answers unsat, and a stale proof is caught.
@Suite struct ProofStoreTests {
    /// This test's files, removed after it.
    let scratch = ScratchSpace()

    static let shipped: [Rule] = (try? TestPaths.rules.rules) ?? []
    static let store = ProofStore(directory: TestPaths.packageRoot + "/rules/proofs")

    @Test func everyShippedRuleHasACurrentProof() {
        #expect(Self.shipped.count >= 100)
        for rule in Self.shipped {
            let status = Self.store.status(of: rule)
            let problem = status.problem(at: Self.store.path(for: rule.name))
            #expect(problem == nil, "\(rule.name) \(problem ?? "")")
        }
        #expect(Self.store.orphans(of: Self.shipped).isEmpty)
    }

    /// The `z3` tool alone answers `unsat` to every query of every stored proof.
    @Test func theZ3CommandLineToolAnswersUnsatToEveryProof() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.store.directory)
            .filter { $0.hasSuffix(".smt2") }.sorted()
        #expect(files.count == Self.shipped.count)
        guard let z3 = Subprocess.which("z3") else {
            Issue.record("the z3 command-line tool is not installed (make deps installs it)")
            return
        }
        for file in files {
            let path = Self.store.directory + "/" + file
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let queries = text.components(separatedBy: "(check-sat-using").count - 1
            let result = try Subprocess.run(z3, [path], timeout: 120)
            let answers = String(decoding: result.stdout, as: UTF8.self).split(separator: "\n")
            #expect(
                result.status == 0 && answers.count == queries && answers.allSatisfy { $0 == "unsat" },
                "\(file): \(answers)")
        }
    }

    @Test func staleProofsAreCaught() throws {
        let dir = scratch.path("proofs")
        let store = ProofStore(directory: dir)
        let text = "; x + 0\nrule add-zero: (i32.add ?x (i32.const 0)) => ?x\n"
        let rule = try #require(try RuleParser.parse(file: "a.weft", text: text).first)
        #expect(store.status(of: rule) == .missing)

        let proof = Prover(timeout: 10).prove(rule, context: try Context())
        #expect(proof.verdict == .proved(.bitVector))
        try store.write(proof)
        #expect(store.status(of: rule) == .current(.bitVector))

        // The rule edited: its digest no longer matches.
        let edited = try #require(
            try RuleParser.parse(file: "a.weft", text: text.replacingOccurrences(of: "i32.add", with: "i32.or")).first)
        #expect(store.status(of: edited) == .changed)

        // The query tampered with (or written by an older encoder): it is not what weft writes now.
        let path = store.path(for: rule.name)
        let stored = try String(contentsOfFile: path, encoding: .utf8)
        try stored.replacingOccurrences(of: "(assert (= lhs.trap false))", with: "").write(
            toFile: path, atomically: true, encoding: .utf8)
        #expect(store.status(of: rule) == .outdated)

        try "not a proof".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(store.status(of: rule) == .unreadable)
        #expect(store.orphans(of: []) == [path])
    }

    @Test func sha256MatchesItsTestVectors() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hex(String(repeating: "a", count: 1000))
                == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}
