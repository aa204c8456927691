import Dispatch
import EGraph
import Rules

/// When saturation stops early: egg's 30 iterations and 10,000 nodes, and a budget of work
/// (`work`: classes searched, matches found, right-hand sides built) in place of egg's 5 s,
/// so the same input stops at the same point on any machine under any load. `seconds` is a
/// user's cap on top (`--timeout`), nil by default: a wall-time stop depends on the machine.
public struct SaturationLimits: Sendable {
    public var iterations: Int
    public var nodes: Int
    public var work: Int
    public var seconds: Double?
    /// Matches a rule may apply per iteration before the scheduler bans it (doubling with
    /// each ban), and for how many iterations the first ban lasts (also doubling).
    public var matchLimit: Int
    public var banLength: Int

    /// The default budget of work per function.
    public static let defaultWork = 4_000_000

    public init(
        iterations: Int = 30, nodes: Int = 10_000, work: Int = Self.defaultWork, seconds: Double? = nil,
        matchLimit: Int = 1_000, banLength: Int = 5
    ) {
        self.iterations = iterations
        self.nodes = nodes
        self.work = work
        self.seconds = seconds
        self.matchLimit = matchLimit
        self.banLength = banLength
    }
}

/// Why saturation stopped.
public enum StopReason: String, Sendable, CustomStringConvertible {
    /// No rule changed the e-graph: every equality the rules imply is represented.
    case saturated
    case iterationLimit = "iteration limit"
    case nodeLimit = "node limit"
    case workLimit = "work limit"
    case timeLimit = "time limit"

    public var description: String { rawValue }
}

/// What a saturation run did.
public struct SaturationReport: Sendable {
    public var iterations = 0
    public var nodes = 0
    public var classes = 0
    /// Rewrites applied (unions that changed the graph), per rule name.
    public var applied: [String: Int] = [:]
    public var searchSeconds = 0.0
    public var applySeconds = 0.0
    public var rebuildSeconds = 0.0
    /// Work done (`SaturationLimits.work`): classes searched, matches found, right-hand sides
    /// built.
    public var work = 0
    public var stopReason = StopReason.saturated

    public init() {}

    public var totalSeconds: Double { searchSeconds + applySeconds + rebuildSeconds }

    /// Adds another run's counts (for a module's worth of functions).
    public mutating func absorb(_ other: SaturationReport) {
        iterations += other.iterations
        nodes += other.nodes
        classes += other.classes
        applied.merge(other.applied, uniquingKeysWith: +)
        searchSeconds += other.searchSeconds
        applySeconds += other.applySeconds
        rebuildSeconds += other.rebuildSeconds
        work += other.work
    }
}

/// A rule merged two classes whose facts disagree (two different constants): the rule is
/// unsound. Saturation stops rather than emit a wrong program.
public struct UnsoundRuleError: Error, Sendable, CustomStringConvertible {
    public var rule: String
    public var location: SourceLocation
    public var detail: String

    public var description: String {
        "\(location): rule \(rule) is unsound: it \(detail) (run `weft prove` on it)"
    }
}

/// Equality saturation: search every rule, apply the matches, rebuild, until nothing
/// changes or a limit is hit. A backoff scheduler bans a rule that matches too often for a
/// while (egg's `BackoffScheduler`), so one explosive rule cannot starve the rest.
///
/// Invariant: the e-graph is rebuilt (congruence and facts restored) whenever `run` returns,
/// so it can be extracted from.
public struct Runner: Sendable {
    public let rules: [CompiledRule]
    public var limits: SaturationLimits

    public init(rules: [CompiledRule], limits: SaturationLimits = SaturationLimits()) {
        self.rules = rules.filter { !$0.rule.isAccess }
        self.limits = limits
    }

    /// The rules of `ruleSet` that rewrite values (load/store rules go to `AccessRewriter`).
    public init(_ ruleSet: RuleSet, limits: SaturationLimits = SaturationLimits()) {
        self.init(rules: ruleSet.rules.filter { !$0.isAccess }.map(CompiledRule.init), limits: limits)
    }

    struct Backoff {
        var timesBanned = 0
        var bannedUntil = 0
    }

    public func run(_ graph: inout EGraph) throws(UnsoundRuleError) -> SaturationReport {
        var report = SaturationReport()
        let start = DispatchTime.now().uptimeNanoseconds
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        var backoff = Array(repeating: Backoff(), count: rules.count)
        graph.rebuild()
        var iteration = 0
        while true {
            if iteration >= limits.iterations {
                report.stopReason = .iterationLimit
                break
            }
            if graph.nodeCount >= limits.nodes {
                report.stopReason = .nodeLimit
                break
            }
            if report.work >= limits.work {
                report.stopReason = .workLimit
                break
            }
            if let cap = limits.seconds, elapsed() >= cap {
                report.stopReason = .timeLimit
                break
            }
            iteration += 1
            // Search every rule that is not banned, against the graph as it stands.
            let t0 = DispatchTime.now().uptimeNanoseconds
            let index = graph.operatorIndex()
            var found: [(rule: Int, matches: [CompiledRule.Match])] = []
            var banned = false
            for (r, rule) in rules.enumerated() {
                if backoff[r].bannedUntil > iteration {
                    banned = true
                    continue
                }
                let threshold = limits.matchLimit << backoff[r].timesBanned
                var matches: [CompiledRule.Match] = []
                for eclass in index[rule.rootOp] ?? [] {
                    report.work += 1
                    matches += rule.matches(in: graph, at: eclass, limit: threshold + 1 - matches.count)
                    if matches.count > threshold { break }
                }
                report.work += matches.count
                if matches.count > threshold {
                    backoff[r].bannedUntil = iteration + (limits.banLength << backoff[r].timesBanned)
                    backoff[r].timesBanned += 1
                    banned = true
                    continue
                }
                if !matches.isEmpty { found.append((r, matches)) }
            }
            let t1 = DispatchTime.now().uptimeNanoseconds
            // Apply: instantiate each right-hand side and merge it with the matched class.
            var changed = false
            for (r, matches) in found {
                var applied = 0
                for m in matches {
                    if graph.nodeCount >= limits.nodes || report.work >= limits.work { break }
                    report.work += 1
                    guard let rhs = rules[r].instantiate(m, in: &graph) else { continue }
                    if graph.union(m.root, rhs) { applied += 1 }
                    if let problem = graph.contradiction {
                        graph.rebuild()
                        throw unsound(r, problem)
                    }
                }
                if applied > 0 {
                    changed = true
                    report.applied[rules[r].rule.name, default: 0] += applied
                }
            }
            let t2 = DispatchTime.now().uptimeNanoseconds
            graph.rebuild()
            if let problem = graph.contradiction {
                throw unsound(found.last?.rule ?? 0, problem)
            }
            let t3 = DispatchTime.now().uptimeNanoseconds
            report.searchSeconds += Double(t1 - t0) / 1e9
            report.applySeconds += Double(t2 - t1) / 1e9
            report.rebuildSeconds += Double(t3 - t2) / 1e9
            if !changed && !banned && graph.nodeCount < limits.nodes {
                report.stopReason = .saturated
                break
            }
            if !changed && banned {
                // Only banned rules could still change anything: lift the bans now (egg does
                // the same) instead of idling through empty iterations.
                for r in backoff.indices { backoff[r].bannedUntil = min(backoff[r].bannedUntil, iteration + 1) }
            }
        }
        report.iterations = iteration
        report.nodes = graph.nodeCount
        report.classes = graph.classCount
        return report
    }

    func unsound(_ r: Int, _ problem: String) -> UnsoundRuleError {
        let rule = rules[r].rule
        return UnsoundRuleError(rule: rule.name, location: rule.location, detail: problem)
    }
}
