import Foundation
import Harness
import Testing

/// The `weft` command line, run as a user runs it.
@Suite struct CLITests {
    /// This test's files, removed after it.
    let scratch = ScratchSpace()

    static let example = TestPaths.packageRoot + "/examples/gust_poll.wat"

    func weft(_ args: [String], input: [UInt8] = []) throws -> ProcessResult {
        try Subprocess.run(TestPaths.weft, args, input: input, timeout: 60)
    }

    func temporary(_ name: String) -> String {
        scratch.path(name)
    }

    @Test func versionAndHelp() throws {
        let version = try weft(["--version"])
        #expect(version.status == 0)
        #expect(String(decoding: version.stdout, as: UTF8.self).hasPrefix("weft "))
        for args in [
            ["--help"], ["optimize", "--help"], ["validate", "--help"], ["help", "optimize"],
        ] {
            let help = try weft(args)
            #expect(help.status == 0, "\(args)")
            #expect(String(decoding: help.stdout, as: UTF8.self).contains("USAGE"), "\(args)")
        }
    }

    /// The same input and flags give the same bytes in every process, whatever the process's
    /// hash seed (Swift seeds `Set` and `Dictionary` per process unless
    /// SWIFT_DETERMINISTIC_HASHING is set, so it is removed here): a `br_table`'s targets
    /// were once visited in a `Set`'s order, and modbus's parser came out 390–410 bytes.
    @Test func everyRunGivesTheSameBytes() throws {
        let modbus = BenchKernels.root + "/build/modbus/modbus.wasm"
        guard FileManager.default.fileExists(atPath: modbus) else {
            Issue.record("\(modbus) is not built: make bench-build")
            return
        }
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_DETERMINISTIC_HASHING"] = nil
        for command in [
            ["compile", modbus, "--hot", "mb_parse_response", "--no-inlining", "--assume-dead-stack"],
            ["optimize", modbus, "--no-inlining", "--assume-dead-stack"],
        ] {
            var outputs = Set<[UInt8]>()
            for _ in 0..<6 {
                let result = try Subprocess.run(
                    TestPaths.weft, command + ["-o", "-"], timeout: 300, environment: environment)
                #expect(result.status == 0, "\(command[0]): \(result.stderr)")
                outputs.insert(result.stdout)
            }
            #expect(outputs.count == 1, "weft \(command[0]) gave \(outputs.count) different outputs in 6 runs")
        }
    }

    @Test func optimizeWritesAValidModule() throws {
        let out = temporary("gust.wasm")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try weft(["optimize", Self.example, "-o", out, "--stats"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("code section"))
        let bytes = try #require(FileManager.default.contents(atPath: out))
        #expect(Array(bytes.prefix(4)) == [0x00, 0x61, 0x73, 0x6D])
        #expect(try Subprocess.wasmValidate(Array(bytes)) == nil)
        // Optimizing the output again is a fixed point of the encoder at least.
        let again = try weft(["optimize", out, "-o", "-"])
        #expect(again.status == 0)
        #expect(again.stdout == Array(bytes))
    }

    /// The pass options: the list by level, IR printed after a named pass with per-pass
    /// figures, a disabled pass absent from them, and an unknown name refused in one line.
    @Test func passOptionsListPrintDisableAndRefuseUnknownNames() throws {
        let list = try weft(["compile", "--list-passes"])
        let text = String(decoding: list.stdout, as: UTF8.self)
        #expect(list.status == 0)
        #expect(text.contains("skeleton: forward-memory") && text.contains("allocate-registers"))
        let out = temporary("gust.wasm")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let printed = try weft([
            "optimize", Self.example, "-o", out, "--stats", "--print-after", "if-convert", "--disable-pass",
            "sink-locals",
        ])
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stderr.contains("; after if-convert (function"))
        #expect(printed.stderr.contains("pass forward-memory:"))
        #expect(!printed.stderr.contains("pass sink-locals:"))
        let unknown = try weft(["optimize", Self.example, "-o", out, "--disable-pass", "nope"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("unknown pass nope"))
    }

    /// `--exact`: the `--hot` functions extracted exactly by default, every function with
    /// `all`, none with `none`, for both commands; what it did on stderr with `--stats`; an
    /// unknown scope refused.
    @Test func exactExtractionRunsForTheNamedFunctionsAndIsReported() throws {
        let object = temporary("gust.o")
        let hot = try weft(["compile", Self.example, "-o", object, "--hot", "gust_poll", "--stats"])
        #expect(hot.status == 0, "\(hot.stderr)")
        #expect(hot.stderr.contains("exact extraction: 2 tried"), "\(hot.stderr)")  // as it is and if-converted
        let none = try weft(["compile", Self.example, "-o", object, "--hot", "gust_poll", "--exact", "none", "--stats"])
        #expect(none.status == 0)
        #expect(!none.stderr.contains("exact extraction"))
        let all = try weft(["optimize", Self.example, "-o", temporary("gust.wasm"), "--exact", "all", "--stats"])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stderr.contains("exact extraction: ") && !all.stderr.contains("exact extraction: 0 tried"))
        let unknown = try weft(["compile", Self.example, "-o", object, "--exact", "some"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("--exact"))
    }

    @Test func stdinToStdout() throws {
        let text = Array("(module (func (export \"f\") (result i32) (i32.const 7)))".utf8)
        let result = try weft(["optimize", "-", "-o", "-"], input: text)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Array(result.stdout.prefix(4)) == [0x00, 0x61, 0x73, 0x6D])
        #expect(try Subprocess.wasmValidate(result.stdout) == nil)
    }

    /// Bad input: one line on stderr naming the file and where, exit code 1.
    @Test(arguments: [
        ("wrong magic", [0x00, 0x61, 0x73, 0x6E, 1, 0, 0, 0] as [UInt8], "offset 0x0"),
        ("wrong version", [0x00, 0x61, 0x73, 0x6D, 2, 0, 0, 0], "offset 0x"),
        ("truncated", [0x00, 0x61, 0x73, 0x6D, 1, 0, 0, 0, 0x01, 0x05, 0x01, 0x60], "offset 0x"),
        (
            "bad leb", [0x00, 0x61, 0x73, 0x6D, 1, 0, 0, 0, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F],
            "offset 0x"
        ),
        ("malformed wat", Array("(module\n (func (i32.add (i32.const 1) (i32.nope))))".utf8), ":2:"),
        ("type error", Array("(module (func (result i32) (i64.const 1)))".utf8), "type mismatch"),
        (
            "unknown index",
            [
                0, 0x61, 0x73, 0x6D, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 10, 6, 1, 4, 0, 0x10, 7,
                0x0B,
            ],
            "offset 0x17: unknown function 7"
        ),
        (
            "unknown name in text", Array("(module (func (call $nowhere)))".utf8),
            ":1:20: unknown function $nowhere"
        ),
    ])
    func badInput(_ name: String, _ bytes: [UInt8], _ expected: String) throws {
        let path = temporary("bad")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        let result = try weft(["optimize", path, "-o", path + ".out"])
        #expect(result.status == 1, "\(name): \(result.stderr)")
        #expect(!result.crashed)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(name): \(result.stderr)")
        #expect(result.stderr.hasPrefix("weft: error: \(path)"), "\(name): \(result.stderr)")
        #expect(result.stderr.contains(expected), "\(name): \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: path + ".out"))
    }

    /// `weft compile --memory-size`: what the code may address past the reserve, a reserve
    /// that would change Wasm's bounds or what `memory.size` says, or a size that is not one,
    /// is refused in one line naming the file and the problem, with exit code 1; a reserve that
    /// fits is reported by `--stats`.
    @Test(arguments: [
        (
            "constant address past the reserve", "(i32.load (i32.const 5000))", "(memory 1)",
            ["--memory", "linked", "--memory-size", "4K"],
            "the access at constant address 5000 (4 bytes) lies beyond the 4096 bytes"
        ),
        (
            "memory.size past the reserve", "(memory.size)", "(memory 1)",
            ["--memory", "linked", "--memory-size", "4K"],
            "which the code's memory.size would report"
        ),
        (
            "checked below the module's memory", "(i32.load (i32.const 0))", "(memory 1)",
            ["--memory", "checked", "--memory-size", "4K"], "--memory checked keeps Wasm's bounds"
        ),
        (
            "identity", "(i32.load (i32.const 0))", "(memory 1)", ["--memory", "identity", "--memory-size", "4K"],
            "--memory-size does not apply to --memory identity"
        ),
        (
            "data past the reserve", "(i32.load (i32.const 0))", "(memory 1) (data (i32.const 8000) \"x\")",
            ["--memory", "base", "--memory-size", "4K"], "data segment 0 ([8000, 8001)) lies outside the 4096 bytes"
        ),
        (
            "more than SRAM", "(i32.load (i32.const 0))", "(memory 1)", ["--memory", "base", "--memory-size", "1024M"],
            "more than the 536870912 bytes of a Cortex-M's SRAM region"
        ),
        (
            "not a size", "(i32.load (i32.const 0))", "(memory 1)", ["--memory", "linked", "--memory-size", "12Q"],
            "--memory-size 12Q: expected a number of bytes"
        ),
        (
            "no relocations", "(i32.load (i32.const 0))", "(memory 1)", ["--memory", "relocated"],
            "--memory relocated and task need the linker's relocations: link the module with wasm-ld --emit-relocs"
        ),
        (
            "task region 0", "(i32.load (i32.const 0))", "(memory 1)", ["--memory", "task", "--mpu-region", "0"],
            "--mpu-region 0: --memory task uses regions N and N - 1, so N is 1 to 7"
        ),
    ])
    func compileRefusesWhatTheReserveCannotHold(
        _ name: String, _ body: String, _ memory: String, _ options: [String], _ expected: String
    ) throws {
        let path = temporary(name.replacingOccurrences(of: " ", with: "-") + ".wat")
        let wat = "(module \(memory) (func (export \"f\") (result i32) \(body)))"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(wat.utf8)))
        let result = try weft(["compile", path, "-o", path + ".o"] + options)
        #expect(result.status == 1, "\(name): \(result.stderr)")
        #expect(!result.crashed)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(name): \(result.stderr)")
        #expect(result.stderr.hasPrefix("weft: error: "), "\(name): \(result.stderr)")
        // A bad flag is named, not the file.
        let badFlag = options.contains("12Q") || options.contains("--mpu-region")
        #expect(badFlag || result.stderr.contains(path), "\(name): \(result.stderr)")
        #expect(result.stderr.contains(expected), "\(name): \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: path + ".o"))
        // The same module compiles where nothing is refused (checked traps out of bounds), and
        // --stats says what was reserved.
        let fits = try weft([
            "compile", path, "-o", path + ".o", "--memory", "checked", "--memory-size", "64K", "--stats",
        ])
        #expect(fits.status == 0, "\(name): \(fits.stderr)")
        #expect(fits.stderr.contains("linear memory: 65536 bytes reserved"), "\(name): \(fits.stderr)")
    }

    @Test func missingFile() throws {
        let result = try weft(["optimize", "/nonexistent/x.wasm", "-o", "-"])
        #expect(result.status == 1)
        #expect(result.stderr == "weft: error: /nonexistent/x.wasm: cannot open input: no such file\n")
    }
}
