import Foundation
import Harness
import Testing

/// `weft rules check|list` and the rules options of `weft optimize`, run as a user runs them.
@Suite struct RulesCommandTests {
    /// This test's files, removed after it.
    let scratch = ScratchSpace()

    func weft(_ args: [String]) throws -> ProcessResult {
        try Subprocess.run(TestPaths.weft, args, input: [], timeout: 60)
    }

    func file(_ text: String) throws -> String {
        let dir = scratch.path("rules")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/my.weft"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func theShippedRulesCheck() throws {
        let result = try weft(["rules", "check", TestPaths.packageRoot + "/rules"])
        #expect(result.status == 0, "\(result.stderr)")
        let out = String(decoding: result.stdout, as: UTF8.self)
        #expect(out.contains("strength.weft: 10 rules"))
        #expect(out.contains("examples hold"))
    }

    @Test func aBadRuleNamesItsLineAndColumn() throws {
        let path = try file("; ok\nrule a: (i32.add ?x (i32.const 0)) => ?x\nrule b: (i32.ad ?x ?y) => ?x\n")
        let result = try weft(["rules", "check", path])
        #expect(result.status == 1)
        #expect(
            result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
                == "weft: error: \(path):3:9: error: unknown operator `i32.ad` (hint: did you mean i32.add?)")
    }

    @Test func aFailingExampleFailsTheCheck() throws {
        let path = try file("; x + 0\nrule a: (i32.add ?x (i32.const 0)) => ?x\n  fires (i32.add ?y (i32.const 1))\n")
        let result = try weft(["rules", "check", path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(path):3: rule a: expected it to fire on (i32.add ?y (i32.const 1))"))
    }

    @Test func listShowsNamesAndSummaries() throws {
        let result = try weft(["rules", "list", "--rules", TestPaths.packageRoot + "/rules"])
        #expect(result.status == 0)
        let out = String(decoding: result.stdout, as: UTF8.self)
        #expect(out.contains("rem-u-pow2-i32"))
        #expect(out.contains("x mod 2^k = x & (2^k - 1)"))
    }

    @Test func optimizeUsesTheGivenRulesAndReportsSaturation() throws {
        let rules = try file("; x * 1\nrule one: (i32.mul ?x (i32.const 1)) => ?x\n")
        let wat = try file("")
        let module = wat.replacingOccurrences(of: "my.weft", with: "m.wat")
        try "(module (func (export \"f\") (param i32) (result i32) local.get 0 i32.const 1 i32.mul))"
            .write(toFile: module, atomically: true, encoding: .utf8)
        let result = try weft(["optimize", module, "-o", module + ".wasm", "--rules", rules, "--stats"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("saturate: 1 of 1 functions lifted, 1 lowered, 1 changed"))
        #expect(result.stderr.contains("rules applied: one 1"))
        #expect(result.stderr.contains("stopped by saturated 1"))
        let missing = try weft(["optimize", module, "-o", "-", "--rules", "/nonexistent"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/nonexistent: error: no such file or directory"))
    }
}
