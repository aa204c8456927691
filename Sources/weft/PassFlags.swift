import ArgumentParser
import Passes
import Pipeline

/// The pass options `weft optimize` and `weft compile` share, as LLVM and Binaryen users
/// expect them: print the IR after a pass, leave passes out, run only some, verify each.
struct PassFlags: ParsableArguments {
    @Option(
        name: .customLong("print-after"),
        help: ArgumentHelp(
            "Print each function's IR on stderr after this pass (repeatable; `all` for every pass).",
            valueName: "PASS"))
    var printAfter: [String] = []

    @Option(
        name: .customLong("disable-pass"),
        help: ArgumentHelp("Do not run this optional pass (repeatable).", valueName: "PASS"))
    var disabled: [String] = []

    @Option(
        name: .customLong("passes"),
        help: ArgumentHelp(
            "Run only these optional passes (comma-separated), in the pipeline's order.", valueName: "LIST"))
    var only: String?

    @Flag(name: .customLong("verify-each"), help: "Verify the IR after every pass (always on in debug builds).")
    var verifyEach = false

    @Flag(name: .customLong("list-passes"), help: "List every pass by level, then exit.")
    var listPasses = false

    @Option(
        name: .customLong("jobs"),
        help: ArgumentHelp(
            "Functions optimized and compiled at once (default: one per core); the output is the same for any N.",
            valueName: "N"))
    var jobs: Int?

    /// Every pass name, by level.
    static var known: [String] { Pipeline.passNames.flatMap(\.names) }

    func validate() throws {
        let names = printAfter + disabled + (only?.split(separator: ",").map(String.init) ?? [])
        for name in names where name != "all" && !Self.known.contains(name) {
            throw ValidationError("unknown pass \(name); passes: \(Self.known.joined(separator: ", "))")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs \(jobs): expected a number of jobs of 1 or more") }
    }

    var options: PassOptions {
        var o = PassOptions()
        o.printAfter = Set(printAfter)
        o.disabled = Set(disabled)
        o.only = only.map { Set($0.split(separator: ",").map(String.init)) }
        if verifyEach { o.verify = true }
        o.jobs = jobs
        return o
    }

    /// Prints the passes when asked; true when it did (the command then stops).
    func listIfAsked() -> Bool {
        guard listPasses else { return false }
        for (level, names) in Pipeline.passNames { print("\(level): \(names.joined(separator: " "))") }
        return true
    }

    /// Writes what `--print-after` printed and, with `stats`, one line per pass, on stderr.
    func report(_ log: PassLog, stats: Bool) {
        for text in log.printed { CommandIO.note(text) }
        if stats {
            for line in log.statistics.lines { CommandIO.note(line) }
            for (name, value) in log.totals { CommandIO.note("\(name): \(value)") }
        }
    }
}

/// `--exact`, shared by `optimize` and `compile`: which functions are also extracted exactly.
struct ExactFlags: ParsableArguments {
    @Option(
        help:
            "Extract these functions exactly with Z3's optimizer as well as greedily, keeping the smaller: hot (the --hot functions; default), all or none."
    )
    var exact: ExactScope = .hot
}
