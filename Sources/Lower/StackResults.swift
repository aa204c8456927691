import WasmEncode
import WasmModel

/// Wasm code whose `block`s and `if`s may leave one value on the operand stack: the output
/// form of `StackResults`.
///
/// Invariant: flattening in post-order gives valid Wasm; a construct with a result type
/// leaves exactly one value of that type on every path that reaches its end.
indirect enum StackCode: Hashable {
    case op(Instruction, [StackCode])
    case block(ValueType?, [StackCode])
    case loop([StackCode])
    case `if`(ValueType?, StackCode, [StackCode], [StackCode])

    /// `code` with every block, innermost first, replaced by what `rewrite` makes of it (its
    /// result type and its already rewritten body): a smaller form of a block, or nil to keep it.
    /// The form is taken only when it is smaller than the block.
    static func rewritingBlocks(
        _ code: [StackCode], _ rewrite: (ValueType?, [StackCode]) -> StackCode?
    ) -> [StackCode] {
        func walk(_ c: StackCode) -> StackCode {
            switch c {
            case .op(let inst, let operands): return .op(inst, operands.map(walk))
            case .loop(let b): return .loop(b.map(walk))
            case .if(let t, let cond, let a, let b): return .if(t, walk(cond), a.map(walk), b.map(walk))
            case .block(let t, let b):
                let inner = b.map(walk)
                let block = StackCode.block(t, inner)
                if let candidate = rewrite(t, inner), Stackifier.size([candidate]) < Stackifier.size([block]) {
                    return candidate
                }
                return block
            }
        }
        return code.map(walk)
    }

    init(_ code: Code) {
        switch code {
        case .op(let inst, let operands): self = .op(inst, operands.map(StackCode.init))
        case .block(let b): self = .block(nil, b.map(StackCode.init))
        case .loop(let b): self = .loop(b.map(StackCode.init))
        case .if(let c, let a, let b): self = .if(nil, StackCode(c), a.map(StackCode.init), b.map(StackCode.init))
        }
    }

    static func flatten(_ code: [StackCode], into out: inout [Instruction]) {
        func type(_ t: ValueType?) -> BlockType { t.map { .value($0) } ?? .empty }
        for c in code {
            switch c {
            case .op(let inst, let operands):
                flatten(operands, into: &out)
                out.append(inst)
            case .block(let t, let inner):
                out.append(.block(type(t)))
                flatten(inner, into: &out)
                out.append(.end)
            case .loop(let inner):
                out.append(.loop(.empty))
                flatten(inner, into: &out)
                out.append(.end)
            case .if(let t, let condition, let then, let otherwise):
                flatten([condition], into: &out)
                out.append(.if(type(t)))
                flatten(then, into: &out)
                if !otherwise.isEmpty {
                    out.append(.else)
                    flatten(otherwise, into: &out)
                }
                out.append(.end)
            }
        }
    }

    /// Whether control never falls out of this statement (a branch, a return, a trap).
    var exits: Bool {
        guard case .op(let inst, _) = self else { return false }
        switch inst {
        case .br, .brTable, .return, .unreachable: return true
        default: return false
        }
    }
}

/// The last step of `weft optimize`'s lowering (Wasm output only; `weft compile` reads the
/// `Code` trees): a local written at the end of each arm of an `if`, or on every way out of a
/// `block`, travels on the operand stack instead — the construct
/// gets a result type (`if (result t)`, `block (result t)` with `br_if` carrying the value),
/// the way Binaryen's merge-locals and remove-unused-brs leave values; read once right after,
/// the value goes straight to its reader, read again, it is written once after the construct
/// (a `local.tee` when the next statement reads it first). A write just before the
/// construct that one arm does not override (the local's earlier value) moves into that arm
/// when it is a constant or a read of a local the construct does not write. A `block` that
/// opens with such a write and a `br_if` out becomes an `if` on the negated condition. Code
/// after a branch, a return or a trap in the same region goes (a `br_if` on a constant other
/// than zero is a `br`; `eq x 0` is `eqz x`), a `return` closing the body becomes its values, a
/// zero written to a declared local that runs at most once (not in a loop) before anything
/// touches the local goes (locals start at zero), an `if` of two small pure values becomes a
/// `select` (`Selects`), a loop left by a test at its top becomes a loop around an `if`
/// (`LoopEntries`), a block opening with a `br_if` out of it an `if` (`GuardBlocks`), a value
/// stored back where it was loaded from goes straight to the store (`ReadModifyWrites`), a
/// constant written to a local that already holds it goes (`RepeatedConstants`), and a global's value kept in a local is read from the global again where
/// it cannot have changed (`GlobalRereads`).
///
/// Invariant: the instructions are valid and mean what `Code.flatten` of the input means: a
/// value moves into its reader only past constants, pure operators and reads of locals the
/// construct does not write; a write removed from inside a construct is one no read can see
/// (the only read follows, or nothing in the construct reads the local or branches out).
public enum StackResults {
    /// The body (without its final `end`) of a function whose locals, parameters first, have
    /// `types`.
    public static func instructions(_ code: [Code], types: [ValueType], parameterCount: Int) -> [Instruction] {
        var s = Stackifier(types: types)
        let tree = code.map(StackCode.init)
        s.count(tree)
        var touched: Set<UInt32> = []
        var body = Stackifier.elideZeros(s.region(tree), parameterCount: parameterCount, touched: &touched)
        if case .op(.return, let values)? = body.last {
            body.removeLast()
            body += values
        }
        body = ReadModifyWrites.apply(GuardBlocks.apply(LoopEntries.apply(Selects.apply(body))))
        body = RepeatedConstants.apply(body, types: types, parameterCount: parameterCount)
        var out: [Instruction] = []
        StackCode.flatten(body, into: &out)
        return GlobalRereads.apply(out)
    }
}

struct Stackifier {
    let types: [ValueType]
    var gets: [Int]
    /// How many loops enclose the region being merged.
    var loopDepth = 0

    init(types: [ValueType]) {
        self.types = types
        gets = Array(repeating: 0, count: types.count)
    }

    mutating func count(_ code: [StackCode]) {
        for c in code {
            switch c {
            case .op(let inst, let operands):
                count(operands)
                if case .localGet(let x) = inst, Int(x) < gets.count { gets[Int(x)] += 1 }
            case .block(_, let b), .loop(let b): count(b)
            case .if(_, let c, let a, let b):
                count([c])
                count(a)
                count(b)
            }
        }
    }

    // MARK: Regions

    mutating func region(_ body: [StackCode]) -> [StackCode] {
        var stmts: [StackCode] = []
        for original in body {
            var c = original
            // A branch on a constant other than zero is always taken.
            if case .op(.brIf(let d), let operands) = c, operands.count == 1,
                case .op(.i32Const(let k), let none) = operands[0], none.isEmpty, k != 0
            {
                c = .op(.br(d), [])
            }
            stmts.append(nested(c))
            // What follows a branch, a return or a trap in the same region never runs.
            if c.exits { break }
        }
        var i = 0
        while i < stmts.count {
            if i + 1 < stmts.count, let merged = merge(stmts, at: i) {
                stmts = merged.stmts
                i = merged.next
                continue
            }
            i += 1
        }
        return stmts
    }

    mutating func nested(_ c: StackCode) -> StackCode {
        switch c {
        case .op(let inst, let operands): return Self.compareWithZero(.op(inst, operands.map { nested($0) }))
        case .block(let t, let b): return .block(t, region(b))
        case .loop(let b):
            loopDepth += 1
            defer { loopDepth -= 1 }
            return .loop(region(b))
        case .if(let t, let cond, let a, let b): return .if(t, nested(cond), region(a), region(b))
        }
    }

    /// The region with the construct at `i` merged into the statement after it (or into a
    /// write of its local, when that is smaller), and the index to continue at; nil when it
    /// does not apply.
    mutating func merge(_ stmts: [StackCode], at i: Int) -> (stmts: [StackCode], next: Int)? {
        let before: (x: UInt32, value: StackCode)? = i > 0 ? Self.write(stmts[i - 1]) : nil
        let x: UInt32
        switch stmts[i] {
        case .if(nil, _, let a, let b):
            guard let w = a.last.flatMap(Self.write) ?? b.last.flatMap(Self.write) else { return nil }
            x = w.x
        case .block(nil, let b):
            guard let w = b.last.flatMap(Self.write) else { return nil }
            x = w.x
        default: return nil
        }
        guard Int(x) < gets.count, gets[Int(x)] > 0 else { return nil }
        // Whether the value can replace the first read of x in the next statement.
        var probe = stmts[i + 1]
        var probeWritten: Set<UInt32>? = Self.writes([stmts[i]]).union([x])
        let found =
            Self.replaceRead(of: x, in: &probe, by: .op(.nop, []), written: &probeWritten) == .found
        // That read is the only one: nothing else can see the writes that go.
        let strict = found && gets[Int(x)] == 1
        // Outside loops, the other reads are in the construct itself, where none can see a
        // write that goes: one at an arm's end, or one right before a `br` out of the block
        // (not so for a write before the construct moved into it, or one before a `br_if`).
        let inside = found && loopDepth == 0 && gets[Int(x)] == 1 + Self.readCount(of: x, in: [stmts[i]])
        let built: (value: StackCode, usedBefore: Bool, brIfs: Int)?
        switch stmts[i] {
        case .if(nil, let cond, let a, let b):
            built = mergeIf(x, cond, a, b, before: before, alone: strict).map { ($0.0, $0.1, 0) }
        case .block(nil, let b):
            built = mergeBlock(x, b, before: before, alone: strict || inside).map { ($0.0, $0.1, $0.2) }
        default: built = nil
        }
        guard let (value, usedBefore, brIfs) = built else { return nil }
        let alone = strict || (inside && !usedBefore && brIfs == 0)
        // A block merged on the strength of `inside` must be merged with its reader, or else
        // be one that `mergeBlock` takes without it.
        if case .block(_, let b) = stmts[i], !alone, Self.reads(b).contains(x) || Self.leaves(b, level: 1) {
            return nil
        }
        let first = usedBefore ? i - 1 : i
        var replaced: [StackCode]
        var last = i
        if found {
            var next = stmts[i + 1]
            var written: Set<UInt32>? = nil
            let replacement: StackCode = alone ? value : .op(.localTee(x), [value])
            guard Self.replaceRead(of: x, in: &next, by: replacement, written: &written) == .found else {
                return nil
            }
            replaced = [next]
            last = i + 1
        } else {
            replaced = [.op(.localSet(x), [value])]
        }
        guard Self.size(replaced) < Self.size(Array(stmts[first...last])) else { return nil }
        // The read replaced by the value goes; the reads an arm now makes of x at its end count
        // (x's earlier writes stay).
        if alone { gets[Int(x)] -= 1 }
        var out = stmts
        out.replaceSubrange(first...last, with: replaced)
        return (out, first)
    }

    static func size(_ code: [StackCode]) -> Int {
        var out: [Instruction] = []
        StackCode.flatten(code, into: &out)
        return out.reduce(0) { $0 + WasmEncoder.size(of: $1) }
    }

    static func write(_ c: StackCode) -> (x: UInt32, value: StackCode)? {
        if case .op(.localSet(let x), let operands) = c, operands.count == 1 { return (x, operands[0]) }
        return nil
    }

    /// Whether `value` may be evaluated later, after code that writes `written`: a constant, or
    /// a read of a local not in it.
    static func movable(_ value: StackCode, past written: Set<UInt32>) -> Bool {
        guard case .op(let inst, let operands) = value, operands.isEmpty else { return false }
        switch inst {
        case .i32Const, .i64Const, .f32Const, .f64Const: return true
        case .localGet(let y): return !written.contains(y)
        default: return false
        }
    }

    /// `if c { A; x = v } else { B; x = w }` as `if (result t) c { A; v } else { B; w }`; an arm
    /// that never falls out stays as it is, and one that does not write `x` ends with the
    /// write before the `if` (`before`), when that value can move past the `if` and (unless
    /// the value's only reader follows: `alone`) nothing in the `if` reads `x` or branches out
    /// of it (where `x` could be read).
    func mergeIf(
        _ x: UInt32, _ cond: StackCode, _ a: [StackCode], _ b: [StackCode], before: (x: UInt32, value: StackCode)?,
        alone: Bool
    ) -> (StackCode, Bool)? {
        // A branch to the if itself would need a value.
        guard !Self.targets(a, level: 0), !Self.targets(b, level: 0) else { return nil }
        var usedBefore = false
        var arms: [[StackCode]] = []
        for arm in [a, b] {
            if let last = arm.last, let (y, v) = Self.write(last), y == x {
                arms.append(arm.dropLast() + [v])
            } else if let last = arm.last, last.exits {
                arms.append(arm)
            } else if let (y, d) = before, y == x, !usedBefore,
                Self.movesIn(x, d, cond, arm, a, b, alone: alone)
            {
                arms.append(arm + [d])
                usedBefore = true
            } else {
                // The arm leaves x as it is. (Ending it with a read of x merged more, but with a
                // block merged on the strength of `inside` around it the output lost a value:
                // binaryen's random module 29 of CompiledFuzzTests. Not done until shown right.)
                return nil
            }
        }
        return (.if(types[Int(x)], cond, arms[0], arms[1]), usedBefore)
    }

    /// Whether `d`, written to `x` just before an `if` on `cond` with arms `a` and `b`, can be
    /// evaluated at the end of `arm` instead: its value is the same there, and (unless the
    /// value's only reader follows: `alone`) nothing in the `if` reads `x` or branches out of it.
    static func movesIn(
        _ x: UInt32, _ d: StackCode, _ cond: StackCode, _ arm: [StackCode], _ a: [StackCode], _ b: [StackCode],
        alone: Bool
    ) -> Bool {
        let written = writes([cond] + arm)
        guard !written.contains(x), movable(d, past: written) else { return false }
        let quiet = !reads([cond] + a + b).contains(x) && !leaves([cond], level: 0) && !leaves(a + b, level: 1)
        return alone || quiet
    }

    /// `block { ...; x = v; br_if 0 c; ...; x = w }` as `block (result t) { ...; drop (br_if 0
    /// v c); ...; w }` (`br 0` likewise), when every branch to the block, in it or in a
    /// construct nested in it, is a statement right after a write of `x`; the write just before the block counts as its
    /// first statement. A block that opens with `x = d; br_if 0 c` becomes
    /// `if (result t) (not c) { ...; w } else { d }` when nothing else branches to it. Unless
    /// the value's only reader follows (`alone`), nothing in the block may read `x` or branch
    /// out past it.
    func mergeBlock(_ x: UInt32, _ body: [StackCode], before: (x: UInt32, value: StackCode)?, alone: Bool)
        -> (StackCode, Bool, Int)?
    {
        guard alone || (!Self.reads(body).contains(x) && !Self.leaves(body, level: 1)) else { return nil }
        var usedBefore = false
        var b = body
        if let (y, d) = before, y == x, let first = b.first, case .op(.brIf(0), _) = first {
            b.insert(.op(.localSet(x), [d]), at: 0)
            usedBefore = true
        }
        // x = d; br_if 0 c; REST  =>  if (not c) { REST } else { d }
        if b.count >= 3, let (y, d) = Self.write(b[0]), y == x, case .op(.brIf(0), let cs) = b[1], cs.count == 1,
            !Self.targets(Array(b.dropFirst(2)), level: 0), Self.movable(d, past: Self.writes(cs)),
            let (_, w) = Self.write(b[b.count - 1])
        {
            let rest = Array(b.dropFirst(2).dropLast()) + [w]
            return (.if(types[Int(x)], Self.negate(cs[0]), rest, [d]), usedBefore, 0)
        }
        var brIfs = 0
        guard let (_, w) = b.last.flatMap(Self.write),
            let out = Self.carry(x, Array(b.dropLast()), level: 0, brIfs: &brIfs)
        else { return nil }
        return (.block(types[Int(x)], out + [w]), usedBefore, brIfs)
    }

    /// `code`, `level` constructs inside a block whose value is `x`, with each branch to the
    /// block carrying the value written to `x` just before it (`x = v; br L` as `br L v`,
    /// `x = v; br_if L c` as `drop (br_if L v c)`), also in nested constructs; nil when a
    /// branch to the block does not follow such a write.
    static func carry(_ x: UInt32, _ code: [StackCode], level: Int, brIfs: inout Int) -> [StackCode]? {
        var out: [StackCode] = []
        for s in code {
            switch s {
            case .op(.br(let d), let none) where Int(d) == level && none.isEmpty:
                guard case .op(.localSet(x), let vs)? = out.last, vs.count == 1 else { return nil }
                out[out.count - 1] = .op(.br(d), vs)
            case .op(.brIf(let d), let cs) where Int(d) == level && cs.count == 1 && !targets(cs[0], level: level):
                guard case .op(.localSet(x), let vs)? = out.last, vs.count == 1 else { return nil }
                out[out.count - 1] = .op(.drop, [.op(.brIf(d), vs + cs)])
                brIfs += 1
            case .if(let t, let cond, let a, let b):
                guard !targets(cond, level: level), let a = carry(x, a, level: level + 1, brIfs: &brIfs),
                    let b = carry(x, b, level: level + 1, brIfs: &brIfs)
                else { return nil }
                out.append(.if(t, cond, a, b))
            case .block(let t, let inner):
                guard let inner = carry(x, inner, level: level + 1, brIfs: &brIfs) else { return nil }
                out.append(.block(t, inner))
            case .loop(let inner):
                guard let inner = carry(x, inner, level: level + 1, brIfs: &brIfs) else { return nil }
                out.append(.loop(inner))
            default:
                if targets(s, level: level) { return nil }
                out.append(s)
            }
        }
        return out
    }

    // MARK: Zero initialization

    /// `body` (run at most once) without the writes of zero to declared locals that nothing
    /// touched before (`touched`: in textual order, which is execution order outside loops).
    static func elideZeros(_ body: [StackCode], parameterCount: Int, touched: inout Set<UInt32>) -> [StackCode] {
        var out: [StackCode] = []
        for stmt in body {
            if let (x, v) = write(stmt), Int(x) >= parameterCount, !touched.contains(x), isZero(v) {
                touched.insert(x)
                continue
            }
            switch stmt {
            case .block(let t, let b):
                out.append(.block(t, elideZeros(b, parameterCount: parameterCount, touched: &touched)))
            case .if(let t, let c, let a, let b):
                touched.formUnion(reads([c]).union(writes([c])))
                let a = elideZeros(a, parameterCount: parameterCount, touched: &touched)
                let b = elideZeros(b, parameterCount: parameterCount, touched: &touched)
                out.append(.if(t, c, a, b))
            default:
                touched.formUnion(reads([stmt]).union(writes([stmt])))
                out.append(stmt)
            }
        }
        return out
    }

    static func isZero(_ c: StackCode) -> Bool {
        switch c {
        case .op(.i32Const(0), let o), .op(.i64Const(0), let o), .op(.f32Const(0), let o), .op(.f64Const(0), let o):
            return o.isEmpty
        default: return false
        }
    }

    // MARK: Reads and writes

    enum Walk { case found, blocked, passed }

    /// Replaces the first read of `x` in `c`, in evaluation order, by `value`, when everything
    /// evaluated before it is a constant, a pure operator or a read of a local `value` does
    /// not write (`written`, computed when first needed).
    static func replaceRead(of x: UInt32, in c: inout StackCode, by value: StackCode, written: inout Set<UInt32>?)
        -> Walk
    {
        switch c {
        case .op(let inst, var operands):
            for k in operands.indices {
                let r = replaceRead(of: x, in: &operands[k], by: value, written: &written)
                if r == .found { c = .op(inst, operands) }
                if r != .passed { return r }
            }
            switch inst {
            case .localGet(x):
                c = value
                return .found
            case .localGet(let y):
                if written == nil { written = writes([value]) }
                return written?.contains(y) == false ? .passed : .blocked
            case .i32Const, .i64Const, .f32Const, .f64Const: return .passed
            case .numeric(let op): return op.canTrap ? .blocked : .passed
            default: return .blocked
            }
        case .if(let t, var cond, let a, let b):
            let r = replaceRead(of: x, in: &cond, by: value, written: &written)
            if r == .found { c = .if(t, cond, a, b) }
            return r == .passed ? .blocked : r
        case .block, .loop:
            return .blocked
        }
    }

    /// Every instruction of `code`, each operator's operands before it.
    static func forEachInstruction(_ code: [StackCode], _ body: (Instruction) -> Void) {
        func visit(_ c: StackCode) {
            switch c {
            case .op(let inst, let operands):
                operands.forEach(visit)
                body(inst)
            case .block(_, let b), .loop(let b): b.forEach(visit)
            case .if(_, let c, let a, let b):
                visit(c)
                a.forEach(visit)
                b.forEach(visit)
            }
        }
        code.forEach(visit)
    }

    static func isIf(_ c: StackCode) -> Bool {
        if case .if = c { return true }
        return false
    }

    /// How many times `code` reads local `x`.
    static func readCount(of x: UInt32, in code: [StackCode]) -> Int {
        var n = 0
        forEachInstruction(code) { if $0 == .localGet(x) { n += 1 } }
        return n
    }

    /// The locals `code` reads.
    static func reads(_ code: [StackCode]) -> Set<UInt32> {
        var out: Set<UInt32> = []
        forEachInstruction(code) { if case .localGet(let x) = $0 { out.insert(x) } }
        return out
    }

    /// The locals `code` writes.
    static func writes(_ code: [StackCode]) -> Set<UInt32> {
        var out: Set<UInt32> = []
        forEachInstruction(code) {
            if case .localSet(let x) = $0 { out.insert(x) }
            if case .localTee(let x) = $0 { out.insert(x) }
        }
        return out
    }

    /// Whether a branch in `code` goes `level` or more constructs out.
    static func leaves(_ code: [StackCode], level: Int) -> Bool {
        code.contains { c in
            switch c {
            case .op(let inst, let operands):
                if leaves(operands, level: level) { return true }
                switch inst {
                case .br(let d), .brIf(let d): return Int(d) >= level
                case .brTable(let ds, let d): return (ds + [d]).contains { Int($0) >= level }
                default: return false
                }
            case .block(_, let b), .loop(let b): return leaves(b, level: level + 1)
            case .if(_, let cond, let a, let b):
                return leaves([cond], level: level) || leaves(a, level: level + 1) || leaves(b, level: level + 1)
            }
        }
    }

    static func targets(_ code: [StackCode], level: Int) -> Bool { code.contains { targets($0, level: level) } }

    /// Whether a branch in `c` targets the construct `level` levels out.
    static func targets(_ c: StackCode, level: Int) -> Bool {
        switch c {
        case .op(let inst, let operands):
            if targets(operands, level: level) { return true }
            switch inst {
            case .br(let d), .brIf(let d): return Int(d) == level
            case .brTable(let ds, let d): return (ds + [d]).contains { Int($0) == level }
            default: return false
            }
        case .block(_, let b), .loop(let b): return targets(b, level: level + 1)
        case .if(_, let cond, let a, let b):
            return targets(cond, level: level) || targets(a, level: level + 1) || targets(b, level: level + 1)
        }
    }

    /// `eq x 0` (either order) as `eqz x`, one byte less.
    static func compareWithZero(_ c: StackCode) -> StackCode {
        guard case .op(.numeric(let op), let xs) = c, xs.count == 2, op == .i32Eq || op == .i64Eq else { return c }
        let zero: StackCode = op == .i32Eq ? .op(.i32Const(0), []) : .op(.i64Const(0), [])
        let eqz: NumericOp = op == .i32Eq ? .i32Eqz : .i64Eqz
        if xs[1] == zero { return .op(.numeric(eqz), [xs[0]]) }
        if xs[0] == zero { return .op(.numeric(eqz), [xs[1]]) }
        return c
    }

    /// The condition `c` negated (as a condition: zero or not).
    static func negate(_ c: StackCode) -> StackCode {
        if case .op(.numeric(let op), let x) = c {
            if op == .i32Eqz, x.count == 1 { return x[0] }
            if let flipped = Branches.flips[op] { return compareWithZero(.op(.numeric(flipped), x)) }
        }
        return .op(.numeric(.i32Eqz), [c])
    }
}
