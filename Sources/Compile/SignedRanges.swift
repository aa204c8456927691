import WasmModel

/// Signed bounds of i32 values in registers and trees, for deciding comparisons the code
/// makes on values whose range is known: a clamp `select(x, lo, x > lo)` when `x` can never
/// be below `lo`, say (the e-graph's facts are unsigned, so a signed clamp of a value that
/// may be negative stays there).
///
/// Invariant: every bound in `known` holds for every value its register can hold at the
/// current point of straight-line code; the compiler drops a register's bound when the
/// register is written and every bound at a label (where other paths join).
struct SignedRanges {
    typealias Bounds = ClosedRange<Int64>

    static let full: Bounds = Int64(Int32.min)...Int64(Int32.max)

    var known: [VReg: Bounds] = [:]

    /// A range, or the full one when the bounds leave i32.
    static func bounded(_ low: Int64, _ high: Int64) -> Bounds {
        low >= Int64(Int32.min) && high <= Int64(Int32.max) && low <= high ? low...high : full
    }

    /// The signed bounds of an i32 tree's value.
    func range(of tree: Tree) -> Bounds {
        switch tree {
        case .constant(.i32, let v): return Int64(Int32(truncatingIfNeeded: v))...Int64(Int32(truncatingIfNeeded: v))
        case .registers(let r, .i32): return r.count == 1 ? known[r[0]] ?? Self.full : Self.full
        case .load(let op, _, _):
            switch op {
            case .i32Load8U: return 0...255
            case .i32Load8S: return -128...127
            case .i32Load16U: return 0...65535
            case .i32Load16S: return -32768...32767
            default: return Self.full
            }
        case .select(.i32, let a, let b, _):
            let x = range(of: a)
            let y = range(of: b)
            return min(x.lowerBound, y.lowerBound)...max(x.upperBound, y.upperBound)
        case .op(let op, let kids) where op.signature.result == .i32:
            if tree.isBoolean { return decide(tree).map { $0 ? 1...1 : 0...0 } ?? 0...1 }
            guard kids.count == 2 else {
                switch op {
                case .i32Extend8S: return -128...127
                case .i32Extend16S: return -32768...32767
                case .i32Clz, .i32Ctz, .i32Popcnt: return 0...32
                default: return Self.full
                }
            }
            let x = range(of: kids[0])
            let y = range(of: kids[1])
            let k: Int64? = y.lowerBound == y.upperBound ? y.lowerBound & 31 : nil
            switch op {
            case .i32Add: return Self.bounded(x.lowerBound + y.lowerBound, x.upperBound + y.upperBound)
            case .i32Sub: return Self.bounded(x.lowerBound - y.upperBound, x.upperBound - y.lowerBound)
            case .i32Shl:
                guard let k, x.lowerBound >= 0 else { return Self.full }
                return Self.bounded(x.lowerBound << k, x.upperBound << k)
            case .i32ShrS:
                guard let k else { return Self.full }
                return (x.lowerBound >> k)...(x.upperBound >> k)
            case .i32ShrU:
                guard let k, x.lowerBound >= 0 else { return Self.full }
                return (x.lowerBound >> k)...(x.upperBound >> k)
            case .i32And:
                if y.lowerBound >= 0 { return 0...y.upperBound }
                if x.lowerBound >= 0 { return 0...x.upperBound }
                return Self.full
            default: return Self.full
            }
        default: return Self.full
        }
    }

    /// The value of an i32 comparison when the operands' bounds decide it, else nil.
    func decide(_ tree: Tree) -> Bool? {
        guard case .op(let op, let kids) = tree, kids.count == 2, kids[0].type == .i32 else { return nil }
        let x = range(of: kids[0])
        let y = range(of: kids[1])
        switch op {
        case .i32LtS, .i32GtS, .i32LeS, .i32GeS: break
        case .i32LtU, .i32GtU, .i32LeU, .i32GeU:
            // Unsigned order is signed order on non-negative values.
            guard x.lowerBound >= 0, y.lowerBound >= 0 else { return nil }
        default: return nil
        }
        switch op {
        case .i32LtS, .i32LtU: return x.upperBound < y.lowerBound ? true : x.lowerBound >= y.upperBound ? false : nil
        case .i32GtS, .i32GtU: return x.lowerBound > y.upperBound ? true : x.upperBound <= y.lowerBound ? false : nil
        case .i32LeS, .i32LeU: return x.upperBound <= y.lowerBound ? true : x.lowerBound > y.upperBound ? false : nil
        default: return x.lowerBound >= y.upperBound ? true : x.upperBound < y.lowerBound ? false : nil
        }
    }
}
