import WasmModel

/// The `elide-zero-init` job: a declared local starts at zero, so a zero written to it once,
/// at the top level before anything touches it, goes.
extension Locals {
    /// Declared locals start at zero: a write of zero that runs once, at the top level of
    /// the body, before anything else touches the local, is dropped.
    public mutating func elideZeroInitialization() {
        var touched: Set<UInt32> = []
        func touch(_ c: Code) {
            switch c {
            case .op(let inst, let operands):
                operands.forEach(touch)
                switch inst {
                case .localGet(let x), .localSet(let x), .localTee(let x): touched.insert(x)
                default: break
                }
            case .block(let b), .loop(let b): b.forEach(touch)
            case .if(let c, let a, let b):
                touch(c)
                a.forEach(touch)
                b.forEach(touch)
            }
        }
        var out: [Code] = []
        for stmt in code {
            if case .op(.localSet(let x), let operands) = stmt, Int(x) >= parameterCount, !touched.contains(x),
                operands.count == 1, Self.isZero(operands[0])
            {
                touched.insert(x)
                continue
            }
            touch(stmt)
            out.append(stmt)
        }
        code = out
    }

    static func isZero(_ c: Code) -> Bool {
        switch c {
        case .op(.i32Const(0), let o), .op(.i64Const(0), let o), .op(.f32Const(0), let o), .op(.f64Const(0), let o):
            return o.isEmpty
        default: return false
        }
    }
}
