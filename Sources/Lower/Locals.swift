import EGraph
import WasmEncode
import WasmModel

/// Cleans up the locals of lowered code: a value written to a local and read once is moved to
/// its reader (the stack carries it), a write followed by its first read becomes `local.tee`,
/// writes nobody reads disappear, and locals whose live ranges do not overlap share one index
/// (coalescing by liveness and interference, copies between them vanishing).
///
/// Invariants: code moves only past code it commutes with (`EffectSummary.commutes`) and
/// never into a nested construct or across one; parameters keep their indices; two locals
/// share an index only when neither is written while the other is live (a copy between them
/// excepted); the result declares locals grouped by type.
public struct Locals {
    public var code: [Code]
    public var types: [ValueType]
    /// What holds for every value each local is written (nil: nothing known, or never
    /// written); kept in step with `types` as locals are merged and renumbered.
    public var facts: [Facts?]
    public let parameterCount: Int
    var gets: [Int] = []
    var sets: [Int] = []
    /// Whether some local is written and never read (by the last `count()`): without one,
    /// `removeTees` has nothing to remove.
    var writtenUnread = true
    /// Locals joined by a copy (`local.set a (local.get b)`), by local (with repeats):
    /// coalescing wants to give them one index, so sinking must not make one live where the
    /// other is written. Filled by `count(partners: true)`, else empty.
    var partners: [[UInt32]] = []
    /// Whether coalescing also packs locals unrelated by copies into one index when their
    /// live ranges do not overlap (fewer declarations, for Wasm output). A compiler gives each
    /// value its own register anyway, and a local holding one kind of value (a frame or a
    /// global's address, a narrow range of facts) tells it more than a shared one.
    public var packs = true

    public init(code: [Code], types: [ValueType], facts: [Facts?]? = nil, parameterCount: Int) {
        self.code = code
        self.types = types
        self.facts = facts ?? Array(repeating: nil, count: types.count)
        self.parameterCount = parameterCount
    }

    /// Encoded bytes of the code and the local declarations.
    var size: Int {
        var runs = 0
        var last: ValueType? = nil
        for t in declared where t != last {
            runs += 1
            last = t
        }
        var bytes = 2 * runs
        Code.visit(code) { bytes += WasmEncoder.size(of: $0) }
        return bytes
    }

    // MARK: Counting

    /// Counts each local's reads and writes (`gets`, `sets`) and, when asked, its copy
    /// `partners`.
    mutating func count(partners wanted: Bool = false) {
        gets = Array(repeating: 0, count: types.count)
        sets = Array(repeating: 0, count: types.count)
        partners = wanted ? Array(repeating: [], count: types.count) : []
        func visit(_ c: Code) {
            switch c {
            case .op(let inst, let operands):
                operands.forEach(visit)
                if wanted, case .localSet(let a) = inst, operands.count == 1,
                    case .op(.localGet(let b), _) = operands[0], a != b
                {
                    partners[Int(a)].append(b)
                    partners[Int(b)].append(a)
                }
                switch inst {
                case .localGet(let x): gets[Int(x)] += 1
                case .localSet(let x), .localTee(let x): sets[Int(x)] += 1
                default: break
                }
            case .block(let b), .loop(let b): b.forEach(visit)
            case .if(let c, let a, let b):
                visit(c)
                a.forEach(visit)
                b.forEach(visit)
            }
        }
        code.forEach(visit)
        writtenUnread = zip(gets, sets).contains { $0 == 0 && $1 > 0 }
    }

    /// The declared (non-parameter) locals.
    public var declared: [ValueType] { Array(types.dropFirst(parameterCount)) }
}
