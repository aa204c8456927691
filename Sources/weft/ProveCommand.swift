import ArgumentParser
import Prove
import Rules
import Z3

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

struct ProveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prove",
        abstract: "Prove rewrite rules sound with Z3.",
        discussion: """
            For each rule, Z3 looks for a binding under which the guards hold and the two sides \
            differ: in trapping, or in value where neither traps. Prints one line per rule: \
            `proved`, `REFUTED` with a counterexample in Wasm notation (checked by evaluating \
            both sides), `unknown` after the time limit, or `refused` (no float semantics). \
            Exits 1 unless every rule is proved.
            --write stores each proved rule's queries in proofs/NAME.smt2 with a digest of its \
            text; --check fails when a rule's stored proof is missing or stale, and proves \
            each rule again. With no FILES, proves the default rules directory.
            Example: weft prove --check
            """
    )

    @Argument(help: "Rule files or directories.")
    var files: [String] = []

    @Option(
        name: .customLong("rules"), help: ArgumentHelp("More rule files or directories (repeatable).", valueName: "DIR")
    )
    var rulePaths: [String] = []

    @Option(help: "Rules proved in parallel (one Z3 context each). Default: the number of cores.")
    var jobs: Int?

    @Option(help: "Seconds allowed for each query.")
    var timeout: Double = 30

    @Option(
        help: ArgumentHelp("Where proofs are stored. Default: proofs/ beside the rules directory.", valueName: "DIR"))
    var proofs: String?

    @Flag(help: "Write proofs/NAME.smt2 for every proved rule (and remove proofs of rules that no longer exist).")
    var write = false

    @Flag(help: "Fail when a rule's proof in proofs/ is missing or stale; prove each rule in its stored theory.")
    var check = false

    @Option(help: "Prove in this theory only: bv or int.")
    var theory: Theory?

    @Flag(help: "Print each rule's queries as SMT-LIB2 (what --write would store) instead of proving.")
    var printQueries = false

    func validate() throws {
        guard write != true || check != true else { throw ValidationError("--write and --check exclude each other") }
        guard (jobs ?? 1) >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
    }

    func run() throws {
        let paths = files + rulePaths
        let set = try RulesOption.load(paths)
        let store = ProofStore(
            directory: proofs ?? ProofStore.defaultDirectory(rules: paths, executable: CommandLine.arguments[0]))
        let rules = set.rules
        let prover = Prover(timeout: timeout)
        let started = Date()
        if printQueries {
            for rule in rules {
                for t in theory.map({ [$0] }) ?? Theory.allCases {
                    switch Prover.cases(of: rule, theory: t) {
                    case .success(let cases): print(ProofFile(rule: rule, theory: t, cases: cases).text)
                    case .failure(let why): print("; \(rule.name) has no \(t.rawValue) queries: \(why)\n")
                    }
                }
            }
            return
        }

        let mode: ProvingPlan.Mode = check ? .check : write ? .write : .prove
        let plan = ProvingPlan(
            rules: rules, paths: paths, store: store, mode: mode, theory: theory, prover: prover, jobs: jobs)
        let width = rules.map(\.name.count).max() ?? 0
        let run = try plan.run { result in
            let (status, detail) = Self.line(result)
            let name = result.rule.name.padded(to: width)
            print("\(status.padded(to: 8)) \(name)  \(detail)")
        }
        if check {
            for orphan in run.orphans { CommandIO.note("weft: error: \(orphan): proof of a rule that does not exist") }
        }
        var counts: [String: Int] = [:]
        for result in run.results { counts[Self.line(result).status, default: 0] += 1 }
        let summary = ["proved", "REFUTED", "unknown", "refused", "stale", "error"].compactMap { key in
            counts[key].map { "\($0) \(key.lowercased())" }
        }
        let seconds = Date().timeIntervalSince(started).fixed(1)
        print("\(summary.joined(separator: ", ")) of \(rules.count) rules in \(seconds) s")
        if write { print("proofs written to \(store.directory)/") }
        if run.failures > 0 { throw ExitCode(1) }
    }

    /// One rule's line of output: its status word, and the time (proved) or its location
    /// and why (otherwise).
    static func line(_ result: RuleResult) -> (status: String, detail: String) {
        let (status, text): (String, String)
        switch result.outcome {
        case .proved(let t, let seconds): return ("proved", "\(t.rawValue), \(seconds.fixed(2)) s")
        case .refuted(let c): (status, text) = ("REFUTED", c.description)
        case .unknown(let why): (status, text) = ("unknown", why)
        case .refused(let why): (status, text) = ("refused", why)
        case .missing: (status, text) = ("stale", ProofStore.Status.missing.problem ?? "")
        case .stale(let why): (status, text) = ("stale", why.problem ?? "")
        case .error(let why): (status, text) = ("error", why)
        }
        return (status, "\(result.rule.location): \(text)")
    }
}

extension Theory: ExpressibleByArgument {}
