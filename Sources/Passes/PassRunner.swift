import Dispatch

/// One named transformation of a unit of IR: a lifted function (skeleton and e-graph),
/// elaborated code, or machine code. `run` changes the unit in place and returns how many
/// changes it made (what `--stats` reports).
///
/// Invariant: a pass leaves its unit meaning what it meant (same effects, results and traps)
/// and keeps the invariants the unit's type documents; the runner's verifier checks the
/// second after every pass when asked to.
public struct Pass<Unit>: Sendable {
    public let name: String
    /// Whether `--disable-pass` / `--passes` may leave it out (a pass the output needs, such
    /// as register allocation, may not).
    public let optional: Bool
    let body: @Sendable (inout Unit) throws(PassFailure) -> Int

    public init(
        _ name: String, optional: Bool = true, _ body: @escaping @Sendable (inout Unit) throws(PassFailure) -> Int
    ) {
        self.name = name
        self.optional = optional
        self.body = body
    }
}

/// Why a pass could not finish (its unit is then left as the pipeline's fallback decides), or
/// why the verifier rejected what a pass left: an internal error naming the pass.
public struct PassFailure: Error, Sendable, CustomStringConvertible {
    public var pass: String
    public var reason: String
    /// True when the verifier rejected the unit after the pass (a bug in the pass).
    public var isVerification: Bool

    public init(pass: String, reason: String, isVerification: Bool = false) {
        self.pass = pass
        self.reason = reason
        self.isVerification = isVerification
    }

    public var description: String {
        isVerification ? "internal error: pass \(pass) left invalid IR: \(reason)" : "pass \(pass): \(reason)"
    }
}

/// What the user asked of the passes: which run, which are printed after, whether the IR is
/// verified after each. The same options serve every level (skeleton, code, machine); a
/// name a level does not have is simply not found there.
public struct PassOptions: Sendable, Hashable {
    /// Optional passes not to run.
    public var disabled: Set<String> = []
    /// When set, only these optional passes run (required ones always do), in the pipeline's
    /// own order.
    public var only: Set<String>? = nil
    /// Print the unit after these passes (`--print-after`; `all` for every pass).
    public var printAfter: Set<String> = []
    /// Run the unit's verifier after every pass. On in debug builds (and so in the tests).
    public var verify: Bool = PassOptions.debugBuild
    /// How many functions are worked on at once (`--jobs`; nil: one per core). The output
    /// does not depend on it (`Parallel`).
    public var jobs: Int? = nil

    public init() {}

    #if DEBUG
        public static let debugBuild = true
    #else
        public static let debugBuild = false
    #endif

    /// Whether the pass named `name` runs.
    public func runs(_ name: String, optional: Bool) -> Bool {
        guard optional else { return true }
        if disabled.contains(name) { return false }
        if let only { return only.contains(name) }
        return true
    }

    public func prints(_ name: String) -> Bool { printAfter.contains(name) || printAfter.contains("all") }
}

/// Per-pass figures of one run (summed over functions): how often each ran, the changes it
/// reported, and its time. Names keep the order they first ran in.
///
/// Invariant: `order` lists each name of `figures` once.
public struct PassStatistics: Sendable, Hashable {
    public struct Figures: Sendable, Hashable {
        public var runs = 0
        public var changes = 0
        public var nanoseconds: UInt64 = 0
    }

    public private(set) var order: [String] = []
    public private(set) var figures: [String: Figures] = [:]

    public init() {}

    /// The changes the pass named `name` reported (0 when it did not run).
    public func changes(_ name: String) -> Int { figures[name]?.changes ?? 0 }

    public mutating func record(_ name: String, changes: Int, nanoseconds: UInt64) {
        if figures[name] == nil { order.append(name) }
        figures[name, default: Figures()].runs += 1
        figures[name, default: Figures()].changes += changes
        figures[name, default: Figures()].nanoseconds += nanoseconds
    }

    public mutating func absorb(_ other: PassStatistics) {
        for name in other.order {
            guard let f = other.figures[name] else { continue }
            if figures[name] == nil { order.append(name) }
            figures[name, default: Figures()].runs += f.runs
            figures[name, default: Figures()].changes += f.changes
            figures[name, default: Figures()].nanoseconds += f.nanoseconds
        }
    }

    /// One line per pass: `pass NAME: N runs, M changes, S s`.
    public var lines: [String] {
        order.compactMap { name in
            guard let f = figures[name] else { return nil }
            let seconds = Double(f.nanoseconds) / 1e9
            let s = (seconds * 1000).rounded() / 1000
            return "pass \(name): \(f.runs) runs, \(f.changes) changes, \(s) s"
        }
    }
}

/// What running passes left to report: per-pass figures and the units printed after the
/// passes `--print-after` names, in order.
public struct PassLog: Sendable {
    public var statistics = PassStatistics()
    public var printed: [String] = []
    /// Named totals the passes add to (summed over functions), in the order first added:
    /// e.g. the bytes of spill code.
    public private(set) var totals: [(name: String, value: Int)] = []

    public init() {}

    public mutating func add(_ name: String, _ value: Int) {
        if let k = totals.firstIndex(where: { $0.name == name }) {
            totals[k].value += value
        } else {
            totals.append((name, value))
        }
    }

    public mutating func absorb(_ other: PassLog) {
        statistics.absorb(other.statistics)
        printed += other.printed
        for (name, value) in other.totals { add(name, value) }
    }
}

/// Runs passes over a unit in order: skips those the options leave out, times and counts
/// each, verifies the unit after each when asked (a failure names the pass), and prints it
/// after the passes named by `--print-after`.
///
/// Invariant: the unit returned has been through exactly the passes `options.runs` admits,
/// in the order given, and — with `verify` — satisfied the verifier after each of them.
public struct PassRunner<Unit>: Sendable {
    public var passes: [Pass<Unit>]
    public var options: PassOptions
    /// The invariant checker of the unit's type: nil when the unit is well formed, else what
    /// is wrong.
    public var verifier: (@Sendable (Unit) -> String?)?
    /// The unit as text, for `--print-after`.
    public var printer: (@Sendable (Unit) -> String)?

    public init(
        _ passes: [Pass<Unit>], options: PassOptions, verifier: (@Sendable (Unit) -> String?)? = nil,
        printer: (@Sendable (Unit) -> String)? = nil
    ) {
        self.passes = passes
        self.options = options
        self.verifier = verifier
        self.printer = printer
    }

    /// Runs every admitted pass on `unit`; figures and printed text (headed `; after PASS
    /// (title)`) go to `log`.
    public func run(_ unit: inout Unit, title: String, log: inout PassLog) throws(PassFailure) {
        for pass in passes where options.runs(pass.name, optional: pass.optional) {
            let start = DispatchTime.now().uptimeNanoseconds
            let changes = try pass.body(&unit)
            log.statistics.record(
                pass.name, changes: changes, nanoseconds: DispatchTime.now().uptimeNanoseconds - start)
            if options.verify, let verifier, let problem = verifier(unit) {
                throw PassFailure(pass: pass.name, reason: "\(title): \(problem)", isVerification: true)
            }
            if options.prints(pass.name), let printer {
                log.printed.append("; after \(pass.name) (\(title))\n" + printer(unit))
            }
        }
    }

    /// The names of the passes, in order (for `--list-passes`).
    public var names: [String] { passes.map(\.name) }
}
