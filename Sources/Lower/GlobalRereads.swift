import WasmEncode
import WasmModel

/// A global's value kept in a local (`global.get g; local.tee x` or `local.set x`) is read from
/// the global again where nothing can have written the global since: the write to the local
/// goes and each read of it becomes `global.get g` (as Binaryen leaves such reads). Part of
/// `weft optimize`'s Wasm output.
///
/// Invariant: a read is replaced only when every path from the write to it passes no
/// `global.set g`, call or other instruction that may write globals, and no other write of
/// the local; every read the written value reaches is replaced (else nothing changes). The
/// scan from each write is bounded, so the pass is linear in the body's size.
enum GlobalRereads {
    /// Instructions scanned from one write before giving up.
    static let reach = 2_000

    static func apply(_ body: [Instruction]) -> [Instruction] {
        var gets: [UInt32: Int] = [:]
        var ends: [Int: Int] = [:]
        var open: [Int] = []
        for (k, inst) in body.enumerated() {
            switch inst {
            case .localGet(let x): gets[x, default: 0] += 1
            case .block, .loop, .if: open.append(k)
            case .end: if let start = open.popLast() { ends[start] = k }
            default: break
            }
        }
        var out = body
        var removed: Set<Int> = []
        for k in body.indices.dropLast() {
            guard case .globalGet(let g) = body[k], !removed.contains(k) else { continue }
            let x: UInt32
            let tee: Bool
            switch body[k + 1] {
            case .localTee(let y): (x, tee) = (y, true)
            case .localSet(let y): (x, tee) = (y, false)
            default: continue
            }
            guard let reads = reads(of: x, written: k + 1, global: g, in: body, ends: ends, gets: gets[x] ?? 0),
                WasmEncoder.size(of: .globalGet(g)) <= WasmEncoder.size(of: .localGet(x))
            else { continue }
            for r in reads { out[r] = .globalGet(g) }
            gets[x, default: 0] -= reads.count
            removed.insert(k + 1)
            if !tee { removed.insert(k) }
        }
        return out.enumerated().filter { !removed.contains($0.offset) }.map(\.element)
    }

    /// The reads of `x` that the write at `w` (of global `g`'s value) reaches, when each may
    /// read `g` instead; nil when any may not, or when some read the write reaches is not
    /// found.
    static func reads(
        of x: UInt32, written w: Int, global g: UInt32, in body: [Instruction], ends: [Int: Int], gets: Int
    ) -> [Int]? {
        var depth = 0
        var globalWritten = false
        var leftEarly = false
        var found: [Int] = []
        var k = w + 1
        // Whether the scan ends where the value dies on every path (so reads elsewhere are
        // of other values); else every read of x must have been found.
        var killed = false
        scan: while k < body.count {
            if k - w > reach { return nil }
            let inst = body[k]
            switch inst {
            case .block, .if: depth += 1
            case .loop:
                // Around a loop's back edge, a write later in the body comes before a read.
                guard let end = ends[k], end - w <= reach else { return nil }
                let inner = body[(k + 1)..<end]
                if inner.contains(.localGet(x))
                    && inner.contains(where: { Self.writesGlobal($0, g) || $0 == .localSet(x) || $0 == .localTee(x) })
                {
                    return nil
                }
                depth += 1
            case .else:
                if depth == 0 { break scan }
            case .end:
                if depth == 0 { break scan }
                depth -= 1
            case .localGet(x):
                if globalWritten { return nil }
                found.append(k)
            case .localSet(x), .localTee(x):
                killed = depth == 0 && !leftEarly
                break scan
            case .br(let d), .brIf(let d):
                if Int(d) >= depth { leftEarly = true }
            case .brTable(let ds, let d):
                if (ds + [d]).contains(where: { Int($0) >= depth }) { leftEarly = true }
            default:
                if Self.writesGlobal(inst, g) { globalWritten = true }
            }
            k += 1
        }
        if !killed && found.count != gets { return nil }
        return found
    }

    static func writesGlobal(_ inst: Instruction, _ g: UInt32) -> Bool {
        let s = EffectSummary(inst)
        return s.writesAllGlobals || s.writesGlobals.contains(g)
    }
}
