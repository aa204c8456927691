import Rules
import WasmModel
import Z3

/// One query of a rule's proof: the rule is proved when every case's query is unsat.
public struct ProofCase: Hashable, Sendable {
    /// What the case fixes (`?c = 2^5`, `(log2 (- ?d 1)) = 3`), empty for a single case.
    public var label: String
    public var query: Query
}

/// Builds the queries that prove a rule: "some binding satisfies every guard, every computed
/// constant is defined, and the two sides differ in trapping or, where neither traps, in
/// value". Unsat means the rule is sound.
///
/// Rules over a power of two or a `log2`/`clz`/`ctz`/`popcnt` of a bound constant are split
/// into cases, one per value of that term (at most `maximumCases` in all): in each case the
/// term is a literal, so a symbolic shift or multiplication becomes a constant one.
enum RuleQuery {
    static let maximumCases = 256

    /// The tactic each theory's queries are decided with.
    static func tactic(_ theory: Theory) -> Tactic {
        switch theory {
        case .bitVector:
            .then([.using(.named("simplify"), ["som": true]), .named("solve-eqs"), .named("smt")])
        case .integer:
            .then([.named("simplify"), .named("qfnra-nlsat")])
        }
    }

    static func cases(of rule: Rule, theory: Theory) throws(TermEncodingError) -> [ProofCase] {
        for side in [rule.lhs, rule.rhs] {
            if let op = floatOperator(in: side) {
                throw .refused(
                    "\(op.name) is a floating-point operator; the prover gives floats no semantics, so float rules are not proven"
                )
            }
        }
        let classVariables = rule.lhs.variables
        let constantVariables = constants(in: rule.lhs)
        var symbols: [String: Value] = [:]
        var declarations: [(name: String, sort: Sort)] = []
        var ranges: [Term] = []
        for (name, type) in classVariables + constantVariables {
            let w = try TermEncoder.width(type)
            let symbol = "?" + name
            symbols[name] = Value(term: .symbol(symbol), width: w, low: 0, high: Value.modulus(w) - 1)
            declarations.append((symbol, theory == .bitVector ? .bitVector(w) : .int))
            if theory == .integer {
                ranges.append(
                    .and([
                        .apply("<=", [.integer(0), .symbol(symbol)]),
                        .apply("<=", [.symbol(symbol), .integer(Value.modulus(w) - 1)]),
                    ]))
            }
        }
        let resultWidth = try TermEncoder.width(rule.lhs.type)
        let sideSort: Sort = theory == .bitVector ? .bitVector(resultWidth) : .int
        declarations += [("lhs", sideSort), ("rhs", sideSort), ("lhs.trap", .bool), ("rhs.trap", .bool)]

        var result: [ProofCase] = []
        for split in splits(of: rule, symbols: symbols) {
            var encoder = TermEncoder(theory: theory, symbols: symbols)
            var assumptions: [(comment: String, term: Term)] = []
            for (name, value) in split.substitutions {
                guard let v = symbols[name] else { continue }
                encoder.symbols[name] = .literal(value, width: v.width, theory: theory)
                assumptions.append(("case", .equal(v.term, encoder.literal(value, width: v.width).term)))
            }
            refine(&encoder, guards: rule.guards, split: Split())
            for (term, value) in split.fixed {
                let arg: ConstExpr
                guard case .apply(let f, let args) = term.expression else { continue }
                arg = args[0]
                if f == "log2" || f == "clz" {
                    let a = try encoder.constant(arg, width: term.width)
                    let (low, high) = range(of: f, value: value, width: term.width)
                    assumptions.append(("case", .and(rangeCondition(a, low: low, high: high, encoder: encoder))))
                } else {
                    guard theory == .bitVector else {
                        throw .inexpressible("\(f) of a non-constant has no integer form")
                    }
                    let v = try encoder.constant(term.expression, width: term.width)
                    assumptions.append(("case", .equal(v.term, encoder.literal(value, width: term.width).term)))
                }
                encoder.fixed[term] = value
            }
            refine(&encoder, guards: rule.guards, split: split)
            var guards: [(comment: String, term: Term)] = []
            for g in rule.guards { guards.append(("if \(g)", try encoder.condition(g))) }
            // The bounds the guards and the case imply, which the encoding has used to leave
            // out wrapping, traps or the guards themselves: asserted, so that every model of
            // the query satisfies the guards and its counterexample reproduces concretely.
            var bounds: [Term] = []
            for (name, _) in classVariables + constantVariables {
                guard let v = encoder.symbols[name], v.literal == nil, let full = symbols[name] else { continue }
                guard v.low > full.low || v.high < full.high else { continue }
                bounds += rangeCondition(full, low: v.low, high: v.high, encoder: encoder)
            }
            let assumed = assumptions.flatMap { a -> [Term] in
                if case .apply("and", let terms) = a.term { return terms }
                return [a.term]
            }
            bounds.removeAll(where: assumed.contains)
            let (lhs, lhsTrap) = try encoder.encode(rule.lhs)
            let (rhs, rhsTrap) = try encoder.encode(rule.rhs)

            var body = ""
            func assert(_ t: Term, _ comment: String? = nil) {
                if let comment { body += "; \(comment)\n" }
                body += "(assert \(t))\n"
            }
            for r in ranges { assert(r) }
            for (name, definition) in encoder.auxiliaries { assert(definition, "\(name): a quotient") }
            assert(.equal(.symbol("lhs"), lhs.term), "left: \(rule.lhs)")
            assert(.equal(.symbol("lhs.trap"), lhsTrap))
            assert(.equal(.symbol("rhs"), rhs.term), "right: \(rule.rhs)")
            assert(.equal(.symbol("rhs.trap"), rhsTrap))
            for (comment, t) in guards { assert(t, comment) }
            for t in bounds { assert(t, "the bound the guards imply") }
            var defined: [Term] = []
            for t in encoder.definedness where !defined.contains(t) { defined.append(t) }
            for t in defined { assert(t, "the computed constants are defined") }
            for (_, t) in assumptions { assert(t, "case \(split.label)") }
            assert(
                .or([
                    .not(.equal(.symbol("lhs.trap"), .symbol("rhs.trap"))),
                    .and([.not(.symbol("lhs.trap")), encoder.distinct(.symbol("lhs"), .symbol("rhs"))]),
                ]), "the sides differ: in trapping, or in value where neither traps")
            result.append(
                ProofCase(
                    label: split.label,
                    query: Query(
                        declarations: declarations + encoder.auxiliaries.map { ($0.name, Sort.int) }, body: body,
                        tactic: tactic(theory))))
        }
        return result
    }

    static func floatOperator(in p: Pattern) -> NumericOp? {
        switch p {
        case .variable, .constant: return nil
        case .op(let op, let kids):
            let s = op.signature
            if (s.operands + [s.result]).contains(where: { $0 == .f32 || $0 == .f64 }) { return op }
            return kids.lazy.compactMap(floatOperator).first
        case .select(_, let a, let b, let c): return [a, b, c].lazy.compactMap(floatOperator).first
        case .access: return floatOperator(in: p.effectiveAddress)
        }
    }

    /// Bound constants (`?c` in `(i32.const ?c)`) of a left-hand side, in order.
    static func constants(in pattern: Pattern) -> [(name: String, type: ValueType)] {
        var seen: [(name: String, type: ValueType)] = []
        func walk(_ p: Pattern) {
            switch p {
            case .variable: break
            case .constant(let t, .variable(let c)): if !seen.contains(where: { $0.name == c }) { seen.append((c, t)) }
            case .constant: break
            case .op(_, let kids): kids.forEach(walk)
            case .select(_, let a, let b, let c): [a, b, c].forEach(walk)
            case .access: walk(p.effectiveAddress)
            }
        }
        walk(pattern)
        return seen
    }

    // MARK: Cases

    struct Split {
        var substitutions: [(String, UInt64)] = []
        var fixed: [(TermEncoder.FixedTerm, UInt64)] = []
        var label: String {
            (substitutions.map { "?\($0.0) = \($0.1)" } + fixed.map { "\($0.0.expression) = \($0.1)" })
                .joined(separator: ", ")
        }
    }

    static let countingOperators: Set<String> = ["log2", "clz", "ctz", "popcnt"]

    /// The cases a rule is proved in: powers of two for `pow2`-guarded variables, each value
    /// of a counting operator applied to a bound constant.
    static func splits(of rule: Rule, symbols: [String: Value]) -> [Split] {
        var dimensions: [[(Split) -> Split]] = []
        var seenVariables: Set<String> = []
        for g in rule.guards where g.name == "pow2" {
            let name: String
            switch g.arguments[0] {
            case .value(let v): name = v
            case .constant(.variable(let v), _): name = v
            default: continue
            }
            guard let width = symbols[name]?.width, seenVariables.insert(name).inserted else { continue }
            dimensions.append(
                (0..<width).map { k in
                    {
                        var s = $0
                        s.substitutions.append((name, 1 << UInt64(k)))
                        return s
                    }
                })
        }
        var terms: [TermEncoder.FixedTerm] = []
        func collect(_ e: ConstExpr, width: Int) {
            guard case .apply(let f, let args) = e else { return }
            for arg in args { collect(arg, width: width) }
            let term = TermEncoder.FixedTerm(expression: e, width: width)
            if countingOperators.contains(f), mentionsVariable(e), !terms.contains(term) { terms.append(term) }
        }
        func walk(_ p: Pattern) {
            switch p {
            case .variable: break
            case .constant(let t, let e): if let w = try? TermEncoder.width(t) { collect(e, width: w) }
            case .op(_, let kids): kids.forEach(walk)
            case .select(_, let a, let b, let c): [a, b, c].forEach(walk)
            case .access: walk(p.effectiveAddress)
            }
        }
        for g in rule.guards {
            for case .constant(let e, let t) in g.arguments {
                if let w = try? TermEncoder.width(t) { collect(e, width: w) }
            }
        }
        walk(rule.rhs)
        for term in terms {
            guard case .apply(let f, _) = term.expression else { continue }
            let values = f == "log2" ? 0..<term.width : 0..<(term.width + 1)
            dimensions.append(
                values.map { k in
                    {
                        var s = $0
                        s.fixed.append((term, UInt64(k)))
                        return s
                    }
                })
        }
        var splits = [Split()]
        for d in dimensions where splits.count * d.count <= maximumCases {
            splits = splits.flatMap { s in d.map { $0(s) } }
        }
        return splits
    }

    static func mentionsVariable(_ e: ConstExpr) -> Bool {
        switch e {
        case .literal: false
        case .variable: true
        case .apply(_, let args): args.contains(where: mentionsVariable)
        }
    }

    /// The values `x` takes when `f(x) = value` at `width`, for `f` `log2` or `clz`.
    static func range(of f: String, value k: UInt64, width w: Int) -> (low: Int128, high: Int128) {
        let one = Int128(1)
        switch f {
        case "log2": return (one << Int128(k), (one << Int128(k + 1)) - 1)
        default: return k == UInt64(w) ? (0, 0) : (one << Int128(UInt64(w) - k - 1), (one << Int128(UInt64(w) - k)) - 1)
        }
    }

    /// `low <= a <= high`.
    static func rangeCondition(_ a: Value, low: Int128, high: Int128, encoder: TermEncoder) -> [Term] {
        var terms: [Term] = []
        if low > 0 { terms.append(encoder.compare("uge", a, encoder.literal(UInt64(low), width: a.width))) }
        if high < Value.modulus(a.width) - 1 {
            terms.append(encoder.compare("ule", a, encoder.literal(UInt64(high), width: a.width)))
        }
        return terms
    }
}

extension RuleQuery {
    /// Narrows the bounds of bound variables from what the guards and the case assume, so that
    /// the integer theory can leave out wrapping that cannot happen.
    static func refine(_ encoder: inout TermEncoder, guards: [Guard], split: Split) {
        func literal(_ a: Guard.Argument) -> Int128? {
            var scratch = encoder
            return (try? scratch.argument(a))?.literal.map { Int128($0) }
        }
        func subject(_ a: Guard.Argument) -> (ConstExpr, Int) {
            switch a {
            case .value(let v): return (.variable(v), 64)
            case .constant(let e, let t): return (e, (try? TermEncoder.width(t)) ?? 64)
            }
        }
        let top = Value.modulus(64) - 1
        for g in guards {
            let args = g.arguments
            switch g.name {
            case "ult", "ule", "ugt", "uge", "eq":
                if let c = literal(args[1]) {
                    let (e, w) = subject(args[0])
                    let bounds: [String: (Int128, Int128)] = [
                        "ult": (0, c - 1), "ule": (0, c), "ugt": (c + 1, top), "uge": (c, top), "eq": (c, c),
                    ]
                    if let (low, high) = bounds[g.name] { narrow(&encoder, e, width: w, low: low, high: high) }
                } else if let c = literal(args[0]) {
                    let (e, w) = subject(args[1])
                    let bounds: [String: (Int128, Int128)] = [
                        "ult": (c + 1, top), "ule": (c, top), "ugt": (0, c - 1), "uge": (0, c), "eq": (c, c),
                    ]
                    if let (low, high) = bounds[g.name] { narrow(&encoder, e, width: w, low: low, high: high) }
                }
            case "nonzero":
                let (e, w) = subject(args[0])
                narrow(&encoder, e, width: w, low: 1, high: top)
            default: break
            }
        }
        for (term, value) in split.fixed {
            guard case .apply(let f, let args) = term.expression, f == "log2" || f == "clz" else { continue }
            let (low, high) = range(of: f, value: value, width: term.width)
            narrow(&encoder, args[0], width: term.width, low: low, high: high)
        }
    }

    /// Narrows the variable in `e` (`?v`, `(+ ?v c)` or `(- ?v c)` without wrapping at
    /// `width`) given `low <= e <= high`.
    static func narrow(_ encoder: inout TermEncoder, _ e: ConstExpr, width: Int, low: Int128, high: Int128) {
        switch e {
        case .variable(let name):
            guard var v = encoder.symbols[name], v.literal == nil, v.width <= width else { return }
            v.low = max(v.low, low)
            v.high = min(v.high, high)
            encoder.symbols[name] = v
        case .apply(let f, let args) where f == "-" || f == "+":
            guard args.count == 2, case .variable(let name) = args[0], case .literal(let raw) = args[1],
                let v = encoder.symbols[name], v.width <= width
            else { return }
            let c = Int128(raw)
            if f == "-" && v.low >= c {
                narrow(&encoder, .variable(name), width: width, low: low + c, high: high + c)
            } else if f == "+" && v.high + c < Value.modulus(width) {
                narrow(&encoder, .variable(name), width: width, low: low - c, high: high - c)
            }
        default: break
        }
    }
}
