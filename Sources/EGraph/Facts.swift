import WasmModel

/// What is known about every value of an e-class: its type, its constant value, an unsigned
/// range, a signed range and known bits — the e-class analysis that constant folding, rule
/// guards and the Thumb-2 selector's tile guards read.
///
/// Invariants: every fact is sound for every value the class can take (so merging two
/// classes intersects their facts); ranges and masks live within the type's width (the signed
/// range within its two's-complement range); a class with a constant has the ranges `[c, c]`
/// and every bit known; the two ranges agree where the sign is known (`normalize`).
public struct Facts: Hashable, Sendable, CustomStringConvertible {
    public var type: ScalarType
    public var constant: UInt64?
    /// Unsigned bounds: `low <= value <= high`.
    public var low: UInt64
    public var high: UInt64
    /// Bits known to be 0 / known to be 1.
    public var knownZeros: UInt64
    public var knownOnes: UInt64
    /// Signed bounds, the value read as a two's-complement number of the type's width:
    /// `signedLow <= value <= signedHigh`.
    public var signedLow: Int64
    public var signedHigh: Int64

    /// Nothing known beyond the type.
    public init(type: ScalarType) {
        self.type = type
        constant = nil
        low = 0
        high = type.mask
        knownZeros = 0
        knownOnes = 0
        signedLow = type.signedMin
        signedHigh = type.signedMax
    }

    public init(type: ScalarType, constant: UInt64) {
        let v = constant & type.mask
        self.type = type
        self.constant = v
        low = v
        high = v
        knownOnes = v
        knownZeros = ~v & type.mask
        signedLow = type.signed(v)
        signedHigh = type.signed(v)
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

    /// Facts from a signed range (clamped to the type's).
    public init(type: ScalarType, signedLow: Int64, signedHigh: Int64) {
        self.init(type: type)
        self.signedLow = max(signedLow, type.signedMin)
        self.signedHigh = min(signedHigh, type.signedMax)
        normalize()
    }

    /// Tightens the ranges with the known bits and each other, the known bits with the
    /// unsigned range, and notes a constant when one value remains. Leaves `low > high` (or
    /// `signedLow > signedHigh`) for an empty (contradictory) set.
    mutating func normalize() {
        let mask = type.mask
        // A signed range of one sign is an unsigned range.
        if signedLow >= 0 {
            low = max(low, UInt64(signedLow))
            high = min(high, UInt64(signedHigh))
        } else if signedHigh < 0 {
            low = max(low, UInt64(bitPattern: signedLow) & mask)
            high = min(high, UInt64(bitPattern: signedHigh) & mask)
        }
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
        // An unsigned range on one side of the sign bit is a signed range.
        guard low <= high else { return }
        let sign = type.signBit
        if high < sign || low >= sign {
            signedLow = max(signedLow, type.signed(low))
            signedHigh = min(signedHigh, type.signed(high))
        }
    }

    /// True when no value satisfies the facts: a merge of unequal classes produced them.
    public var isContradictory: Bool { low > high || signedLow > signedHigh || knownZeros & knownOnes != 0 }

    /// The facts of a class that holds values satisfying both `self` and `other`.
    public func meet(_ other: Facts) -> Facts {
        var r = self
        if r.constant == nil { r.constant = other.constant }
        r.low = max(low, other.low)
        r.high = min(high, other.high)
        r.knownZeros |= other.knownZeros
        r.knownOnes |= other.knownOnes
        r.signedLow = max(signedLow, other.signedLow)
        r.signedHigh = min(signedHigh, other.signedHigh)
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
        r.signedLow = min(signedLow, other.signedLow)
        r.signedHigh = max(signedHigh, other.signedHigh)
        r.normalize()
        return r
    }

    public var description: String {
        if let c = constant { return "\(type) = 0x\(String(c, radix: 16))" }
        return "\(type) in [0x\(String(low, radix: 16)), 0x\(String(high, radix: 16))]"
            + " signed [\(signedLow), \(signedHigh)]"
            + " zeros 0x\(String(knownZeros, radix: 16)) ones 0x\(String(knownOnes, radix: 16))"
    }

    /// What a load's result can be (nil for a full-width load): narrow unsigned loads fit
    /// their width, narrow signed loads its signed range.
    public static func loaded(_ op: LoadOp) -> Facts? {
        switch op {
        case .i32Load8U: Facts(type: .i32, low: 0, high: 0xFF)
        case .i32Load16U: Facts(type: .i32, low: 0, high: 0xFFFF)
        case .i64Load8U: Facts(type: .i64, low: 0, high: 0xFF)
        case .i64Load16U: Facts(type: .i64, low: 0, high: 0xFFFF)
        case .i64Load32U: Facts(type: .i64, low: 0, high: 0xFFFF_FFFF)
        case .i32Load8S: Facts(type: .i32, signedLow: -0x80, signedHigh: 0x7F)
        case .i32Load16S: Facts(type: .i32, signedLow: -0x8000, signedHigh: 0x7FFF)
        case .i64Load8S: Facts(type: .i64, signedLow: -0x80, signedHigh: 0x7F)
        case .i64Load16S: Facts(type: .i64, signedLow: -0x8000, signedHigh: 0x7FFF)
        case .i64Load32S: Facts(type: .i64, signedLow: Int64(Int32.min), signedHigh: Int64(Int32.max))
        default: nil
        }
    }
}

extension ScalarType {
    /// The sign bit of the type's width.
    public var signBit: UInt64 { UInt64(1) << UInt64(bits - 1) }
    /// The smallest and largest two's-complement values of the width.
    public var signedMin: Int64 { bits == 32 ? Int64(Int32.min) : .min }
    public var signedMax: Int64 { bits == 32 ? Int64(Int32.max) : .max }

    /// `bits` (masked to the width) read as a two's-complement number.
    public func signed(_ bits: UInt64) -> Int64 {
        self.bits == 32 ? Int64(Int32(truncatingIfNeeded: bits)) : Int64(bitPattern: bits)
    }

    /// Whether `v` is a value of the width's signed range.
    func fitsSigned(_ v: Int64) -> Bool { v >= signedMin && v <= signedMax }
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

    /// Range and known-bits transfer functions of the integer operators: the unsigned view,
    /// tightened by the signed view where the operator has one.
    static func transfer(_ op: NumericOp, _ type: ScalarType, _ c: [Facts]) -> Facts {
        let facts = unsignedTransfer(op, type, c)
        guard let (low, high) = signedTransfer(op, type, c), low <= high else { return facts }
        return facts.meet(Facts(type: type, signedLow: low, signedHigh: high))
    }

    /// Signed-range transfer functions: the bounds of the result read as a signed number, or
    /// nil when nothing is known beyond the type's range.
    static func signedTransfer(_ op: NumericOp, _ type: ScalarType, _ c: [Facts]) -> (Int64, Int64)? {
        func fits(_ values: [Int64?]) -> (Int64, Int64)? {
            let known = values.compactMap { $0 }
            guard known.count == values.count, let lo = known.min(), let hi = known.max(),
                type.fitsSigned(lo), type.fitsSigned(hi)
            else { return nil }
            return (lo, hi)
        }
        func add(_ x: Int64, _ y: Int64) -> Int64? {
            let (r, o) = x.addingReportingOverflow(y)
            return o ? nil : r
        }
        func sub(_ x: Int64, _ y: Int64) -> Int64? {
            let (r, o) = x.subtractingReportingOverflow(y)
            return o ? nil : r
        }
        func mul(_ x: Int64, _ y: Int64) -> Int64? {
            let (r, o) = x.multipliedReportingOverflow(by: y)
            return o ? nil : r
        }
        let width = Int64(type.bits)
        switch op {
        case .i32Add, .i64Add:
            return fits([add(c[0].signedLow, c[1].signedLow), add(c[0].signedHigh, c[1].signedHigh)])
        case .i32Sub, .i64Sub:
            return fits([sub(c[0].signedLow, c[1].signedHigh), sub(c[0].signedHigh, c[1].signedLow)])
        case .i32Mul, .i64Mul:
            let (a, b) = (c[0], c[1])
            return fits([
                mul(a.signedLow, b.signedLow), mul(a.signedLow, b.signedHigh), mul(a.signedHigh, b.signedLow),
                mul(a.signedHigh, b.signedHigh),
            ])
        case .i32Shl, .i64Shl:
            guard let k = c[1].constant.map({ Int64($0 & UInt64(width - 1)) }) else { return nil }
            return fits([mul(c[0].signedLow, 1 << k), mul(c[0].signedHigh, 1 << k)])
        case .i32ShrS, .i64ShrS:
            let (lo, hi) = (c[0].signedLow, c[0].signedHigh)
            if let k = c[1].constant.map({ Int64($0 & UInt64(width - 1)) }) { return (lo >> k, hi >> k) }
            // Any shift moves a value towards 0 (non-negative) or -1 (negative).
            return (lo >= 0 ? 0 : lo, hi < 0 ? -1 : hi)
        case .i32Extend8S, .i64Extend8S: return narrowed(c[0], to: 0x80)
        case .i32Extend16S, .i64Extend16S: return narrowed(c[0], to: 0x8000)
        case .i64Extend32S: return narrowed(c[0], to: 0x8000_0000)
        case .i64ExtendI32S: return (c[0].signedLow, c[0].signedHigh)
        case .i32WrapI64:
            return ScalarType.i32.fitsSigned(c[0].signedLow) && ScalarType.i32.fitsSigned(c[0].signedHigh)
                ? (c[0].signedLow, c[0].signedHigh) : nil
        case .i32RemS, .i64RemS:
            // |result| < |divisor|, with the dividend's sign (or 0).
            guard let d = c[1].constant.map(type.signed), d != type.signedMin, d != 0 else { return nil }
            let m = abs(d) - 1
            let (lo, hi) = (c[0].signedLow, c[0].signedHigh)
            return (lo >= 0 ? 0 : max(lo, -m), hi <= 0 ? 0 : min(hi, m))
        case .i32DivS, .i64DivS:
            // Truncating division by a positive constant keeps the order.
            guard let d = c[1].constant.map(type.signed), d > 0 else { return nil }
            return (c[0].signedLow / d, c[0].signedHigh / d)
        default: return nil
        }
    }

    /// The signed range of a sign extension from `half` (2^(bits-1) of the narrow width): the
    /// operand's own when it already fits, else the narrow width's.
    static func narrowed(_ a: Facts, to half: Int64) -> (Int64, Int64) {
        a.signedLow >= -half && a.signedHigh < half ? (a.signedLow, a.signedHigh) : (-half, half - 1)
    }

    /// Range and known-bits transfer functions of the integer operators (the unsigned view).
    static func unsignedTransfer(_ op: NumericOp, _ type: ScalarType, _ c: [Facts]) -> Facts {
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
                case .i32GtU, .i64GtU:
                    if a.low > b.high { return Facts(type: .i32, constant: 1) }
                    if a.high <= b.low { return Facts(type: .i32, constant: 0) }
                case .i32LeU, .i64LeU:
                    if a.high <= b.low { return Facts(type: .i32, constant: 1) }
                    if a.low > b.high { return Facts(type: .i32, constant: 0) }
                case .i32LtS, .i64LtS:
                    if a.signedHigh < b.signedLow { return Facts(type: .i32, constant: 1) }
                    if a.signedLow >= b.signedHigh { return Facts(type: .i32, constant: 0) }
                case .i32GeS, .i64GeS:
                    if a.signedLow >= b.signedHigh { return Facts(type: .i32, constant: 1) }
                    if a.signedHigh < b.signedLow { return Facts(type: .i32, constant: 0) }
                case .i32GtS, .i64GtS:
                    if a.signedLow > b.signedHigh { return Facts(type: .i32, constant: 1) }
                    if a.signedHigh <= b.signedLow { return Facts(type: .i32, constant: 0) }
                case .i32LeS, .i64LeS:
                    if a.signedHigh <= b.signedLow { return Facts(type: .i32, constant: 1) }
                    if a.signedLow > b.signedHigh { return Facts(type: .i32, constant: 0) }
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
