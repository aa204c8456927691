/// An SMT-LIB2 term over bit-vectors, integers and Booleans, as the prover writes it into a
/// query. The Boolean constructors below fold literals; `TermEncoder` folds the rest.
///
/// Invariant: `description` is valid SMT-LIB2 for the sorts the encoder gave the symbols.
indirect enum Term: Hashable, Sendable, CustomStringConvertible {
    case bitVector(UInt64, width: Int)
    case integer(Int128)
    case boolean(Bool)
    case symbol(String)
    case apply(String, [Term])
    /// An indexed operator such as `((_ extract 7 0) x)`.
    case indexed(String, [Int], [Term])
    /// `(let ((name bound)) body)`, so a term used twice is written once.
    case bind(String, Term, Term)

    var description: String {
        var out = ""
        write(to: &out)
        return out
    }

    func write(to out: inout String) {
        switch self {
        case .bitVector(let v, let w):
            if w % 4 == 0 {
                let digits = String(v, radix: 16)
                out += "#x" + String(repeating: "0", count: max(0, w / 4 - digits.count)) + digits
            } else {
                out += "(_ bv\(v) \(w))"
            }
        case .integer(let v): out += v < 0 ? "(- \(v.magnitude))" : "\(v)"
        case .boolean(let b): out += b ? "true" : "false"
        case .symbol(let s): out += s
        case .apply(let f, let args):
            out += "(" + f
            for a in args {
                out += " "
                a.write(to: &out)
            }
            out += ")"
        case .indexed(let f, let indices, let args):
            out += "((_ \(f) \(indices.map(String.init).joined(separator: " ")))"
            for a in args {
                out += " "
                a.write(to: &out)
            }
            out += ")"
        case .bind(let name, let bound, let body):
            out += "(let ((\(name) "
            bound.write(to: &out)
            out += ")) "
            body.write(to: &out)
            out += ")"
        }
    }

    var booleanLiteral: Bool? {
        if case .boolean(let b) = self { return b }
        return nil
    }

    static func not(_ a: Term) -> Term {
        if let b = a.booleanLiteral { return .boolean(!b) }
        if case .apply("not", let args) = a { return args[0] }
        return .apply("not", [a])
    }

    static func and(_ terms: [Term]) -> Term { junction("and", terms, unit: true) }

    static func or(_ terms: [Term]) -> Term { junction("or", terms, unit: false) }

    /// `and` (unit true) or `or` (unit false) of `terms`: units and repeats dropped, the
    /// absorbing literal returned as soon as it appears.
    private static func junction(_ f: String, _ terms: [Term], unit: Bool) -> Term {
        var kept: [Term] = []
        for t in terms {
            if t.booleanLiteral == !unit { return .boolean(!unit) }
            if t.booleanLiteral == unit || kept.contains(t) { continue }
            kept.append(t)
        }
        return kept.isEmpty ? .boolean(unit) : kept.count == 1 ? kept[0] : .apply(f, kept)
    }

    static func ite(_ c: Term, _ a: Term, _ b: Term) -> Term {
        if let l = c.booleanLiteral { return l ? a : b }
        if a == b { return a }
        return .apply("ite", [c, a, b])
    }

    static func equal(_ a: Term, _ b: Term) -> Term {
        if a == b { return .boolean(true) }
        switch (a, b) {
        case (.bitVector(let x, _), .bitVector(let y, _)): return .boolean(x == y)
        case (.integer(let x), .integer(let y)): return .boolean(x == y)
        case (.boolean(let x), .boolean(let y)): return .boolean(x == y)
        default: return .apply("=", [a, b])
        }
    }
}
