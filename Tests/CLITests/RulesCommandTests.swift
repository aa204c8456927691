import Foundation
import Harness
import Testing

/// `weft rules check|list` and the rules options of `weft optimize` and `weft compile`, run as a
/// user runs them: the shipped rules built in, folders added to them, unproven rules refused.
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
        for args in [
            ["rules", "check", "--strict", TestPaths.packageRoot + "/rules"], ["rules", "check", "--strict"],
        ] {
            let result = try weft(args)
            #expect(result.status == 0, "\(result.stderr)")
            let out = String(decoding: result.stdout, as: UTF8.self)
            #expect(out.contains("strength.weft: 10 rules"))
            #expect(out.contains("examples hold"))
        }
    }

    /// Every error of every file, one line each, with the count; --strict adds rules lacking
    /// an example of either kind.
    @Test func checkReportsEveryErrorOfEveryFile() throws {
        let path = try file(
            "; a\nrule a: (i32.ad ?x ?y) => ?x\n; b\nrule b: (i32.add ?x (i32.const 0)) => ?x\n; c\nrule c: (i32.sub ?x) => ?x\n"
        )
        let other = path.replacingOccurrences(of: "my.weft", with: "other.weft")
        try "; d\nrule d: (i32.mul ?x (i32.const 1)) => ?y\n".write(toFile: other, atomically: true, encoding: .utf8)
        let result = try weft(["rules", "check", path, other])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(result.stderr)")
        #expect(lines[0].hasPrefix("\(path):2:9: error: unknown operator `i32.ad`"))
        #expect(lines[1].hasPrefix("\(path):6:9: error: "))
        #expect(lines[2].hasPrefix("\(other):2:"))
        #expect(lines[3] == "3 errors")
        #expect(!result.stderr.contains("weft: error: \(path)"), "one `error` per line")

        let loose = try file(
            "; x + 0\nrule a: (i32.add ?x (i32.const 0)) => ?x\n  fires (i32.add (i32.const 5) (i32.const 0))\n")
        #expect(try weft(["rules", "check", loose]).status == 0)
        let strict = try weft(["rules", "check", "--strict", loose])
        #expect(strict.status == 1)
        #expect(
            strict.stderr.contains("\(loose):2:1: error: rule `a` lacks a `stops` example (--strict)"),
            "\(strict.stderr)")
    }

    @Test func aBadRuleNamesItsLineAndColumn() throws {
        let path = try file("; ok\nrule a: (i32.add ?x (i32.const 0)) => ?x\nrule b: (i32.ad ?x ?y) => ?x\n")
        let result = try weft(["rules", "check", path])
        #expect(result.status == 1)
        #expect(
            result.stderr.split(separator: "\n").first
                == "\(path):3:9: error: unknown operator `i32.ad` (hint: did you mean i32.add?)")
    }

    @Test func aFailingExampleFailsTheCheck() throws {
        let path = try file("; x + 0\nrule a: (i32.add ?x (i32.const 0)) => ?x\n  fires (i32.add ?y (i32.const 1))\n")
        let result = try weft(["rules", "check", path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(path):3: error: rule a: expected it to fire on (i32.add ?y (i32.const 1))"))
    }

    @Test func listShowsNamesAndSummaries() throws {
        let result = try weft(["rules", "list"])
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
        let result = try weft([
            "optimize", module, "-o", module + ".wasm", "--rules", rules, "--no-default-rules", "--allow-unproven",
            "--stats",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("saturate: 1 of 1 functions lifted, 1 lowered, 1 changed"))
        #expect(result.stderr.contains("rules applied: one 1"))
        #expect(result.stderr.contains("stopped by saturated 1"))
        let missing = try weft(["optimize", module, "-o", "-", "--rules", "/nonexistent"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/nonexistent: error: no such file or directory"))
    }
}
