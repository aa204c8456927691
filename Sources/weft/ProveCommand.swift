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
            With no FILES, proves the shipped rules.

            Proofs are kept in proofs/ inside each rules folder (rules/proofs/NAME.smt2 for \
            rules/my.weft), or in --proofs DIR. --write stores each proved rule's queries with \
            a digest of its text, touching only the proofs of the rules given (and, for a \
            folder given whole, removing proofs of its rules that no longer exist); --check \
            fails when a rule's stored proof is missing or stale, and proves each rule again.

            Exit status: 0 every rule proved (and, with --check, every proof current); 1 a \
            usage error, unreadable rules or no rules at all; 2 a rule refuted; 3 a rule \
            unknown or refused; 4 (--check) a proof missing, stale, or of no rule. When \
            several apply, the lowest.

            Examples:
              weft prove --check my-rules/
              weft prove --write my-rules/
              weft prove --quiet --json my-rules/ > proofs.json
            """
    )

    @Argument(help: "Rule files or folders (default: the shipped rules).")
    var files: [String] = []

    @Option(
        name: .customLong("rules"), help: ArgumentHelp("More rule files or folders (repeatable).", valueName: "DIR")
    )
    var rulePaths: [String] = []

    @Option(help: "Rules proved in parallel (one Z3 context each). Default: the number of cores.")
    var jobs: Int?

    @Option(help: "Seconds allowed for each query.")
    var timeout: Double = 30

    @Option(
        help: ArgumentHelp(
            "Keep every proof in this folder. Default: proofs/ inside each rule's folder.", valueName: "DIR"))
    var proofs: String?

    @Flag(help: "Write the proof of every proved rule (and remove proofs of rules gone from a folder given whole).")
    var write = false

    @Flag(help: "Fail when a rule's stored proof is missing or stale; prove each rule in its stored theory.")
    var check = false

    @Option(help: "Prove in this theory only: bv or int.")
    var theory: Theory?

    @Flag(help: "Print each rule's queries as SMT-LIB2 (what --write would store) instead of proving.")
    var printQueries = false

    @Flag(help: "Print the results as one JSON object on stdout (rules, outcomes, counterexamples, exit status).")
    var json = false

    @Flag(name: .shortAndLong, help: "Print only the rules not proved and the summary line.")
    var quiet = false

    func validate() throws {
        guard write != true || check != true else { throw ValidationError("--write and --check exclude each other") }
        guard (jobs ?? 1) >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
        if files.isEmpty && rulePaths.isEmpty && (write || check) && proofs == nil {
            throw ValidationError(
                "--\(write ? "write" : "check") needs the rule folders whose proofs it keeps: name them (weft prove --\(write ? "write" : "check") my-rules/)"
            )
        }
    }

    func run() throws {
        let paths = files + rulePaths
        let sources = try RulesOption.sources(paths)
        let set: RuleSet
        do {
            set = try RuleSet.parse(sources)
        } catch {
            CommandIO.note(error.description)
            throw ExitCode(1)
        }
        guard !set.rules.isEmpty else {
            CommandIO.note("weft: error: no rules in \(paths.joined(separator: ", ")): nothing to prove")
            throw ExitCode(1)
        }
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
            rules: rules, paths: paths, store: proofs.map { ProofStore(directory: $0) }, mode: mode, theory: theory,
            prover: prover, jobs: jobs)
        let width = rules.map(\.name.count).max() ?? 0
        let (json, quiet) = (json, quiet)
        let run = try plan.run { result in
            guard !json, !(quiet && result.outcome.isProved) else { return }
            let (status, detail) = Self.line(result, plan: plan)
            let name = result.rule.name.padded(to: width)
            print("\(status.padded(to: 8)) \(name)  \(detail)")
        }
        let orphans = check ? run.orphans : []
        if !json {
            for orphan in orphans { CommandIO.note("weft: error: \(orphan): proof of a rule that does not exist") }
        }
        var counts: [String: Int] = [:]
        for result in run.results { counts[Self.line(result, plan: plan).status, default: 0] += 1 }
        let summary = ["proved", "REFUTED", "unknown", "refused", "stale", "error"].compactMap { key in
            counts[key].map { "\($0) \(key.lowercased())" }
        }
        let seconds = Date().timeIntervalSince(started).fixed(1)
        let status = Self.exitStatus(run.results.map(\.outcome), orphans: orphans.count)
        if json {
            print(Self.json(run.results, orphans: orphans, status: status, plan: plan))
        } else {
            print("\(summary.joined(separator: ", ")) of \(rules.count) rules in \(seconds) s")
            if write && !quiet {
                let folders = Set(run.results.compactMap { $0.proof == nil ? nil : plan.store(for: $0.rule).directory })
                if !folders.isEmpty { print("proofs written to \(folders.sorted().joined(separator: ", "))") }
            }
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// The exit status of a run (see the discussion): the lowest that applies.
    static func exitStatus(_ outcomes: [RuleOutcome], orphans: Int) -> Int32 {
        var status: Int32 = 0
        func note(_ s: Int32) { status = status == 0 ? s : min(status, s) }
        for outcome in outcomes {
            switch outcome {
            case .proved: break
            case .refuted: note(2)
            case .unknown, .refused, .error: note(3)
            case .missing, .stale: note(4)
            }
        }
        if orphans > 0 { note(4) }
        return status
    }

    /// One rule's line of output: its status word, and the time (proved) or its location
    /// and why (otherwise).
    static func line(_ result: RuleResult, plan: ProvingPlan) -> (status: String, detail: String) {
        let (status, text): (String, String)
        let path = plan.store(for: result.rule).path(for: result.rule.name)
        switch result.outcome {
        case .proved(let t, let seconds): return ("proved", "\(t.rawValue), \(seconds.fixed(2)) s")
        case .refuted(let c): (status, text) = ("REFUTED", c.description)
        case .unknown(let why): (status, text) = ("unknown", why)
        case .refused(let why): (status, text) = ("refused", why)
        case .missing: (status, text) = ("stale", ProofStore.Status.missing.problem(at: path) ?? "")
        case .stale(let why): (status, text) = ("stale", why.problem(at: path) ?? "")
        case .error(let why): (status, text) = ("error", why)
        }
        return (status, "\(result.rule.location): \(text)")
    }

    /// One rule in `--json` output.
    struct RuleEntry: Encodable {
        var name: String
        var file: String
        var line: Int
        var column: Int
        var proof: String
        var outcome: String
        var theory: String?
        var seconds: Double?
        var counterexample: String?
        var reason: String?
    }

    /// The whole `--json` output.
    struct Output: Encodable {
        var rules: [RuleEntry]
        var orphans: [String]
        var counts: [String: Int]
        var status: Int32
    }

    /// The run as one JSON object: each rule's name, location, outcome and detail, the
    /// orphaned proofs, the counts and the exit status.
    static func json(_ results: [RuleResult], orphans: [String], status: Int32, plan: ProvingPlan) -> String {
        var output = Output(rules: [], orphans: orphans, counts: [:], status: status)
        for result in results {
            let rule = result.rule
            let path = plan.store(for: rule).path(for: rule.name)
            var entry = RuleEntry(
                name: rule.name, file: rule.location.file, line: rule.location.line, column: rule.location.column,
                proof: path, outcome: "")
            switch result.outcome {
            case .proved(let t, let seconds):
                entry.outcome = "proved"
                entry.theory = t.rawValue
                entry.seconds = (seconds * 1000).rounded() / 1000
            case .refuted(let c): (entry.outcome, entry.counterexample) = ("refuted", c.description)
            case .unknown(let why): (entry.outcome, entry.reason) = ("unknown", why)
            case .refused(let why): (entry.outcome, entry.reason) = ("refused", why)
            case .missing: (entry.outcome, entry.reason) = ("missing", ProofStore.Status.missing.problem(at: path))
            case .stale(let why): (entry.outcome, entry.reason) = ("stale", why.problem(at: path))
            case .error(let why): (entry.outcome, entry.reason) = ("error", why)
            }
            output.counts[entry.outcome, default: 0] += 1
            output.rules.append(entry)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(output)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

extension Theory: ExpressibleByArgument {}
