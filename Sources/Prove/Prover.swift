import Rules
import WasmModel
import Z3
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What proving a rule found.
public enum Verdict: Hashable, Sendable {
    /// Every case's query is unsat in this theory: the rule is sound.
    case proved(Theory)
    /// A binding under which the guards hold and the sides differ, confirmed by evaluating
    /// both sides concretely.
    case refuted(Counterexample)
    /// The solver gave up (time limit) or its answer did not check out.
    case unknown(String)
    /// The rule uses something the prover gives no meaning to (floating point).
    case refused(String)

    public var isProved: Bool {
        if case .proved = self { return true }
        return false
    }
}

/// A binding that breaks a rule, and what each side gives on it.
public struct Counterexample: Hashable, Sendable {
    public var binding: Binding
    public var left: Evaluation
    public var right: Evaluation
    /// The type both sides have.
    public var type: ValueType
}

/// A rule's proof attempt: the verdict, and the queries of the theory that decided it.
public struct Proof: Sendable {
    public var rule: Rule
    public var verdict: Verdict
    /// The theory of `cases`, nil when the rule could not be encoded.
    public var theory: Theory?
    public var cases: [ProofCase]
    public var seconds: Double
}

/// Proves rules with Z3: for each rule, "the guards hold, the constants are defined, and the
/// sides differ in trapping or in value" must be unsat.
///
/// Strategy: a concrete search over edge values and random ones (it only ever refutes);
/// bit-vectors under a short budget (they decide bitwise rules at once); then, for rules the integer theory can express, integers (arithmetic rules such as
/// magic-number division); then bit-vectors again under the full budget. "unknown" is a
/// failure, never a pass.
public struct Prover: Sendable {
    /// Time allowed for one query (one case of one rule), in seconds.
    public var timeout: Double
    /// Look for a counterexample among edge values before asking Z3 (they read better:
    /// `?x = -1` rather than a large random value). Z3 alone still decides every rule.
    public var searchFirst: Bool

    public init(timeout: Double = 30, searchFirst: Bool = true) {
        self.timeout = timeout
        self.searchFirst = searchFirst
    }

    /// The queries proving `rule` in `theory` (what `proofs/` stores).
    public static func cases(of rule: Rule, theory: Theory) -> Result<[ProofCase], ProofFailure> {
        do throws(TermEncodingError) {
            return .success(try RuleQuery.cases(of: rule, theory: theory))
        } catch {
            switch error {
            case .refused(let why): return .failure(.refused(why))
            case .inexpressible(let why): return .failure(.inexpressible(why))
            }
        }
    }

    /// Why a rule has no queries in a theory.
    public enum ProofFailure: Error, Hashable, Sendable {
        case refused(String)
        case inexpressible(String)
    }

    /// Proves `rule`, choosing the theory (or using `theory` when given).
    public func prove(_ rule: Rule, theory only: Theory? = nil, context: Context) -> Proof {
        let start = Date()
        func finish(_ verdict: Verdict, _ theory: Theory?, _ cases: [ProofCase]) -> Proof {
            Proof(rule: rule, verdict: verdict, theory: theory, cases: cases, seconds: Date().timeIntervalSince(start))
        }
        let bitVector = Self.cases(of: rule, theory: .bitVector)
        if case .failure(.refused(let why)) = bitVector { return finish(.refused(why), nil, []) }
        let integer = Self.cases(of: rule, theory: .integer)
        let full = UInt32(timeout * 1000)
        var plan: [(Theory, [ProofCase], UInt32)] = []
        switch (only, bitVector, integer) {
        case (.bitVector?, .success(let b), _): plan = [(.bitVector, b, full)]
        case (.integer?, _, .success(let i)): plan = [(.integer, i, full)]
        case (nil, .success(let b), .success(let i)):
            plan = [(.bitVector, b, min(full, 2000)), (.integer, i, full), (.bitVector, b, full)]
        case (nil, .success(let b), .failure): plan = [(.bitVector, b, min(full, 2000)), (.bitVector, b, full)]
        case (nil, .failure, .success(let i)): plan = [(.integer, i, full)]
        default:
            let why: String
            switch only == .integer ? integer : bitVector {
            case .failure(.inexpressible(let w)), .failure(.refused(let w)): why = w
            case .success: why = "no theory"
            }
            return finish(.refused(why), nil, [])
        }
        var lastReason = "unknown"
        for (step, (theory, cases, budget)) in plan.enumerated() {
            if plan.count > 1, step == (searchFirst ? 0 : 1), let c = Search.counterexample(to: rule) {
                return finish(.refuted(c), theory, cases)
            }
            switch run(cases, rule: rule, milliseconds: budget, context: context) {
            case .unsat: return finish(.proved(theory), theory, cases)
            case .refuted(let c): return finish(.refuted(c), theory, cases)
            case .failed(let why): return finish(.unknown(why), theory, cases)
            case .unknown(let why): lastReason = why
            }
        }
        return finish(.unknown(lastReason), plan.last?.0, plan.last?.1 ?? [])
    }

    enum Attempt {
        case unsat
        case refuted(Counterexample)
        case unknown(String)
        case failed(String)
    }

    /// Runs each case until one is not unsat.
    func run(_ cases: [ProofCase], rule: Rule, milliseconds: UInt32, context: Context) -> Attempt {
        for c in cases {
            let outcome: Outcome
            do throws(Z3Error) {
                outcome = try context.solve(c.query, milliseconds: milliseconds)
            } catch {
                return .failed(error.description)
            }
            switch outcome {
            case .unsat: continue
            case .unknown(let why):
                return .unknown(
                    "\(why) after \(Double(milliseconds) / 1000) s" + (c.label.isEmpty ? "" : " in case \(c.label)"))
            case .sat(let model):
                return confirm(model, rule: rule)
            }
        }
        return .unsat
    }

    /// Reads a binding off a model and checks it concretely: the guards hold and the sides
    /// differ. A model that does not check out means the encoding is wrong: a failure.
    func confirm(_ model: [String: UInt64], rule: Rule) -> Attempt {
        guard let c = Binding(of: rule, bits: { model["?" + $0] ?? 0 }).counterexample(to: rule) else {
            return .failed("Z3's counterexample does not reproduce concretely (an encoding bug)")
        }
        return .refuted(c)
    }
}
