import WasmModel

/// A constant written to a local that certainly holds it already goes: `local.set x K` after
/// an earlier `local.set x K` (or, for a declared local, its zero at entry) with no write of
/// `x` between on any path. Part of `weft optimize`'s Wasm output (`StackResults`).
///
/// Invariant: what is known at a statement holds on every path to it: within a region,
/// statements run in order; a construct's body starts from what held before it, less the
/// locals written anywhere in it for a loop (its back edge); after a construct, what held
/// before it holds for the locals written nowhere in it (a branch can leave it at any
/// point). Linear in the body's size times its nesting.
enum RepeatedConstants {
    static func apply(_ body: [StackCode], types: [ValueType], parameterCount: Int) -> [StackCode] {
        var known: [UInt32: StackCode] = [:]
        for x in types.indices.dropFirst(parameterCount) {
            switch types[x] {
            case .i32: known[UInt32(x)] = .op(.i32Const(0), [])
            case .i64: known[UInt32(x)] = .op(.i64Const(0), [])
            case .f32: known[UInt32(x)] = .op(.f32Const(0), [])
            case .f64: known[UInt32(x)] = .op(.f64Const(0), [])
            default: break
            }
        }
        return region(body, known: &known)
    }

    static func isConstant(_ c: StackCode) -> Bool {
        switch c {
        case .op(.i32Const, let o), .op(.i64Const, let o), .op(.f32Const, let o), .op(.f64Const, let o): o.isEmpty
        default: false
        }
    }

    static func forget(_ code: [StackCode], _ known: inout [UInt32: StackCode]) {
        if known.isEmpty { return }
        for x in Stackifier.writes(code) { known[x] = nil }
    }

    static func region(_ code: [StackCode], known: inout [UInt32: StackCode]) -> [StackCode] {
        var out: [StackCode] = []
        out.reserveCapacity(code.count)
        for s in code {
            switch s {
            case .op(.localSet(let x), let values) where values.count == 1 && isConstant(values[0]):
                if known[x] == values[0] { continue }
                known[x] = values[0]
                out.append(s)
            case .op:
                forget([s], &known)
                out.append(s)
            case .block(let t, let b):
                var inner = known
                let b = region(b, known: &inner)
                forget([s], &known)
                out.append(.block(t, b))
            case .loop(let b):
                var inner = known
                forget([s], &inner)
                let b = region(b, known: &inner)
                forget([s], &known)
                out.append(.loop(b))
            case .if(let t, let cond, let a, let b):
                forget([cond], &known)
                var inA = known
                var inB = known
                let a = region(a, known: &inA)
                let b = region(b, known: &inB)
                forget([s], &known)
                out.append(.if(t, cond, a, b))
            }
        }
        return out
    }
}
