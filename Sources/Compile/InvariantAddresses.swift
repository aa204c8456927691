/// The sums `weft_memory + v` (the physical address of a Wasm address `v` in a local) that a
/// compilation built again and again although `v` did not change, and where one sum could
/// serve them all: at the entry for a local the function never writes (a parameter), after
/// a write of the local for the rest of the construct holding the write when nothing writes
/// the local again there (which the write dominates: a frame pointer, an inlined callee's
/// parameter), else before the outermost enclosing loop that does not write it (its
/// preheader, which dominates the loop's blocks).
///
/// Native code holds the pointer `weft_memory + v` where weft holds `v` and rebuilds the sum
/// in each block that reaches memory through it (`physical` shares it within one block
/// only). Compiling the function records here each such rebuild (`rebuilt`) and each write
/// of a local (`wrote`); `candidates` then says, per local and region, how many rebuilds one
/// sum would replace.
///
/// Invariant: `rebuilds` and the writes follow the order in which the compilation emitted
/// them, loop ordinals count the loops in that order from 1 and write ordinals each local's
/// writes from 1, so a compilation of the same code finds the same loops and writes under the
/// same ordinals; `candidates` is sorted (most rebuilds first, then by region and local), so
/// the same function gets the same plan.
struct InvariantAddresses: Sendable {
    /// Where a shared sum is computed and for how long it holds.
    enum Region: Hashable, Comparable, Sendable {
        /// From the entry to the end of the function (a local never written).
        case entry
        /// From the local's write with this ordinal to the end of the construct (or `if` arm)
        /// holding it.
        case write(Int)
        /// Before the loop with this ordinal, for the whole loop.
        case loop(Int)
    }

    /// One rebuilt sum: the local, the loops open around it (outermost first), and the
    /// ordinal of the local's latest write when the construct holding it is still open.
    struct Rebuild: Sendable {
        var local: Int
        var loops: [Int]
        var dominatingWrite: Int?
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
    /// by local the ordinals of the writes after which, and by loop ordinal before that loop.
    struct Plan: Equatable, Sendable {
        var entry: Set<Int> = []
        var afterWrite: [Int: Set<Int>] = [:]
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
            case .entry: plan.entry.insert(c.local)
            case .write(let w): plan.afterWrite[c.local, default: []].insert(w)
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
    /// local's latest write.
    private(set) var latestWriteScope: [Int: Int] = [:]
    /// Writes (by local, their ordinals) the local's next write followed inside the construct
    /// holding them: their sums would not hold to its end.
    private(set) var overwritten: [Int: Set<Int>] = [:]

    /// Records a write of `local` inside `loops`, in the construct numbered `scope`;
    /// `latestOpen` when the construct holding the local's previous write is still open.
    mutating func wrote(_ local: Int, loops: [Int], scope: Int, latestOpen: Bool) {
        if let previous = writes[local], latestOpen { overwritten[local, default: []].insert(previous) }
        writes[local, default: 0] += 1
        latestWriteScope[local] = scope
        for l in loops { writtenInLoop[l, default: []].insert(local) }
    }

    /// Records that a block built `weft_memory + local` anew inside `loops`; `dominated` when
    /// the construct holding the local's latest write is still open.
    mutating func rebuilt(_ local: Int, loops: [Int], dominated: Bool) {
        let write = dominated ? writes[local] : nil
        rebuilds.append(Rebuild(local: local, loops: loops, dominatingWrite: write))
    }

    /// Where one sum could replace `r`: the entry when its local is never written, after the
    /// write before `r` in a construct holding `r` when nothing writes the local again in
    /// that construct, else the outermost of `r`'s loops that does not write it; nil when
    /// every loop around it writes it.
    func region(of r: Rebuild) -> Region? {
        if writes[r.local] == nil { return .entry }
        if let w = r.dominatingWrite, overwritten[r.local]?.contains(w) != true { return .write(w) }
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
