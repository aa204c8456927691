/// The sums `weft_memory + v` (the physical address of a Wasm address `v` in a local) that a
/// compilation built again and again although `v` did not change, and where one sum could
/// serve them all: at the entry for a local the function never writes (a parameter), after
/// its one write for a local written once (for the rest of the construct holding the write,
/// which the write dominates: an inlined callee's parameter), else before the outermost
/// enclosing loop that does not write it (its preheader, which dominates the loop's blocks).
///
/// Native code holds the pointer `weft_memory + v` where weft holds `v` and rebuilds the sum
/// in each block that reaches memory through it (`physical` shares it within one block
/// only). Compiling the function records here each such rebuild (`rebuilt`) and each write
/// of a local (`wrote`); `candidates` then says, per local and region, how many rebuilds one
/// sum would replace.
///
/// Invariant: `rebuilds` and `writes` follow the order in which the compilation emitted them,
/// and loop ordinals count the loops in that order from 1, so a compilation of the same code
/// finds the same loops under the same ordinals; `candidates` is sorted (most rebuilds first,
/// then by region and local), so the same function gets the same plan.
struct InvariantAddresses: Sendable {
    /// Where a shared sum is computed and for how long it holds.
    enum Region: Hashable, Comparable, Sendable {
        /// From the entry (a local never written) to the end of the function, or from the
        /// local's one write to the end of the construct (or `if` arm) holding it.
        case function
        /// Before the loop with this ordinal, for the whole loop.
        case loop(Int)
    }

    /// One rebuilt sum: the local, the loops open around it (outermost first), and whether
    /// the local had had exactly one write by then, in a construct still open.
    struct Rebuild: Sendable {
        var local: Int
        var loops: [Int]
        var afterOnlyWrite: Bool
    }

    /// A sum worth sharing: `rebuilds` sums of `local` in `region` would become one;
    /// `inLoop` when one of them lay in a loop (which the shared sum leaves).
    struct Candidate: Equatable, Sendable {
        var region: Region
        var local: Int
        var rebuilds: Int
        var inLoop: Bool
    }

    /// Which sums a compilation builds once: by local at the entry (locals never written),
    /// after the local's one write, and by loop ordinal before that loop.
    struct Plan: Equatable, Sendable {
        var entry: Set<Int> = []
        var afterWrite: Set<Int> = []
        var loops: [Int: [Int]] = [:]
        /// Whether a sum leaves a loop: the code is faster even where it is no smaller.
        var leavesLoop = false

        var isEmpty: Bool { entry.isEmpty && afterWrite.isEmpty && loops.isEmpty }
    }

    /// The plan building `candidates`' sums.
    func plan(_ candidates: some Sequence<Candidate>) -> Plan {
        var plan = Plan()
        for c in candidates {
            plan.leavesLoop = plan.leavesLoop || c.inLoop
            switch c.region {
            case .function where writes[c.local] == nil: plan.entry.insert(c.local)
            case .function: plan.afterWrite.insert(c.local)
            case .loop(let l): plan.loops[l, default: []].append(c.local)
            }
        }
        for l in plan.loops.keys { plan.loops[l]?.sort() }
        return plan
    }

    private(set) var rebuilds: [Rebuild] = []
    /// How many times each local was written.
    private(set) var writes: [Int: Int] = [:]
    /// The locals written inside each loop (by ordinal), nested loops' writes included.
    private(set) var writtenInLoop: [Int: Set<Int>] = [:]
    /// The construct (its scope number, `FunctionCompiler.ControlFrame.scope`) holding each
    /// local's first write.
    private(set) var firstWriteScope: [Int: Int] = [:]

    /// Records a write of `local` inside `loops`, in the construct numbered `scope`.
    mutating func wrote(_ local: Int, loops: [Int], scope: Int) {
        if writes[local] == nil { firstWriteScope[local] = scope }
        writes[local, default: 0] += 1
        for l in loops { writtenInLoop[l, default: []].insert(local) }
    }

    /// Records that a block built `weft_memory + local` anew inside `loops`; `dominated` when
    /// the construct holding the local's first write is still open.
    mutating func rebuilt(_ local: Int, loops: [Int], dominated: Bool) {
        let once = writes[local] == 1 && dominated
        rebuilds.append(Rebuild(local: local, loops: loops, afterOnlyWrite: once))
    }

    /// Where one sum could replace `r`: the function when its local is never written (or
    /// written once, before `r` in a construct holding `r`), else the outermost of `r`'s loops that
    /// does not write it; nil when every loop around it writes it.
    func region(of r: Rebuild) -> Region? {
        let count = writes[r.local] ?? 0
        if count == 0 || (count == 1 && r.afterOnlyWrite) { return .function }
        if let l = r.loops.first(where: { writtenInLoop[$0]?.contains(r.local) != true }) { return .loop(l) }
        return nil
    }

    /// The sums worth a trial, most rebuilds first: one replacing two rebuilds or more
    /// (smaller code), and one moving a rebuild out of a loop (faster code, as large).
    func candidates() -> [Candidate] {
        var counts: [Region: [Int: (rebuilds: Int, inLoop: Bool)]] = [:]
        for r in rebuilds {
            guard let region = region(of: r) else { continue }
            let old = counts[region, default: [:]][r.local, default: (0, false)]
            counts[region, default: [:]][r.local] = (old.rebuilds + 1, old.inLoop || !r.loops.isEmpty)
        }
        var found: [Candidate] = []
        for (region, locals) in counts {
            for (local, n) in locals where n.rebuilds >= 2 || n.inLoop {
                found.append(Candidate(region: region, local: local, rebuilds: n.rebuilds, inLoop: n.inLoop))
            }
        }
        return found.sorted { ($1.rebuilds, $0.region, $0.local) < ($0.rebuilds, $1.region, $1.local) }
    }
}
