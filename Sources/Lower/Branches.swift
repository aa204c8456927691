import WasmModel

/// Branch clean-ups on lowered code, the way Binaryen's remove-unused-brs, merge-blocks and
/// dead-code elimination do them: an `if` on a constant becomes the arm it runs, a `br_if` on
/// zero goes and one on another constant is a `br`; what follows a statement that cannot
/// complete (a branch, or a loop that only branches back or leaves) goes; a `br 0` that only reaches the end it falls to anyway goes; `br_if 0 c; br k`
/// closing a block becomes `br_if k (eqz c)`; an `if` whose only content is a branch becomes
/// `br_if`; and a block no branch targets is dissolved into its parent.
///
/// Invariant: control reaches the same places under the same conditions; branch depths are
/// adjusted for every construct added or removed around them.
public enum Branches {
    public static func simplify(_ code: [Code]) -> [Code] {
        var code = code
        for _ in 0..<4 {
            let next = region(code, kind: .function)
            if next == code { break }
            code = next
        }
        return code
    }

    enum Kind { case function, block, loop, arm }

    static func region(_ body: [Code], kind: Kind) -> [Code] {
        var out: [Code] = []
        for (index, original) in body.enumerated() {
            var c = original
            // An if on a constant runs one arm: a block around it keeps its branches' depths.
            if case .if(.op(.i32Const(let k), let none), let a, let b) = c, none.isEmpty { c = .block(k != 0 ? a : b) }
            switch c {
            case .op(.brIf, let operands) where operands == [.leaf(.i32Const(0))]:
                // A branch on zero is never taken.
                continue
            case .op(.brIf(let k), let operands) where operands.count == 1 && operands[0].isNonzeroConstant:
                // One on any other constant always is.
                out.append(.leaf(.br(k)))
            case .block(let inner):
                var b = region(inner, kind: .block)
                // A trailing `br 0` falls through anyway.
                if b.last == .leaf(.br(0)) { b.removeLast() }
                // br_if 0 c; br k  =>  br_if k (eqz c)
                if b.count >= 2, case .op(.brIf(0), let cond) = b[b.count - 2], cond.count == 1,
                    case .op(.br(let k), let none) = b[b.count - 1], none.isEmpty, k > 0
                {
                    b.removeLast(2)
                    b.append(.op(.brIf(k), [negate(cond[0])]))
                }
                if !targets(b, level: 0) {
                    out += b.map { unwrap($0) }
                } else if let first = b.first, case .op(.brIf(0), let cond) = first, cond.count == 1 {
                    // block { br_if 0 c; Y } is if (not c) { Y }: the same depths, one test less.
                    out.append(.if(negate(cond[0]), Array(b.dropFirst()), []))
                } else if let first = b.first, case .if(let cond, let x, let none) = first, none.isEmpty,
                    x.last == .leaf(.br(1)), !targets(Array(x.dropLast()), level: 0)
                {
                    // block { if (c) { X; br 1 }; Y } is if (c) { X } else { Y }: X's exit
                    // falls through, Y's branches keep their depths (the if stands where the
                    // block stood).
                    let xs = x.dropLast().map { remap($0, level: 0) { $0 == 1 ? 0 : $0 - 1 } }
                    let ys = Array(b.dropFirst())
                    if case .op(.numeric(.i32Eqz), let inner) = cond, inner.count == 1 {
                        out.append(.if(inner[0], ys, xs))
                    } else {
                        out.append(.if(cond, xs, ys))
                    }
                } else if case .loop(let body)? = b.last, let exit = body.first,
                    case .op(.brIf(1), let cond) = exit, cond.count == 1, body.count >= 2,
                    body.last == .leaf(.br(0)), !targets(Array(body.dropFirst()), level: 1),
                    !targets(Array(b.dropLast()), level: 0)
                {
                    // block { PRE; loop { br_if 1 c; REST; br 0 } } is
                    // PRE; loop { if (not c) { REST; br 1 } }.
                    out += b.dropLast().map { unwrap($0) }
                    let rest = body.dropFirst().dropLast().map { remap($0, level: 0) { $0 == 0 ? 1 : $0 } }
                    out.append(.loop([.if(negate(cond[0]), rest + [.leaf(.br(1))], [])]))
                } else {
                    out.append(.block(b))
                }
            case .loop(let inner):
                let b = region(inner, kind: .loop)
                if !targets(b, level: 0) {
                    // A loop nobody branches back to runs once.
                    out += b.map { unwrap($0) }
                } else {
                    out.append(.loop(b))
                }
            case .if(let cond, let a, let b):
                let a = region(a, kind: .arm)
                let b = region(b, kind: .arm)
                if b.isEmpty, a.count == 1, case .op(.br(let k), let none) = a[0], none.isEmpty, k > 0 {
                    out.append(.op(.brIf(k - 1), [cond]))
                } else {
                    out.append(.if(cond, a, b))
                }
            default:
                out.append(c)
            }
            // Nothing after a construct that cannot complete runs (a loop that only branches
            // back or leaves, say, once its exit test folded away): it goes. A function body
            // may need a value there, so `unreachable` stands in (a block's, loop's or arm's
            // type is empty: nothing is needed).
            if index < body.count - 1, let last = out.last, !completes(last) {
                if kind == .function, last.isConstruct { out.append(.leaf(.unreachable)) }
                break
            }
        }
        return out
    }

    /// Whether control may reach the end of `c` (false only when it certainly cannot):
    /// not after `br`, `br_table`, `return` or `unreachable`; a block's end is reached by
    /// its body's end or a branch to it, a loop's only by its body's end (a branch to a loop
    /// goes back to its start), an `if`'s by either arm's end or a branch to it. A body's
    /// end is its last statement's (what follows a statement that cannot complete is gone).
    static func completes(_ c: Code) -> Bool {
        func body(_ code: [Code]) -> Bool { code.last.map(completes) ?? true }
        switch c {
        case .op(let inst, _):
            switch inst {
            case .br, .brTable, .return, .unreachable: return false
            default: return true
            }
        case .block(let b): return body(b) || targets(b, level: 0)
        case .loop(let b): return body(b)
        case .if(_, let a, let b):
            return body(a) || body(b) || targets(a, level: 0) || targets(b, level: 0)
        }
    }

    /// The condition `c` negated: a comparison flipped, `eqz x` as `x` (as a condition, the
    /// same truth), anything else under `eqz`.
    static func negate(_ c: Code) -> Code {
        if case .op(.numeric(let op), let x) = c {
            if op == .i32Eqz, x.count == 1 { return x[0] }
            if let flipped = flips[op] { return .op(.numeric(flipped), x) }
        }
        return .op(.numeric(.i32Eqz), [c])
    }

    static let flips: [NumericOp: NumericOp] = {
        let pairs: [(NumericOp, NumericOp)] = [
            (.i32Eq, .i32Ne), (.i32LtS, .i32GeS), (.i32LtU, .i32GeU), (.i32GtS, .i32LeS), (.i32GtU, .i32LeU),
            (.i64Eq, .i64Ne), (.i64LtS, .i64GeS), (.i64LtU, .i64GeU), (.i64GtS, .i64LeS), (.i64GtU, .i64LeU),
        ]
        var d: [NumericOp: NumericOp] = [:]
        for (a, b) in pairs {
            d[a] = b
            d[b] = a
        }
        return d
    }()

    /// Renumbers the branches in `c` that leave it: one that goes `beyond` levels past
    /// `c`'s own position (0: the innermost construct around `c`) gets depth `f(beyond)`
    /// plus its nesting inside `c`.
    static func remap(_ c: Code, level: Int, _ f: (Int) -> Int) -> Code {
        func d(_ x: UInt32) -> UInt32 { Int(x) >= level ? UInt32(f(Int(x) - level) + level) : x }
        switch c {
        case .op(let inst, let operands):
            let inner = operands.map { remap($0, level: level, f) }
            switch inst {
            case .br(let x): return .op(.br(d(x)), inner)
            case .brIf(let x): return .op(.brIf(d(x)), inner)
            case .brTable(let xs, let x): return .op(.brTable(xs.map(d), default: d(x)), inner)
            default: return .op(inst, inner)
            }
        case .block(let b): return .block(b.map { remap($0, level: level + 1, f) })
        case .loop(let b): return .loop(b.map { remap($0, level: level + 1, f) })
        case .if(let cond, let a, let b):
            return .if(
                remap(cond, level: level, f), a.map { remap($0, level: level + 1, f) },
                b.map { remap($0, level: level + 1, f) })
        }
    }

    /// Whether a branch in `code` targets the construct `level` levels out.
    static func targets(_ code: [Code], level: Int) -> Bool {
        code.contains { targets($0, level: level) }
    }

    static func targets(_ c: Code, level: Int) -> Bool {
        switch c {
        case .op(let inst, let operands):
            if operands.contains(where: { targets($0, level: level) }) { return true }
            switch inst {
            case .br(let d), .brIf(let d): return Int(d) == level
            case .brTable(let ds, let d): return (ds + [d]).contains { Int($0) == level }
            default: return false
            }
        case .block(let b), .loop(let b): return targets(b, level: level + 1)
        case .if(let cond, let a, let b):
            return targets(cond, level: level) || targets(a, level: level + 1) || targets(b, level: level + 1)
        }
    }

    /// Removes one construct around `c`: branches to constructs beyond it lose one level
    /// (none may target the construct itself).
    static func unwrap(_ c: Code) -> Code { remap(c, level: 0) { $0 > 0 ? $0 - 1 : $0 } }
}

extension Code {
    /// A block, loop or if (not an instruction).
    var isConstruct: Bool {
        if case .op = self { false } else { true }
    }

    /// An `i32.const` other than 0 (with nothing to compute first).
    var isNonzeroConstant: Bool {
        if case .op(.i32Const(let k), let none) = self { none.isEmpty && k != 0 } else { false }
    }
}
