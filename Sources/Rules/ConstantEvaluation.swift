import WasmModel

/// The meaning of the constant expressions and guards of the rules language, evaluated on
/// bound constants and on what is known of the bound values (`GuardOperand`: the optimizer
/// passes its e-class facts, `weft prove` exact values). `weft prove` gives the same
/// operators the same meaning in Z3.
///
/// Constant operators compute modulo 2^width (the width of the constant they produce):
/// `+ - *` wrap; `udiv`/`urem` by zero and `log2 0` are undefined (the rule does not apply);
/// `shl`/`shr_u` by the width or more give 0; `log2` is floor(log2); `clz ctz popcnt` count
/// at the width.
public enum ConstantEvaluation {
    /// The value of `e` at `width` bits, or nil where it is undefined.
    public static func evaluate(_ e: ConstExpr, width: Int, constants: (String) -> UInt64?) -> UInt64? {
        let mask: UInt64 = width == 64 ? .max : (1 << UInt64(width)) - 1
        switch e {
        case .literal(let v): return v & mask
        case .variable(let name): return constants(name).map { $0 & mask }
        case .apply(let f, let args):
            var values: [UInt64] = []
            for arg in args {
                guard let v = evaluate(arg, width: width, constants: constants) else { return nil }
                values.append(v)
            }
            let a = values[0]
            let b = values.count > 1 ? values[1] : 0
            let result: UInt64
            switch f {
            case "+": result = a &+ b
            case "-": result = a &- b
            case "*": result = a &* b
            case "udiv":
                guard b != 0 else { return nil }
                result = a / b
            case "urem":
                guard b != 0 else { return nil }
                result = a % b
            case "and": result = a & b
            case "or": result = a | b
            case "xor": result = a ^ b
            case "shl": result = b >= UInt64(width) ? 0 : a << b
            case "shr_u": result = b >= UInt64(width) ? 0 : a >> b
            case "not": result = ~a
            case "neg": result = 0 &- a
            case "log2":
                guard a != 0 else { return nil }
                result = UInt64(63 - a.leadingZeroBitCount)
            case "clz": result = UInt64(a.leadingZeroBitCount - (64 - width))
            case "ctz": result = a == 0 ? UInt64(width) : UInt64(a.trailingZeroBitCount)
            case "popcnt": result = UInt64(a.nonzeroBitCount)
            default: return nil
            }
            return result & mask
        }
    }

    /// Whether `guard` holds for every value the bound variables can take: `values` gives
    /// what is known of a value variable (nil: nothing, and the guard does not hold).
    /// `identical` says whether two value variables are bound to the same value (one
    /// e-class): `eq` then holds whatever is known of it.
    public static func holds(
        _ guard: Guard, constants: (String) -> UInt64?, values: (String) -> GuardOperand?,
        identical: (String, String) -> Bool = { _, _ in false }
    ) -> Bool {
        func same(_ a: Guard.Argument, _ b: Guard.Argument) -> Bool {
            guard case .value(let x) = a, case .value(let y) = b else { return false }
            return x == y || identical(x, y)
        }
        var operands: [GuardOperand] = []
        for argument in `guard`.arguments {
            switch argument {
            case .value(let name):
                guard let operand = values(name) else { return false }
                operands.append(operand)
            case .constant(let e, let type):
                let width = type == .i32 || type == .f32 ? 32 : 64
                guard let v = evaluate(e, width: width, constants: constants) else { return false }
                operands.append(.constant(v))
            }
        }
        switch `guard`.name {
        case "pow2":
            guard case .constant(let c) = operands[0] else { return false }
            return c != 0 && c & (c - 1) == 0
        case "eq":
            if same(`guard`.arguments[0], `guard`.arguments[1]) { return true }
            guard case .constant(let a) = operands[0], case .constant(let b) = operands[1] else { return false }
            return a == b
        case "ne": return operands[0].excludes(operands[1])
        case "ult": return operands[0].high < operands[1].low
        case "ule": return operands[0].high <= operands[1].low
        case "ugt": return operands[0].low > operands[1].high
        case "uge": return operands[0].low >= operands[1].high
        case "nonzero":
            switch operands[0] {
            case .constant(let c): return c != 0
            case .bounded(let low, _, _, let knownOnes, _): return low > 0 || knownOnes != 0
            }
        case "known-zero":
            guard case .constant(let mask) = operands[1] else { return false }
            switch operands[0] {
            case .constant(let c): return c & mask == 0
            case .bounded(_, _, let knownZeros, _, let typeMask): return knownZeros & mask & typeMask == mask & typeMask
            }
        default: return false
        }
    }
}

/// What a guard knows of one argument: its exact value, or unsigned bounds and known bits.
///
/// Invariant: in `.bounded`, every field lies within `mask` (the bits of the value's type:
/// 2^32-1 for i32 and f32, 2^64-1 for i64 and f64), `low <= high`, and `knownZeros` and
/// `knownOnes` share no bit. A value known exactly is given as `.constant`: guards such as
/// `pow2` and `eq` judge constants only.
public enum GuardOperand: Hashable, Sendable {
    case constant(UInt64)
    /// `low <= v <= high` (unsigned); the bits of `knownZeros` are 0 in `v`, those of
    /// `knownOnes` are 1.
    case bounded(low: UInt64, high: UInt64, knownZeros: UInt64, knownOnes: UInt64, mask: UInt64)

    /// Whether no value this operand can take is one `other` can take: disjoint ranges, or
    /// a bit known 1 in one and 0 in the other.
    public func excludes(_ other: GuardOperand) -> Bool {
        if high < other.low || other.high < low { return true }
        let (zeros, ones) = knownBits
        let (otherZeros, otherOnes) = other.knownBits
        return zeros & otherOnes != 0 || ones & otherZeros != 0
    }

    /// The bits known 0 and known 1 (every bit of a constant; beyond its type's mask, a
    /// bounded value's bits are 0).
    var knownBits: (zeros: UInt64, ones: UInt64) {
        switch self {
        case .constant(let c): (~c, c)
        case .bounded(_, _, let zeros, let ones, let mask): (zeros | ~mask, ones)
        }
    }

    /// The least value it can take.
    public var low: UInt64 {
        switch self {
        case .constant(let c): c
        case .bounded(let low, _, _, _, _): low
        }
    }

    /// The greatest value it can take.
    public var high: UInt64 {
        switch self {
        case .constant(let c): c
        case .bounded(_, let high, _, _, _): high
        }
    }
}
