import WasmModel

/// What is known about every value of an e-class: its type, its constant value, an unsigned
/// range and known bits — the e-class analysis that constant folding and rule guards read.
///
/// Invariants: every fact is sound for every value the class can take (so merging two
/// classes intersects their facts); ranges and masks live within the type's width; a class
/// with a constant has the range `[c, c]` and every bit known.
public struct Facts: Hashable, Sendable, CustomStringConvertible {
    public var type: ScalarType
    public var constant: UInt64?
    /// Unsigned bounds: `low <= value <= high`.
    public var low: UInt64
    public var high: UInt64
    /// Bits known to be 0 / known to be 1.
    public var knownZeros: UInt64
    public var knownOnes: UInt64

    /// Nothing known beyond the type.
    public init(type: ScalarType) {
        self.type = type
        constant = nil
        low = 0
        high = type.mask
        knownZeros = 0
        knownOnes = 0
    }

    public init(type: ScalarType, constant: UInt64) {
        let v = constant & type.mask
        self.type = type
        self.constant = v
        low = v
        high = v
        knownOnes = v
        knownZeros = ~v & type.mask
    }

    /// Facts from a range and known bits, tightened against each other.
    public init(type: ScalarType, low: UInt64, high: UInt64, zeros: UInt64 = 0, ones: UInt64 = 0) {
        self.init(type: type)
        self.low = low & type.mask
        self.high = min(high, type.mask)
        knownZeros = zeros & type.mask
        knownOnes = ones & type.mask
        normalize()
    }

    /// Tightens the range with the known bits and the known bits with the range, and notes a
    /// constant when one value remains. Leaves `low > high` for an empty (contradictory) set.
    mutating func normalize() {
        let mask = type.mask
        // Known bits bound the range: every value has the known ones and lacks the known zeros.
        low = max(low, knownOnes)
        high = min(high, ~knownZeros & mask)
        // The bits above the highest bit where low and high differ are shared by every value.
        if low <= high {
            let differing = low ^ high
            let common: UInt64 = differing == 0 ? mask : ~(UInt64.max >> differing.leadingZeroBitCount) & mask
            knownOnes |= low & common
            knownZeros |= ~low & common
        }
        if low == high && knownZeros | knownOnes == mask { constant = low }
        if knownZeros | knownOnes == mask, low <= high, knownOnes >= low, knownOnes <= high {
            constant = knownOnes
            low = knownOnes
            high = knownOnes
        }
    }

    /// True when no value satisfies the facts: a merge of unequal classes produced them.
    public var isContradictory: Bool { low > high || knownZeros & knownOnes != 0 }

    /// The facts of a class that holds values satisfying both `self` and `other`.
    public func meet(_ other: Facts) -> Facts {
        var r = self
        if r.constant == nil { r.constant = other.constant }
        r.low = max(low, other.low)
        r.high = min(high, other.high)
        r.knownZeros |= other.knownZeros
        r.knownOnes |= other.knownOnes
        r.normalize()
        return r
    }

    /// Facts true of either `self` or `other` (for `select`).
    public func join(_ other: Facts) -> Facts {
        if let a = constant, let b = other.constant, a == b { return self }
        var r = Facts(type: type)
        r.low = min(low, other.low)
        r.high = max(high, other.high)
        r.knownZeros = knownZeros & other.knownZeros
        r.knownOnes = knownOnes & other.knownOnes
        r.normalize()
        return r
    }

    public var description: String {
        if let c = constant { return "\(type) = 0x\(String(c, radix: 16))" }
        return "\(type) in [0x\(String(low, radix: 16)), 0x\(String(high, radix: 16))]"
            + " zeros 0x\(String(knownZeros, radix: 16)) ones 0x\(String(knownOnes, radix: 16))"
    }
}

extension Facts {
    /// The facts of a new node, from its operator and its children's facts (transfer
    /// functions). Constants fold with Wasm's exact semantics; an operation that would trap
    /// is never folded.
    public static func make(_ op: Op, _ children: [Facts]) -> Facts {
        let type = op.type
        switch op.kind {
        case .constant:
            return Facts(type: type, constant: op.payload)
        case .leaf:
            return Facts(type: type)
        case .select:
            guard children.count == 3 else { return Facts(type: type) }
            if let c = children[2].constant { return c != 0 ? children[0] : children[1] }
            return children[0].join(children[1])
        case .numeric:
            guard let numeric = op.numericOp else { return Facts(type: type) }
            if children.allSatisfy({ $0.constant != nil }),
                case .value(let v)? = numeric.evaluate(
                    children.first?.constant ?? 0, children.dropFirst().first?.constant ?? 0)
            {
                return Facts(type: type, constant: v)
            }
            return transfer(numeric, type, children)
        }
    }

    /// Range and known-bits transfer functions of the integer operators.
    static func transfer(_ op: NumericOp, _ type: ScalarType, _ c: [Facts]) -> Facts {
        let mask = type.mask
        let width = UInt64(type.bits)
        switch op {
        case .i32Eqz, .i64Eqz, .i32Eq, .i32Ne, .i32LtS, .i32LtU, .i32GtS, .i32GtU, .i32LeS, .i32LeU, .i32GeS, .i32GeU,
            .i64Eq, .i64Ne, .i64LtS, .i64LtU, .i64GtS, .i64GtU, .i64LeS, .i64LeU, .i64GeS, .i64GeU,
            .f32Eq, .f32Ne, .f32Lt, .f32Gt, .f32Le, .f32Ge, .f64Eq, .f64Ne, .f64Lt, .f64Gt, .f64Le, .f64Ge:
            // Unsigned comparisons decided by the ranges fold to constants.
            if c.count == 2, c[0].type == c[1].type {
                let (a, b) = (c[0], c[1])
                switch op {
                case .i32LtU, .i64LtU:
                    if a.high < b.low { return Facts(type: .i32, constant: 1) }
                    if a.low >= b.high { return Facts(type: .i32, constant: 0) }
                case .i32GeU, .i64GeU:
                    if a.low >= b.high { return Facts(type: .i32, constant: 1) }
                    if a.high < b.low { return Facts(type: .i32, constant: 0) }
                case .i32Eq, .i64Eq:
                    if a.high < b.low || b.high < a.low || a.knownOnes & b.knownZeros != 0
                        || a.knownZeros & b.knownOnes != 0
                    {
                        return Facts(type: .i32, constant: 0)
                    }
                case .i32Ne, .i64Ne:
                    if a.high < b.low || b.high < a.low || a.knownOnes & b.knownZeros != 0
                        || a.knownZeros & b.knownOnes != 0
                    {
                        return Facts(type: .i32, constant: 1)
                    }
                default: break
                }
            }
            return Facts(type: .i32, low: 0, high: 1)
        case .i32Clz, .i32Ctz, .i32Popcnt, .i64Clz, .i64Ctz, .i64Popcnt:
            return Facts(type: type, low: 0, high: width)
        case .i32And, .i64And:
            let (a, b) = (c[0], c[1])
            return Facts(
                type: type, low: 0, high: min(a.high, b.high),
                zeros: a.knownZeros | b.knownZeros, ones: a.knownOnes & b.knownOnes)
        case .i32Or, .i64Or:
            let (a, b) = (c[0], c[1])
            return Facts(
                type: type, low: max(a.low, b.low), high: mask,
                zeros: a.knownZeros & b.knownZeros, ones: a.knownOnes | b.knownOnes)
        case .i32Xor, .i64Xor:
            let (a, b) = (c[0], c[1])
            let known = (a.knownZeros | a.knownOnes) & (b.knownZeros | b.knownOnes)
            let ones = (a.knownOnes ^ b.knownOnes) & known
            return Facts(type: type, low: 0, high: mask, zeros: known & ~ones, ones: ones)
        case .i32Add, .i64Add:
            let (a, b) = (c[0], c[1])
            // No wrap when the sum of the highs fits: the range adds.
            let (sum, overflow) = a.high.addingReportingOverflow(b.high)
            if !overflow && sum <= mask { return Facts(type: type, low: a.low + b.low, high: sum) }
            return Facts(type: type)
        case .i32Shl, .i64Shl:
            guard let k = c[1].constant.map({ $0 & (width - 1) }) else { return Facts(type: type) }
            let zeros = (c[0].knownZeros << k) | ((UInt64(1) << k) - 1)
            return Facts(type: type, low: 0, high: mask, zeros: zeros, ones: c[0].knownOnes << k)
        case .i32ShrU, .i64ShrU:
            guard let k = c[1].constant.map({ $0 & (width - 1) }) else { return Facts(type: type) }
            let top = k == 0 ? 0 : ~(mask >> k) & mask
            return Facts(
                type: type, low: c[0].low >> k, high: c[0].high >> k,
                zeros: (c[0].knownZeros >> k) | top, ones: c[0].knownOnes >> k)
        case .i32RemU, .i64RemU:
            // x rem_u c < c, and never more than x.
            guard let d = c[1].constant, d != 0 else { return Facts(type: type) }
            if c[0].high < d { return c[0] }
            return Facts(type: type, low: 0, high: min(d - 1, c[0].high))
        case .i32DivU, .i64DivU:
            guard let d = c[1].constant, d != 0 else { return Facts(type: type) }
            return Facts(type: type, low: c[0].low / d, high: c[0].high / d)
        case .i32WrapI64:
            let a = c[0]
            if a.high <= 0xFFFF_FFFF {
                return Facts(type: .i32, low: a.low, high: a.high, zeros: a.knownZeros, ones: a.knownOnes)
            }
            return Facts(type: .i32, low: 0, high: 0xFFFF_FFFF, zeros: a.knownZeros, ones: a.knownOnes)
        case .i64ExtendI32U:
            let a = c[0]
            return Facts(
                type: .i64, low: a.low, high: a.high, zeros: a.knownZeros | 0xFFFF_FFFF_0000_0000, ones: a.knownOnes)
        default:
            return Facts(type: type)
        }
    }
}
