import WasmModel

/// Jump threading over a join whose value is a constant on every path: a block that every
/// path leaves with `t` last written by `local.set t K` in the branch's own statement list
/// (a status or a flag: an inlined callee's `return -1` and `return 0`), followed by a test of `t` alone (`br_if k (t < 0)`, or an `if` with no
/// else), sends each path straight where the test would send it, and the test goes:
///
///     block                              block                 ;; C
///       ...                                block               ;; T (the `if` form only)
///       local.set t (i32.const -1)           ...
///       br 0                                 local.set t (i32.const -1)
///       ...                                  br <the test's target, or into X>
///       local.set t (i32.const 0)            ...
///     end                                    local.set t (i32.const 0)
///     br_if k (i32.lt_s (local.get t) 0)     br <past the test>
///                                          end
///                                          X                   ;; the `if` form's arm
///                                        end
///
/// The writes of `t` stay (`remove-dead-writes` drops those nothing reads) and the blocks
/// nothing targets any more dissolve (`simplify-branches`). GCC's and LLVM's jump threading
/// do this on a CFG; here every path into the join is a `br` to the block (or its fall
/// through) after its `local.set`, so the rewrite keeps the structure.
///
/// Invariant: every path runs the same instructions in the same order but the test; the
/// test's outcome on each path is what it would compute there (`t`'s constant, the test
/// reading nothing else and unable to trap), so control reaches the same places.
public enum JumpThreading {
    public static func run(_ code: [Code]) -> [Code] {
        var out: [Code] = []
        out.reserveCapacity(code.count)
        var k = 0
        while k < code.count {
            let c = recurse(code[k])
            if k + 1 < code.count, case .block(let body) = c, let threaded = thread(body, test: code[k + 1]) {
                out.append(threaded)
                k += 2
                continue
            }
            out.append(c)
            k += 1
        }
        return out
    }

    /// `c` with the statement lists inside it threaded.
    static func recurse(_ c: Code) -> Code {
        switch c {
        case .op: c
        case .block(let b): .block(run(b))
        case .loop(let b): .loop(run(b))
        case .if(let cond, let a, let b): .if(cond, run(a), run(b))
        }
    }

    /// The block `body` and the `test` after it, threaded: nil unless every path to the
    /// block's end last wrote one local with a constant and `test` reads only it.
    static func thread(_ body: [Code], test: Code) -> Code? {
        let condition: Code
        let arm: [Code]?
        let target: Int
        switch test {
        case .op(.brIf(let d), let operands) where operands.count == 1:
            condition = operands[0]
            arm = nil
            target = Int(d)
        case .if(let cond, let x, let none) where none.isEmpty:
            condition = cond
            arm = x
            target = 0
        default: return nil
        }
        var reading = Set<UInt32>()
        guard LoopRotation.pure(condition, reading: &reading), reading.count == 1, let local = reading.first else {
            return nil
        }
        // Every path into the join: each branch to the block, and its end when it completes.
        var outcomes: [Bool] = []
        guard edges(body, level: 0, local: local, condition: condition, outcomes: &outcomes) else { return nil }
        var fallsThrough: Bool?
        if Branches.completes(body.last ?? .block([])) {
            guard let taken = outcome(before: body[...], local: local, condition: condition) else { return nil }
            fallsThrough = taken
        }
        guard !outcomes.isEmpty || fallsThrough != nil else { return nil }
        // The block now sits `wrap` levels deeper: inside C (and T, for the `if` form).
        let wrap = arm == nil ? 1 : 2
        // From a branch `nesting` levels inside the block: where a true and a false test go.
        func taken(_ nesting: Int) -> Int { arm == nil ? nesting + wrap + target + 1 : nesting + 1 }
        func passed(_ nesting: Int) -> Int { nesting + wrap }
        var index = 0
        var rewritten = body.map { statement in
            Branches.remap(statement, level: 0) { $0 == 0 ? 0 : $0 + wrap }
        }
        rewritten = rewritten.map {
            retarget($0, level: 0, outcomes: outcomes, index: &index) {
                taken($0)
            } passed: {
                passed($0)
            }
        }
        if let fallsThrough {
            rewritten.append(.leaf(.br(UInt32(fallsThrough ? taken(0) : passed(0)))))
        }
        if let arm {
            return .block([.block([.block(rewritten)])] + arm)
        }
        return .block([.block(rewritten)])
    }

    /// Whether every branch in `code` to the construct `level` levels out (the block) is a
    /// `br` or `br_if` after `local.set local (i32.const K)` (`outcome(before:)`), for which
    /// `condition` is decided; the outcomes are appended in code order.
    static func edges(_ code: [Code], level: Int, local: UInt32, condition: Code, outcomes: inout [Bool]) -> Bool {
        for (k, c) in code.enumerated() {
            switch c {
            case .op(let inst, let operands):
                for o in operands where Branches.targets(o, level: level) { return false }
                switch inst {
                case .br(let d), .brIf(let d):
                    guard Int(d) == level else { continue }
                    if case .brIf = inst, operands.contains(where: { writes($0, local) }) { return false }
                    guard let taken = outcome(before: code[..<k], local: local, condition: condition) else {
                        return false
                    }
                    outcomes.append(taken)
                case .brTable(let ds, let d):
                    if (ds + [d]).contains(where: { Int($0) == level }) { return false }
                default: break
                }
            case .block(let b), .loop(let b):
                guard edges(b, level: level + 1, local: local, condition: condition, outcomes: &outcomes) else {
                    return false
                }
            case .if(let cond, let a, let b):
                guard !Branches.targets(cond, level: level),
                    edges(a, level: level + 1, local: local, condition: condition, outcomes: &outcomes),
                    edges(b, level: level + 1, local: local, condition: condition, outcomes: &outcomes)
                else { return false }
            }
        }
        return true
    }

    /// The test's outcome after `statements` (a list's, in order) when the last of them
    /// writing `local` is `local.set local (i32.const K)`.
    static func outcome(before statements: ArraySlice<Code>, local: UInt32, condition: Code) -> Bool? {
        for s in statements.reversed() {
            if case .op(.localSet(let x), let value) = s, x == local {
                guard value.count == 1, case .op(.i32Const(let k), let none) = value[0], none.isEmpty,
                    let v = LoopRotation.evaluate(condition, [local: UInt64(UInt32(bitPattern: k))])
                else { return nil }
                return v != 0
            }
            if writes(s, local) { return nil }
        }
        return nil
    }

    static func writes(_ c: Code, _ local: UInt32) -> Bool {
        EffectSummary(tree: c).writesLocals.contains(local)
    }

    /// `c` with each branch to the block (`level` levels out) sent where its outcome says,
    /// in the order `edges` listed them.
    static func retarget(
        _ c: Code, level: Int, outcomes: [Bool], index: inout Int, taken: (Int) -> Int, passed: (Int) -> Int
    ) -> Code {
        switch c {
        case .op(let inst, let operands):
            switch inst {
            case .br(let d) where Int(d) == level, .brIf(let d) where Int(d) == level:
                let to = UInt32(outcomes[index] ? taken(level) : passed(level))
                index += 1
                if case .br = inst { return .op(.br(to), operands) }
                return .op(.brIf(to), operands)
            default: return c
            }
        case .block(let b):
            return .block(
                b.map {
                    retarget($0, level: level + 1, outcomes: outcomes, index: &index, taken: taken, passed: passed)
                }
            )
        case .loop(let b):
            return .loop(
                b.map {
                    retarget($0, level: level + 1, outcomes: outcomes, index: &index, taken: taken, passed: passed)
                }
            )
        case .if(let cond, let a, let b):
            let x = a.map {
                retarget($0, level: level + 1, outcomes: outcomes, index: &index, taken: taken, passed: passed)
            }
            let y = b.map {
                retarget($0, level: level + 1, outcomes: outcomes, index: &index, taken: taken, passed: passed)
            }
            return .if(cond, x, y)
        }
    }
}
