import WasmModel

/// A constant computed from the constants a pattern bound: literals, `?c` variables, and
/// operators on them (`+ - * udiv urem and or xor shl shr_u not neg log2 clz ctz popcnt`),
/// evaluated at the width of the constant it produces.
public indirect enum ConstExpr: Hashable, Sendable, CustomStringConvertible {
    case literal(UInt64)
    case variable(String)
    case apply(String, [ConstExpr])

    public var description: String {
        switch self {
        case .literal(let v):
            return Int64(bitPattern: v) < 0 && Int64(bitPattern: v) > -4096 ? "\(Int64(bitPattern: v))" : "\(v)"
        case .variable(let v): return "?\(v)"
        case .apply(let f, let args): return "(\(f) \(args.map(\.description).joined(separator: " ")))"
        }
    }

    /// Operators a constant expression may use, with their arity.
    public static let operators: [String: Int] = [
        "+": 2, "-": 2, "*": 2, "udiv": 2, "urem": 2, "and": 2, "or": 2, "xor": 2, "shl": 2, "shr_u": 2,
        "not": 1, "neg": 1, "log2": 1, "clz": 1, "ctz": 1, "popcnt": 1,
    ]
}

/// A pattern over the pure expression language: a variable standing for any e-class, a
/// constant (`(i32.const ?c)` binds `?c`; a literal matches exactly; on a right-hand side a
/// constant expression is computed), a numeric operator, or `select`.
///
/// Invariant (after `RuleParser` type-checks it): every operand has the type its operator
/// expects, and `type` is the pattern's result type.
public indirect enum Pattern: Hashable, Sendable, CustomStringConvertible {
    case variable(String, ValueType)
    case constant(ValueType, ConstExpr)
    case op(NumericOp, [Pattern])
    case select(ValueType, Pattern, Pattern, Pattern)
    /// A memory access of any width at `offset` from an i32 address: only at the root of a
    /// rule, on both sides. It stands for the access's effective address: the 33-bit
    /// `zext(address) + offset` (Wasm never wraps it), or for a wrapping kind the 32-bit
    /// `address + offset`, wrapping as a target's address arithmetic does.
    case access(Access, offset: ConstExpr, address: Pattern)

    /// The kinds of memory access a rule can rewrite (every load, every store). The wrapping
    /// kinds are the same accesses on a target that computes addresses modulo 2^32 and does
    /// not check them (`weft compile` in every memory model but `checked`): rules of these
    /// kinds are applied only there, never to Wasm that `weft optimize` writes.
    public enum Access: String, Hashable, Sendable {
        case load, store
        case wrappingLoad = "wrapping-load"
        case wrappingStore = "wrapping-store"

        public var isStore: Bool { self == .store || self == .wrappingStore }
        public var wraps: Bool { self == .wrappingLoad || self == .wrappingStore }
    }

    public var type: ValueType {
        switch self {
        case .variable(_, let t), .constant(let t, _), .select(let t, _, _, _): return t
        case .op(let op, _): return op.signature.result
        case .access(let kind, _, _): return kind.wraps ? .i32 : .i64
        }
    }

    /// The pattern with every access replaced by its effective address as an i64 value,
    /// `(i64.add (i64.extend_i32_u address) (i64.const offset))`: two accesses of the same
    /// kind touch the same bytes, and trap alike, exactly when these are equal (the sum
    /// cannot wrap: the address is below 2^32 and offsets are checked below 2^32). A
    /// wrapping access's is the i32 `(i32.add address (i32.const offset))`.
    public var effectiveAddress: Pattern {
        switch self {
        case .access(let kind, let offset, let address) where kind.wraps:
            return .op(.i32Add, [address, .constant(.i32, offset)])
        case .access(_, let offset, let address):
            return .op(.i64Add, [.op(.i64ExtendI32U, [address]), .constant(.i64, offset)])
        default: return self
        }
    }

    /// Class variables (`?x`) with their types, in order of first appearance.
    public var variables: [(name: String, type: ValueType)] {
        var seen: [(name: String, type: ValueType)] = []
        func walk(_ p: Pattern) {
            switch p {
            case .variable(let v, let t): if !seen.contains(where: { $0.name == v }) { seen.append((v, t)) }
            case .constant: break
            case .op(_, let kids): kids.forEach(walk)
            case .select(_, let a, let b, let c): [a, b, c].forEach(walk)
            case .access(_, _, let a): walk(a)
            }
        }
        walk(self)
        return seen
    }

    /// Operators, constants and selects in the pattern (variables count nothing).
    public var size: Int {
        switch self {
        case .variable: 0
        case .constant: 1
        case .op(_, let kids): 1 + kids.reduce(0) { $0 + $1.size }
        case .select(_, let a, let b, let c): 1 + a.size + b.size + c.size
        case .access(_, _, let a): 1 + a.size
        }
    }

    public var description: String {
        switch self {
        case .variable(let v, _): return "?\(v)"
        case .constant(let t, let e): return "(\(t).const \(e))"
        case .op(let op, let kids): return "(\(op.name) \(kids.map(\.description).joined(separator: " ")))"
        case .select(_, let a, let b, let c): return "(select \(a) \(b) \(c))"
        case .access(let kind, let offset, let address): return "(\(kind.rawValue) offset=\(offset) \(address))"
        }
    }
}

/// A condition under which a rule applies. Arguments are constant expressions or class
/// variables; a class variable is judged by its e-class facts (range, known bits), which
/// hold for every value it can take.
public struct Guard: Hashable, Sendable, CustomStringConvertible {
    public enum Argument: Hashable, Sendable, CustomStringConvertible {
        case value(String)
        /// A constant expression and the type it is computed at (the parser gives guards
        /// i64: bound i32 constants are zero-extended).
        case constant(ConstExpr, ValueType)

        public var description: String {
            switch self {
            case .value(let v): return "?\(v)"
            case .constant(let e, _): return e.description
            }
        }
    }

    public var name: String
    public var arguments: [Argument]

    public init(name: String, arguments: [Argument]) {
        self.name = name
        self.arguments = arguments
    }

    /// Guard names and their arities. `pow2 c`: c is a power of two; `ult/ule/ugt/uge a b`:
    /// unsigned comparison (of ranges for class variables); `eq/ne a b`: equal (the same
    /// constant, or one class) or never equal (disjoint ranges or conflicting known bits);
    /// `nonzero a`; `known-zero a mask`: the bits of `mask` are known 0 in `a`.
    /// Constant arguments are computed at 64 bits (bound i32 constants zero-extended).
    public static let arities: [String: Int] = [
        "pow2": 1, "ult": 2, "ule": 2, "ugt": 2, "uge": 2, "eq": 2, "ne": 2, "nonzero": 1, "known-zero": 2,
    ]

    public var description: String { "(\(name) \(arguments.map(\.description).joined(separator: " ")))" }
}

/// A rewrite rule: `lhs => rhs` where every guard holds. Both sides are equal, value for
/// value and trap for trap, for every binding that satisfies the guards (what `weft prove`
/// proves).
public struct Rule: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    /// The comment lines above the rule.
    public var summary: String
    public var lhs: Pattern
    public var rhs: Pattern
    public var guards: [Guard]
    /// `fires`/`stops` examples written under the rule, checked by `weft rules check`.
    public var examples: [RuleExample] = []
    public var location: SourceLocation
    /// The rule's source text, for digests.
    public var text: String

    public var description: String {
        "rule \(name): \(lhs) => \(rhs)" + guards.map { " if \($0)" }.joined()
    }

    /// Whether the right-hand side has more operators and constants than the left: the rule
    /// grows a term (`x mod d` through `x / d`, division by multiplication), and what it
    /// builds feeds the other rules again. Saturation applies such rules in rounds after the
    /// others (`SaturationLimits.expansionRounds`) instead of every iteration.
    public var expands: Bool { rhs.size > lhs.size }

    /// Whether the rule rewrites a memory access (applied to the skeleton's loads and
    /// stores, not inside the e-graph).
    public var isAccess: Bool {
        if case .access = lhs { return true }
        return false
    }

    /// The rule as an equality of pure values, what `weft prove` proves: an access rule
    /// becomes the equality of the two effective addresses.
    public var provable: Rule {
        guard isAccess else { return self }
        var r = self
        r.lhs = lhs.effectiveAddress
        r.rhs = rhs.effectiveAddress
        return r
    }
}

/// A worked example under a rule: a term (variables are opaque values) on which the rule
/// must fire, optionally with a term the result must equal, or on which it must not fire.
public struct RuleExample: Hashable, Sendable {
    public var fires: Bool
    public var term: Pattern
    public var expected: Pattern?
    public var line: Int
}

/// When a call is worth trying to inline: every condition must hold of the callee. A policy
/// only nominates — the optimizer then measures the module both ways and keeps the smaller
/// (a call replaced by its callee's body is the same program, so there is nothing to prove).
/// Recursive callees are never nominated.
public struct InlinePolicy: Hashable, Sendable, CustomStringConvertible {
    public enum Condition: Hashable, Sendable, CustomStringConvertible {
        /// `(callers-at-most N)`: called from at most N places in the module.
        case callersAtMost(Int)
        /// `(size-at-most N)`: the callee's code is at most N bytes.
        case sizeAtMost(Int)
        /// `(growth-at-most N)`: inlining at every call adds at most N bytes of copies of the
        /// callee's code — its bytes times its calls, less one copy when the callee is then
        /// unreachable (not exported, in a table, the start function or referenced).
        case growthAtMost(Int)
        /// `(leaf)`: the callee calls nothing.
        case leaf
        /// `(hinted)`: named by `--inline` or a compilation hint.
        case hinted

        public var description: String {
            switch self {
            case .callersAtMost(let n): "(callers-at-most \(n))"
            case .sizeAtMost(let n): "(size-at-most \(n))"
            case .growthAtMost(let n): "(growth-at-most \(n))"
            case .leaf: "(leaf)"
            case .hinted: "(hinted)"
            }
        }
    }

    public var name: String
    public var summary: String
    public var conditions: [Condition]
    public var location: SourceLocation

    public var description: String { "inline \(name)" + conditions.map { " if \($0)" }.joined() }
}
