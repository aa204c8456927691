import Foundation
import Harness
import Testing

/// weft as a firmware team installs it: `make install-files` into a prefix (what `make install`
/// copies after building), run from a folder that has nothing of this checkout; its shipped
/// rules built in, rule folders added to them, unproven rules refused.
@Suite struct InstalledBinaryTests {
    /// This test's files, removed after it.
    let scratch = ScratchSpace()

    /// The environment without the checkout's hints (`WEFT_RULES`), the rule cache off.
    static var environment: [String: String] {
        var e = ProcessInfo.processInfo.environment
        e["WEFT_RULES"] = nil
        e["WEFT_CACHE"] = "off"
        return e
    }

    /// A module whose `x + 0` only the shipped rules remove, whose `x * 3 - x` only the
    /// project rule `mul3-sub` below turns into `x << 1`, and whose one call only the shipped
    /// inline policies nominate (so `report --fail-on-seams` passes only with them loaded).
    static let module = """
        (module
          (func $scale (param i32) (result i32) local.get 0 i32.const 3 i32.mul)
          (func (export "f") (param i32) (result i32)
            local.get 0 i32.const 0 i32.add
            call $scale local.get 0 i32.sub))
        """

    static let projectRule = """
        ; 3x - x = 2x
        rule mul3-sub: (i32.sub (i32.mul ?x (i32.const 3)) ?x) => (i32.shl ?x (i32.const 1))
          fires (i32.sub (i32.mul (i32.const 5) (i32.const 3)) (i32.const 5))
          stops (i32.sub (i32.mul (i32.const 5) (i32.const 3)) (i32.const 6))

        """

    /// Installs into a fresh prefix; returns the installed binary (PREFIX/bin/weft).
    func install() throws -> String {
        let prefix = scratch.path("prefix")
        let made = try Subprocess.run(
            "/usr/bin/make",
            [
                "-C", TestPaths.packageRoot, "--no-print-directory", "install-files", "WEFT=\(TestPaths.weft)",
                "PREFIX=\(prefix)",
            ], timeout: 120)
        #expect(made.status == 0, "\(made.stderr)")
        return prefix + "/bin/weft"
    }

    func run(_ weft: String, _ args: [String], in folder: String) throws -> ProcessResult {
        try Subprocess.run(weft, args, timeout: 120, environment: Self.environment, directory: folder)
    }

    @Test func anInstalledWeftOptimizesWithItsShippedRulesFromAnyFolder() throws {
        let weft = try install()
        let prefix = String(weft.dropLast("/bin/weft".count))
        for file in [
            "share/man/man1/weft.1", "share/bash-completion/completions/weft", "share/zsh/site-functions/_weft",
            "share/fish/vendor_completions.d/weft.fish", "share/weft/rules/algebra.weft",
            "share/weft/rules/proofs/add-zero-i32.smt2",
        ] {
            #expect(FileManager.default.fileExists(atPath: "\(prefix)/\(file)"), "\(file) not installed")
        }
        let man = try String(contentsOfFile: prefix + "/share/man/man1/weft.1", encoding: .utf8)
        #expect(man.contains(".SH \"WEFT PROVE\""))
        let elsewhere = scratch.path("elsewhere")
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try Self.module.write(toFile: elsewhere + "/m.wat", atomically: true, encoding: .utf8)

        let version = try run(weft, ["--version"], in: elsewhere)
        #expect(version.status == 0)
        let text = String(decoding: version.stdout, as: UTF8.self)
        #expect(text.contains("shipped rules: sha256 "), "\(text)")
        #expect(text.split(separator: " ").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines).count } == 64)

        let optimized = try run(weft, ["optimize", "m.wat", "-o", "m.wasm", "--stats"], in: elsewhere)
        #expect(optimized.status == 0, "\(optimized.stderr)")
        #expect(optimized.stderr.contains("add-zero-i32"), "\(optimized.stderr)")
        let compiled = try run(weft, ["compile", "m.wat", "-o", "m.o"], in: elsewhere)
        #expect(compiled.status == 0, "\(compiled.stderr)")
    }

    /// A project laid out as docs/proving.md says (rules/ with its proofs inside) adds its
    /// rule to the shipped ones: `x + 0` still goes, and the project rule applies; compile
    /// keeps the shipped tiles; report still has the shipped inline policies.
    @Test func aProjectFolderAddsToTheShippedRules() throws {
        let weft = try install()
        let project = scratch.path("project")
        try FileManager.default.createDirectory(atPath: project + "/rules", withIntermediateDirectories: true)
        try Self.projectRule.write(toFile: project + "/rules/project.weft", atomically: true, encoding: .utf8)
        try Self.module.write(toFile: project + "/m.wat", atomically: true, encoding: .utf8)

        // Not proved yet: refused, naming the rule and the proof it looked for.
        let refused = try run(weft, ["optimize", "m.wat", "-o", "m.wasm", "--rules", "rules"], in: project)
        #expect(refused.status == 1)
        #expect(
            refused.stderr.contains(
                "rules/project.weft:2:1: error: rule `mul3-sub` has no proof: rules/proofs/mul3-sub.smt2 does not exist"
            ),
            "\(refused.stderr)")
        let allowed = try run(
            weft, ["optimize", "m.wat", "-o", "m.wasm", "--rules", "rules", "--allow-unproven"], in: project)
        #expect(allowed.status == 0, "\(allowed.stderr)")

        #expect(try run(weft, ["prove", "--write", "rules"], in: project).status == 0)
        #expect(FileManager.default.fileExists(atPath: project + "/rules/proofs/mul3-sub.smt2"))
        let both = try run(weft, ["optimize", "m.wat", "-o", "m.wasm", "--rules", "rules", "--stats"], in: project)
        #expect(both.status == 0, "\(both.stderr)")
        #expect(both.stderr.contains("add-zero-i32"), "\(both.stderr)")
        #expect(both.stderr.contains("mul3-sub"), "\(both.stderr)")
        var environment = Self.environment
        environment["WEFT_RULES"] = "rules"
        let viaEnvironment = try Subprocess.run(
            weft, ["optimize", "m.wat", "-o", "m.wasm", "--stats"], timeout: 120, environment: environment,
            directory: project)
        #expect(viaEnvironment.stderr.contains("mul3-sub"), "\(viaEnvironment.stderr)")

        let compiled = try run(weft, ["compile", "m.wat", "-o", "m.o", "--rules", "rules"], in: project)
        #expect(compiled.status == 0, "\(compiled.stderr)")
        let report = try run(weft, ["report", "m.wat", "--rules", "rules", "--fail-on-seams"], in: project)
        #expect(report.status == 0, "\(report.stderr)\(String(decoding: report.stdout, as: UTF8.self))")

        // Replacing the shipped set is explicit, and says what is then missing.
        let alone = try run(
            weft, ["compile", "m.wat", "-o", "m.o", "--rules", "rules", "--no-default-rules"], in: project)
        #expect(alone.status == 1)
        #expect(
            alone.stderr.contains("no tiles: --no-default-rules needs a folder with *.tiles files"), "\(alone.stderr)")
    }

    /// A rule that `weft prove` refutes is never applied silently (`x & 0xFE` is not `x`).
    @Test func aRefutedRuleIsNotApplied() throws {
        let weft = try install()
        let project = scratch.path("wrong")
        try FileManager.default.createDirectory(atPath: project + "/rules", withIntermediateDirectories: true)
        try "; wrong\nrule and-fe: (i32.and ?x (i32.const 0xFE)) => ?x\n".write(
            toFile: project + "/rules/wrong.weft", atomically: true, encoding: .utf8)
        #expect(try run(weft, ["prove", "--write", "rules"], in: project).status == 2)
        try "(module (func (export \"f\") (param i32) (result i32) local.get 0 i32.const 254 i32.and))".write(
            toFile: project + "/m.wat", atomically: true, encoding: .utf8)
        let r = try run(weft, ["optimize", "m.wat", "-o", "m.wasm", "--rules", "rules"], in: project)
        #expect(r.status == 1)
        #expect(r.stderr.contains("rule `and-fe` has no proof"), "\(r.stderr)")
    }
}
