import Lower
import Thumb
import WasmModel

/// `call_indirect` through a parameter, resolved once at the function's entry: the function
/// a comparator or callback parameter names is looked up (bounds, null and signature
/// checked) before the body, into a register holding its code address or 0; each call then
/// is `cbz r, trap; blx r` instead of the whole check. The trap stays where Wasm has it (at
/// the call); the lookup itself reads only the table, in bounds, and changes nothing. A
/// local the body sets once, in a statement of its own at the top level (`f = lookup(x)`),
/// with every call through it in a later top-level statement, is resolved the same way
/// right after that statement (`after`): the set runs exactly once, before any of the calls.
///
/// Invariant: a key is resolved only when the local holds one value at every call through
/// it (a parameter never written, or a local written once as above), the table is one
/// neither the code nor the host can change (`TableLayout.writable` false: its entries and
/// size are those of instantiation), and the function calls through it at least twice (one
/// call gains nothing from the lookup moved).
struct ResolvedCallee: Hashable {
    /// The parameter or local (local index), the call's type index and the table.
    var local: Int
    var type: Int
    var table: UInt32
    /// The top-level statement after which the lookup runs (nil: at the entry).
    var after: Int? = nil

    /// The keys worth resolving in `body` (elaborated code) of a function with `parameters`.
    static func plan(_ body: [Code], parameters: Int) -> [ResolvedCallee] {
        var writes: [Int: Int] = [:]
        var setAt: [Int: Int] = [:]
        var sites: [ResolvedCallee: [Int]] = [:]
        var statement = 0
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
            case .localSet(let k), .localTee(let k): writes[Int(k), default: 0] += 1
            case .callIndirect(let type, let table):
                if case .op(.localGet(let k), [])? = index {
                    sites[ResolvedCallee(local: Int(k), type: Int(type), table: table), default: []].append(statement)
                }
            default: break
            }
        }
        for (n, c) in body.enumerated() {
            statement = n
            visit([c])
            if case .op(.localSet(let k), _) = c { setAt[Int(k)] = n }
        }
        return chosen(sites, writes: writes, setAt: setAt, parameters: parameters)
    }

    /// The same for a function's instructions (not lowered by the optimizer): a statement is
    /// an instruction outside every block, loop and `if` (reaching a later instruction means
    /// passing it, as Wasm's branches only leave constructs or repeat loops).
    static func plan(_ body: [WasmModel.Instruction], parameters: Int) -> [ResolvedCallee] {
        var writes: [Int: Int] = [:]
        var setAt: [Int: Int] = [:]
        var sites: [ResolvedCallee: [Int]] = [:]
        var depth = 0
        for (n, i) in body.enumerated() {
            switch i {
            case .block, .loop, .if: depth += 1
            case .end: depth -= 1
            case .localSet(let k), .localTee(let k):
                writes[Int(k), default: 0] += 1
                if depth == 0, case .localSet = i { setAt[Int(k)] = n }
            case .callIndirect(let type, let table):
                if n > 0, case .localGet(let k) = body[n - 1] {
                    sites[ResolvedCallee(local: Int(k), type: Int(type), table: table), default: []].append(n)
                }
            default: break
            }
        }
        return chosen(sites, writes: writes, setAt: setAt, parameters: parameters)
    }

    /// Keys with two calls or more whose local holds one value at each: a parameter never
    /// written (resolved at the entry), or a local whose one write is the statement `setAt`
    /// before all the calls (resolved right after it).
    static func chosen(_ sites: [ResolvedCallee: [Int]], writes: [Int: Int], setAt: [Int: Int], parameters: Int)
        -> [ResolvedCallee]
    {
        var chosen: [ResolvedCallee] = []
        for (key, at) in sites where at.count >= 2 {
            switch writes[key.local, default: 0] {
            case 0 where key.local < parameters:
                chosen.append(key)
            case 1:
                guard let n = setAt[key.local], at.allSatisfy({ $0 > n }) else { continue }
                var later = key
                later.after = n
                chosen.append(later)
            default: continue
            }
        }
        return chosen.sorted { ($0.local, $0.type, $0.table) < ($1.local, $1.type, $1.table) }
    }
}

extension FunctionCompiler {
    /// Where it stands (the entry, or right after the statement setting the local): each
    /// planned key's code address (0 when the call would trap) into a register the calls use
    /// (`resolvedCallees`).
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
