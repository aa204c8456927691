import EGraph
import Rules
import WasmModel

/// The meaning of the constant expressions and guards of the rules language, evaluated on
/// bound constants and e-class facts. `weft prove` gives the same operators the same
/// meaning in Z3.
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

    /// What a guard argument is known to be: an exact constant, or a class's facts.
    enum Operand {
        case constant(UInt64)
        case facts(Facts)

        var low: UInt64 {
            switch self {
            case .constant(let c): c
            case .facts(let f): f.low
            }
        }

        var high: UInt64 {
            switch self {
            case .constant(let c): c
            case .facts(let f): f.high
            }
        }
    }

    /// Whether `guard` holds for every value the bound classes can take.
    public static func holds(
        _ guard: Guard, constants: (String) -> UInt64?, facts: (String) -> Facts?
    ) -> Bool {
        var operands: [Operand] = []
        for argument in `guard`.arguments {
            switch argument {
            case .value(let name):
                guard let f = facts(name) else { return false }
                operands.append(f.constant.map { .constant($0) } ?? .facts(f))
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
            guard case .constant(let a) = operands[0], case .constant(let b) = operands[1] else { return false }
            return a == b
        case "ne":
            guard case .constant(let a) = operands[0], case .constant(let b) = operands[1] else { return false }
            return a != b
        case "ult": return operands[0].high < operands[1].low
        case "ule": return operands[0].high <= operands[1].low
        case "ugt": return operands[0].low > operands[1].high
        case "uge": return operands[0].low >= operands[1].high
        case "nonzero":
            switch operands[0] {
            case .constant(let c): return c != 0
            case .facts(let f): return f.low > 0 || f.knownOnes != 0
            }
        case "known-zero":
            guard case .constant(let mask) = operands[1] else { return false }
            switch operands[0] {
            case .constant(let c): return c & mask == 0
            case .facts(let f): return f.knownZeros & mask & f.type.mask == mask & f.type.mask
            }
        default: return false
        }
    }
}
