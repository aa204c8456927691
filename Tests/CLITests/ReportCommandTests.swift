import Foundation
import Harness
import Testing

/// `weft report`: the seams left in hot functions, why they matter, what each choice costs,
/// and `--fail-on-seams` for CI.
@Suite struct ReportCommandTests {
    /// This test's files, removed after it.
    let scratch = ScratchSpace()

    static let example = TestPaths.packageRoot + "/examples/gust_poll.wat"

    func weft(_ args: [String]) throws -> (status: Int32, out: String, err: String) {
        let r = try Subprocess.run(TestPaths.weft, args, input: [], timeout: 60)
        return (r.status, String(decoding: r.stdout, as: UTF8.self), r.stderr)
    }

    func file(_ text: String) throws -> String {
        let path = scratch.path("report.wat")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let twoCallers = Fixtures.hotWithTwoCallees

    @Test func reportsSeamsWithTheirCost() throws {
        let path = try file(Self.twoCallers)
        let r = try weft(["report", path])
        #expect(r.status == 0, "\(r.err)")
        // mix is gone (inlined); big is kept, with the bytes of both choices.
        #expect(!r.out.contains("call mix"))
        #expect(r.out.contains("hot: "))
        #expect(r.out.contains("call $big ×2") || r.out.contains("call big ×2"), "\(r.out)")
        #expect(r.out.contains("kept by the cost model: module code"), "\(r.out)")
        #expect(r.out.contains("2 seams in 1 function"))
        let strict = try weft(["report", path, "--fail-on-seams"])
        #expect(strict.status == 3)
    }

    @Test func noSeamsPassesTheGate() throws {
        let path = try file(Self.twoCallers)
        let r = try weft(["report", path, "--inline", "big", "--fail-on-seams"])
        #expect(r.status == 0, "\(r.out)\(r.err)")
        #expect(r.out.contains("hot: ") && r.out.contains("no seams"))
    }

    @Test func jsonAndReasons() throws {
        let path = try file(Self.twoCallers)
        let r = try weft(["report", path, "--json", "--no-inline", "mix"])
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        #expect(json["seams"] as? Int == 3)
        let functions = try #require(json["functions"] as? [[String: Any]])
        let calls = try #require(functions.first?["calls"] as? [[String: Any]])
        let mix = try #require(calls.first { ($0["callee"] as? String)?.hasSuffix("mix") == true })
        #expect(mix["reasons"] as? [String] == ["single-caller", "small"])
        #expect(mix["notTried"] as? String == "--no-inline mix forbids it", "\(mix)")
    }

    /// "Not tried" names what actually decided: inlining switched off, no inline policy
    /// loaded, or the policies' conditions with the callee's measure — never a list of
    /// maybes that contradicts the reasons beside it.
    @Test func notTriedSaysWhatDecided() throws {
        let path = try file(Self.twoCallers)
        let off = try weft(["report", path, "--no-inlining"])
        #expect(off.out.contains("not tried: inlining is off (--no-inlining)"), "\(off.out)")
        #expect(!off.out.contains("neither small nor"))

        let rules = scratch.path("rules")
        try FileManager.default.createDirectory(atPath: rules, withIntermediateDirectories: true)
        try "; x + 0\nrule z: (i32.add ?x (i32.const 0)) => ?x\n".write(
            toFile: rules + "/r.weft", atomically: true, encoding: .utf8)
        let bare = try weft(["report", path, "--rules", rules, "--no-default-rules", "--allow-unproven"])
        #expect(bare.status == 0, "\(bare.err)")
        #expect(bare.out.contains("not tried: no inline policy is loaded"), "\(bare.out)")

        let shipped = try weft(["report", path])
        for line in shipped.out.split(separator: "\n") where line.contains("not tried") {
            #expect(line.contains("no inline policy nominates it: "), "\(line)")
        }
    }

    @Test func theGustExampleIsReported() throws {
        let r = try weft(["report", Self.example, "--hot", "gust_poll"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.hasPrefix("gust_poll: "))
        #expect(!r.out.contains("call mix"))
        let missing = try weft(["report", Self.example, "--hot", "nope"])
        #expect(missing.status == 1)
        #expect(missing.err.contains("no function named nope"))
        #expect(missing.err.split(separator: "\n").count == 1)
    }
}
