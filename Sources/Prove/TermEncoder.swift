import Rules
import WasmModel

/// Gives patterns, constant expressions and guards their meaning as SMT terms, with Wasm's
/// exact semantics (see docs/proving.md): arithmetic wraps, shift and rotate counts are taken
/// modulo the width, `div`/`rem` by zero trap, `div_s` of INT_MIN by -1 traps while `rem_s`
/// gives 0. Constant expressions mean what `ConstantEvaluation` computes; where one is
/// undefined (`udiv` by 0, `log2 0`) the rule does not apply, which the encoder records in
/// `definedness`.
///
/// Invariant: a term it returns is exact for every assignment that satisfies the query's
/// range assertions (integer theory), the guards and `definedness`; bounds in the values it
/// returns hold under the same assumptions.
struct TermEncoder {
    let theory: Theory
    /// Pattern variables (`?x`, and constants `?c`) by name.
    var symbols: [String: Value]
    /// Constant subexpressions fixed by the case being proved, keyed by expression and width.
    var fixed: [FixedTerm: UInt64] = [:]
    /// Conditions under which the constants computed so far are defined.
    var definedness: [Term] = []
    /// Integer theory: variables the encoding introduced (quotients, wrap counts), with what
    /// defines them. Declared and asserted with the query.
    var auxiliaries: [(name: String, definition: Term)] = []
    private var lets = 0
    private var quotients: [[Term]: Value] = [:]

    struct FixedTerm: Hashable {
        var expression: ConstExpr
        var width: Int
    }

    init(theory: Theory, symbols: [String: Value]) {
        self.theory = theory
        self.symbols = symbols
    }

    // MARK: Patterns

    /// The value of `pattern` and the condition under which evaluating it traps.
    mutating func encode(_ pattern: Pattern) throws(TermEncodingError) -> (value: Value, trap: Term) {
        switch pattern {
        case .access: return try encode(pattern.effectiveAddress)
        case .variable(let name, let type):
            guard let v = symbols[name] else { throw .inexpressible("unbound variable ?\(name)") }
            _ = try Self.width(type)
            return (v, .boolean(false))
        case .constant(let type, let e):
            return (try constant(e, width: Self.width(type)), .boolean(false))
        case .select(let type, let a, let b, let c):
            _ = try Self.width(type)
            let (va, ta) = try encode(a)
            let (vb, tb) = try encode(b)
            let (vc, tc) = try encode(c)
            let trap = Term.or([ta, tb, tc])
            if let l = vc.literal { return (l != 0 ? va : vb, trap) }
            let value = Value(
                term: .ite(nonzero(vc), va.term, vb.term), width: va.width, low: min(va.low, vb.low),
                high: max(va.high, vb.high))
            return (value, trap)
        case .op(let op, let operands):
            let signature = op.signature
            for t in signature.operands + [signature.result] where t == .f32 || t == .f64 {
                throw .refused("\(op.name) is a floating-point operator; the prover has no float semantics")
            }
            var values: [Value] = []
            var traps: [Term] = []
            for operand in operands {
                let (v, t) = try encode(operand)
                values.append(v)
                traps.append(t)
            }
            let (value, trap) = try numeric(op, values)
            return (value, .or(traps + [trap]))
        }
    }

    static func width(_ type: ValueType) throws(TermEncodingError) -> Int {
        switch type {
        case .i32: return 32
        case .i64: return 64
        default: throw .refused("\(type) values: the prover gives floats no semantics, so float rules are not proven")
        }
    }

    /// One numeric operator on encoded operands: its value and its own trap condition.
    mutating func numeric(_ op: NumericOp, _ x: [Value]) throws(TermEncodingError) -> (Value, Term) {
        let w = try Self.width(op.signature.result)
        let a = x[0]
        let b = x.count > 1 ? x[1] : a
        if let la = a.literal, x.count == 1 || b.literal != nil {
            switch op.evaluate(la, b.literal ?? 0) {
            case .value(let v)?: return (literal(v, width: w), .boolean(false))
            case .trap?: return (literal(0, width: w), .boolean(true))
            case nil: break
            }
        }
        switch theory {
        case .bitVector: return try bitVectorNumeric(op, a, b, width: w)
        case .integer: return try integerNumeric(op, a, b, width: w)
        }
    }

    // MARK: Bit-vector semantics

    private func bitVectorNumeric(_ op: NumericOp, _ a: Value, _ b: Value, width w: Int) throws(TermEncodingError) -> (
        Value, Term
    ) {
        let zero = Term.bitVector(0, width: a.width)
        func v(_ t: Term) -> Value { full(t, width: w) }
        func binary(_ f: String) -> Value { v(.apply(f, [a.term, b.term])) }
        func count(_ t: Term) -> Term {
            if case .bitVector(let k, let w) = t { return .bitVector(k & UInt64(w - 1), width: w) }
            return .apply("bvand", [t, .bitVector(UInt64(a.width - 1), width: a.width)])
        }
        func compare(_ f: String) -> Value { boolean(.apply(f, [a.term, b.term])) }
        let minimum = Term.bitVector(1 << UInt64(a.width - 1), width: a.width)
        let minusOne = Term.bitVector(Value.mask(a.width), width: a.width)
        let divisorZero = Term.equal(b.term, zero)
        switch op {
        case .i32Add, .i64Add: return (binary("bvadd"), .boolean(false))
        case .i32Sub, .i64Sub: return (binary("bvsub"), .boolean(false))
        case .i32Mul, .i64Mul: return (binary("bvmul"), .boolean(false))
        case .i32DivU, .i64DivU: return (binary("bvudiv"), divisorZero)
        case .i32RemU, .i64RemU: return (binary("bvurem"), divisorZero)
        case .i32DivS, .i64DivS:
            return (binary("bvsdiv"), .or([divisorZero, .and([.equal(a.term, minimum), .equal(b.term, minusOne)])]))
        case .i32RemS, .i64RemS: return (binary("bvsrem"), divisorZero)
        case .i32And, .i64And: return (binary("bvand"), .boolean(false))
        case .i32Or, .i64Or: return (binary("bvor"), .boolean(false))
        case .i32Xor, .i64Xor: return (binary("bvxor"), .boolean(false))
        case .i32Shl, .i64Shl: return (v(.apply("bvshl", [a.term, count(b.term)])), .boolean(false))
        case .i32ShrU, .i64ShrU: return (v(.apply("bvlshr", [a.term, count(b.term)])), .boolean(false))
        case .i32ShrS, .i64ShrS: return (v(.apply("bvashr", [a.term, count(b.term)])), .boolean(false))
        case .i32Rotl, .i64Rotl, .i32Rotr, .i64Rotr:
            let k = count(b.term)
            let back = Term.apply("bvsub", [.bitVector(UInt64(w), width: w), k])
            let left = op == .i32Rotl || op == .i64Rotl
            let (first, second) = left ? (k, back) : (back, k)
            return (
                v(.apply("bvor", [.apply("bvshl", [a.term, first]), .apply("bvlshr", [a.term, second])])),
                .boolean(false)
            )
        case .i32Clz, .i64Clz: return (v(Self.leadingZeros(a.term, width: w)), .boolean(false))
        case .i32Ctz, .i64Ctz: return (v(Self.trailingZeros(a.term, width: w)), .boolean(false))
        case .i32Popcnt, .i64Popcnt: return (v(Self.populationCount(a.term, width: w)), .boolean(false))
        case .i32Eqz, .i64Eqz: return (boolean(.equal(a.term, zero)), .boolean(false))
        case .i32Eq, .i64Eq: return (boolean(.equal(a.term, b.term)), .boolean(false))
        case .i32Ne, .i64Ne: return (boolean(.not(.equal(a.term, b.term))), .boolean(false))
        case .i32LtU, .i64LtU: return (compare("bvult"), .boolean(false))
        case .i32LeU, .i64LeU: return (compare("bvule"), .boolean(false))
        case .i32GtU, .i64GtU: return (compare("bvugt"), .boolean(false))
        case .i32GeU, .i64GeU: return (compare("bvuge"), .boolean(false))
        case .i32LtS, .i64LtS: return (compare("bvslt"), .boolean(false))
        case .i32LeS, .i64LeS: return (compare("bvsle"), .boolean(false))
        case .i32GtS, .i64GtS: return (compare("bvsgt"), .boolean(false))
        case .i32GeS, .i64GeS: return (compare("bvsge"), .boolean(false))
        case .i32Extend8S, .i64Extend8S, .i32Extend16S, .i64Extend16S, .i64Extend32S:
            let from = op == .i32Extend8S || op == .i64Extend8S ? 8 : op == .i64Extend32S ? 32 : 16
            return (
                v(.indexed("sign_extend", [w - from], [.indexed("extract", [from - 1, 0], [a.term])])),
                .boolean(false)
            )
        case .i64ExtendI32U:
            return (
                Value(term: .indexed("zero_extend", [32], [a.term]), width: 64, low: a.low, high: a.high),
                .boolean(false)
            )
        case .i64ExtendI32S: return (v(.indexed("sign_extend", [32], [a.term])), .boolean(false))
        case .i32WrapI64: return (v(.indexed("extract", [31, 0], [a.term])), .boolean(false))
        default: throw .refused("\(op.name) has no prover semantics")
        }
    }

    /// Leading zeros of `t` at `width`, as a bit-vector of that width.
    static func leadingZeros(_ t: Term, width: Int) -> Term {
        var result = Term.bitVector(UInt64(width), width: width)
        for i in 0..<width {
            result = .ite(bit(t, i), .bitVector(UInt64(width - 1 - i), width: width), result)
        }
        return result
    }

    static func trailingZeros(_ t: Term, width: Int) -> Term {
        var result = Term.bitVector(UInt64(width), width: width)
        for i in (0..<width).reversed() {
            result = .ite(bit(t, i), .bitVector(UInt64(i), width: width), result)
        }
        return result
    }

    static func populationCount(_ t: Term, width: Int) -> Term {
        .apply("bvadd", (0..<width).map { .indexed("zero_extend", [width - 1], [.indexed("extract", [$0, $0], [t])]) })
    }

    static func bit(_ t: Term, _ i: Int) -> Term { .equal(.indexed("extract", [i, i], [t]), .bitVector(1, width: 1)) }

    // MARK: Integer semantics

    private mutating func integerNumeric(_ op: NumericOp, _ a: Value, _ b: Value, width w: Int)
        throws(TermEncodingError)
        -> (Value, Term)
    {
        let divisorZero = Term.equal(b.term, .integer(0))
        func bool(_ f: String, _ x: Value, _ y: Value) -> Value { boolean(.apply(f, [x.term, y.term])) }
        switch op {
        case .i32Add, .i64Add:
            return (
                wrap(
                    .apply("+", [a.term, b.term]), low: Bound.plus(a.low, b.low), high: Bound.plus(a.high, b.high),
                    width: w), .boolean(false)
            )
        case .i32Sub, .i64Sub:
            return (
                wrap(
                    .apply("-", [a.term, b.term]), low: Bound.minus(a.low, b.high), high: Bound.minus(a.high, b.low),
                    width: w), .boolean(false)
            )
        case .i32Mul, .i64Mul:
            return (product(a, b, width: w), .boolean(false))
        case .i32DivU, .i64DivU:
            return (quotient(a, b), divisorZero)
        case .i32RemU, .i64RemU:
            return (remainder(a, b), divisorZero)
        case .i32And, .i64And:
            for (x, y) in [(a, b), (b, a)] {
                if let m = y.literal, m & (m &+ 1) == 0 {
                    return (m == Value.mask(w) ? x : remainder(x, literal(m &+ 1, width: 65)), .boolean(false))
                }
            }
            throw .inexpressible("\(op.name) of non-constants has no integer form")
        case .i32Or, .i64Or, .i32Xor, .i64Xor:
            for (x, y) in [(a, b), (b, a)] where y.literal == 0 { return (x, .boolean(false)) }
            throw .inexpressible("\(op.name) of non-constants has no integer form")
        case .i32Shl, .i64Shl:
            guard let k = b.literal else { throw .inexpressible("\(op.name) by a non-constant count") }
            return (product(a, literal(1 << (k & UInt64(w - 1)), width: 64), width: w), .boolean(false))
        case .i32ShrU, .i64ShrU:
            guard let k = b.literal else { throw .inexpressible("\(op.name) by a non-constant count") }
            return (quotient(a, literal(1 << (k & UInt64(w - 1)), width: 64)), .boolean(false))
        case .i32Eqz, .i64Eqz: return (boolean(.equal(a.term, .integer(0))), .boolean(false))
        case .i32Eq, .i64Eq: return (boolean(.equal(a.term, b.term)), .boolean(false))
        case .i32Ne, .i64Ne: return (boolean(distinct(a.term, b.term)), .boolean(false))
        case .i32LtU, .i64LtU: return (boolean(less(a.term, b.term)), .boolean(false))
        case .i32LeU, .i64LeU: return (bool("<=", a, b), .boolean(false))
        case .i32GtU, .i64GtU: return (boolean(less(b.term, a.term)), .boolean(false))
        case .i32GeU, .i64GeU: return (bool(">=", a, b), .boolean(false))
        case .i32LtS, .i64LtS: return (boolean(less(signed(a).term, signed(b).term)), .boolean(false))
        case .i32LeS, .i64LeS: return (bool("<=", signed(a), signed(b)), .boolean(false))
        case .i32GtS, .i64GtS: return (boolean(less(signed(b).term, signed(a).term)), .boolean(false))
        case .i32GeS, .i64GeS: return (bool(">=", signed(a), signed(b)), .boolean(false))
        case .i64ExtendI32U: return (Value(term: a.term, width: 64, low: a.low, high: a.high), .boolean(false))
        case .i64ExtendI32S:
            let s = signed(a)
            return (wrap(s.term, low: s.low, high: s.high, width: 64), .boolean(false))
        case .i32WrapI64: return (wrap(a.term, low: a.low, high: a.high, width: 32), .boolean(false))
        default: throw .inexpressible("\(op.name) has no integer form")
        }
    }

    /// `t` (whose value lies in `low...high`) modulo 2^width, written without `mod` when the
    /// bounds show at most one wrap either way.
    mutating func wrap(_ t: Term, low: Int128, high: Int128, width: Int) -> Value {
        let m = Value.modulus(width)
        if low >= 0 && high < m { return Value(term: t, width: width, low: low, high: high) }
        if low >= -m && high < 2 * m {
            let name = "t\(lets)"
            lets += 1
            let s = Term.symbol(name)
            var body = s
            if high >= m { body = .ite(.apply(">=", [s, .integer(m)]), .apply("-", [s, .integer(m)]), body) }
            if low < 0 { body = .ite(less(s, .integer(0)), .apply("+", [s, .integer(m)]), body) }
            return Value(term: .bind(name, t, body), width: width, low: 0, high: m - 1)
        }
        let r = remainder(
            Value(term: t, width: 128, low: low, high: high), Value(term: .integer(m), width: 128, low: m, high: m))
        return Value(term: r.term, width: width, low: 0, high: m - 1)
    }

    mutating func product(_ a: Value, _ b: Value, width: Int) -> Value {
        wrap(
            .apply("*", [a.term, b.term]), low: Bound.times(a.low, b.low), high: Bound.times(a.high, b.high),
            width: width)
    }

    /// `a / b` (unsigned, truncating), as a fresh variable `q` with `b*q <= a <= b*q + b - 1`
    /// where `b >= 1`; meaningless where `b` is 0, which traps or is undefined. Written this
    /// way rather than with `div`, so that the query stays polynomial and nlsat decides it.
    mutating func quotient(_ a: Value, _ b: Value) -> Value {
        if let x = a.literal, let y = b.literal, y != 0 { return literal(x / y, width: a.width) }
        if b.literal == 1 { return a }
        if let q = quotients[[a.term, b.term]] { return q }
        let name = "q\(auxiliaries.count)"
        let q = Term.symbol(name)
        let product = Term.apply("*", [b.term, q])
        // b >= 1 wherever q means anything; the bounds are the extremes of a / b.
        let divisors = [max(b.low, 1), max(b.high, 1)]
        let corners = [a.low, a.high].flatMap { x in divisors.map { Bound.floorDivide(x, $0) } }
        let low = corners.min() ?? 0
        let high = corners.max() ?? 0
        auxiliaries.append(
            (
                name,
                .and([
                    Bound.isFinite(low) ? .apply("<=", [.integer(low), q]) : .boolean(true),
                    Bound.isFinite(high) ? .apply("<=", [q, .integer(high)]) : .boolean(true),
                    .apply(
                        "=>",
                        [
                            .apply(">=", [b.term, .integer(1)]),
                            .and([
                                .apply("<=", [product, a.term]),
                                .apply("<=", [a.term, .apply("+", [product, .apply("-", [b.term, .integer(1)])])]),
                            ]),
                        ]),
                ])
            ))
        let value = Value(term: q, width: a.width, low: low, high: high)
        quotients[[a.term, b.term]] = value
        return value
    }

    /// `a mod b` (unsigned), as `a - b*(a / b)`.
    mutating func remainder(_ a: Value, _ b: Value) -> Value {
        if let x = a.literal, let y = b.literal, y != 0 { return literal(x % y, width: a.width) }
        let q = quotient(a, b)
        return Value(
            term: .apply("-", [a.term, .apply("*", [b.term, q.term])]), width: a.width, low: 0,
            high: a.low >= 0 ? max(0, min(a.high, b.high - 1)) : max(0, b.high - 1))
    }

    /// a ≠ b. In the integer theory `a >= b + 1 or b >= a + 1`: the same on integers, and
    /// still tight when the solver reasons over the reals.
    func distinct(_ a: Term, _ b: Term) -> Term {
        let e = Term.equal(a, b)
        if let l = e.booleanLiteral { return .boolean(!l) }
        guard theory == .integer else { return .not(e) }
        return .or([
            .apply(">=", [a, .apply("+", [b, .integer(1)])]), .apply(">=", [b, .apply("+", [a, .integer(1)])]),
        ])
    }

    /// a < b (unsigned bit-vectors, or integers as `a <= b - 1`).
    func less(_ a: Term, _ b: Term) -> Term {
        switch theory {
        case .bitVector: .apply("bvult", [a, b])
        case .integer: .apply("<=", [a, .apply("-", [b, .integer(1)])])
        }
    }

    /// The signed reading of an integer-theory value.
    func signed(_ a: Value) -> Value {
        let half = Value.modulus(a.width - 1)
        if a.high < half { return a }
        if a.low >= half {
            return Value(
                term: .apply("-", [a.term, .integer(2 * half)]), width: a.width, low: a.low - 2 * half,
                high: a.high - 2 * half)
        }
        return Value(
            term: .ite(.apply(">=", [a.term, .integer(half)]), .apply("-", [a.term, .integer(2 * half)]), a.term),
            width: a.width, low: -half, high: half - 1)
    }

    // MARK: Shared helpers

    func literal(_ v: UInt64, width: Int) -> Value { .literal(v, width: min(width, 64), theory: theory) }

    /// A value of `width` about which nothing more is known.
    func full(_ t: Term, width: Int) -> Value { Value(term: t, width: width, low: 0, high: Value.modulus(width) - 1) }

    /// A Wasm Boolean (i32 0 or 1) from a condition.
    func boolean(_ c: Term) -> Value {
        if let b = c.booleanLiteral { return literal(b ? 1 : 0, width: 32) }
        let (one, zero): (Term, Term) =
            theory == .bitVector ? (.bitVector(1, width: 32), .bitVector(0, width: 32)) : (.integer(1), .integer(0))
        return Value(term: .ite(c, one, zero), width: 32, low: 0, high: 1)
    }

    func nonzero(_ v: Value) -> Term {
        if let l = v.literal { return .boolean(l != 0) }
        if v.low > 0 { return .boolean(true) }
        return distinct(v.term, theory == .bitVector ? .bitVector(0, width: v.width) : .integer(0))
    }

    /// `v` zero-extended or truncated to `width`.
    mutating func resize(_ v: Value, to width: Int) -> Value {
        if v.width == width { return v }
        if let l = v.literal { return literal(l, width: width) }
        switch theory {
        case .bitVector:
            if width > v.width {
                return Value(
                    term: .indexed("zero_extend", [width - v.width], [v.term]), width: width, low: v.low, high: v.high)
            }
            return full(.indexed("extract", [width - 1, 0], [v.term]), width: width)
        case .integer:
            if width > v.width { return Value(term: v.term, width: width, low: v.low, high: v.high) }
            return wrap(v.term, low: v.low, high: v.high, width: width)
        }
    }

    /// Compares two values of the same theory (`bvult`/`<` and so on).
    func compare(_ relation: String, _ a: Value, _ b: Value) -> Term {
        if let x = a.literal, let y = b.literal {
            switch relation {
            case "ult": return .boolean(x < y)
            case "ule": return .boolean(x <= y)
            case "ugt": return .boolean(x > y)
            default: return .boolean(x >= y)
            }
        }
        switch theory {
        case .bitVector: return .apply("bv" + relation, [a.term, b.term])
        case .integer:
            switch relation {
            case "ult": return less(a.term, b.term)
            case "ugt": return less(b.term, a.term)
            case "ule": return .apply("<=", [a.term, b.term])
            default: return .apply(">=", [a.term, b.term])
            }
        }
    }
}

/// Interval arithmetic on the bounds of integer-theory values, saturating at ±2^126 (which
/// stands for "unbounded"), so that no bound computation overflows.
enum Bound {
    static let infinity = Int128(1) << 126

    static func clamp(_ v: Int128) -> Int128 { min(max(v, -infinity), infinity) }
    static func isFinite(_ v: Int128) -> Bool { v > -infinity && v < infinity }

    static func plus(_ a: Int128, _ b: Int128) -> Int128 { clamp(clamp(a) + clamp(b)) }
    static func minus(_ a: Int128, _ b: Int128) -> Int128 { clamp(clamp(a) - clamp(b)) }
    static func times(_ a: Int128, _ b: Int128) -> Int128 {
        let (p, overflow) = clamp(a).multipliedReportingOverflow(by: clamp(b))
        return overflow ? ((a < 0) != (b < 0) ? -infinity : infinity) : clamp(p)
    }
    /// floor(a / b) for b >= 1.
    static func floorDivide(_ a: Int128, _ b: Int128) -> Int128 {
        guard isFinite(a) else { return a }
        let q = a / b
        return a % b != 0 && a < 0 ? q - 1 : q
    }
}
