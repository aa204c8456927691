import Foundation
import Harness
import Pipeline
import Testing

/// The command line's conventions shared with wasm-opt and the LLVM tools: text and
/// assembly outputs (`-S`), `-Oz`/`-Os`/`-O0`, `--stats --json`, a required input, exit
/// status 1 for usage errors, help that reads cleanly, and one readable line for an
/// instruction of a later proposal.
@Suite struct OutputFormatTests {
    let scratch = ScratchSpace()

    func weft(_ args: [String], input: [UInt8] = [], timeout: Double = 120) throws -> ProcessResult {
        try Subprocess.run(TestPaths.weft, args, input: input, timeout: timeout)
    }

    func write(_ bytes: [UInt8], _ name: String) throws -> String {
        let path = scratch.path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func read(_ path: String) -> [UInt8] { FileManager.default.contents(atPath: path).map(Array.init) ?? [] }

    /// The bundled example, the bench kernels (when built; every `stride`th) and `random` of
    /// binaryen's random modules.
    func modules(random: Int, stride: Int = 1) throws -> [(name: String, path: String)] {
        var result = [("gust_poll.wat", CLITests.example)]
        let build = BenchKernels.root + "/build"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: build)) ?? []).sorted()
        for (k, name) in names.enumerated() where k % stride == 0 {
            let path = "\(build)/\(name)/\(name).wasm"
            if FileManager.default.fileExists(atPath: path) { result.append((name, path)) }
        }
        if result.count == 1 { Issue.record("the bench kernels are not built (make bench-build): fewer modules tried") }
        if BinaryenFuzz.wasmOpt != nil {
            for seed in 0..<UInt64(random) {
                let binary = try BinaryenFuzz.module(seed: 7_000 + seed, size: 6000, features: .wasm2)
                result.append(("random \(seed)", try write(binary, "random\(seed).wasm")))
            }
        }
        return result
    }

    /// A binary re-encoded by weft's encoder (decoded, validated, written again), without
    /// its custom sections and data count section (a text module cannot say either).
    static func canonical(_ bytes: [UInt8], file: String) throws -> [UInt8] {
        let encoded = try Pipeline(passes: []).run(bytes, file: file).bytes
        var out = Array(encoded.prefix(8))
        for section in ModuleSize.sections(encoded) where section.id != 0 && section.id != 12 {
            out += encoded[section.whole]
        }
        return out
    }

    // MARK: 1. weft optimize -S

    @Test func optimizedTextParsesBackToTheBinaryOutputWithWabtAndWasmKit() throws {
        let wat2wasm = try #require(Subprocess.which("wat2wasm"), "wabt's wat2wasm is needed")
        for (name, path) in try modules(random: 6) {
            let binary = try weft(["optimize", path, "-o", "-", "--assume-dead-stack"])
            #expect(binary.status == 0, "\(name): \(binary.stderr)")
            let text = try weft(["optimize", path, "-S", "-o", "-", "--assume-dead-stack"])
            #expect(text.status == 0, "\(name): \(text.stderr)")
            guard binary.status == 0, text.status == 0 else { continue }
            #expect(String(decoding: text.stdout, as: UTF8.self).hasPrefix("(module"), "\(name)")
            let expected = try Self.canonical(binary.stdout, file: name)
            // wabt's parser.
            let watPath = try write(text.stdout, "out.wat")
            let wasmPath = watPath + ".wasm"
            let parsed = try Subprocess.run(wat2wasm, ["--enable-all", watPath, "-o", wasmPath])
            #expect(parsed.status == 0, "\(name): wat2wasm: \(parsed.stderr)")
            if parsed.status == 0 {
                #expect(try Self.canonical(read(wasmPath), file: name) == expected, "\(name): wat2wasm differs")
            }
            // WasmKit's parser (what weft reads text with).
            #expect(try Self.canonical(text.stdout, file: name + ".wat") == expected, "\(name): WasmKit differs")
        }
    }

    /// Names from the name section are `$id`s, and the text goes to a terminal (binary does not).
    @Test func textNamesFunctionsAndLocalsAndMayGoToATerminal() throws {
        let text = try weft(["optimize", CLITests.example, "--emit-text", "-o", "-"])
        #expect(text.status == 0, "\(text.stderr)")
        let wat = String(decoding: text.stdout, as: UTF8.self)
        #expect(wat.contains("(func $gust_poll (;1;) (param $period i32) (result i32)"), "\(wat)")
        #expect(wat.contains("(export \"gust_poll\" (func $gust_poll))"))
        #expect(wat.contains("\n    if\n      local.get"), "bodies are indented by their nesting")
        guard let script = Subprocess.which("script") else { return }
        let tty = try Subprocess.run(
            script, ["-qec", "\(TestPaths.weft) optimize \(CLITests.example) -S", "/dev/null"], timeout: 120)
        #expect(tty.status == 0, "\(tty.stderr)")
        #expect(String(decoding: tty.stdout, as: UTF8.self).contains("(module"))
        let binary = try Subprocess.run(
            script, ["-qec", "\(TestPaths.weft) optimize \(CLITests.example)", "/dev/null"], timeout: 120)
        #expect(binary.status == 1)
        #expect(String(decoding: binary.stdout, as: UTF8.self).contains("refusing to write a binary module"))
    }

    // MARK: 2. weft compile -S

    /// objdump's instructions of an object, without addresses or encodings; a branch
    /// without its target and a literal word without its value (a call's target and a
    /// relocated word are a symbol in one object and an address or offset in the other).
    static func instructions(_ object: String) throws -> [String] {
        guard let objdump = Subprocess.toolchain("llvm-objdump") else { return [] }
        let result = try Subprocess.run(objdump, ["-d", "-z", "--triple=thumbv7m-none-eabi", object])
        var instructions: [String] = []
        for line in String(decoding: result.stdout, as: UTF8.self).split(separator: "\n") {
            // "00000000 <f>:" (a symbol), "      5a: f7ff fffe  \tbl\t0x5a <f+0x5a>   @ imm = #-0x4"
            if line.hasSuffix(">:"), let open = line.firstIndex(of: "<") {
                instructions.append(String(line[open...]))
                continue
            }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2, let colon = fields[0].firstIndex(of: ":"),
                Int(fields[0][..<colon].trimmingCharacters(in: .whitespaces), radix: 16) != nil
            else { continue }
            let mnemonic = fields[1].trimmingCharacters(in: .whitespaces)
            var operands = fields.dropFirst(2).joined(separator: " ")
            if let at = operands.firstIndex(of: "@") { operands = String(operands[..<at]) }
            let bare =
                mnemonic == ".word"
                || mnemonic.hasPrefix("b") && !["bic", "bfi", "bfc"].contains { mnemonic.hasPrefix($0) }
            instructions.append(bare ? mnemonic : mnemonic + " " + operands.trimmingCharacters(in: .whitespaces))
        }
        return instructions
    }

    /// The offsets of an object's relocations, by section name.
    static func relocations(_ object: String) throws -> [String: [Int]] {
        guard let objdump = Subprocess.toolchain("llvm-objdump") else { return [:] }
        let result = try Subprocess.run(objdump, ["-r", object])
        var section = ""
        var offsets: [String: [Int]] = [:]
        for line in String(decoding: result.stdout, as: UTF8.self).split(separator: "\n") {
            // "RELOCATION RECORDS FOR [.text]:", then "0000005c R_ARM_ABS32  weft_memory".
            if line.hasPrefix("RELOCATION RECORDS FOR [") {
                section = String(line.dropFirst("RELOCATION RECORDS FOR [".count).prefix { $0 != "]" })
            } else if line.contains(" R_ARM_"), let offset = Int(line.prefix { $0 != " " }, radix: 16) {
                offsets[section, default: []].append(offset)
            }
        }
        return offsets
    }

    @Test func assemblyListingAssemblesToTheObjectsCode() throws {
        let clang = try #require(Subprocess.toolchain("clang"), "clang of the Swift toolchain is needed")
        let objcopy = try #require(Subprocess.toolchain("llvm-objcopy"), "llvm-objcopy is needed")
        for (name, path) in try modules(random: 4, stride: 2) {
            let object = scratch.path("out.o")
            let listing = scratch.path("out.s")
            let assembled = scratch.path("again.o")
            let compiled = try weft(["compile", path, "-o", object, "--assume-dead-stack"])
            #expect(compiled.status == 0, "\(name): \(compiled.stderr)")
            let source = try weft(["compile", path, "-S", "-o", listing, "--assume-dead-stack"])
            #expect(source.status == 0, "\(name): \(source.stderr)")
            guard compiled.status == 0, source.status == 0 else { continue }
            let text = String(decoding: read(listing), as: UTF8.self)
            #expect(text.contains("\t.text\n") && text.contains("\t.thumb_func\n"), "\(name)")
            let assembler = try Subprocess.run(
                clang, ["--target=thumbv7m-none-eabi", "-mcpu=cortex-m3", "-c", listing, "-o", assembled])
            #expect(assembler.status == 0, "\(name): \(assembler.stderr)")
            guard assembler.status == 0 else { continue }
            // The same instructions, in the same order.
            let mine = try Self.instructions(object)
            let theirs = try Self.instructions(assembled)
            #expect(!mine.isEmpty, "\(name)")
            #expect(
                mine == theirs, "\(name): \(zip(mine, theirs).first { $0 != $1 }.map { "\($0) / \($1)" } ?? "lengths")")
            // The same bytes in every section, but at the relocated places: the assembler
            // resolves a call to a function of the same section itself, and refers to a
            // local symbol as its section plus an offset.
            let relocated = try Self.relocations(object).merging(Self.relocations(assembled)) { $0 + $1 }
            for section in [".text", ".data", ".rodata"] {
                func bytes(_ file: String) throws -> [UInt8] {
                    let out = scratch.path("section")
                    _ = try Subprocess.run(objcopy, ["-O", "binary", "--only-section=\(section)", file, out])
                    return read(out)
                }
                var a = try bytes(object)
                var b = try bytes(assembled)
                #expect(a.count == b.count, "\(name) \(section): \(a.count) against \(b.count) bytes")
                for offset in relocated[section] ?? [] where offset + 4 <= min(a.count, b.count) {
                    a.replaceSubrange(offset..<offset + 4, with: [0, 0, 0, 0])
                    b.replaceSubrange(offset..<offset + 4, with: [0, 0, 0, 0])
                }
                #expect(a == b, "\(name) \(section): bytes differ")
            }
        }
    }

    // MARK: 3. -Oz, -Os, -O0

    @Test func sizeLevelsAreTheDefaultAndO0RunsNoOptimizationPasses() throws {
        let plain = try weft(["optimize", CLITests.example, "-o", "-"])
        #expect(plain.status == 0, "\(plain.stderr)")
        for level in ["-Oz", "-Os"] {
            let r = try weft(["optimize", CLITests.example, level, "-o", "-"])
            #expect(r.status == 0 && r.stdout == plain.stdout, "optimize \(level)")
        }
        let none = try weft(["optimize", CLITests.example, "-O0", "-o", "-"])
        #expect(none.status == 0, "\(none.stderr)")
        #expect(none.stdout.count > plain.stdout.count, "-O0 keeps the module as it is")
        #expect(try Self.canonical(none.stdout, file: "O0") == Self.canonical(read(CLITests.example), file: "example"))
        let object = try weft(["compile", CLITests.example, "-o", "-"])
        let objectOs = try weft(["compile", CLITests.example, "-Os", "-o", "-"])
        #expect(object.status == 0 && objectOs.stdout == object.stdout)
        let objectO0 = try weft(["compile", CLITests.example, "-O0", "-o", "-"])
        let unoptimized = try weft(["compile", CLITests.example, "--no-optimize", "-o", "-"])
        #expect(objectO0.status == 0 && objectO0.stdout == unoptimized.stdout, "compile -O0 is --no-optimize")
        let bad = try weft(["optimize", CLITests.example, "-O3", "-o", "-"])
        #expect(bad.status == 1 && bad.stderr.contains("-O"), "\(bad.stderr)")
        let help = try weft(["optimize", "--help"])
        let words = String(decoding: help.stdout, as: UTF8.self).split(whereSeparator: \.isWhitespace)
        #expect(words.joined(separator: " ").contains("(-Os is the same as -Oz today)"))
    }

    // MARK: 4. --stats --json

    @Test func statsAsJSONAreOneObjectWithTheSizes() throws {
        let optimized = try weft(["optimize", CLITests.example, "-o", scratch.path("g.wasm"), "--stats", "--json"])
        #expect(optimized.status == 0, "\(optimized.stderr)")
        let lines = optimized.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(optimized.stderr)")
        let o = try #require(
            try JSONSerialization.jsonObject(with: Data(optimized.stderr.utf8)) as? [String: Any])
        #expect(o["command"] as? String == "optimize")
        let output = try #require(o["output"] as? [String: Any])
        #expect((output["bytes"] as? Int ?? 0) > 0 && (output["code"] as? Int ?? 0) > 0)
        #expect(output["functions"] as? Int == 1)
        #expect((o["passes"] as? [[String: Any]])?.contains { $0["name"] as? String == "if-convert" } == true)
        #expect((o["notes"] as? [String])?.contains { $0.hasPrefix("saturate:") } == true)

        let compiled = try weft(["compile", CLITests.example, "-o", scratch.path("g.o"), "--stats", "--json"])
        #expect(compiled.status == 0, "\(compiled.stderr)")
        let c = try #require(try JSONSerialization.jsonObject(with: Data(compiled.stderr.utf8)) as? [String: Any])
        #expect(c["command"] as? String == "compile")
        #expect((c["text"] as? Int ?? 0) > 0)
        let functions = try #require(c["functions"] as? [[String: Any]])
        #expect(functions.contains { $0["symbol"] as? String == "gust_poll" && ($0["bytes"] as? Int ?? 0) > 0 })
        #expect(c["memoryModel"] as? String == "linked")
        #expect((c["linearMemory"] as? [String: Any])?["reserved"] as? Int == 65536)
    }

    // MARK: 5. Input

    @Test(arguments: [["optimize"], ["compile"], ["report"], ["validate"]])
    func aMissingInputIsAUsageError(_ command: [String]) throws {
        let r = try weft(command)
        #expect(r.status == 1, "\(command): \(r.stderr)")
        #expect(r.stderr.contains("Missing expected argument '<input>'"), "\(r.stderr)")
        #expect(r.stderr.contains("Usage: weft \(command[0])"), "\(r.stderr)")
    }

    @Test func aTerminalOnStdinIsRefusedInOneLine() throws {
        let script = try #require(Subprocess.which("script"), "script (util-linux) gives the command a terminal")
        for command in ["validate -", "optimize - -o /dev/null", "compile - -o /dev/null", "report -"] {
            let r = try Subprocess.run(
                script, ["-qec", "\(TestPaths.weft) \(command)", "/dev/null"], timeout: 60)
            let text = String(decoding: r.stdout, as: UTF8.self)
            #expect(r.status == 1, "\(command): \(text)")
            #expect(!r.timedOut)
            let lines = text.split(whereSeparator: \.isNewline)
            #expect(lines.count == 1, "\(command): \(text)")
            #expect(text.hasPrefix("weft: error: <stdin>: is a terminal"), "\(command): \(text)")
        }
    }

    // MARK: 6. Exit status

    @Test(arguments: [
        (["optimize", "in.wasm", "--bogus"], "Unknown option '--bogus'"),
        (["compile", "in.wasm", "--memory", "nowhere"], "The value 'nowhere' is invalid for '--memory"),
        (["optimize", "in.wasm", "--max-nodes", "many"], "The value 'many' is invalid for '--max-nodes"),
        (["optimize", "in.wasm", "--hot"], "Missing value for '--hot"),
        (["nonsense"], "Unexpected argument 'nonsense'"),
    ])
    func usageErrorsExitOneWithTheMessageAndUsage(_ args: [String], _ message: String) throws {
        let r = try weft(args)
        #expect(r.status == 1, "\(args): \(r.status) \(r.stderr)")
        #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
        #expect(r.stderr.contains("Usage: weft"), "\(args): \(r.stderr)")
    }

    @Test func helpAndVersionExitZeroAndTheMainHelpDocumentsExitStatus() throws {
        let version = try weft(["--version"])
        #expect(version.status == 0)
        let help = try weft(["--help"])
        #expect(help.status == 0)
        let text = String(decoding: help.stdout, as: UTF8.self)
        #expect(text.contains("Exit status: 0 on success; 1 on an error"), "\(text)")
    }

    // MARK: 7. Help

    static let subcommands: [[String]] = [
        [], ["optimize"], ["compile"], ["validate"], ["report"], ["rules"], ["rules", "check"], ["rules", "list"],
        ["prove"],
    ]

    /// In every command's description, a line ends where the help's wrapping (at 80
    /// columns) would have ended it: no hard line break mid-paragraph, and each example on
    /// one line.
    @Test(arguments: subcommands)
    func helpExitsZeroAndItsParagraphsWrapCleanly(_ command: [String]) throws {
        let r = try weft(command + ["--help"])
        #expect(r.status == 0, "\(command)")
        let lines = String(decoding: r.stdout, as: UTF8.self).components(separatedBy: "\n")
        // The description: from the line after OVERVIEW's paragraph up to USAGE.
        guard let usage = lines.firstIndex(where: { $0.hasPrefix("USAGE:") }),
            let blank = lines.firstIndex(of: "")
        else { return }
        let description = Array(lines[(blank + 1)..<max(blank + 1, usage)])
        for (k, line) in description.enumerated() where k + 1 < description.count {
            let next = description[k + 1]
            guard !line.isEmpty, !next.isEmpty else { continue }
            if line.hasPrefix("  ") {
                // An example (or a list item): the next line is another, not its tail.
                #expect(next.hasPrefix("  "), "\(command): an example wraps: \(line) / \(next)")
                continue
            }
            guard !next.hasPrefix("  ") else { continue }
            let word = next.prefix { $0 != " " }
            #expect(
                line.count + 1 + word.count > 72 || line.hasSuffix(":"),
                "\(command): a line breaks early: \(line) / \(next)")
        }
        if command == ["optimize"] {
            #expect(!lines.contains("optimization"), "the optimize description's old break")
        }
    }

    // MARK: 8. Later proposals

    @Test func aSIMDInstructionIsOneLineNamingTheFunctionAndTheInstruction() throws {
        let wat = """
            (module
              (func $addv (param v128 v128) (result v128)
                local.get 0
                local.get 1
                i32x4.add))
            """
        let text = try write(Array(wat.utf8), "simd.wat")
        let r = try weft(["optimize", text, "-o", scratch.path("o.wasm")])
        #expect(r.status == 1)
        #expect(
            r.stderr == "weft: error: \(text): function 0 ($addv): i32x4.add is not supported (the SIMD proposal)\n",
            "\(r.stderr)")
        let wat2wasm = try #require(Subprocess.which("wat2wasm"), "wabt's wat2wasm is needed")
        let binary = text + ".wasm"
        _ = try Subprocess.run(wat2wasm, ["--debug-names", text, "-o", binary])
        let b = try weft(["compile", binary, "-o", scratch.path("o.o")])
        #expect(b.status == 1)
        #expect(b.stderr.hasPrefix("weft: error: \(binary): offset 0x"), "\(b.stderr)")
        #expect(
            b.stderr.hasSuffix(": function 0 ($addv): i32x4.add is not supported (the SIMD proposal)\n"), "\(b.stderr)")
        for leak in ["WasmParser", "Instruction.", "simd("] {
            #expect(!b.stderr.contains(leak) && !r.stderr.contains(leak))
        }
    }
}
