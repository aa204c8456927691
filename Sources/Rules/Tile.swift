import WasmModel

/// An operand of a tile's machine instruction, as written in `rules/*.tiles`.
///
/// Invariant: `value` names a class variable of the tile's pattern and `immediate` a constant
/// expression over its bound constants (the parser checks both).
public indirect enum TileOperand: Hashable, Sendable, CustomStringConvertible {
    /// `$d` (or `$d.lo` / `$d.hi` for an i64 result): the register the tile defines.
    case result(Half)
    /// `$t`, `$t1`, `$t2`, ...: a scratch register the tile defines and uses itself.
    case temporary(Int, Half)
    /// `?x` (`?x.lo`, `?x.hi` for an i64): the register holding a pattern variable's value.
    case value(String, Half)
    /// `#?c`, `#5`, `#(- ?c 1)`: a constant, computed at 32 bits.
    case immediate(ConstExpr)
    /// `eq`, `lo`, ...: a condition (of `trap-if`, `mov-if`).
    case condition(String)
    /// `@__aeabi_lmul`: a function symbol (of `call`).
    case symbol(String)
    /// `(lsl ?x #3)`: a register shifted by a constant (the flexible second operand).
    case shifted(TileOperand, String, ConstExpr)
    /// `[?a]`, `[?a #8]`, `[?a ?b]`, `[?a ?b #2]` as `(mem ?a ...)`: an address.
    case memory([TileOperand])

    /// Which register of a 64-bit pair (`whole` for 32-bit values).
    public enum Half: String, Hashable, Sendable {
        case whole = ""
        case lo = ".lo"
        case hi = ".hi"
    }

    public var description: String {
        switch self {
        case .result(let h): "$d\(h.rawValue)"
        case .temporary(let k, let h): "$t\(k == 0 ? "" : "\(k)")\(h.rawValue)"
        case .value(let v, let h): "?\(v)\(h.rawValue)"
        case .immediate(let e): "#\(e)"
        case .condition(let c): c
        case .symbol(let s): "@\(s)"
        case .shifted(let r, let s, let e): "(\(s) \(r) #\(e))"
        case .memory(let parts): "(mem \(parts.map(\.description).joined(separator: " ")))"
        }
    }
}

/// One machine instruction of a tile: a mnemonic (`add`, `adds`, `mls`, `it`, ...) and its
/// operands. The compiler gives the mnemonic its meaning; the parser checks the operands.
public struct TileInstruction: Hashable, Sendable, CustomStringConvertible {
    public var mnemonic: String
    public var operands: [TileOperand]
    public var line: Int
    public var column: Int

    public var description: String { "(\(([mnemonic] + operands.map(\.description)).joined(separator: " ")))" }
}

/// A lowering pattern: a Wasm expression pattern and the Thumb-2 instructions that compute
/// it. The pattern is the tile's stated meaning (what a proof of the tile would show the
/// instructions compute); `flags` names the condition under which the pattern's i32 boolean
/// is 1 when the instructions only set the flags (a compare-and-branch or `it` consumer
/// follows).
///
/// Invariant (after parsing): every variable the instructions read is bound by the pattern,
/// the pattern's root is an operator, and `flags` is a condition name when present.
public struct TileSpec: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var summary: String
    public var pattern: Pattern
    public var guards: [Guard]
    public var instructions: [TileInstruction]
    public var flags: String?
    public var location: SourceLocation

    public var description: String {
        "tile \(name): \(pattern) => \(instructions.map(\.description).joined(separator: " "))"
            + (flags.map { " flags \($0)" } ?? "") + guards.map { " if \($0)" }.joined()
    }
}

extension RuleParser {
    /// The condition names a flag-setting tile may give.
    public static let conditionNames: Set<String> = [
        "eq", "ne", "hs", "lo", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le",
    ]

    /// Every tile of a tiles file, or the first error:
    ///
    /// ```
    /// ; x - c by a constant that encodes
    /// tile sub-imm: (i32.sub ?a (i32.const ?c)) => (sub $d ?a #?c)
    /// tile lt-s: (i32.lt_s ?a ?b) => (cmp ?a ?b) flags lt
    /// ```
    public static func parseTiles(file: String, text: String) throws(RuleError) -> [TileSpec] {
        var parser = RuleParser(file: file, text: text)
        return try parser.tiles()
    }

    mutating func tiles() throws(RuleError) -> [TileSpec] {
        var out: [TileSpec] = []
        var names = Set<String>()
        let form = "a tile reads `tile NAME: PATTERN => (INSN OPERANDS...)... [flags COND] [if GUARD]...`"
        while position < tokens.count {
            let start = tokens[position]
            guard case .atom("tile") = start.kind else {
                throw error(start.line, start.column, "expected `tile`", hint: form)
            }
            position += 1
            let name = try declarationName("tile", unique: &names)
            let lhsExpr = try sexpr()
            var env = Environment()
            let pattern = try self.pattern(lhsExpr, expected: nil, env: &env, side: .left)
            switch pattern {
            case .op, .select, .constant: break
            default:
                throw error(
                    at: lhsExpr, "a tile's pattern must be an operator application", hint: "e.g. (i32.add ?a ?b)")
            }
            guard position < tokens.count, tokens[position].kind == .arrow else {
                let t = position < tokens.count ? tokens[position] : nil
                throw t.map { error($0.line, $0.column, "expected `=>` after the pattern") } ?? endError
            }
            position += 1
            var instructions: [TileInstruction] = []
            while position < tokens.count, tokens[position].kind == .open {
                let e = try sexpr()
                instructions.append(try tileInstruction(e, env: env))
            }
            if instructions.isEmpty {
                let t = position < tokens.count ? tokens[position] : start
                throw error(t.line, t.column, "expected at least one instruction after `=>`", hint: form)
            }
            var flags: String?
            if position < tokens.count, case .atom("flags") = tokens[position].kind {
                position += 1
                guard position < tokens.count, case .atom(let c) = tokens[position].kind,
                    Self.conditionNames.contains(c)
                else {
                    let t = position < tokens.count ? tokens[position] : start
                    throw error(
                        t.line, t.column, "expected a condition after `flags`",
                        hint: Self.conditionNames.sorted().joined(separator: " "))
                }
                position += 1
                flags = c
            }
            var guards: [Guard] = []
            while position < tokens.count, case .atom("if") = tokens[position].kind {
                position += 1
                guards.append(try guardClause(try sexpr(), env: env))
            }
            out.append(
                TileSpec(
                    name: name, summary: start.comment ?? "", pattern: pattern, guards: guards,
                    instructions: instructions, flags: flags,
                    location: SourceLocation(file: file, line: start.line, column: start.column)))
        }
        return out
    }

    func tileInstruction(_ e: SExpr, env: Environment) throws(RuleError) -> TileInstruction {
        guard case .list(let items, let line, let column) = e, case .atom(let mnemonic, _, _)? = items.first else {
            throw error(at: e, "expected an instruction like (add $d ?a ?b)")
        }
        var operands: [TileOperand] = []
        var rest = Array(items.dropFirst())[...]
        while let item = rest.popFirst() {
            operands.append(try tileOperand(item, rest: &rest, env: env))
        }
        return TileInstruction(mnemonic: mnemonic, operands: operands, line: line, column: column)
    }

    func tileOperand(_ e: SExpr, rest: inout ArraySlice<SExpr>, env: Environment) throws(RuleError) -> TileOperand {
        func half(_ s: Substring) -> (Substring, TileOperand.Half) {
            if s.hasSuffix(".lo") { return (s.dropLast(3), .lo) }
            if s.hasSuffix(".hi") { return (s.dropLast(3), .hi) }
            return (s, .whole)
        }
        func immediate(_ x: SExpr) throws(RuleError) -> ConstExpr {
            var scratch = env
            return try constant(x, type: .i32, env: &scratch, side: .right)
        }
        switch e {
        case .atom(let a, let line, let column):
            if a == "#" {
                guard let next = rest.popFirst() else { throw error(at: e, "`#` needs a constant after it") }
                return .immediate(try immediate(next))
            }
            if a.hasPrefix("#") {
                return .immediate(try immediate(.atom(String(a.dropFirst()), line: line, column: column + 1)))
            }
            if a.hasPrefix("$") {
                let (name, h) = half(a.dropFirst())
                if name == "d" { return .result(h) }
                if name.hasPrefix("t"), let k = name == "t" ? 0 : Int(name.dropFirst()) { return .temporary(k, h) }
                throw error(at: e, "unknown register `\(a)`", hint: "$d is the result, $t, $t1, ... scratch registers")
            }
            if a.hasPrefix("?") {
                let (name, h) = half(a.dropFirst())
                guard env.values[String(name)] != nil else {
                    if env.constants[String(name)] != nil {
                        throw error(at: e, "?\(name) is a constant: write #?\(name)")
                    }
                    throw error(at: e, "?\(name) is not bound by the pattern")
                }
                return .value(String(name), h)
            }
            if Self.conditionNames.contains(a) { return .condition(a) }
            if a.hasPrefix("@"), a.count > 1 { return .symbol(String(a.dropFirst())) }
            throw error(at: e, "expected an operand, found `\(a)`", hint: "$d, $t, ?x, #?c, (lsl ?x #2), (mem ?a #4)")
        case .list(let items, _, _):
            guard case .atom(let head, _, _)? = items.first else { throw error(at: e, "expected an operand") }
            var inner = Array(items.dropFirst())[...]
            if head == "mem" {
                var parts: [TileOperand] = []
                while let item = inner.popFirst() { parts.append(try tileOperand(item, rest: &inner, env: env)) }
                guard (1...3).contains(parts.count) else { throw error(at: e, "(mem BASE [INDEX] [#OFFSET])") }
                return .memory(parts)
            }
            guard ["lsl", "lsr", "asr", "ror"].contains(head), let first = inner.popFirst() else {
                throw error(at: e, "expected (lsl|lsr|asr|ror REGISTER #AMOUNT) or (mem ...)")
            }
            let register = try tileOperand(first, rest: &inner, env: env)
            guard let amountItem = inner.popFirst(),
                case .immediate(let amount) = try tileOperand(
                    amountItem, rest: &inner, env: env)
            else { throw error(at: e, "a shifted operand needs a constant amount: (\(head) ?x #2)") }
            return .shifted(register, head, amount)
        }
    }
}
