import ArgumentParser
import Pipeline
import Rewrite
import WasmModel

struct Optimize: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimize",
        abstract: "Optimize a Wasm module for size.",
        discussion: """
            Reads a binary (.wasm) or text (.wat) module, validates it, runs the \
            optimization pipeline, validates the result and writes it as a binary module \
            (or, with -S, as text). Weft always optimizes for size: -Oz and -Os are the \
            default, and -O0 only validates the module and writes it again.

            Examples:
              weft optimize in.wasm -o out.wasm
              weft optimize in.wat -o - | wasm-objdump -d -
              weft optimize in.wasm -S -o out.wat
              weft optimize in.wasm -o out.wasm --hot mix --stats --json
            """
    )

    @Argument(help: "Input module: a .wasm or .wat file, or - for stdin (needed unless --list-passes).")
    var input: String?

    @Option(name: .shortAndLong, help: "Output file, or - for stdout.")
    var output: String = "-"

    @Flag(
        name: [.customShort("S"), .customLong("emit-text")],
        help: "Write the optimized module as text (WAT) instead of a binary.")
    var emitText = false

    @OptionGroup var level: OptimizationFlags

    @Flag(help: "Print size statistics and what saturation did (iterations, e-nodes, time, why it stopped) on stderr.")
    var stats = false

    @OptionGroup var statsFormat: StatsFormat

    @Option(name: .customLong("hot"), help: "A function (export or name section) to extract exactly (repeatable).")
    var hot: [String] = []

    @OptionGroup var exactFlags: ExactFlags

    @OptionGroup var rules: RulesOption
    @OptionGroup var inlining: InlineFlags
    @OptionGroup var passes: PassFlags

    @Option(help: "Saturation: at most this many iterations per function.")
    var maxIterations = 30

    @Option(
        help:
            "Saturation: stop adding to a function's e-graph at this many e-nodes, or at 3 times the e-nodes it was lifted into when that is more (the work budget grows alike)."
    )
    var maxNodes = 10_000

    @Option(
        help: ArgumentHelp(
            "Saturation: at most this much work per function (classes searched, matches found, right-hand sides built), more for a function lifted into more e-nodes than --max-nodes.",
            valueName: "N"))
    var maxWork = SaturationLimits.defaultWork

    @Option(
        help:
            "Saturation: also stop a function after this many seconds (off by default: a wall-time stop makes the output depend on the machine and its load)."
    )
    var timeout: Double?

    func validate() throws {
        if input == nil && !passes.listPasses { throw ValidationError("Missing expected argument '<input>'") }
    }

    func run() throws {
        if passes.listIfAsked() { return }
        do {
            if output == "-" && CommandIO.isTerminal(1) && !emitText {
                throw WasmError(
                    file: "<stdout>", location: .unknown,
                    message: "refusing to write a binary module to a terminal; use -o FILE (or -S for text)")
            }
            let ruleSet = try rules.load()
            let limits = SaturationLimits(iterations: maxIterations, nodes: maxNodes, work: maxWork, seconds: timeout)
            let (bytes, name) = try CommandIO.read(input ?? "-")
            let pipeline =
                level.optimizes
                ? Pipeline.optimize(
                    rules: ruleSet, limits: limits, inlining: inlining.options, assumptions: inlining.assumptions,
                    passes: passes.options, exact: exactFlags.exact.options(hot: hot)) : Pipeline(passes: [])
            let result = try pipeline.run(bytes, file: name)
            try CommandIO.write(emitText ? Array(TextWriter.text(result.module).utf8) : result.bytes, to: output)
            passes.report(result.passes, stats: stats && !statsFormat.json)
            if statsFormat.json {
                CommandIO.note(StatisticsReport.optimize(file: name, input: bytes, output: result).json)
            } else if stats {
                let before = ModuleSize(binary: bytes.starts(with: [0, 0x61, 0x73, 0x6D]) ? bytes : [])
                let after = ModuleSize(binary: result.bytes)
                for line in result.statistics { CommandIO.note(line) }
                if before.total > 0 {
                    CommandIO.note(
                        "\(name): \(before.total) -> \(after.total) bytes, code section \(before.code) -> \(after.code) bytes, \(after.functions) functions"
                    )
                } else {
                    CommandIO.note(
                        "\(name): \(after.total) bytes, code section \(after.code) bytes, \(after.functions) functions"
                    )
                }
            }
        } catch let error as WasmError {
            CommandIO.report(error)
            throw ExitCode(1)
        }
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check that a Wasm module is well-formed and valid.",
        discussion: "Exits 0 and prints nothing when valid; prints one error line and exits 1 when not."
    )

    @Argument(help: "Input module: a .wasm or .wat file, or - for stdin.")
    var input: String

    func run() throws {
        do {
            let (bytes, name) = try CommandIO.read(input)
            _ = try Pipeline(passes: []).run(bytes, file: name)
        } catch {
            CommandIO.report(error)
            throw ExitCode(1)
        }
    }
}
