import EGraph
import ExactExtraction
import IR
import Lower
import WasmModel

/// Which functions `weft compile` and `weft optimize` extract exactly (`ExactExtractor`)
/// beside their greedy extractions, and how much work the solver may do on each. The
/// lowering of the exact program is one more candidate: the function keeps whichever
/// candidate is smallest (Thumb-2 bytes for `weft compile`, Wasm bytes for `weft optimize`),
/// so exact extraction never makes a function larger.
///
/// Invariant: `names` are function names (exports or the name section); nil means every
/// function. Exact extraction runs once a function's inlining is decided, never in inlining
/// trials.
public struct ExactExtractionOptions: Sendable {
    public var names: Set<String>?
    public var limits: ExactExtractor.Limits

    public init(names: Set<String>? = nil, limits: ExactExtractor.Limits = ExactExtractor.Limits()) {
        self.names = names
        self.limits = limits
    }

    /// The functions of `module` named (by index, imports first), or nil for all.
    func functions(in module: Module) -> Set<UInt32>? {
        guard let names else { return nil }
        var found = Set<UInt32>()
        for e in module.exports where names.contains(e.name) {
            if case .function(let k) = e.kind { found.insert(k) }
        }
        for (k, name) in module.names?.functions ?? [:] where names.contains(name) { found.insert(k) }
        return found
    }

    /// An exact extraction of `unit` (whose greedy extraction is made): the extractor with
    /// the exact program in place when it is cheaper by the cost model, and what was found.
    func extract(_ unit: LiftedFunction) -> (extractor: Extractor?, record: ExactExtractionRecord)? {
        guard let greedy = unit.extraction else { return nil }
        let reads = SkeletonReads(unit.skeleton, graph: unit.graph)
        var record = ExactExtractionRecord()
        record.tried = 1
        switch ExactExtractor(limits: limits).extract(greedy, roots: reads.roots, demands: reads.slotInputs) {
        case .success(let outcome):
            record.improved = 1
            record.proven = outcome.optimal ? 1 : 0
            record.modelBytesWon = outcome.greedyCost - outcome.cost
            return (outcome.extractor, record)
        case .failure(.greedyOptimal):
            record.proven = 1
        case .failure(.tooLarge):
            record.tooLarge = 1
        case .failure(.limited):
            record.limited = 1
        }
        return (nil, record)
    }
}

/// What exact extraction did, summed over functions and their variants (as lowered and
/// if-converted): extractions tried, those that found a program cheaper by the cost model
/// than the greedy one, those proved optimal (greedy or exact), those stopped by a limit or
/// too large to try; the cost model's bytes saved; the functions whose exact lowering was
/// kept, and by how many bytes it beat their smallest greedy one as the optimizer measured
/// them (`FunctionSizer`, calls priced as AAPCS allows: the object's own figure, after
/// `narrow-call-clobbers`, is `bench/exact_extraction.py`'s).
public struct ExactExtractionRecord: Sendable, Hashable {
    public var tried = 0
    public var improved = 0
    public var proven = 0
    public var limited = 0
    public var tooLarge = 0
    public var modelBytesWon = 0
    public var kept = 0
    public var bytesWon = 0

    public init() {}

    mutating func absorb(_ other: ExactExtractionRecord) {
        tried += other.tried
        improved += other.improved
        proven += other.proven
        limited += other.limited
        tooLarge += other.tooLarge
        modelBytesWon += other.modelBytesWon
        kept += other.kept
        bytesWon += other.bytesWon
    }

    /// One statistics line.
    var summary: String {
        "exact extraction: \(tried) tried, \(improved) cheaper than greedy (\(modelBytesWon) model bytes), "
            + "\(proven) proved optimal, \(limited) stopped by a limit, \(tooLarge) too large; "
            + "kept in \(kept) functions, \(bytesWon) bytes smaller as measured"
    }
}

/// Which functions a command extracts exactly (`--exact`).
public enum ExactScope: String, Sendable, CaseIterable {
    /// The functions named by `--hot` (none without any).
    case hot
    /// Every function.
    case all
    /// None.
    case none

    /// The options for this scope, `hot` naming the functions.
    public func options(hot: [String]) -> ExactExtractionOptions? {
        switch self {
        case .none: nil
        case .all: ExactExtractionOptions()
        case .hot: hot.isEmpty ? nil : ExactExtractionOptions(names: Set(hot))
        }
    }
}
