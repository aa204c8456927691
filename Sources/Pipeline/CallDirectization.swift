import EGraph
import IR
import WasmModel

/// The skeleton pass `directize-calls`, after saturation (Binaryen's directize): a
/// `call_indirect` through a table nothing can change, whose index the e-graph proves is the
/// constant `k`, with a function of the expected type at slot `k`, is a direct `call` of that
/// function — what a function pointer that inlining and folding made constant calls.
///
/// A table is one nothing can change when the module defines it, does not export it, no
/// instruction writes it (`table.set`, `grow`, `fill`, `copy` into it, `init` into it) and its
/// active element segments have constant offsets inside it: its slots are then what those
/// segments put there, for the whole run.
///
/// Invariant: only a call whose callee the table fixes for every run changes, to a call of
/// that callee with the same arguments (a null slot, an index past the table or another type
/// traps, and keeps its `call_indirect`).
struct CallDirectization: Sendable {
    /// The function in each slot of each table nothing can change, by table index.
    let tables: [UInt32: [UInt32?]]
    let types: [FuncType]
    let functionTypes: [UInt32]

    init(module: Module) {
        types = module.types
        functionTypes = module.functionTypeIndices
        let imported = module.allTables.count - module.tables.count
        var fixed = Set((imported..<module.allTables.count).map { UInt32($0) })
        for e in module.exports {
            if case .table(let t) = e.kind { fixed.remove(t) }
        }
        for f in module.functions {
            for i in f.body {
                switch i {
                case .tableSet(let t), .tableGrow(let t), .tableFill(let t), .tableCopy(dst: let t, src: _),
                    .tableInit(elem: _, table: let t):
                    fixed.remove(t)
                default: break
                }
            }
        }
        var tables: [UInt32: [UInt32?]] = [:]
        for t in fixed {
            // A table whose slots start as something other than null is left alone.
            if let initial = module.tables[Int(t) - imported].initializer {
                guard initial.count == 1, case .refNull = initial[0] else { continue }
            }
            let size = module.allTables[Int(t)].limits.min
            guard size <= 1 << 16 else { continue }
            tables[t] = [UInt32?](repeating: nil, count: Int(size))
        }
        for segment in module.elements {
            guard case .active(let t, let offset) = segment.mode, tables[t] != nil else { continue }
            guard offset.count == 1, case .i32Const(let start) = offset[0], start >= 0,
                Int(start) + segment.items.count <= tables[t]?.count ?? 0
            else {
                tables[t] = nil
                continue
            }
            for (j, item) in segment.items.enumerated() {
                var f: UInt32?
                if item.count == 1, case .refFunc(let g) = item[0] { f = g }
                tables[t]?[Int(start) + j] = f
            }
        }
        self.tables = tables
    }

    func apply(_ skeleton: inout Skeleton, _ graph: inout EGraph) -> Int {
        guard !tables.isEmpty else { return 0 }
        var count = 0
        for i in skeleton.effects.indices {
            guard case .callIndirect(let type, let table) = skeleton.effects[i].instruction,
                let slots = tables[table], let index = skeleton.effects[i].operands.last,
                let k = graph.facts(index).constant, k < UInt64(slots.count), let f = slots[Int(k)],
                Int(f) < functionTypes.count, Int(type) < types.count,
                Int(functionTypes[Int(f)]) < types.count, types[Int(functionTypes[Int(f)])] == types[Int(type)]
            else { continue }
            skeleton.effects[i].instruction = .call(f)
            skeleton.effects[i].operands.removeLast()
            count += 1
        }
        return count
    }
}
