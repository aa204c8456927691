import Rules

extension TermEncoder {
    /// The constant `e` computed at `width`, as `ConstantEvaluation` computes it; where it is
    /// undefined the condition joins `definedness`.
    mutating func constant(_ e: ConstExpr, width: Int) throws(TermEncodingError) -> Value {
        switch e {
        case .literal(let v): return literal(v, width: width)
        case .variable(let name):
            guard let v = symbols[name] else { throw .inexpressible("unbound constant ?\(name)") }
            return resize(v, to: width)
        case .apply(let f, let arguments):
            if let v = fixed[FixedTerm(expression: e, width: width)] { return literal(v, width: width) }
            var values: [Value] = []
            for argument in arguments { values.append(try constant(argument, width: width)) }
            let literals = values.compactMap(\.literal)
            if literals.count == values.count {
                let folded = ConstantEvaluation.evaluate(
                    .apply(f, literals.map { .literal($0) }), width: width, constants: { _ in nil })
                if folded == nil { definedness.append(.boolean(false)) }
                return literal(folded ?? 0, width: width)
            }
            return try apply(f, values, width: width)
        }
    }

    private mutating func apply(_ f: String, _ x: [Value], width w: Int) throws(TermEncodingError) -> Value {
        let a = x[0]
        let b = x.count > 1 ? x[1] : a
        let zero = theory == .bitVector ? Term.bitVector(0, width: w) : .integer(0)
        if f == "udiv" || f == "urem" { definedness.append(distinct(b.term, zero)) }
        if f == "log2" { definedness.append(distinct(a.term, zero)) }
        switch theory {
        case .bitVector:
            func v(_ t: Term) -> Value { full(t, width: w) }
            let names = [
                "+": "bvadd", "-": "bvsub", "*": "bvmul", "udiv": "bvudiv", "urem": "bvurem", "and": "bvand",
                "or": "bvor", "xor": "bvxor", "shl": "bvshl", "shr_u": "bvlshr",
            ]
            if let name = names[f] { return v(.apply(name, [a.term, b.term])) }
            switch f {
            case "not": return v(.apply("bvnot", [a.term]))
            case "neg": return v(.apply("bvneg", [a.term]))
            case "log2":
                return v(.apply("bvsub", [.bitVector(UInt64(w - 1), width: w), Self.leadingZeros(a.term, width: w)]))
            case "clz": return v(Self.leadingZeros(a.term, width: w))
            case "ctz": return v(Self.trailingZeros(a.term, width: w))
            case "popcnt": return v(Self.populationCount(a.term, width: w))
            default: throw .inexpressible("constant operator \(f)")
            }
        case .integer:
            switch f {
            case "+":
                return wrap(
                    .apply("+", [a.term, b.term]), low: Bound.plus(a.low, b.low), high: Bound.plus(a.high, b.high),
                    width: w)
            case "-":
                return wrap(
                    .apply("-", [a.term, b.term]), low: Bound.minus(a.low, b.high), high: Bound.minus(a.high, b.low),
                    width: w)
            case "*": return product(a, b, width: w)
            case "udiv": return quotient(a, b)
            case "urem": return remainder(a, b)
            case "neg": return wrap(.apply("-", [a.term]), low: -a.high, high: -a.low, width: w)
            case "not":
                let top = Value.modulus(w) - 1
                return Value(
                    term: .apply("-", [.integer(top), a.term]), width: w, low: top - a.high, high: top - a.low)
            case "shl", "shr_u":
                guard let k = b.literal else { throw .inexpressible("\(f) by a non-constant amount") }
                guard k < UInt64(w) else { return literal(0, width: w) }
                let p = literal(1 << k, width: 64)
                return f == "shl" ? product(a, p, width: w) : quotient(a, p)
            case "and", "or", "xor":
                for (p, q) in [(a, b), (b, a)] {
                    if f != "and" && q.literal == 0 { return p }
                    if f == "and", let m = q.literal, m & (m &+ 1) == 0 {
                        return m == Value.mask(w) ? p : remainder(p, literal(m + 1, width: 64))
                    }
                }
                throw .inexpressible("constant \(f) of non-constants has no integer form")
            default: throw .inexpressible("constant operator \(f) of a non-constant has no integer form")
            }
        }
    }

    // MARK: Guards

    /// An operand of a guard at 64 bits: a class variable's value or a computed constant.
    mutating func argument(_ a: Guard.Argument) throws(TermEncodingError) -> Value {
        switch a {
        case .value(let name):
            guard let v = symbols[name] else { throw .inexpressible("unbound variable ?\(name)") }
            return resize(v, to: 64)
        case .constant(let e, let type):
            return resize(try constant(e, width: Self.width(type)), to: 64)
        }
    }

    /// What `guard` assumes of the values it reads. A guard on a class variable holds when its
    /// facts show it for every value the class can take, so it implies the same relation of the
    /// variable's value.
    mutating func condition(_ g: Guard) throws(TermEncodingError) -> Term {
        var x: [Value] = []
        for a in g.arguments { x.append(try argument(a)) }
        let zero = theory == .bitVector ? Term.bitVector(0, width: 64) : .integer(0)
        switch g.name {
        case "ult", "ule", "ugt", "uge": return compare(g.name, x[0], x[1])
        case "eq": return .equal(x[0].term, x[1].term)
        case "ne": return distinct(x[0].term, x[1].term)
        case "nonzero": return nonzero(x[0])
        case "pow2":
            if let c = x[0].literal { return .boolean(c != 0 && c & (c - 1) == 0) }
            guard theory == .bitVector else { throw .inexpressible("pow2 of a non-constant has no integer form") }
            let t = x[0].term
            return .and([
                .not(.equal(t, zero)),
                .equal(.apply("bvand", [t, .apply("bvsub", [t, .bitVector(1, width: 64)])]), zero),
            ])
        case "known-zero":
            if let c = x[0].literal, let m = x[1].literal { return .boolean(c & m == 0) }
            switch theory {
            case .bitVector: return .equal(.apply("bvand", [x[0].term, x[1].term]), zero)
            case .integer:
                guard let m = x[1].literal, m & (m &+ 1) == 0 else {
                    throw .inexpressible("known-zero with a mask other than 2^k-1 has no integer form")
                }
                if m == .max { return .equal(x[0].term, zero) }
                return .equal(remainder(x[0], literal(m + 1, width: 64)).term, zero)
            }
        default: throw .refused("guard \(g.name) has no prover semantics")
        }
    }
}
