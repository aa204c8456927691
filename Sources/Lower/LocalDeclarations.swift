import WasmModel

/// The declared locals of `weft optimize`'s Wasm output, tidied once the body is final:
/// locals the body no longer names go (`GlobalRereads` can leave a local with no reads or
/// writes), and the rest are grouped by type, in the order each type first occurs (a run of
/// one type is one `(count, type)` entry in the encoding), keeping their order within a type.
///
/// Invariant: the function means the same; only declared locals (not parameters) move or go,
/// and every `local.get`, `local.set` and `local.tee` names the local it named before.
public enum LocalDeclarations {
    /// `body` (final `end` included) with its declared `locals`, after `parameterCount`
    /// parameters, tidied.
    public static func tidy(locals: [ValueType], body: [Instruction], parameterCount: Int) -> (
        locals: [ValueType], body: [Instruction]
    ) {
        var used = Array(repeating: false, count: locals.count)
        for inst in body {
            switch inst {
            case .localGet(let x), .localSet(let x), .localTee(let x):
                let k = Int(x) - parameterCount
                if k >= 0 && k < used.count { used[k] = true }
            default: break
            }
        }
        var typeOrder: [ValueType] = []
        for (k, t) in locals.enumerated() where used[k] && !typeOrder.contains(t) { typeOrder.append(t) }
        var map = Array(repeating: UInt32.max, count: locals.count)
        var kept: [ValueType] = []
        for t in typeOrder {
            for (k, u) in locals.enumerated() where used[k] && u == t {
                map[k] = UInt32(parameterCount + kept.count)
                kept.append(t)
            }
        }
        if kept == locals { return (locals, body) }
        func renamed(_ x: UInt32) -> UInt32 {
            let k = Int(x) - parameterCount
            return k >= 0 && k < map.count ? map[k] : x
        }
        let out = body.map { inst -> Instruction in
            switch inst {
            case .localGet(let x): .localGet(renamed(x))
            case .localSet(let x): .localSet(renamed(x))
            case .localTee(let x): .localTee(renamed(x))
            default: inst
            }
        }
        return (kept, out)
    }
}
