/// A Z3 tactic, kept as data so that the same strategy is written into a proof file as
/// SMT-LIB2 (`(check-sat-using …)`) and built through the C API.
public indirect enum Tactic: Hashable, Sendable, CustomStringConvertible {
    /// A built-in tactic by name (`simplify`, `bit-blast`, `sat`, `qfnia`, …).
    case named(String)
    /// Each tactic in turn on the goals the previous one left.
    case then([Tactic])
    /// A tactic with Boolean parameters set (`(using-params simplify :som true)`).
    case using(Tactic, [String: Bool])

    /// The tactic in SMT-LIB2 syntax, as `check-sat-using` takes it.
    public var description: String {
        switch self {
        case .named(let n): n
        case .then(let ts): "(then \(ts.map(\.description).joined(separator: " ")))"
        case .using(let t, let ps):
            "(using-params \(t) \(ps.sorted { $0.key < $1.key }.map { ":\($0.key) \($0.value)" }.joined(separator: " ")))"
        }
    }
}
