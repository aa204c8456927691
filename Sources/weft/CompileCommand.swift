import ArgumentParser
import Compile
import ELF
import Passes
import Pipeline
import Rules
import WasmModel

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension MemoryModel: ExpressibleByArgument {}
extension ExactScope: ExpressibleByArgument {}

struct CompileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile",
        abstract: "Compile a Wasm module to a Thumb-2 ELF object for Cortex-M3.",
        discussion: """
            Optimizes the module as `weft optimize` does (unless --no-optimize), then covers \
            each function with the tiles of rules/*.tiles, allocates registers and writes an \
            ELF relocatable object: exports are global symbols, imports undefined symbols.

            Memory models (--memory): linked (the default: linear memory in .bss wherever the \
            linker puts it, constant addresses relocated, no check; call weft_init once at \
            startup), relocated (as linked, and the module's own addresses made physical from \
            the linker's relocations, kept by wasm-ld --emit-relocs: pointers are C pointers \
            and no base is added per access), checked (Wasm's bounds traps), base (a base \
            register, no check), identity (Wasm addresses are physical; linear memory linked \
            at 0), mpu (as linked, isolated by the MPU: weft_init programs region --mpu-region \
            over the memory and enables the MPU; accesses not proven in bounds are \
            unprivileged, so a stray one faults), task (relocated's code for exports called \
            from an unprivileged RTOS task: .data and .bss are MPU regions, listed in \
            weft_task_regions for the task; no check per access). --memory-size reserves that \
            many bytes of linear memory (linked, relocated, task, mpu, base, checked); linked, \
            relocated, task and mpu otherwise reserve what the module says it uses (its data, \
            __stack_pointer, __heap_base).

            -S writes the object as assembler source instead (clang -S's form, which \
            clang --target=thumbv7m-none-eabi -c assembles). Weft always optimizes for size: \
            -Oz and -Os are the default, and -O0 is --no-optimize.

            Examples:
              weft compile fw.wasm -o fw.o --assume-dead-stack
              weft compile fw.wasm -o fw.o --memory-size 16K
              weft compile fw.wasm -o fw.o --memory relocated   # wasm-ld --emit-relocs
              weft compile plugin.wasm -o plugin.o --memory mpu
              weft compile plugin.wasm -o plugin.o --memory task
              weft compile test.wasm -o test.o --memory checked
              weft compile fw.wasm -S -o fw.s
              weft compile gust.wasm -o gust.o --hot gust_poll --stats --json
            """
    )

    @Argument(
        help: "Input module: a .wasm or .wat file, or - for stdin (needed unless --list-passes or --list-tiles).")
    var input: String?

    @Option(name: .shortAndLong, help: "Output object file, or - for stdout.")
    var output: String = "-"

    @Flag(
        name: [.customShort("S"), .customLong("emit-assembly")],
        help: "Write assembler source (Thumb-2, unified syntax) instead of an object.")
    var emitAssembly = false

    @OptionGroup var level: OptimizationFlags
    @OptionGroup var statsFormat: StatsFormat

    @Option(
        name: .customLong("header"),
        help: "Also write a C header for the object: prototypes, imports, memory symbols, the ABI (docs/firmware.md).")
    var header: String?

    @Option(help: "The target core (only cortex-m3).")
    var target = "cortex-m3"

    @Option(name: .customLong("hot"), help: "Compile only these exports and what they reach (repeatable).")
    var hot: [String] = []

    @OptionGroup var exactFlags: ExactFlags

    @Option(help: "Linear memory model: linked (default), relocated, task, mpu, checked, base or identity.")
    var memory: MemoryModel = .linked

    @Option(
        name: .customLong("mpu-region"),
        help:
            "With --memory mpu: the MPU region (0-7) weft_init programs for linear memory; with task: .bss's (.data's is one below)."
    )
    var mpuRegion: UInt8 = 7

    @Option(
        name: .customLong("memory-size"),
        help: "Bytes of linear memory to reserve (K and M suffixes: 16K, 1M); default: the module's own figure.")
    var memorySize: String?

    @Flag(help: "Compile the module as it is, without weft optimize's passes.")
    var noOptimize = false

    @Flag(
        name: .customLong("one-lowering"),
        help: "Lower each function one way instead of measuring several and keeping the smallest (faster, larger).")
    var oneLowering = false

    @Flag(help: "Print each compiled function's .text bytes on stderr.")
    var stats = false

    @Flag(help: "Print every tile with its pattern and cost, then exit.")
    var listTiles = false

    @OptionGroup var rules: RulesOption
    @OptionGroup var inlining: InlineFlags
    @OptionGroup var passes: PassFlags

    func validate() throws {
        if input == nil && !passes.listPasses && !listTiles {
            throw ValidationError("Missing expected argument '<input>'")
        }
    }

    func run() throws {
        guard target == "cortex-m3" else {
            CommandIO.note("weft: error: --target \(target): only cortex-m3 is supported")
            throw ExitCode(1)
        }
        if passes.listIfAsked() { return }
        var reserve: UInt64?
        if let memorySize {
            guard let bytes = Self.byteCount(memorySize) else {
                CommandIO.note(
                    "weft: error: --memory-size \(memorySize): expected a number of bytes, optionally with K or M (16384, 16K, 1M)"
                )
                throw ExitCode(1)
            }
            reserve = bytes
        }
        guard mpuRegion <= 7 else {
            CommandIO.note("weft: error: --mpu-region \(mpuRegion): expected a region number from 0 to 7")
            throw ExitCode(1)
        }
        guard memory != .task || mpuRegion >= 1 else {
            CommandIO.note("weft: error: --mpu-region 0: --memory task uses regions N and N - 1, so N is 1 to 7")
            throw ExitCode(1)
        }
        let ruleSet = try rules.load()
        let tiles = try rules.tiles()
        if listTiles {
            for t in tiles.tiles {
                print("\(t.spec.name): \(t.spec.pattern)  [\(t.spec.location.file):\(t.spec.location.line)]")
            }
            return
        }
        do {
            if output == "-" && CommandIO.isTerminal(1) && !emitAssembly {
                throw WasmError(
                    file: "<stdout>", location: .unknown,
                    message: "refusing to write an object to a terminal; use -o FILE (or -S for assembly)")
            }
            if header == "-" && output == "-" {
                throw WasmError(
                    file: "<stdout>", location: .unknown,
                    message: "--header - and -o - both write to stdout; name a file")
            }
            let (bytes, name) = try CommandIO.read(input ?? "-")
            var pipeline = CompilePipeline(
                tiles: tiles,
                options: {
                    var o = CompileOptions(memory: memory, hot: hot, memorySize: reserve)
                    o.mpuRegion = mpuRegion
                    o.passes = passes.options
                    return o
                }(), rules: noOptimize || !level.optimizes ? nil : ruleSet, inlining: inlining.options,
                assumptions: inlining.assumptions)
            pipeline.optimizer?.searchLowerings = !oneLowering
            pipeline.exact = exactFlags.exact
            let result: CompilePipeline.Output
            do {
                result = try pipeline.run(bytes, file: name)
            } catch {
                throw error.error
            }
            let compiled = result.compiled
            let object = result.object
            try CommandIO.write(emitAssembly ? Array(compiled.assembly.utf8) : object, to: output)
            if let header {
                let file = header.split(separator: "/").last.map(String.init) ?? header
                let text = CHeader(
                    module: result.module, compiled: result.compiled, memory: memory, guardName: file, source: name)
                try CommandIO.write(Array(text.text.utf8), to: header)
            }
            passes.report(result.passes, stats: stats && !statsFormat.json)
            if statsFormat.json {
                CommandIO.note(StatisticsReport.compile(file: name, output: result, memory: memory).json)
            } else if stats {
                for (symbol, size) in compiled.functions { CommandIO.note("\(symbol): \(size) bytes") }
                CommandIO.note(
                    "\(name): .text \(compiled.object.text.count) bytes, \(compiled.functions.count) functions, memory model \(memory.rawValue)"
                )
                if let m = compiled.memory, m.initialBytes > 0 || m.bytes > 0 {
                    CommandIO.note(
                        "linear memory: \(m.bytes) bytes reserved (\(m.source)), \(m.initialBytes) in the module\(m.grows ? ", grows" : "")"
                    )
                }
                for line in result.statistics
                where line.hasPrefix("exact extraction") || line.hasPrefix("saturate: inlining") {
                    CommandIO.note(line)
                }
                if !compiled.undefined.isEmpty {
                    CommandIO.note("undefined: \(compiled.undefined.joined(separator: " "))")
                }
            }
        } catch let error as WasmError {
            CommandIO.report(error)
            throw ExitCode(1)
        }
    }

    /// A byte count: decimal digits, optionally followed by K (×1024) or M (×1024²); nil
    /// for anything else or past 4 GiB.
    static func byteCount(_ text: String) -> UInt64? {
        var digits = Substring(text)
        var scale: UInt64 = 1
        switch digits.last {
        case "K", "k": scale = 1024
        case "M", "m": scale = 1024 * 1024
        default: break
        }
        if scale > 1 { digits = digits.dropLast() }
        guard !digits.isEmpty, digits.count <= 10, digits.allSatisfy({ ("0"..."9").contains($0) }),
            let n = UInt64(digits)
        else { return nil }
        let (bytes, overflow) = n.multipliedReportingOverflow(by: scale)
        guard !overflow, bytes <= 1 << 32 else { return nil }
        return bytes
    }
}
