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
    /// How many times the rules that grow a term (`Rule.expands`: division by multiplication,
    /// `x mod d` through `x / d`) are applied, each time once to the graph as it stands and
    /// followed by `settleIterations` iterations of the other rules on what they built (to
    /// fold its constants, not to rewrite the whole graph again: on `bench/saturation.py`'s
    /// functions that took 4× the time for the same output); 0 leaves them out.
    public var expansionRounds: Int
    public var settleIterations: Int
    /// A function whose lifted e-graph already has `n` e-nodes may grow to `growth × n`
    /// e-nodes when that is more than `nodes`, its work budget rising in proportion: a big
    /// function is rewritten too instead of stopping at the node limit before its first
    /// iteration. Depends only on the input, so the output does too.
    public var growth: Int

    /// The limits for a graph that starts with `n` e-nodes (`growth`).
    public func scaled(forNodes n: Int) -> SaturationLimits {
        let (grown, overflow) = n.multipliedReportingOverflow(by: growth)
        guard growth > 0, !overflow, grown > nodes, nodes > 0 else { return self }
        var s = self
        s.nodes = grown
        let (more, workOverflow) = work.multipliedReportingOverflow(by: grown / nodes + 1)
        s.work = workOverflow ? .max : more
        return s
    }

    /// The default budget of work per function.
    public static let defaultWork = 4_000_000

    public init(
        iterations: Int = 30, nodes: Int = 10_000, work: Int = Self.defaultWork, seconds: Double? = nil,
        matchLimit: Int = 1_000, banLength: Int = 5, expansionRounds: Int = 2, settleIterations: Int = 2,
        growth: Int = 3
    ) {
        self.growth = growth
        self.expansionRounds = expansionRounds
        self.settleIterations = settleIterations
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
    /// The schedule ran to its end: no rule but those that grow a term changes the e-graph
    /// (those ran their rounds, `SaturationLimits.expansionRounds`).
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
    /// Positions in `rules` of the rules that do not grow a term, and of those that do
    /// (`Rule.expands`), found once.
    let simplifying: [Int]
    let expanding: [Int]

    public init(rules: [CompiledRule], limits: SaturationLimits = SaturationLimits()) {
        let values = rules.filter { !$0.rule.isAccess }
        self.rules = values
        self.limits = limits
        simplifying = values.indices.filter { !values[$0].rule.expands }
        expanding = values.indices.filter { values[$0].rule.expands }
    }

    /// The rules of `ruleSet` that rewrite values (load/store rules go to `AccessRewriter`).
    public init(_ ruleSet: RuleSet, limits: SaturationLimits = SaturationLimits()) {
        self.init(rules: ruleSet.rules.filter { !$0.isAccess }.map(CompiledRule.init), limits: limits)
    }

    struct Backoff {
        var timesBanned = 0
        var bannedUntil = 0
    }

    /// Saturates `graph` in phases: the rules that do not grow a term to saturation, then
    /// `limits.expansionRounds` times the growing ones applied once and the others for
    /// `limits.settleIterations` iterations; stops early at a limit (a settling phase cut
    /// at its own count is the schedule, not a limit: the run still reports `saturated`).
    public func run(_ graph: inout EGraph) throws(UnsoundRuleError) -> SaturationReport {
        graph.rebuild()
        let scaled = limits.scaled(forNodes: graph.nodeCount)
        if scaled.nodes != limits.nodes {
            var runner = self
            runner.limits = scaled
            return try runner.run(&graph)
        }
        var state = State(rules: rules.count)
        var stop = try saturate(&graph, simplifying, &state)
        if stop == .saturated, !expanding.isEmpty {
            for _ in 0..<limits.expansionRounds {
                if let limit = state.limitReached(graph, limits) {
                    stop = limit
                    break
                }
                guard try iterate(&graph, expanding, &state).changed else { break }
                stop = try saturate(&graph, simplifying, &state, iterations: limits.settleIterations)
                if stop != .saturated && stop != .iterationLimit { break }
                stop = .saturated
            }
        }
        var report = state.report
        report.stopReason = stop
        report.iterations = state.iteration
        report.nodes = graph.nodeCount
        report.classes = graph.classCount
        return report
    }

    /// What one run keeps across its phases: the report so far, the scheduler's bans, the
    /// iteration count, when it started.
    struct State {
        var report = SaturationReport()
        var backoff: [Backoff]
        var iteration = 0
        let start = DispatchTime.now().uptimeNanoseconds

        init(rules: Int) { backoff = Array(repeating: Backoff(), count: rules) }

        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

        /// The limit reached before another iteration, if any.
        func limitReached(_ graph: EGraph, _ limits: SaturationLimits) -> StopReason? {
            if iteration >= limits.iterations { return .iterationLimit }
            if graph.nodeCount >= limits.nodes { return .nodeLimit }
            if report.work >= limits.work { return .workLimit }
            if let cap = limits.seconds, elapsed() >= cap { return .timeLimit }
            return nil
        }
    }

    /// Iterates `active` (rule indices) until none changes the graph or a limit is reached.
    func saturate(_ graph: inout EGraph, _ active: [Int], _ state: inout State, iterations: Int = .max)
        throws(UnsoundRuleError) -> StopReason
    {
        guard !active.isEmpty else { return .saturated }
        let first = state.iteration
        while true {
            if let limit = state.limitReached(graph, limits) { return limit }
            if state.iteration - first >= iterations { return .iterationLimit }
            let (changed, banned) = try iterate(&graph, active, &state)
            if !changed && !banned && graph.nodeCount < limits.nodes { return .saturated }
            if !changed && banned {
                // Only banned rules could still change anything: lift the bans now (egg does
                // the same) instead of idling through empty iterations.
                for r in active {
                    state.backoff[r].bannedUntil = min(state.backoff[r].bannedUntil, state.iteration + 1)
                }
            }
        }
    }

    /// One iteration of `active`: every rule not banned searched against the graph as it
    /// stands, then each match's right-hand side built and merged, then a rebuild. Whether
    /// anything changed, and whether a rule was banned.
    func iterate(_ graph: inout EGraph, _ active: [Int], _ state: inout State) throws(UnsoundRuleError) -> (
        changed: Bool, banned: Bool
    ) {
        state.iteration += 1
        let iteration = state.iteration
        let t0 = DispatchTime.now().uptimeNanoseconds
        let index = graph.operatorIndex()
        var found: [(rule: Int, matches: [CompiledRule.Match])] = []
        var banned = false
        var scratch = CompiledRule.Scratch()
        for r in active {
            let rule = rules[r]
            if state.backoff[r].bannedUntil > iteration {
                banned = true
                continue
            }
            let threshold = limits.matchLimit << state.backoff[r].timesBanned
            var matches: [CompiledRule.Match] = []
            for eclass in index[rule.rootOp] ?? [] {
                state.report.work += 1
                rule.matches(in: graph, at: eclass, limit: threshold + 1, into: &matches, scratch: &scratch)
                if matches.count > threshold { break }
            }
            state.report.work += matches.count
            if matches.count > threshold {
                state.backoff[r].bannedUntil = iteration + (limits.banLength << state.backoff[r].timesBanned)
                state.backoff[r].timesBanned += 1
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
                if graph.nodeCount >= limits.nodes || state.report.work >= limits.work { break }
                state.report.work += 1
                guard let rhs = rules[r].instantiate(m, in: &graph) else { continue }
                if graph.union(m.root, rhs) { applied += 1 }
                if let problem = graph.contradiction {
                    graph.rebuild()
                    throw unsound(r, problem)
                }
            }
            if applied > 0 {
                changed = true
                state.report.applied[rules[r].rule.name, default: 0] += applied
            }
        }
        let t2 = DispatchTime.now().uptimeNanoseconds
        graph.rebuild()
        if let problem = graph.contradiction {
            throw unsound(found.last?.rule ?? 0, problem)
        }
        let t3 = DispatchTime.now().uptimeNanoseconds
        state.report.searchSeconds += Double(t1 - t0) / 1e9
        state.report.applySeconds += Double(t2 - t1) / 1e9
        state.report.rebuildSeconds += Double(t3 - t2) / 1e9
        return (changed, banned)
    }

    func unsound(_ r: Int, _ problem: String) -> UnsoundRuleError {
        let rule = rules[r].rule
        return UnsoundRuleError(rule: rule.name, location: rule.location, detail: problem)
    }
}
