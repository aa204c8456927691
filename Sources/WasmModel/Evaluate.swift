/// How an instruction can trap.
public enum Trap: Hashable, Sendable, CustomStringConvertible {
    case integerDivideByZero
    case integerOverflow
    case invalidConversion
    case unreachable
    case outOfBounds

    public var description: String {
        switch self {
        case .integerDivideByZero: "integer divide by zero"
        case .integerOverflow: "integer overflow"
        case .invalidConversion: "invalid conversion to integer"
        case .unreachable: "unreachable"
        case .outOfBounds: "out of bounds memory access"
        }
    }
}

/// The result of evaluating an operator on constants: a value's bit pattern (i32 in the low
/// 32 bits, zero-extended) or a trap.
public enum Evaluation: Hashable, Sendable {
    case value(UInt64)
    case trap(Trap)
}

extension NumericOp {
    /// Whether it compares two values (or one with zero) and gives 0 or 1.
    public var isComparison: Bool {
        switch self {
        case .i32Eqz, .i64Eqz, .i32Eq, .i32Ne, .i32LtS, .i32LtU, .i32GtS, .i32GtU, .i32LeS, .i32LeU, .i32GeS,
            .i32GeU, .i64Eq, .i64Ne, .i64LtS, .i64LtU, .i64GtS, .i64GtU, .i64LeS, .i64LeU, .i64GeS, .i64GeU,
            .f32Eq, .f32Ne, .f32Lt, .f32Gt, .f32Le, .f32Ge, .f64Eq, .f64Ne, .f64Lt, .f64Gt, .f64Le, .f64Ge:
            true
        default: false
        }
    }

    /// Whether the operator can trap on some operands.
    public var canTrap: Bool {
        switch self {
        case .i32DivS, .i32DivU, .i32RemS, .i32RemU, .i64DivS, .i64DivU, .i64RemS, .i64RemU,
            .i32TruncF32S, .i32TruncF32U, .i32TruncF64S, .i32TruncF64U,
            .i64TruncF32S, .i64TruncF32U, .i64TruncF64S, .i64TruncF64U:
            true
        default: false
        }
    }

    /// Wasm's exact semantics on integer operands (bit patterns). Returns nil for operators
    /// this does not evaluate: float arithmetic and conversions, whose NaN results are not
    /// deterministic in Wasm, are never folded.
    public func evaluate(_ x: UInt64, _ y: UInt64 = 0) -> Evaluation? {
        let a = UInt32(truncatingIfNeeded: x)
        let b = UInt32(truncatingIfNeeded: y)
        let sa = Int32(bitPattern: a)
        let sb = Int32(bitPattern: b)
        let la = Int64(bitPattern: x)
        let lb = Int64(bitPattern: y)
        func v32(_ r: UInt32) -> Evaluation { .value(UInt64(r)) }
        func bool(_ c: Bool) -> Evaluation { .value(c ? 1 : 0) }
        switch self {
        case .i32Eqz: return bool(a == 0)
        case .i32Eq: return bool(a == b)
        case .i32Ne: return bool(a != b)
        case .i32LtS: return bool(sa < sb)
        case .i32LtU: return bool(a < b)
        case .i32GtS: return bool(sa > sb)
        case .i32GtU: return bool(a > b)
        case .i32LeS: return bool(sa <= sb)
        case .i32LeU: return bool(a <= b)
        case .i32GeS: return bool(sa >= sb)
        case .i32GeU: return bool(a >= b)
        case .i64Eqz: return bool(x == 0)
        case .i64Eq: return bool(x == y)
        case .i64Ne: return bool(x != y)
        case .i64LtS: return bool(la < lb)
        case .i64LtU: return bool(x < y)
        case .i64GtS: return bool(la > lb)
        case .i64GtU: return bool(x > y)
        case .i64LeS: return bool(la <= lb)
        case .i64LeU: return bool(x <= y)
        case .i64GeS: return bool(la >= lb)
        case .i64GeU: return bool(x >= y)
        case .i32Clz: return v32(UInt32(a.leadingZeroBitCount))
        case .i32Ctz: return v32(UInt32(a.trailingZeroBitCount))
        case .i32Popcnt: return v32(UInt32(a.nonzeroBitCount))
        case .i32Add: return v32(a &+ b)
        case .i32Sub: return v32(a &- b)
        case .i32Mul: return v32(a &* b)
        case .i32DivS:
            if b == 0 { return .trap(.integerDivideByZero) }
            if sa == .min && sb == -1 { return .trap(.integerOverflow) }
            return v32(UInt32(bitPattern: sa / sb))
        case .i32DivU:
            if b == 0 { return .trap(.integerDivideByZero) }
            return v32(a / b)
        case .i32RemS:
            if b == 0 { return .trap(.integerDivideByZero) }
            if sb == -1 { return v32(0) }
            return v32(UInt32(bitPattern: sa % sb))
        case .i32RemU:
            if b == 0 { return .trap(.integerDivideByZero) }
            return v32(a % b)
        case .i32And: return v32(a & b)
        case .i32Or: return v32(a | b)
        case .i32Xor: return v32(a ^ b)
        case .i32Shl: return v32(a << (b & 31))
        case .i32ShrS: return v32(UInt32(bitPattern: sa >> Int32(b & 31)))
        case .i32ShrU: return v32(a >> (b & 31))
        case .i32Rotl: return v32(a.rotated(left: b & 31))
        case .i32Rotr: return v32(a.rotated(left: (32 - (b & 31)) & 31))
        case .i64Clz: return .value(UInt64(x.leadingZeroBitCount))
        case .i64Ctz: return .value(UInt64(x.trailingZeroBitCount))
        case .i64Popcnt: return .value(UInt64(x.nonzeroBitCount))
        case .i64Add: return .value(x &+ y)
        case .i64Sub: return .value(x &- y)
        case .i64Mul: return .value(x &* y)
        case .i64DivS:
            if y == 0 { return .trap(.integerDivideByZero) }
            if la == .min && lb == -1 { return .trap(.integerOverflow) }
            return .value(UInt64(bitPattern: la / lb))
        case .i64DivU:
            if y == 0 { return .trap(.integerDivideByZero) }
            return .value(x / y)
        case .i64RemS:
            if y == 0 { return .trap(.integerDivideByZero) }
            if lb == -1 { return .value(0) }
            return .value(UInt64(bitPattern: la % lb))
        case .i64RemU:
            if y == 0 { return .trap(.integerDivideByZero) }
            return .value(x % y)
        case .i64And: return .value(x & y)
        case .i64Or: return .value(x | y)
        case .i64Xor: return .value(x ^ y)
        case .i64Shl: return .value(x << (y & 63))
        case .i64ShrS: return .value(UInt64(bitPattern: la >> Int64(y & 63)))
        case .i64ShrU: return .value(x >> (y & 63))
        case .i64Rotl: return .value(x.rotated(left: y & 63))
        case .i64Rotr: return .value(x.rotated(left: (64 - (y & 63)) & 63))
        case .i32WrapI64: return v32(UInt32(truncatingIfNeeded: x))
        case .i64ExtendI32S: return .value(UInt64(bitPattern: Int64(sa)))
        case .i64ExtendI32U: return .value(UInt64(a))
        case .i32Extend8S: return v32(UInt32(bitPattern: Int32(Int8(truncatingIfNeeded: a))))
        case .i32Extend16S: return v32(UInt32(bitPattern: Int32(Int16(truncatingIfNeeded: a))))
        case .i64Extend8S: return .value(UInt64(bitPattern: Int64(Int8(truncatingIfNeeded: x))))
        case .i64Extend16S: return .value(UInt64(bitPattern: Int64(Int16(truncatingIfNeeded: x))))
        case .i64Extend32S: return .value(UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: x))))
        // Bit-exact float operations (no arithmetic, so no NaN choice).
        case .i32ReinterpretF32, .f32ReinterpretI32: return v32(a)
        case .i64ReinterpretF64, .f64ReinterpretI64: return .value(x)
        case .f32Neg: return v32(a ^ 0x8000_0000)
        case .f32Abs: return v32(a & 0x7FFF_FFFF)
        case .f32Copysign: return v32((a & 0x7FFF_FFFF) | (b & 0x8000_0000))
        case .f64Neg: return .value(x ^ 0x8000_0000_0000_0000)
        case .f64Abs: return .value(x & 0x7FFF_FFFF_FFFF_FFFF)
        case .f64Copysign: return .value((x & 0x7FFF_FFFF_FFFF_FFFF) | (y & 0x8000_0000_0000_0000))
        default: return nil
        }
    }
}

extension FixedWidthInteger where Self: UnsignedInteger {
    /// Rotation left by `n` (taken modulo the width).
    public func rotated(left n: Self) -> Self {
        let k = Int(n) % Self.bitWidth
        return k == 0 ? self : (self << k) | (self >> (Self.bitWidth - k))
    }
}
