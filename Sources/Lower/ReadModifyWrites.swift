/// A value computed from memory at an address kept in a local and stored back there,
/// `local.set v (E)` then `store (local.get a) (local.get v)` where E's first step is `local.tee
/// a (ADDR)`, as `store (local.tee a (ADDR)) (E')` with E' reading `a` where E wrote it (what
/// Binaryen leaves): the local `v`, read nowhere else, goes with its write and read, four
/// bytes. Part of `weft optimize`'s Wasm output (`StackResults`).
///
/// Invariant: everything runs in the order it ran: ADDR first, then the rest of E, then the
/// store; applied only when `v` is read nowhere else, and E writes `a` only in that first
/// `local.tee` and never writes `v` (so the store's address and value are what they were).
enum ReadModifyWrites {
    static func apply(_ code: [StackCode]) -> [StackCode] {
        var reads: [UInt32: Int] = [:]
        Stackifier.forEachInstruction(code) { if case .localGet(let x) = $0 { reads[x, default: 0] += 1 } }
        return region(code, reads: reads)
    }

    static func region(_ code: [StackCode], reads: [UInt32: Int]) -> [StackCode] {
        var out: [StackCode] = []
        out.reserveCapacity(code.count)
        var k = 0
        while k < code.count {
            if k + 1 < code.count, let merged = merge(code[k], code[k + 1], reads: reads) {
                out.append(merged)
                k += 2
                continue
            }
            out.append(nested(code[k], reads: reads))
            k += 1
        }
        return out
    }

    static func nested(_ c: StackCode, reads: [UInt32: Int]) -> StackCode {
        switch c {
        case .op: return c
        case .block(let t, let b): return .block(t, region(b, reads: reads))
        case .loop(let b): return .loop(region(b, reads: reads))
        case .if(let t, let cond, let a, let b): return .if(t, cond, region(a, reads: reads), region(b, reads: reads))
        }
    }

    static func merge(_ first: StackCode, _ second: StackCode, reads: [UInt32: Int]) -> StackCode? {
        guard case .op(.localSet(let v), let values) = first, values.count == 1,
            case .op(.store(let op, let m), let operands) = second, operands.count == 2,
            case .op(.localGet(let a), let none) = operands[0], none.isEmpty,
            operands[1] == .op(.localGet(v), []), a != v, reads[v] == 1,
            let (rest, address) = pull(a, from: values[0])
        else { return nil }
        let written = Stackifier.writes([rest])
        guard !written.contains(a), !written.contains(v), !Stackifier.writes([address]).contains(v) else { return nil }
        return .op(.store(op, m), [.op(.localTee(a), [address]), rest])
    }

    /// `c` with its first step, `local.tee a (ADDR)`, reading `a` instead, and ADDR; nil when
    /// its first step is something else.
    static func pull(_ a: UInt32, from c: StackCode) -> (StackCode, StackCode)? {
        guard case .op(let inst, let operands) = c, let head = operands.first else { return nil }
        if inst == .localTee(a), operands.count == 1 { return (.op(.localGet(a), []), head) }
        guard let (inner, address) = pull(a, from: head) else { return nil }
        return (.op(inst, [inner] + operands.dropFirst()), address)
    }
}
