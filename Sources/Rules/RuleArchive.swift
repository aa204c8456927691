import WasmModel

/// A parsed rule set, or a file's parsed tiles, as bytes: what `RuleCache` stores so that a
/// run reads them instead of parsing them.
///
/// Invariant: `decode(encode(s))` equals `s` for every set `encode` accepts; `decode` of bytes
/// it did not write (another format version, a truncated file) is nil, never a different set.
public enum RuleArchive {
    /// Bumped whenever the layout below changes.
    public static let version: UInt8 = 1

    /// The set's bytes, or nil when it holds something the format has no code for (a reference
    /// or vector type in a pattern).
    public static func encode(_ set: RuleSet) -> [UInt8]? {
        var w = Writer()
        w.bytes.append(version)
        w.count(set.rules.count)
        for rule in set.rules {
            w.string(rule.name)
            w.string(rule.summary)
            guard w.pattern(rule.lhs), w.pattern(rule.rhs) else { return nil }
            guard w.guards(rule.guards) else { return nil }
            w.count(rule.examples.count)
            for example in rule.examples {
                w.bytes.append(example.fires ? 1 : 0)
                guard w.pattern(example.term) else { return nil }
                if let expected = example.expected {
                    w.bytes.append(1)
                    guard w.pattern(expected) else { return nil }
                } else {
                    w.bytes.append(0)
                }
                w.count(example.line)
            }
            w.location(rule.location)
            w.string(rule.text)
        }
        w.count(set.inlinePolicies.count)
        for policy in set.inlinePolicies {
            w.string(policy.name)
            w.string(policy.summary)
            w.count(policy.conditions.count)
            for c in policy.conditions {
                switch c {
                case .callersAtMost(let n):
                    w.bytes.append(0)
                    w.count(n)
                case .sizeAtMost(let n):
                    w.bytes.append(1)
                    w.count(n)
                case .growthAtMost(let n):
                    w.bytes.append(2)
                    w.count(n)
                case .leaf: w.bytes.append(3)
                case .hinted: w.bytes.append(4)
                }
            }
            w.location(policy.location)
        }
        w.count(set.files.count)
        for file in set.files { w.string(file) }
        return w.bytes
    }

    /// The set `bytes` hold, or nil when they are not an archive of this version.
    public static func decode(_ bytes: [UInt8]) -> RuleSet? {
        var r = Reader(bytes: bytes)
        guard r.byte() == version else { return nil }
        var rules: [Rule] = []
        guard let ruleCount = r.count() else { return nil }
        for _ in 0..<ruleCount {
            guard let name = r.string(), let summary = r.string(), let lhs = r.pattern(), let rhs = r.pattern(),
                let guards = r.guards()
            else { return nil }
            guard let exampleCount = r.count() else { return nil }
            var examples: [RuleExample] = []
            for _ in 0..<exampleCount {
                guard let fires = r.byte(), let term = r.pattern(), let hasExpected = r.byte() else { return nil }
                var expected: Pattern?
                if hasExpected == 1 {
                    guard let e = r.pattern() else { return nil }
                    expected = e
                }
                guard let line = r.count() else { return nil }
                examples.append(RuleExample(fires: fires == 1, term: term, expected: expected, line: line))
            }
            guard let location = r.location(), let text = r.string() else { return nil }
            rules.append(
                Rule(
                    name: name, summary: summary, lhs: lhs, rhs: rhs, guards: guards, examples: examples,
                    location: location, text: text))
        }
        var policies: [InlinePolicy] = []
        guard let policyCount = r.count() else { return nil }
        for _ in 0..<policyCount {
            guard let name = r.string(), let summary = r.string(), let conditionCount = r.count() else { return nil }
            var conditions: [InlinePolicy.Condition] = []
            for _ in 0..<conditionCount {
                switch r.byte() {
                case 0:
                    guard let n = r.count() else { return nil }
                    conditions.append(.callersAtMost(n))
                case 1:
                    guard let n = r.count() else { return nil }
                    conditions.append(.sizeAtMost(n))
                case 2:
                    guard let n = r.count() else { return nil }
                    conditions.append(.growthAtMost(n))
                case 3: conditions.append(.leaf)
                case 4: conditions.append(.hinted)
                default: return nil
                }
            }
            guard let location = r.location() else { return nil }
            policies.append(InlinePolicy(name: name, summary: summary, conditions: conditions, location: location))
        }
        var files: [String] = []
        guard let fileCount = r.count() else { return nil }
        for _ in 0..<fileCount {
            guard let file = r.string() else { return nil }
            files.append(file)
        }
        guard r.position == bytes.count else { return nil }
        return RuleSet(rules: rules, files: files, inlinePolicies: policies)
    }

    /// The tiles' bytes, or nil when they hold something the format has no code for.
    public static func encode(tiles: [TileSpec]) -> [UInt8]? {
        var w = Writer()
        w.bytes.append(version)
        w.count(tiles.count)
        for tile in tiles {
            w.string(tile.name)
            w.string(tile.summary)
            guard w.pattern(tile.pattern), w.guards(tile.guards) else { return nil }
            w.count(tile.instructions.count)
            for instruction in tile.instructions {
                w.string(instruction.mnemonic)
                w.count(instruction.operands.count)
                for o in instruction.operands { w.operand(o) }
                w.count(instruction.line)
                w.count(instruction.column)
            }
            if let flags = tile.flags {
                w.bytes.append(1)
                w.string(flags)
            } else {
                w.bytes.append(0)
            }
            w.location(tile.location)
        }
        return w.bytes
    }

    /// The tiles `bytes` hold, or nil when they are not an archive of tiles of this version.
    public static func decode(tiles bytes: [UInt8]) -> [TileSpec]? {
        var r = Reader(bytes: bytes)
        guard r.byte() == version, let count = r.count() else { return nil }
        var tiles: [TileSpec] = []
        for _ in 0..<count {
            guard let name = r.string(), let summary = r.string(), let pattern = r.pattern(), let guards = r.guards(),
                let instructionCount = r.count()
            else { return nil }
            var instructions: [TileInstruction] = []
            for _ in 0..<instructionCount {
                guard let mnemonic = r.string(), let operandCount = r.count() else { return nil }
                var operands: [TileOperand] = []
                for _ in 0..<operandCount {
                    guard let o = r.operand() else { return nil }
                    operands.append(o)
                }
                guard let line = r.count(), let column = r.count() else { return nil }
                instructions.append(TileInstruction(mnemonic: mnemonic, operands: operands, line: line, column: column))
            }
            var flags: String?
            switch r.byte() {
            case 0: break
            case 1:
                guard let f = r.string() else { return nil }
                flags = f
            default: return nil
            }
            guard let location = r.location() else { return nil }
            tiles.append(
                TileSpec(
                    name: name, summary: summary, pattern: pattern, guards: guards, instructions: instructions,
                    flags: flags, location: location))
        }
        guard r.position == bytes.count else { return nil }
        return tiles
    }

    /// Appends values: counts and integers as LEB128, strings as their UTF-8 length and bytes.
    struct Writer {
        var bytes: [UInt8] = []

        mutating func count(_ n: Int) { unsigned(UInt64(truncatingIfNeeded: n)) }

        mutating func unsigned(_ value: UInt64) {
            var v = value
            repeat {
                let b = UInt8(v & 0x7F)
                v >>= 7
                bytes.append(v == 0 ? b : b | 0x80)
            } while v != 0
        }

        mutating func string(_ s: String) {
            count(s.utf8.count)
            bytes += s.utf8
        }

        mutating func location(_ l: SourceLocation) {
            string(l.file)
            count(l.line)
            count(l.column)
        }

        /// False for a type the format has no code for.
        mutating func type(_ t: ValueType) -> Bool {
            switch t {
            case .i32: bytes.append(0)
            case .i64: bytes.append(1)
            case .f32: bytes.append(2)
            case .f64: bytes.append(3)
            case .v128, .ref: return false
            }
            return true
        }

        /// False for a guard argument of a type the format has no code for.
        mutating func guards(_ guards: [Guard]) -> Bool {
            count(guards.count)
            for g in guards {
                string(g.name)
                count(g.arguments.count)
                for a in g.arguments {
                    switch a {
                    case .value(let v):
                        bytes.append(0)
                        string(v)
                    case .constant(let e, let t):
                        bytes.append(1)
                        constant(e)
                        guard type(t) else { return false }
                    }
                }
            }
            return true
        }

        mutating func operand(_ o: TileOperand) {
            func half(_ h: TileOperand.Half) { string(h.rawValue) }
            switch o {
            case .result(let h):
                bytes.append(0)
                half(h)
            case .temporary(let k, let h):
                bytes.append(1)
                count(k)
                half(h)
            case .value(let v, let h):
                bytes.append(2)
                string(v)
                half(h)
            case .immediate(let e):
                bytes.append(3)
                constant(e)
            case .condition(let c):
                bytes.append(4)
                string(c)
            case .symbol(let name):
                bytes.append(5)
                string(name)
            case .shifted(let r, let shift, let e):
                bytes.append(6)
                operand(r)
                string(shift)
                constant(e)
            case .memory(let parts):
                bytes.append(7)
                count(parts.count)
                for p in parts { operand(p) }
            }
        }

        mutating func constant(_ e: ConstExpr) {
            switch e {
            case .literal(let v):
                bytes.append(0)
                unsigned(v)
            case .variable(let name):
                bytes.append(1)
                string(name)
            case .apply(let f, let operands):
                bytes.append(2)
                string(f)
                count(operands.count)
                for o in operands { constant(o) }
            }
        }

        mutating func pattern(_ p: Pattern) -> Bool {
            switch p {
            case .variable(let name, let t):
                bytes.append(0)
                string(name)
                return type(t)
            case .constant(let t, let e):
                bytes.append(1)
                guard type(t) else { return false }
                constant(e)
            case .op(let op, let operands):
                bytes.append(2)
                count(Int(op.rawValue))
                count(operands.count)
                for o in operands { guard pattern(o) else { return false } }
            case .select(let t, let a, let b, let c):
                bytes.append(3)
                return type(t) && pattern(a) && pattern(b) && pattern(c)
            case .access(let access, let offset, let address):
                bytes.append(4)
                string(access.rawValue)
                constant(offset)
                return pattern(address)
            }
            return true
        }
    }

    /// Reads what `Writer` wrote; every read is nil past the end or on a value out of range.
    struct Reader {
        let bytes: [UInt8]
        var position = 0

        mutating func byte() -> UInt8? {
            guard position < bytes.count else { return nil }
            defer { position += 1 }
            return bytes[position]
        }

        mutating func unsigned() -> UInt64? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while let b = byte() {
                guard shift < 64 else { return nil }
                value |= UInt64(b & 0x7F) << shift
                if b & 0x80 == 0 { return value }
                shift += 7
            }
            return nil
        }

        /// A count or line number: at most the archive's length bounds no count, so only
        /// the representable range is checked.
        mutating func count() -> Int? {
            guard let v = unsigned(), v <= UInt64(Int.max) else { return nil }
            return Int(v)
        }

        mutating func string() -> String? {
            guard let n = count(), n <= bytes.count - position else { return nil }
            defer { position += n }
            return String(decoding: bytes[position..<position + n], as: UTF8.self)
        }

        mutating func location() -> SourceLocation? {
            guard let file = string(), let line = count(), let column = count() else { return nil }
            return SourceLocation(file: file, line: line, column: column)
        }

        mutating func type() -> ValueType? {
            switch byte() {
            case 0: .i32
            case 1: .i64
            case 2: .f32
            case 3: .f64
            default: nil
            }
        }

        mutating func guards() -> [Guard]? {
            guard let n = count() else { return nil }
            var guards: [Guard] = []
            for _ in 0..<n {
                guard let name = string(), let arity = count() else { return nil }
                var arguments: [Guard.Argument] = []
                for _ in 0..<arity {
                    switch byte() {
                    case 0:
                        guard let v = string() else { return nil }
                        arguments.append(.value(v))
                    case 1:
                        guard let e = constant(), let t = type() else { return nil }
                        arguments.append(.constant(e, t))
                    default: return nil
                    }
                }
                guards.append(Guard(name: name, arguments: arguments))
            }
            return guards
        }

        mutating func operand() -> TileOperand? {
            func half() -> TileOperand.Half? { string().flatMap(TileOperand.Half.init(rawValue:)) }
            switch byte() {
            case 0: return half().map { .result($0) }
            case 1:
                guard let k = count(), let h = half() else { return nil }
                return .temporary(k, h)
            case 2:
                guard let v = string(), let h = half() else { return nil }
                return .value(v, h)
            case 3: return constant().map { .immediate($0) }
            case 4: return string().map { .condition($0) }
            case 5: return string().map { .symbol($0) }
            case 6:
                guard let r = operand(), let shift = string(), let e = constant() else { return nil }
                return .shifted(r, shift, e)
            case 7:
                guard let n = count(), n <= bytes.count - position else { return nil }
                var parts: [TileOperand] = []
                for _ in 0..<n {
                    guard let p = operand() else { return nil }
                    parts.append(p)
                }
                return .memory(parts)
            default: return nil
            }
        }

        mutating func constant() -> ConstExpr? {
            switch byte() {
            case 0: return unsigned().map { .literal($0) }
            case 1: return string().map { .variable($0) }
            case 2:
                guard let f = string(), let n = count(), n <= bytes.count - position else { return nil }
                var operands: [ConstExpr] = []
                for _ in 0..<n {
                    guard let o = constant() else { return nil }
                    operands.append(o)
                }
                return .apply(f, operands)
            default: return nil
            }
        }

        mutating func pattern() -> Pattern? {
            switch byte() {
            case 0:
                guard let name = string(), let t = type() else { return nil }
                return .variable(name, t)
            case 1:
                guard let t = type(), let e = constant() else { return nil }
                return .constant(t, e)
            case 2:
                guard let raw = count(), let op = UInt16(exactly: raw).flatMap(NumericOp.init(rawValue:)),
                    let n = count(), n <= bytes.count - position
                else { return nil }
                var operands: [Pattern] = []
                for _ in 0..<n {
                    guard let o = pattern() else { return nil }
                    operands.append(o)
                }
                return .op(op, operands)
            case 3:
                guard let t = type(), let a = pattern(), let b = pattern(), let c = pattern() else { return nil }
                return .select(t, a, b, c)
            case 4:
                guard let name = string(), let access = Pattern.Access(rawValue: name), let offset = constant(),
                    let address = pattern()
                else { return nil }
                return .access(access, offset: offset, address: address)
            default: return nil
            }
        }
    }
}
