import WasmModel

/// Branch clean-ups on lowered code, the way Binaryen's remove-unused-brs and merge-blocks
/// do them: a `br 0` that only reaches the end it falls to anyway goes; `br_if 0 c; br k`
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
        for c in body {
            switch c {
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
                    out += b.map { shift($0, above: 0) }
                } else {
                    out.append(.block(b))
                }
            case .loop(let inner):
                let b = region(inner, kind: .loop)
                if !targets(b, level: 0) {
                    // A loop nobody branches back to runs once.
                    out += b.map { shift($0, above: 0) }
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
        }
        return out
    }

    /// `eqz c`, or the operand of `c` when `c` is already an `eqz` (as a condition, a double
    /// negation is the same truth).
    static func negate(_ c: Code) -> Code {
        if case .op(.numeric(.i32Eqz), let x) = c, x.count == 1 { return x[0] }
        return .op(.numeric(.i32Eqz), [c])
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

    /// Removes one construct around `c`: branches to constructs beyond it lose one level.
    static func shift(_ c: Code, above level: Int) -> Code {
        func d(_ x: UInt32) -> UInt32 { Int(x) > level ? x - 1 : x }
        switch c {
        case .op(let inst, let operands):
            let inner = operands.map { shift($0, above: level) }
            switch inst {
            case .br(let x): return .op(.br(d(x)), inner)
            case .brIf(let x): return .op(.brIf(d(x)), inner)
            case .brTable(let xs, let x): return .op(.brTable(xs.map(d), default: d(x)), inner)
            default: return .op(inst, inner)
            }
        case .block(let b): return .block(b.map { shift($0, above: level + 1) })
        case .loop(let b): return .loop(b.map { shift($0, above: level + 1) })
        case .if(let cond, let a, let b):
            return .if(shift(cond, above: level), a.map { shift($0, above: level + 1) }, b.map { shift($0, above: level + 1) })
        }
    }
}
