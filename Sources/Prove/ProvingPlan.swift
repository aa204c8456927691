import Dispatch
import Rules
import Synchronization
import Z3

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One `weft prove` run over a rule set: which rules Z3 proves and in which theory, the
/// rules proved in parallel (one Z3 context per worker), and the proof stores judged and
/// kept (each rule's in `proofs/` inside its own folder, unless one folder is named for all):
/// under `.check` a missing or stale proof fails, under `.write` proved rules' proofs are
/// stored and those of rules that no longer exist in a folder given whole removed.
///
/// Invariant: `run` reports exactly one result per rule, in the rules' order, each as soon as
/// it and every earlier rule are done. Z3 runs only for rules whose step is `.prove`: under
/// `.check` a rule whose stored proof is not current fails without running Z3, and one whose
/// proof is current is proved again in the stored theory. A store changes only under
/// `.write`, and only in the proofs of the rules run and of rules gone from a folder given
/// whole.
public struct ProvingPlan: Sendable {
    /// What the run does with `proofs/`.
    public enum Mode: Hashable, Sendable {
        /// Prove only; the store is not read.
        case prove
        /// A rule without a current proof fails; so does a proof without a rule.
        case check
        /// Store every proved rule's proof; remove the proofs of rules that no longer exist.
        case write
    }

    /// What is done with one rule.
    public enum Step: Hashable, Sendable {
        /// Prove it with Z3, in this theory (nil: the prover's strategy picks).
        case prove(Theory?)
        /// Fail it without running Z3 (`.missing` or `.stale`).
        case fail(RuleOutcome)
    }

    public var rules: [Rule]
    /// The rule files or directories the rules came from, as given. Orphan proofs are judged
    /// in the store of each directory given whole, never for a single file.
    public var paths: [String]
    /// Where every rule's proof is kept; nil: `proofs/` in the folder of the rule's file.
    public var store: ProofStore?
    public var mode: Mode
    /// Prove in this theory only (outside `.check`, where each proof's stored theory is used).
    public var theory: Theory?
    public var prover: Prover
    /// Rules proved in parallel; nil: the number of cores.
    public var jobs: Int?

    public init(
        rules: [Rule], paths: [String], store: ProofStore? = nil, mode: Mode, theory: Theory? = nil,
        prover: Prover = Prover(), jobs: Int? = nil
    ) {
        self.rules = rules
        self.paths = paths
        self.store = store
        self.mode = mode
        self.theory = theory
        self.prover = prover
        self.jobs = jobs
    }

    /// The store holding `rule`'s proof.
    public func store(for rule: Rule) -> ProofStore {
        store ?? ProofStore(besideRulesFile: rule.location.file)
    }

    /// Each rule's step, in the rules' order: under `.check`, the stored proof decides (a
    /// current one's theory, else the failure); otherwise `theory`.
    public func steps() -> [Step] {
        rules.map { rule in
            guard mode == .check else { return .prove(theory) }
            switch store(for: rule).status(of: rule) {
            case .current(let t): return .prove(t)
            case .missing: return .fail(.missing)
            case let status: return .fail(.stale(status))
            }
        }
    }

    /// Stored proofs of rules not among `rules`, in the store of each path that is a whole
    /// directory (a single file's rules say nothing of its neighbours'); with one store for
    /// every rule, only when every path is a directory.
    public func orphans() -> [String] {
        func isDirectory(_ path: String) -> Bool {
            var isDirectory = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory
        }
        if let store { return paths.allSatisfy(isDirectory) ? store.orphans(of: rules) : [] }
        var found: [String] = []
        for path in paths where isDirectory(path) {
            let folder = ProofStore.trimmed(path)
            let own = rules.filter { ProofStore.folder(of: $0.location.file) == folder }
            found += ProofStore(rulesFolder: folder).orphans(of: own)
        }
        return found
    }

    /// Proves the rules, calling `report` with each result in the rules' order (one call at a
    /// time), then keeps the store as `mode` says. Throws what writing a proof throws.
    public func run(report: @Sendable (RuleResult) -> Void = { _ in }) throws -> ProofRunResult {
        let steps = steps()
        let rules = rules
        let prover = prover
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
                let result: RuleResult
                switch (steps[index], context) {
                case (.fail(let outcome), _):
                    result = RuleResult(rule: rule, outcome: outcome, proof: nil)
                case (.prove(let theory), let context?):
                    result = RuleResult(prover.prove(rule, theory: theory, context: context))
                case (.prove, nil):
                    result = RuleResult(rule: rule, outcome: .error("cannot create a Z3 context"), proof: nil)
                }
                state.withLock { s in
                    s.results[index] = result
                    while s.reported < rules.count, let ready = s.results[s.reported] {
                        report(ready)
                        s.reported += 1
                    }
                }
            }
        }
        let results = state.withLock { $0.results.compactMap { $0 } }

        let orphans = orphans()
        var failures = results.filter { !$0.outcome.isProved }.count
        switch mode {
        case .write:
            for result in results { if let proof = result.proof { try store(for: result.rule).write(proof) } }
            for orphan in orphans { try? FileManager.default.removeItem(atPath: orphan) }
        case .check:
            failures += orphans.count
        case .prove:
            break
        }
        return ProofRunResult(results: results, orphans: orphans, failures: failures)
    }

    struct Progress {
        var results: [RuleResult?]
        var next = 0
        var reported = 0
    }
}

/// What a run found for one rule.
public enum RuleOutcome: Hashable, Sendable {
    /// Sound: every query unsat in this theory, in `seconds`.
    case proved(Theory, seconds: Double)
    /// A binding breaking the rule, checked concretely.
    case refuted(Counterexample)
    /// Z3 gave up (time limit), or its answer did not check out.
    case unknown(String)
    /// The rule uses something the prover gives no meaning to (floating point).
    case refused(String)
    /// `.check`: the rule has no stored proof.
    case missing
    /// `.check`: the stored proof is not current (`.changed`, `.outdated` or `.unreadable`).
    case stale(ProofStore.Status)
    /// The prover could not run (no Z3 context).
    case error(String)

    public var isProved: Bool {
        if case .proved = self { return true }
        return false
    }
}

/// One rule's result: the outcome, and the prover's attempt when Z3 ran.
///
/// Invariant: `proof` is nil exactly when the rule was not proved by Z3 (`.missing`,
/// `.stale`, `.error`); otherwise `outcome` is `proof`'s verdict.
public struct RuleResult: Sendable {
    public var rule: Rule
    public var outcome: RuleOutcome
    public var proof: Proof?

    public init(rule: Rule, outcome: RuleOutcome, proof: Proof?) {
        self.rule = rule
        self.outcome = outcome
        self.proof = proof
    }

    public init(_ proof: Proof) {
        rule = proof.rule
        self.proof = proof
        switch proof.verdict {
        case .proved(let t): outcome = .proved(t, seconds: proof.seconds)
        case .refuted(let c): outcome = .refuted(c)
        case .unknown(let why): outcome = .unknown(why)
        case .refused(let why): outcome = .refused(why)
        }
    }
}

/// What a whole run found.
///
/// Invariant: `results` holds one result per rule in the rules' order; `failures` counts the
/// results not proved, plus the orphans under `.check`; the run passes when it is 0.
public struct ProofRunResult: Sendable {
    public var results: [RuleResult]
    /// Stored proofs of rules that no longer exist (see `ProvingPlan.orphans()`): failures
    /// under `.check`, removed under `.write`.
    public var orphans: [String]
    public var failures: Int
}

extension ProofStore {
    /// The store of a rules folder's rules: its `proofs/` (`proofs` for the working folder,
    /// written as the empty string).
    public init(rulesFolder folder: String) {
        self.init(directory: folder.isEmpty ? "proofs" : folder + "/proofs")
    }

    /// The store of a rules file's rules: `proofs/` in the file's folder.
    public init(besideRulesFile file: String) { self.init(rulesFolder: Self.folder(of: file)) }

    /// Where the proofs of a rules file's rules are kept: `proofs/` in the file's folder
    /// (`rules/proofs` for `rules/algebra.weft`; `proofs` for a file in the working folder).
    public static func directory(besideRulesFile file: String) -> String {
        ProofStore(besideRulesFile: file).directory
    }

    /// The folder part of `file` as written (empty for a bare name).
    static func folder(of file: String) -> String {
        guard let slash = file.lastIndex(of: "/") else { return "" }
        return trimmed(String(file[..<slash]))
    }

    /// `path` without trailing slashes (`/` stays).
    static func trimmed(_ path: String) -> String {
        var p = path
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        return p
    }
}
