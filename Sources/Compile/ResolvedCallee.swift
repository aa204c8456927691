import Lower
import Thumb
import WasmModel

/// `call_indirect` through a parameter, resolved once at the function's entry: the function
/// a comparator or callback parameter names is looked up (bounds, null and signature
/// checked) before the body, into a register holding its code address or 0; each call then
/// is `cbz r, trap; blx r` instead of the whole check. The trap stays where Wasm has it (at
/// the call); the lookup itself reads only the table, in bounds, and changes nothing.
///
/// Invariant: a key is resolved only when the parameter is never written in the function,
/// the table is one neither the code nor the host can change (`TableLayout.writable` false:
/// its entries and size are those of instantiation), and the function calls through it at
/// least twice (one call gains nothing from the lookup moved).
struct ResolvedCallee: Hashable {
    /// The parameter (local index), the call's type index and the table.
    var local: Int
    var type: Int
    var table: UInt32

    /// The keys worth resolving in `body` (elaborated code) of a function with `parameters`.
    static func plan(_ body: [Code], parameters: Int) -> [ResolvedCallee] {
        var written = Set<Int>()
        var sites: [ResolvedCallee: Int] = [:]
        func visit(_ code: [Code]) {
            for c in code {
                switch c {
                case .op(let i, let operands):
                    visit(operands)
                    note(i, index: operands.last)
                case .block(let b), .loop(let b): visit(b)
                case .if(let cond, let a, let b):
                    visit([cond])
                    visit(a)
                    visit(b)
                }
            }
        }
        func note(_ i: WasmModel.Instruction, index: Code?) {
            switch i {
            case .localSet(let k), .localTee(let k): written.insert(Int(k))
            case .callIndirect(let type, let table):
                if case .op(.localGet(let k), [])? = index {
                    sites[ResolvedCallee(local: Int(k), type: Int(type), table: table), default: 0] += 1
                }
            default: break
            }
        }
        visit(body)
        return Self.chosen(sites, written: written, parameters: parameters)
    }

    /// The same for a function's instructions (not lowered by the optimizer).
    static func plan(_ body: [WasmModel.Instruction], parameters: Int) -> [ResolvedCallee] {
        var written = Set<Int>()
        var sites: [ResolvedCallee: Int] = [:]
        for (n, i) in body.enumerated() {
            switch i {
            case .localSet(let k), .localTee(let k): written.insert(Int(k))
            case .callIndirect(let type, let table):
                if n > 0, case .localGet(let k) = body[n - 1] {
                    sites[ResolvedCallee(local: Int(k), type: Int(type), table: table), default: 0] += 1
                }
            default: break
            }
        }
        return Self.chosen(sites, written: written, parameters: parameters)
    }

    static func chosen(_ sites: [ResolvedCallee: Int], written: Set<Int>, parameters: Int) -> [ResolvedCallee] {
        sites.filter { $0.value >= 2 && $0.key.local < parameters && !written.contains($0.key.local) }.keys
            .sorted { ($0.local, $0.type, $0.table) < ($1.local, $1.type, $1.table) }
    }
}

extension FunctionCompiler {
    /// At the entry: each planned key's code address (0 when the call would trap) into a
    /// register the calls use (`resolvedCallees`).
    mutating func resolveCallees(_ plan: [ResolvedCallee]) throws(CompileError) {
        for key in plan {
            guard key.table < context.tables.count, key.type < context.module.types.count,
                key.local < locals.count, let i = locals[key.local].first
            else { continue }
            let table = try layout(key.table)
            guard !table.writable, table.element == .funcref else { continue }
            let resolved = f.fresh()
            let done = label()
            try materialize(0, into: resolved)
            try compareWith(i, UInt32(table.initial))
            emit(MachineInstruction(.branch(.hs, done), defs: [], uses: []))
            emit(.copy(resolved, try checkedEntry(i, in: table, type: key.type, failing: done)))
            emit(MachineInstruction(.label(done), defs: [], uses: []))
            resolvedCallees[ResolvedCallee(local: key.local, type: key.type, table: key.table)] = resolved
        }
    }

    /// The register holding the resolved code address for a call through `index`, if planned.
    func resolvedCallee(_ index: Tree, type: Int, table: UInt32) -> VReg? {
        guard case .registers(let r, _) = index, r.count == 1 else { return nil }
        for (key, resolved) in resolvedCallees where key.type == type && key.table == table {
            if locals.indices.contains(key.local), locals[key.local] == r { return resolved }
        }
        return nil
    }
}
