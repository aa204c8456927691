/// A loop whose body opens with a test that leaves it, `block { loop { br_if 1 c; REST } }`,
/// as `loop { if (not c) { REST } }` (what Binaryen leaves for a `while` loop): the block, its
/// `end` and the branch's label give way to the `if`, two bytes less (one more or less for
/// the negation). Part of `weft optimize`'s Wasm output (`StackResults`).
///
/// Invariant: applied only when the block holds nothing but the loop, nothing in REST
/// branches to the block, and the condition branches nowhere; branches in REST to the loop
/// are renumbered for the `if` around them, so every path goes where it went: falling out of
/// the `if` falls out of the loop, as leaving the block did.
enum LoopEntries {
    static func apply(_ code: [StackCode]) -> [StackCode] {
        StackCode.rewritingBlocks(code) { t, inner in
            guard t == nil, inner.count == 1, case .loop(let body) = inner[0], let first = body.first,
                case .op(.brIf(1), let cs) = first, cs.count == 1, !Stackifier.leaves(cs, level: 0),
                let rest = relabel(Array(body.dropFirst()), depth: 0)
            else { return nil }
            return .loop([.if(nil, Stackifier.negate(cs[0]), rest, [])])
        }
    }

    /// `code`, `depth` constructs inside the loop's body, with its branches to the loop one
    /// further out (an `if` now around it); nil when one branches to the block around the loop.
    static func relabel(_ code: [StackCode], depth: Int) -> [StackCode]? {
        var out: [StackCode] = []
        out.reserveCapacity(code.count)
        for c in code {
            guard let r = relabel(c, depth: depth) else { return nil }
            out.append(r)
        }
        return out
    }

    static func relabel(_ c: StackCode, depth: Int) -> StackCode? {
        func label(_ d: UInt32) -> UInt32? {
            if Int(d) == depth { return d + 1 }
            if Int(d) == depth + 1 { return nil }
            return d
        }
        switch c {
        case .op(let inst, let operands):
            guard let ops = relabel(operands, depth: depth) else { return nil }
            switch inst {
            case .br(let d): return label(d).map { .op(.br($0), ops) }
            case .brIf(let d): return label(d).map { .op(.brIf($0), ops) }
            case .brTable(let ds, let d):
                var targets: [UInt32] = []
                for x in ds {
                    guard let y = label(x) else { return nil }
                    targets.append(y)
                }
                guard let e = label(d) else { return nil }
                return .op(.brTable(targets, default: e), ops)
            default: return .op(inst, ops)
            }
        case .block(let t, let b): return relabel(b, depth: depth + 1).map { .block(t, $0) }
        case .loop(let b): return relabel(b, depth: depth + 1).map { .loop($0) }
        case .if(let t, let cond, let a, let b):
            guard let cond = relabel(cond, depth: depth), let a = relabel(a, depth: depth + 1),
                let b = relabel(b, depth: depth + 1)
            else { return nil }
            return .if(t, cond, a, b)
        }
    }
}
