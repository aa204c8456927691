import WasmModel

/// A loop that tests its exit first, `loop { if (c) { EXIT }; BODY; br 0 }`, whose test the
/// values its locals enter with decide to be false, tested last instead (as LLVM's loop
/// rotation does when the first test is known): `loop { BODY; br_if 0 (not c) }; EXIT` — no
/// `if`, no back branch, and the first test, which could only fail, is not made. The same
/// for `block { ...; loop { br_if 1 c; BODY; br 0 } }` (or the loop closing an `if` arm),
/// where leaving the loop is reaching the end of what holds it. A `for` over a constant
/// range (`i = 0; i != 16`) is the common case.
///
/// Invariant: applied only when `c` is a comparison of locals and constants (no effect, no
/// trap: evaluating it one time less changes nothing but time), the locals' entry values are
/// constants written just before the loop in the same sequence (or, at the top of the
/// function body, a declared local's zero), EXIT leaves the loop without falling out of the
/// `if` and without continuing the loop, and nothing in BODY continues the loop early (it
/// would skip the test): every iteration then tests `c` after BODY exactly as the next one
/// would have before it.
public enum LoopRotation {
    public static func apply(_ code: [Code], parameterCount: Int) -> [Code] {
        sequence(code, top: true, endLeaves: false, parameterCount: parameterCount)
    }

    /// `code` with its loops rotated; `endLeaves`: reaching its end is what a branch to the
    /// construct holding it does (a block's or an if arm's body, not a loop's or the function's).
    static func sequence(_ code: [Code], top: Bool, endLeaves: Bool, parameterCount: Int) -> [Code] {
        var out: [Code] = []
        out.reserveCapacity(code.count)
        for (k, c) in code.enumerated() {
            let inner: Code
            switch c {
            case .op: inner = c
            case .block(let b): inner = .block(sequence(b, top: false, endLeaves: true, parameterCount: parameterCount))
            case .loop(let b): inner = .loop(sequence(b, top: false, endLeaves: false, parameterCount: parameterCount))
            case .if(let cond, let a, let b):
                inner = .if(
                    cond, sequence(a, top: false, endLeaves: true, parameterCount: parameterCount),
                    sequence(b, top: false, endLeaves: true, parameterCount: parameterCount))
            }
            let leaving = endLeaves && k == code.count - 1
            if let rotated = rotate(inner, after: out, top: top, leaving: leaving, parameterCount: parameterCount) {
                out += rotated
            } else {
                out.append(inner)
            }
        }
        return out
    }

    /// `loop` rotated (the loop, then EXIT), given the statements before it in its sequence;
    /// `leaving`: the loop closes a sequence whose end is a branch to its construct.
    static func rotate(_ loop: Code, after before: [Code], top: Bool, leaving: Bool, parameterCount: Int)
        -> [Code]?
    {
        guard case .loop(let body) = loop, body.count >= 3, body.last == .leaf(.br(0)) else { return nil }
        let cond: Code
        var exit: [Code] = []
        if case .if(let c, let e, let none) = body[0], none.isEmpty {
            // EXIT leaves: it neither falls out of the if (level 0) nor continues the loop (1).
            guard let last = e.last, !Branches.completes(last), !Branches.targets(e, level: 0),
                !Branches.targets(e, level: 1)
            else { return nil }
            cond = c
            exit = e
        } else if leaving, case .op(.brIf(1), let c) = body[0], c.count == 1 {
            cond = c[0]
        } else {
            return nil
        }
        let rest = Array(body.dropFirst().dropLast())
        guard !Branches.targets(rest, level: 0) else { return nil }
        var locals: Set<UInt32> = []
        guard pure(cond, reading: &locals) else { return nil }
        var values: [UInt32: UInt64] = [:]
        for x in locals {
            guard let v = entryValue(of: x, before: before, top: top, parameterCount: parameterCount) else {
                return nil
            }
            values[x] = v
        }
        guard evaluate(cond, values) == 0 else { return nil }
        // EXIT moves out of the if and the loop: its branches go two levels less far.
        let moved = exit.map { Branches.remap($0, level: 0) { $0 - 2 } }
        return [.loop(rest + [.op(.brIf(0), [Branches.negate(cond)])])] + moved
    }

    /// Whether `c` is an i32 comparison or arithmetic of locals and constants that cannot
    /// trap; the locals it reads are added to `reading`.
    static func pure(_ c: Code, reading: inout Set<UInt32>) -> Bool {
        guard case .op(let inst, let operands) = c else { return false }
        switch inst {
        case .localGet(let x):
            reading.insert(x)
            return true
        case .i32Const: return true
        case .numeric(let op) where !op.canTrap && evaluable.contains(op):
            return operands.allSatisfy { pure($0, reading: &reading) }
        default: return false
        }
    }

    /// The i32 operators `pure` accepts (integer, never trapping, evaluated by `evaluate`).
    static let evaluable: Set<NumericOp> = [
        .i32Eqz, .i32Eq, .i32Ne, .i32LtS, .i32LtU, .i32GtS, .i32GtU, .i32LeS, .i32LeU, .i32GeS, .i32GeU,
        .i32Add, .i32Sub, .i32And, .i32Or, .i32Xor,
    ]

    /// `c`'s value with the locals at `values` (nil when something is not evaluated).
    static func evaluate(_ c: Code, _ values: [UInt32: UInt64]) -> UInt64? {
        guard case .op(let inst, let operands) = c else { return nil }
        switch inst {
        case .localGet(let x): return values[x]
        case .i32Const(let k): return UInt64(UInt32(bitPattern: k))
        case .numeric(let op):
            var args: [UInt64] = []
            for o in operands {
                guard let v = evaluate(o, values) else { return nil }
                args.append(v)
            }
            guard case .value(let v)? = op.evaluate(args.first ?? 0, args.count > 1 ? args[1] : 0) else { return nil }
            return v
        default: return nil
        }
    }

    /// The constant local `x` holds after `before` (a sequence's statements, in order): the
    /// last of them writing it is `local.set x (i32.const k)` and none after writes it; or
    /// none writes it and `before` opens the function body, `x` a declared local (zero).
    static func entryValue(of x: UInt32, before: [Code], top: Bool, parameterCount: Int) -> UInt64? {
        for s in before.reversed() {
            if case .op(.localSet(let y), let v) = s, y == x {
                guard v.count == 1, case .op(.i32Const(let k), let none) = v[0], none.isEmpty else { return nil }
                return UInt64(UInt32(bitPattern: k))
            }
            if EffectSummary(tree: s).writesLocals.contains(x) { return nil }
        }
        return top && Int(x) >= parameterCount ? 0 : nil
    }
}
