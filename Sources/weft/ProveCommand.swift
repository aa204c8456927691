import ArgumentParser
import Dispatch
import Foundation
import Prove
import Rules
import Synchronization
import Z3

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
        let store = ProofStore(directory: proofs ?? Self.defaultProofs(rules: paths))
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

        // What --check found before proving: a stale proof fails without running Z3.
        let plan: [(theory: Theory?, problem: String?)] = rules.map { rule in
            guard check else { return (theory, nil) }
            switch store.status(of: rule) {
            case .current(let t): return (t, nil)
            case let status: return (nil, status.problem)
            }
        }

        let width = rules.map(\.name.count).max() ?? 0
        let state = Mutex(Progress(results: Array(repeating: nil, count: rules.count)))
        let workers = min(jobs ?? ProcessInfo.processInfo.activeProcessorCount, max(rules.count, 1))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let context = try? Context()
            while true {
                let index = state.withLock { s in
                    defer { s.next += 1 }
                    return s.next
                }
                guard index < rules.count else { return }
                let rule = rules[index]
                let line: Line
                if let problem = plan[index].problem {
                    line = Line(status: "stale", detail: problem, proof: nil)
                } else if let context {
                    let proof = prover.prove(rule, theory: plan[index].theory, context: context)
                    line = Line(proof)
                } else {
                    line = Line(status: "error", detail: "cannot create a Z3 context", proof: nil)
                }
                state.withLock { s in
                    s.results[index] = line
                    while s.printed < rules.count, let ready = s.results[s.printed] {
                        let r = rules[s.printed]
                        let name = r.name.padding(toLength: width, withPad: " ", startingAt: 0)
                        print(
                            "\(ready.status.padding(toLength: 8, withPad: " ", startingAt: 0)) \(name)  \(ready.detail(r))"
                        )
                        s.printed += 1
                    }
                }
            }
        }
        let lines = state.withLock { $0.results.compactMap { $0 } }

        var failed = lines.filter { $0.status != "proved" }.count
        // Proofs of rules that no longer exist, when whole rules directories were proved.
        let wholeDirectories = paths.allSatisfy { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
        let orphans = wholeDirectories ? store.orphans(of: rules) : []
        if write {
            for line in lines { if let proof = line.proof { try store.write(proof) } }
            for orphan in orphans { try? FileManager.default.removeItem(atPath: orphan) }
        } else if check {
            for orphan in orphans { CommandIO.note("weft: error: \(orphan): proof of a rule that does not exist") }
            failed += orphans.count
        }
        var counts: [String: Int] = [:]
        for line in lines { counts[line.status, default: 0] += 1 }
        let summary = ["proved", "REFUTED", "unknown", "refused", "stale", "error"].compactMap { key in
            counts[key].map { "\($0) \(key.lowercased())" }
        }
        let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
        print("\(summary.joined(separator: ", ")) of \(rules.count) rules in \(seconds) s")
        if write { print("proofs written to \(store.directory)/") }
        if failed > 0 { throw ExitCode(1) }
    }

    /// `proofs/` beside the rules directory (or beside the directory of the rules file).
    static func defaultProofs(rules paths: [String]) -> String {
        let rules = paths.first ?? RuleSet.defaultDirectory(executable: CommandLine.arguments[0]) ?? "rules"
        var isDirectory: ObjCBool = false
        var url = URL(fileURLWithPath: rules)
        if !(FileManager.default.fileExists(atPath: rules, isDirectory: &isDirectory) && isDirectory.boolValue) {
            url.deleteLastPathComponent()
        }
        let proofs = url.deletingLastPathComponent().appendingPathComponent("proofs").path
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return proofs.hasPrefix(cwd) ? String(proofs.dropFirst(cwd.count)) : proofs
    }

    struct Progress {
        var results: [Line?]
        var next = 0
        var printed = 0
    }

    /// One rule's line of output.
    struct Line: Sendable {
        var status: String
        var text: String
        var proof: Proof?

        init(status: String, detail: String, proof: Proof?) {
            self.status = status
            self.text = detail
            self.proof = proof
        }

        init(_ proof: Proof) {
            self.proof = proof
            let time = String(format: "%.2f s", proof.seconds)
            switch proof.verdict {
            case .proved(let t): (status, text) = ("proved", "\(t.rawValue), \(time)")
            case .refuted(let c): (status, text) = ("REFUTED", c.description)
            case .unknown(let why): (status, text) = ("unknown", why)
            case .refused(let why): (status, text) = ("refused", why)
            }
        }

        func detail(_ rule: Rule) -> String {
            status == "proved" ? text : "\(rule.location): \(text)"
        }
    }
}

extension Theory: ExpressibleByArgument {}
