import Foundation
import Harness
import Testing

/// `weft prove`, run as a user runs it: one line per rule, counterexamples, the proofs/
/// cycle of --write and --check inside each rules folder, and the exit statuses and JSON CI
/// relies on.
@Suite struct ProveCommandTests {
    /// This test's files, removed after it.
    let scratch = ScratchSpace()

    func weft(_ args: [String]) throws -> (status: Int32, out: String, err: String) {
        let r = try Subprocess.run(TestPaths.weft, args, input: [], timeout: 120)
        return (r.status, String(decoding: r.stdout, as: UTF8.self), r.stderr)
    }

    /// A fresh project: DIR/rules/my.weft holding `text`.
    func project(_ text: String) throws -> String {
        let dir = scratch.path("prove")
        try FileManager.default.createDirectory(atPath: dir + "/rules", withIntermediateDirectories: true)
        try text.write(toFile: dir + "/rules/my.weft", atomically: true, encoding: .utf8)
        return dir
    }

    static let good = """
        ; x * 2^k = x << k
        rule mul-pow2: (i32.mul ?x (i32.const ?c)) => (i32.shl ?x (i32.const (log2 ?c))) if (pow2 ?c)
        ; x - x = 0
        rule sub-self: (i32.sub ?x ?x) => (i32.const 0)

        """

    @Test func aWrongRuleIsRefutedInWasmTerms() throws {
        let dir = try project(
            Self.good
                + "; wrong: signed division is not a shift\nrule bad: (i32.div_s ?x (i32.const 2)) => (i32.shr_s ?x (i32.const 1))\n"
        )
        let r = try weft(["prove", "--jobs", "2", dir + "/rules"])
        #expect(r.status == 2)
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("proved   mul-pow2"))
        #expect(lines[1].hasPrefix("proved   sub-self"))
        #expect(lines[2].hasPrefix("REFUTED  bad       \(dir)/rules/my.weft:6:1: ?x = (i32.const "))
        #expect(lines[2].contains("; left: (i32.const "), "\(lines[2])")
        #expect(lines[3].hasPrefix("2 proved, 1 refuted of 3 rules"))
    }

    @Test func writeThenCheckThenEditFailsTheCheck() throws {
        let dir = try project(Self.good)
        let write = try weft(["prove", "--write", dir + "/rules"])
        #expect(write.status == 0, "\(write.out)\(write.err)")
        #expect(FileManager.default.fileExists(atPath: dir + "/rules/proofs/mul-pow2.smt2"))
        #expect(FileManager.default.fileExists(atPath: dir + "/rules/proofs/sub-self.smt2"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/proofs"), "nothing written outside the rules folder")
        let check = try weft(["prove", "--check", dir + "/rules"])
        #expect(check.status == 0, "\(check.out)")

        // Edit a rule without refreshing its proof: CI must fail, naming the rule.
        try Self.good.replacingOccurrences(of: "(i32.sub ?x ?x)", with: "(i32.xor ?x ?x)").write(
            toFile: dir + "/rules/my.weft", atomically: true, encoding: .utf8)
        let stale = try weft(["prove", "--check", dir + "/rules"])
        #expect(stale.status == 4)
        #expect(
            stale.out.contains(
                "stale    sub-self  \(dir)/rules/my.weft:4:1: changed since its proof \(dir)/rules/proofs/sub-self.smt2 was written"
            ),
            "\(stale.out)")
        #expect(stale.out.contains("proved   mul-pow2"))

        // Refreshing fixes it; a proof without a rule is an error under --check.
        #expect(try weft(["prove", "--write", dir + "/rules"]).status == 0)
        try "; orphan\n".write(toFile: dir + "/rules/proofs/gone.smt2", atomically: true, encoding: .utf8)
        let orphan = try weft(["prove", "--check", "--rules", dir + "/rules"])
        #expect(orphan.status == 4)
        #expect(orphan.err.contains("gone.smt2: proof of a rule that does not exist"), "\(orphan.err)")
    }

    @Test func aFloatRuleIsRefusedClearly() throws {
        let dir = try project("; x + 0.0\nrule f: (f32.add ?x (f32.const 0)) => ?x\n")
        let r = try weft(["prove", dir + "/rules"])
        #expect(r.status == 3)
        #expect(
            r.out.contains("refused  f  \(dir)/rules/my.weft:2:1: f32.add is a floating-point operator"), "\(r.out)")
    }

    @Test func printQueriesShowsTheSMTLIB() throws {
        let dir = try project(Self.good)
        let r = try weft(["prove", "--print-queries", "--theory", "bv", dir + "/rules"])
        #expect(r.status == 0)
        #expect(r.out.contains("(assert (= lhs (bvsub ?x ?x)))"), "\(r.out)")
        #expect(r.out.contains("; case ?c = 1024"))
    }

    /// `--write` on one folder touches only that folder's proofs: a sibling folder sharing
    /// the parent keeps its own, and a single file's --write removes nothing.
    @Test func eachFolderKeepsItsOwnProofs() throws {
        let dir = scratch.path("siblings")
        for (folder, rule) in [
            ("a", "; x - x\nrule sub-self: (i32.sub ?x ?x) => (i32.const 0)\n"),
            ("b", "; x ^ x\nrule xor-self: (i32.xor ?x ?x) => (i32.const 0)\n"),
        ] {
            try FileManager.default.createDirectory(atPath: "\(dir)/\(folder)", withIntermediateDirectories: true)
            try rule.write(toFile: "\(dir)/\(folder)/r.weft", atomically: true, encoding: .utf8)
            #expect(try weft(["prove", "--write", "\(dir)/\(folder)"]).status == 0)
        }
        #expect(try weft(["prove", "--write", dir + "/a"]).status == 0)
        #expect(try weft(["prove", "--write", dir + "/a/r.weft"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: dir + "/a/proofs/sub-self.smt2"))
        #expect(FileManager.default.fileExists(atPath: dir + "/b/proofs/xor-self.smt2"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/proofs"))
        let both = try weft(["prove", "--check", dir + "/a", dir + "/b"])
        #expect(both.status == 0, "\(both.out)\(both.err)")
    }

    /// CI's view: `--json` is one parseable object with each rule's outcome and the exit
    /// status; `--quiet` prints only what failed and the summary; an empty set is an error.
    @Test func jsonQuietAndEmptySets() throws {
        let dir = try project(
            Self.good + "; wrong\nrule bad: (i32.and ?x (i32.const 0xFE)) => ?x\n")
        let json = try weft(["prove", "--json", dir + "/rules"])
        #expect(json.status == 2)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any], "\(json.out)")
        #expect(object["status"] as? Int == 2)
        let rules = try #require(object["rules"] as? [[String: Any]])
        #expect(rules.map { $0["outcome"] as? String } == ["proved", "proved", "refuted"])
        #expect((rules[2]["counterexample"] as? String)?.contains("?x = (i32.const ") == true)
        #expect(rules[0]["proof"] as? String == dir + "/rules/proofs/mul-pow2.smt2")

        let quiet = try weft(["prove", "--quiet", dir + "/rules"])
        let lines = quiet.out.split(separator: "\n")
        #expect(lines.count == 2, "\(quiet.out)")
        #expect(lines.first?.hasPrefix("REFUTED  bad") == true)

        let empty = scratch.path("empty")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let none = try weft(["prove", "--check", empty])
        #expect(none.status == 1)
        #expect(none.err.contains("no rules in \(empty)"), "\(none.err)")
        let noFolder = try weft(["prove", "--check"])
        #expect(noFolder.status != 0)
        #expect(noFolder.err.contains("--check needs the rule folders"), "\(noFolder.err)")
    }
}
