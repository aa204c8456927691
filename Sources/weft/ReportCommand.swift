import ArgumentParser
import Pipeline
import Rewrite
import WasmDecode
import WasmModel

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Options that steer inlining and what may be assumed, shared by `optimize` and `report`.
struct InlineFlags: ParsableArguments {
    @Option(
        name: .customLong("inline"),
        help: ArgumentHelp("Always inline calls to this function (repeatable).", valueName: "NAME"))
    var force: [String] = []

    @Option(
        name: .customLong("no-inline"),
        help: ArgumentHelp("Never inline calls to this function (repeatable).", valueName: "NAME"))
    var forbid: [String] = []

    @Flag(name: .customLong("no-inlining"), help: "Inline nothing.")
    var disabled = false

    @Flag(
        help: """
            Assume LLVM's shadow-stack convention: memory below __stack_pointer is dead once \
            a frame is released, so frames that are only written are removed (see \
            docs/design.md, "Assumptions").
            """)
    var assumeDeadStack = false

    var assumptions: Assumptions { Assumptions(deadStack: assumeDeadStack) }

    var options: InlineOptions {
        var o = InlineOptions()
        o.enabled = !disabled
        o.force = Set(force)
        o.forbid = Set(forbid)
        return o
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Optimize a module and report the calls (seams) left in its hot functions.",
        discussion: """
            For every exported function (or each --hot NAME): its code bytes after `weft \
            optimize`, and each call still in it — why it matters (the callee is inline-hinted, \
            has a single caller, or is small) and, where the cost model measured it, the \
            module's code bytes keeping the call and inlining it.

            A seam is a call to a function defined in the module; calls to imports are listed \
            but are not seams. With --fail-on-seams the exit status is 3 when any seam remains.
            """
    )

    @Argument(help: "Input module: a .wasm or .wat file, or - for stdin.")
    var input: String

    @Option(
        name: .customLong("hot"),
        help: ArgumentHelp("Report this function (repeatable; default: every export).", valueName: "NAME"))
    var hot: [String] = []

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Flag(help: "Exit with status 3 when a seam remains.")
    var failOnSeams = false

    @OptionGroup var rules: RulesOption
    @OptionGroup var inlining: InlineFlags

    func run() throws {
        let report: SeamReport
        do {
            let ruleSet = try rules.load()
            let (bytes, name) = try CommandIO.read(input)
            let module = try WasmDecoder.decode(bytes, file: name)
            let options = inlining.options
            let output = try Pipeline.optimize(rules: ruleSet, inlining: options, assumptions: inlining.assumptions)
                .run(module, file: name)
            do {
                report = try SeamReport(
                    input: module, output: output, hot: hot, inlining: options, policies: ruleSet.inlinePolicies)
            } catch {
                throw WasmError(file: name, location: .unknown, message: error.message)
            }
        } catch let error as WasmError {
            CommandIO.report(error)
            throw ExitCode(1)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = (try? encoder.encode(report)) ?? Data()
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(report.text, terminator: "")
        }
        if failOnSeams && report.seams > 0 { throw ExitCode(3) }
    }
}
