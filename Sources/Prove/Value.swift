/// The theory a query is written in. Both give every operator Wasm's exact meaning; they
/// differ in what the solver finds easy.
///
/// - `bitVector`: values are bit-vectors of their width (`QF_BV`). Exact for every integer
///   operator; decided by bit-blasting, which is fast for bitwise rules and hopeless for
///   rules that multiply or divide symbolic values.
/// - `integer`: values are integers in `[0, 2^width)` and wrapping is explicit (`QF_NIA`).
///   Multiplication and division stay arithmetic, so strength-reduction rules such as the
///   magic-number division are proved in milliseconds. Bitwise operators on non-constants
///   have no integer form; such a rule is proved in bit-vectors only.
public enum Theory: String, Hashable, Sendable, CaseIterable {
    case bitVector = "bv"
    case integer = "int"
}

/// Why a rule, or one theory, cannot encode a rule.
enum TermEncodingError: Error, Hashable {
    /// No theory gives this rule a meaning (floating point): the rule is refused.
    case refused(String)
    /// This theory cannot express an operator of the rule; another may.
    case inexpressible(String)
}

/// A Wasm value (or a computed constant) in a query: its term, its width, and bounds on its
/// unsigned value that hold wherever the query's assumptions hold.
///
/// Invariant: `0 <= low <= high < 2^width`; a literal term has `low == high` its value.
struct Value: Hashable {
    var term: Term
    var width: Int
    var low: Int128
    var high: Int128

    static func literal(_ v: UInt64, width: Int, theory: Theory) -> Value {
        let masked = v & mask(width)
        let term: Term = theory == .bitVector ? .bitVector(masked, width: width) : .integer(Int128(masked))
        return Value(term: term, width: width, low: Int128(masked), high: Int128(masked))
    }

    static func mask(_ width: Int) -> UInt64 { width >= 64 ? .max : (1 << UInt64(width)) - 1 }

    /// 2^width as an integer.
    static func modulus(_ width: Int) -> Int128 { Int128(1) << Int128(width) }

    var literal: UInt64? {
        switch term {
        case .bitVector(let v, _): v
        case .integer(let v): v >= 0 && v <= Int128(UInt64.max) ? UInt64(v) : nil
        default: nil
        }
    }
}
