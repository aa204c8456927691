import WasmModel

/// An s-expression with the position of its first token.
indirect enum SExpr {
    case atom(String, line: Int, column: Int)
    case list([SExpr], line: Int, column: Int)

    var line: Int {
        switch self {
        case .atom(_, let l, _), .list(_, let l, _): l
        }
    }

    var column: Int {
        switch self {
        case .atom(_, _, let c), .list(_, _, let c): c
        }
    }
}

/// Parses and type-checks a rules file:
///
/// ```
/// ; strength reduction: x mod 2^k
/// rule rem-u-pow2: (i32.rem_u ?x (i32.const ?c)) => (i32.and ?x (i32.const (- ?c 1))) if (pow2 ?c)
/// ```
public struct RuleParser {
    let file: String
    let text: String
    /// The text's lines, split once (every rule's source text is a run of them).
    let lines: [Substring]
    let tokens: [Token]
    var position = 0
    /// Inline policies met while parsing rules.
    var policies: [InlinePolicy] = []

    public init(file: String, text: String) {
        self.file = file
        self.text = text
        // Split on the newline byte, as the lexer counts lines (a Character split would keep
        // "\r\n" together, and walks grapheme clusters).
        self.lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map {
            Substring($0)
        }
        self.tokens = Lexer.tokens(text)
    }

    /// Every rule of the file, or the first error.
    public static func parse(file: String, text: String) throws(RuleError) -> [Rule] {
        var parser = RuleParser(file: file, text: text)
        return try parser.rules()
    }

    /// The rules and the inline policies of a file.
    public static func parseAll(file: String, text: String) throws(RuleError) -> (
        rules: [Rule], policies: [InlinePolicy]
    ) {
        var parser = RuleParser(file: file, text: text)
        let rules = try parser.rules()
        return (rules, parser.policies)
    }

    /// Like `parseAll`, but every declaration is tried: those that parse, and one error for
    /// each that does not (`weft rules check` reports them all).
    public static func parseReportingEvery(file: String, text: String) -> (
        rules: [Rule], policies: [InlinePolicy], errors: [RuleError]
    ) {
        var parser = RuleParser(file: file, text: text)
        let (rules, errors) = parser.rulesReportingEvery()
        return (rules, parser.policies, errors)
    }

    /// `inline NAME if (CONDITION) [if (CONDITION)]...`
    mutating func policy(_ start: Token) throws(RuleError) -> InlinePolicy {
        guard position < tokens.count, case .atom(var name) = tokens[position].kind else { throw endError }
        position += 1
        if name.hasSuffix(":") { name.removeLast() }
        var conditions: [InlinePolicy.Condition] = []
        while position < tokens.count, case .atom("if") = tokens[position].kind {
            position += 1
            let e = try sexpr()
            guard case .list(let items, _, _) = e, case .atom(let head, _, _)? = items.first else {
                throw error(
                    at: e, "expected a condition",
                    hint: "(callers-at-most N), (size-at-most N), (growth-at-most N), (leaf), (hinted)")
            }
            func number() throws(RuleError) -> Int {
                guard items.count == 2, case .atom(let a, _, _) = items[1], let n = Int(a), n >= 0 else {
                    throw error(at: e, "\(head) takes one count")
                }
                return n
            }
            switch head {
            case "callers-at-most": conditions.append(.callersAtMost(try number()))
            case "size-at-most": conditions.append(.sizeAtMost(try number()))
            case "growth-at-most": conditions.append(.growthAtMost(try number()))
            case "leaf", "hinted":
                guard items.count == 1 else { throw error(at: e, "\(head) takes nothing") }
                conditions.append(head == "leaf" ? .leaf : .hinted)
            default:
                throw error(
                    at: e, "unknown inline condition `\(head)`",
                    hint: "(callers-at-most N), (size-at-most N), (growth-at-most N), (leaf), (hinted)")
            }
        }
        guard !conditions.isEmpty else {
            throw error(
                start.line, start.column, "an inline policy needs a condition",
                hint: "inline small if (size-at-most 48)")
        }
        return InlinePolicy(
            name: name, summary: start.comment ?? "", conditions: conditions,
            location: SourceLocation(file: file, line: start.line, column: start.column))
    }

    func error(_ line: Int, _ column: Int, _ message: String, hint: String? = nil) -> RuleError {
        RuleError(file: file, line: line, column: column, message: message, hint: hint)
    }

    func error(at e: SExpr, _ message: String, hint: String? = nil) -> RuleError {
        error(e.line, e.column, message, hint: hint)
    }

    var endError: RuleError {
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).count
        return error(line, 1, "unexpected end of file", hint: "a rule reads `rule NAME: LHS => RHS [if GUARD]...`")
    }

    /// The name after `rule` / `tile` (`NAME:` or `NAME :`): letters, digits, `-`, `_`,
    /// `.`, not used before in the file.
    mutating func declarationName(_ kind: String, unique names: inout Set<String>) throws(RuleError) -> String {
        guard position < tokens.count, case .atom(var name) = tokens[position].kind else { throw endError }
        let nameToken = tokens[position]
        position += 1
        if name.hasSuffix(":") { name.removeLast() }
        if position < tokens.count, tokens[position].kind == .atom(":") { position += 1 }
        // Letters and digits of any script; ASCII ones checked by byte.
        func allowed(_ b: UInt8) -> Bool {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
                true
            default: false
            }
        }
        guard !name.isEmpty,
            name.utf8.allSatisfy(allowed)
                || name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." })
        else {
            throw error(
                nameToken.line, nameToken.column, "invalid \(kind) name `\(name)`",
                hint: "use letters, digits, `-`, `_` and `.`")
        }
        guard names.insert(name).inserted else {
            throw error(nameToken.line, nameToken.column, "duplicate \(kind) name `\(name)`")
        }
        return name
    }

    mutating func rules() throws(RuleError) -> [Rule] {
        var rules: [Rule] = []
        var names = Set<String>()
        while position < tokens.count { try declaration(into: &rules, names: &names) }
        return rules
    }

    /// Every declaration that parses, and an error for each one that does not: after an
    /// error, parsing goes on at the next `rule` or `inline` that starts a line.
    mutating func rulesReportingEvery() -> (rules: [Rule], errors: [RuleError]) {
        var rules: [Rule] = []
        var names = Set<String>()
        var errors: [RuleError] = []
        while position < tokens.count {
            let start = position
            do {
                try declaration(into: &rules, names: &names)
            } catch {
                errors.append(error)
                position = max(position, start + 1)
                while position < tokens.count {
                    let t = tokens[position]
                    if t.column == 1, case .atom(let word) = t.kind, word == "rule" || word == "inline" { break }
                    position += 1
                }
            }
        }
        return (rules, errors)
    }

    /// Parses one `rule` or `inline` declaration at `position`, appending it.
    mutating func declaration(into rules: inout [Rule], names: inout Set<String>) throws(RuleError) {
        do {
            let start = tokens[position]
            if case .atom("inline") = start.kind {
                position += 1
                policies.append(try policy(start))
                return
            }
            guard case .atom("rule") = start.kind else {
                throw error(
                    start.line, start.column, "expected `rule` or `inline`",
                    hint: "a rule reads `rule NAME: LHS => RHS [if GUARD]...`")
            }
            position += 1
            let name = try declarationName("rule", unique: &names)
            let lhsExpr = try sexpr()
            guard position < tokens.count, tokens[position].kind == .arrow else {
                let t = position < tokens.count ? tokens[position] : nil
                throw t.map { error($0.line, $0.column, "expected `=>` after the left-hand side") } ?? endError
            }
            position += 1
            let rhsExpr = try sexpr()
            var guardExprs: [SExpr] = []
            while position < tokens.count, case .atom("if") = tokens[position].kind {
                position += 1
                guardExprs.append(try sexpr())
            }
            var exampleExprs: [(fires: Bool, term: SExpr, expected: SExpr?)] = []
            while position < tokens.count, case .atom(let word) = tokens[position].kind,
                word == "fires" || word == "stops"
            {
                position += 1
                let term = try sexpr()
                var expected: SExpr?
                if word == "fires", position < tokens.count, tokens[position].kind == .arrow {
                    position += 1
                    expected = try sexpr()
                }
                exampleExprs.append((word == "fires", term, expected))
            }
            let end = position < tokens.count ? tokens[position] : nil
            let ruleText = Self.slice(lines, from: start, to: end)
            var env = Environment()
            if case .atom = lhsExpr {
                throw error(
                    at: lhsExpr, "the left-hand side must be an operator application",
                    hint: "e.g. (i32.add ?x (i32.const 0))")
            }
            let lhs = try pattern(lhsExpr, expected: nil, env: &env, side: .left)
            if case .variable = lhs {
                throw error(
                    at: lhsExpr, "the left-hand side must be an operator application",
                    hint: "e.g. (i32.add ?x (i32.const 0))")
            }
            if case .constant = lhs {
                throw error(
                    at: lhsExpr, "the left-hand side must be an operator application",
                    hint: "e.g. (i32.add ?x (i32.const 0))")
            }
            let rhs = try pattern(rhsExpr, expected: lhs.type, env: &env, side: .right)
            try Self.checkAccesses(lhs, lhsExpr, rhs, rhsExpr, examples: exampleExprs.count, parser: self)
            let guards = try guardExprs.map { (g) throws(RuleError) -> Guard in try self.guardClause(g, env: env) }
            var examples: [RuleExample] = []
            for (fires, termExpr, expectedExpr) in exampleExprs {
                var exampleEnv = Environment()
                let term = try pattern(termExpr, expected: lhs.type, env: &exampleEnv, side: .left)
                var expected: Pattern?
                if let expectedExpr {
                    expected = try pattern(expectedExpr, expected: lhs.type, env: &exampleEnv, side: .right)
                }
                if !exampleEnv.constants.isEmpty {
                    throw error(at: termExpr, "an example uses literal constants only", hint: "write (i32.const 8)")
                }
                examples.append(RuleExample(fires: fires, term: term, expected: expected, line: termExpr.line))
            }
            rules.append(
                Rule(
                    name: name, summary: start.comment ?? "", lhs: lhs, rhs: rhs, guards: guards, examples: examples,
                    location: SourceLocation(file: file, line: start.line, column: start.column), text: ruleText))
        }
    }

    /// A memory access is only a whole side, on both sides at once, of the same kind.
    static func checkAccesses(
        _ lhs: Pattern, _ lhsExpr: SExpr, _ rhs: Pattern, _ rhsExpr: SExpr, examples: Int, parser: RuleParser
    ) throws(RuleError) {
        func nested(_ p: Pattern, root: Bool) -> Bool {
            switch p {
            case .variable, .constant: return false
            case .op(_, let kids): return kids.contains { nested($0, root: false) }
            case .select(_, let a, let b, let c): return [a, b, c].contains { nested($0, root: false) }
            case .access(_, _, let a): return !root || nested(a, root: false)
            }
        }
        if nested(lhs, root: true) { throw parser.error(at: lhsExpr, "a load or store may only be a whole side") }
        if nested(rhs, root: true) { throw parser.error(at: rhsExpr, "a load or store may only be a whole side") }
        switch (lhs, rhs) {
        case (.access(let a, _, _), .access(let b, _, _)):
            guard a == b else {
                throw parser.error(at: rhsExpr, "a \(a.rawValue) must be rewritten to a \(a.rawValue)")
            }
        case (.access(let a, _, _), _):
            throw parser.error(at: rhsExpr, "a \(a.rawValue) must be rewritten to a \(a.rawValue)")
        case (_, .access):
            throw parser.error(at: rhsExpr, "only a load or store can be rewritten to one")
        default: break
        }
    }

    /// The source text from `start` up to (not including) `end`, trimmed.
    static func slice(_ lines: [Substring], from start: Token, to end: Token?) -> String {
        let last = end.map { $0.line } ?? lines.count + 1
        let body = lines[(start.line - 1)..<min(max(last - 1, start.line), lines.count)]
        // A comment line: its first byte other than a space or tab is `;`.
        let comment = { (line: Substring) in
            line.utf8.first { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") } == UInt8(ascii: ";")
        }
        return body.filter { !comment($0) }.joined(separator: "\n").trimmingCharacters()
    }

    mutating func sexpr() throws(RuleError) -> SExpr {
        guard position < tokens.count else { throw endError }
        let t = tokens[position]
        position += 1
        switch t.kind {
        case .atom(let a): return .atom(a, line: t.line, column: t.column)
        case .arrow: throw error(t.line, t.column, "unexpected `=>`")
        case .close: throw error(t.line, t.column, "unexpected `)`")
        case .open:
            var items: [SExpr] = []
            while true {
                guard position < tokens.count else { throw error(t.line, t.column, "unclosed `(`") }
                if tokens[position].kind == .close {
                    position += 1
                    return .list(items, line: t.line, column: t.column)
                }
                items.append(try sexpr())
            }
        }
    }

    // MARK: Patterns

    enum Side { case left, right }

    struct Environment {
        var values: [String: ValueType] = [:]
        var constants: [String: ValueType] = [:]
    }

    static let types: [String: ValueType] = ["i32": .i32, "i64": .i64, "f32": .f32, "f64": .f64]
    static let numericByName: [String: NumericOp] = Dictionary(
        uniqueKeysWithValues: NumericOp.allCases.map { ($0.name, $0) })

    func pattern(_ e: SExpr, expected: ValueType?, env: inout Environment, side: Side) throws(RuleError) -> Pattern {
        switch e {
        case .atom(let a, _, _):
            guard a.hasPrefix("?"), a.count > 1 else {
                throw error(
                    at: e, "expected a pattern, found `\(a)`", hint: "constants are written (i32.const 5); variables ?x"
                )
            }
            var name = String(a.dropFirst())
            var expected = expected
            if let colon = name.firstIndex(of: ":") {
                let typeName = String(name[name.index(after: colon)...])
                name = String(name[..<colon])
                guard let t = Self.types[typeName] else {
                    throw error(at: e, "unknown type `\(typeName)`", hint: "one of i32 i64 f32 f64")
                }
                if let expected, expected != t {
                    throw error(at: e, "type mismatch: ?\(name) is declared \(t) but \(expected) is expected here")
                }
                expected = t
            }
            if env.constants[name] != nil {
                throw error(at: e, "?\(name) is a constant here; write (\(env.constants[name]!).const ?\(name))")
            }
            if let known = env.values[name] {
                if let expected, expected != known {
                    throw error(at: e, "type mismatch: ?\(name) is \(known) but \(expected) is expected here")
                }
                return .variable(name, known)
            }
            guard side == .left else {
                throw error(at: e, "?\(name) is not bound by the left-hand side")
            }
            guard let expected else {
                throw error(
                    at: e, "cannot infer the type of ?\(name)", hint: "use it as an operand of a typed operator")
            }
            env.values[name] = expected
            return .variable(name, expected)
        case .list(let items, _, _):
            guard case .atom(let head, _, _)? = items.first else {
                throw error(at: e, "expected an operator name", hint: "e.g. (i32.add ?x ?y)")
            }
            let args = Array(items.dropFirst())
            if head.hasSuffix(".const"), let type = Self.types[String(head.dropLast(6))] {
                if let expected, expected != type {
                    throw error(at: e, "type mismatch: \(head) gives \(type) but \(expected) is expected here")
                }
                guard args.count == 1 else { throw error(at: e, "\(head) takes one constant") }
                return .constant(type, try constant(args[0], type: type, env: &env, side: side))
            }
            if let kind = Pattern.Access(rawValue: head) {
                // (load offset=OFFSET ADDRESS): OFFSET a literal, ?o, or a constant expression.
                var rest = args
                var offset = ConstExpr.literal(0)
                if case .atom(let a, _, _)? = rest.first, a.hasPrefix("offset=") {
                    rest.removeFirst()
                    let text = String(a.dropFirst("offset=".count))
                    if text.isEmpty {
                        guard let next = rest.first else { throw error(at: e, "offset= needs a value") }
                        rest.removeFirst()
                        offset = try constant(next, type: .i64, env: &env, side: side)
                    } else {
                        offset = try constant(
                            .atom(text, line: e.line, column: e.column), type: .i64, env: &env, side: side)
                    }
                }
                guard rest.count == 1 else {
                    throw error(at: e, "\(head) takes an optional offset= and one address", hint: "(load offset=?o ?p)")
                }
                return .access(
                    kind, offset: offset, address: try pattern(rest[0], expected: .i32, env: &env, side: side))
            }
            if head == "select" {
                guard args.count == 3 else { throw error(at: e, "select takes three operands") }
                // The type comes from the context, or from an operand whose type is known.
                var type = expected
                if type == nil {
                    for arg in args.prefix(2) {
                        if case .atom(let a, _, _) = arg, a.hasPrefix("?") {
                            let parts = a.dropFirst().split(separator: ":", maxSplits: 1).map(String.init)
                            if let t = parts.count == 2 ? Self.types[parts[1]] : env.values[parts[0]] {
                                type = t
                                break
                            }
                        }
                        if case .list(let inner, _, _) = arg, case .atom(let h, _, _)? = inner.first {
                            if let op = Self.numericByName[h] {
                                type = op.signature.result
                                break
                            }
                            if h.hasSuffix(".const"), let t = Self.types[String(h.dropLast(6))] {
                                type = t
                                break
                            }
                        }
                    }
                }
                guard let type else {
                    throw error(
                        at: e, "cannot infer the type of this select", hint: "give one operand a typed operator")
                }
                let a = try pattern(args[0], expected: type, env: &env, side: side)
                let b = try pattern(args[1], expected: type, env: &env, side: side)
                let c = try pattern(args[2], expected: .i32, env: &env, side: side)
                return .select(type, a, b, c)
            }
            guard let op = Self.numericByName[head] else {
                let close = Self.numericByName.keys.sorted().min { Self.distance($0, head) < Self.distance($1, head) }
                throw error(
                    at: e, "unknown operator `\(head)`",
                    hint: close.map { "did you mean \($0)?" } ?? "operators are Wasm's, e.g. i32.add")
            }
            let sig = op.signature
            if let expected, expected != sig.result {
                throw error(at: e, "type mismatch: \(head) gives \(sig.result) but \(expected) is expected here")
            }
            guard args.count == sig.operands.count else {
                throw error(at: e, "\(head) takes \(sig.operands.count) operand(s), given \(args.count)")
            }
            var kids: [Pattern] = []
            for (arg, type) in zip(args, sig.operands) {
                kids.append(try pattern(arg, expected: type, env: &env, side: side))
            }
            return .op(op, kids)
        }
    }

    func constant(_ e: SExpr, type: ValueType, env: inout Environment, side: Side) throws(RuleError) -> ConstExpr {
        switch e {
        case .atom(let a, _, _):
            if a.hasPrefix("?") {
                let name = String(a.dropFirst())
                if env.values[name] != nil { throw error(at: e, "?\(name) is a value, not a constant, here") }
                // A bound constant used at another width is zero-extended or truncated.
                if env.constants[name] != nil { return .variable(name) }
                guard side == .left else { throw error(at: e, "?\(name) is not bound by the left-hand side") }
                env.constants[name] = type
                return .variable(name)
            }
            guard let v = Self.integer(a) else {
                throw error(at: e, "expected an integer constant, found `\(a)`", hint: "decimal, -decimal or 0xhex")
            }
            return .literal(v)
        case .list(let items, _, _):
            guard side == .right else {
                throw error(
                    at: e, "a left-hand side matches constants; compute them on the right",
                    hint: "bind (i32.const ?c) and guard on ?c")
            }
            guard case .atom(let f, _, _)? = items.first, let arity = ConstExpr.operators[f] else {
                throw error(
                    at: e, "unknown constant operator",
                    hint: "one of \(ConstExpr.operators.keys.sorted().joined(separator: " "))")
            }
            guard items.count - 1 == arity else { throw error(at: e, "\(f) takes \(arity) argument(s)") }
            var args: [ConstExpr] = []
            for item in items.dropFirst() { args.append(try constant(item, type: type, env: &env, side: side)) }
            return .apply(f, args)
        }
    }

    func guardClause(_ e: SExpr, env: Environment) throws(RuleError) -> Guard {
        guard case .list(let items, _, _) = e, case .atom(let name, _, _)? = items.first else {
            throw error(at: e, "expected a guard like (pow2 ?c)")
        }
        guard let arity = Guard.arities[name] else {
            throw error(
                at: e, "unknown guard `\(name)`", hint: "one of \(Guard.arities.keys.sorted().joined(separator: " "))")
        }
        guard items.count - 1 == arity else { throw error(at: e, "\(name) takes \(arity) argument(s)") }
        var args: [Guard.Argument] = []
        for item in items.dropFirst() {
            if case .atom(let a, _, _) = item, a.hasPrefix("?"), env.values[String(a.dropFirst())] != nil {
                args.append(.value(String(a.dropFirst())))
                continue
            }
            // Parsed as a right-hand side: a variable the left-hand side did not bind is an error.
            var scratch = env
            args.append(.constant(try constant(item, type: .i64, env: &scratch, side: .right), .i64))
        }
        if name == "pow2", args.contains(where: { if case .value = $0 { true } else { false } }) {
            throw error(at: e, "pow2 judges a constant", hint: "bind the value as (i32.const ?c)")
        }
        return Guard(name: name, arguments: args)
    }

    static func integer(_ s: String) -> UInt64? {
        var text = Substring(s.utf8.contains(UInt8(ascii: "_")) ? s.replacingUnderscores() : s)
        var negative = false
        if text.hasPrefix("-") {
            negative = true
            text = text.dropFirst()
        }
        let value: UInt64?
        if text.hasPrefix("0x") { value = UInt64(text.dropFirst(2), radix: 16) } else { value = UInt64(text) }
        guard let v = value else { return nil }
        return negative ? 0 &- v : v
    }

    /// Edit distance, for "did you mean" hints.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where i <= a.count {
            var previous = row[0]
            row[0] = i
            for j in 1...max(b.count, 1) where j <= b.count {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }
}

extension StringProtocol {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }

    func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
