import EGraph
import IR
import WasmModel

/// Store-to-load and load-to-load forwarding on a lifted function: a load of bytes that a
/// store (or an identical load) at the same address class and offset produced earlier, with
/// no possibly aliasing write in between, is replaced by that value (narrowed or extended as
/// the load does) and leaves the skeleton. The same for globals: a `global.get` after a
/// `global.set` or `global.get` of the same global with no call in between reads the value
/// known.
///
/// Invariants: only accesses through the same address class (same value) at overlapping
/// offsets are compared, so a forwarded load reads exactly the bytes that were stored; any
/// other store to the same memory, a call, or a bulk memory operation forgets what is known
/// (conservative aliasing); a loop whose body writes memory starts with nothing known. The
/// removed load cannot have trapped: the access before it covered the same bytes. Only a
/// call (which may run any code, the host's included) changes a global behind the
/// function's back; a loop that sets a global or calls starts knowing nothing of globals.
public enum MemoryForwarding {
    struct Known {
        var address: EClassId
        var offset: UInt64
        var width: Int
        var memory: UInt32
        /// The value's type and whether it came from a store (which any narrower load may
        /// read) or from a load (only the same load).
        var value: EClassId
        var load: LoadOp?
        var store: StoreOp?
    }

    /// What is known at a point: memory contents and global values.
    struct State {
        var memory: [Known] = []
        var globals: [UInt32: EClassId] = [:]

        mutating func forget() { self = State() }
    }

    /// The walk's state: what is known along each edge taken to a block or if so far (what
    /// all of them know still holds after it), and the loads removed.
    struct Walk {
        var edges: [Int: [State]] = [:]
        var count = 0

        mutating func record(_ label: Int, _ known: State) { edges[label, default: []].append(known) }

        /// What every edge into `label` knows.
        mutating func merged(_ label: Int, _ g: EGraph) -> State {
            guard let states = edges.removeValue(forKey: label), var common = states.first else { return State() }
            for state in states.dropFirst() {
                common.memory.removeAll { k in
                    !state.memory.contains {
                        g.root($0.address) == g.root(k.address) && $0.offset == k.offset && $0.width == k.width
                            && $0.memory == k.memory && g.root($0.value) == g.root(k.value) && $0.load == k.load
                            && $0.store == k.store
                    }
                }
                common.globals = common.globals.filter { k, v in state.globals[k].map(g.root) == g.root(v) }
            }
            return common
        }
    }

    /// Forwards what can be forwarded; returns the number of loads removed.
    @discardableResult
    public static func apply(_ skeleton: inout Skeleton, _ graph: inout EGraph) -> Int {
        var walk = Walk()
        var known = State()
        skeleton.body = region(skeleton.body, &known, &skeleton, &graph, &walk)
        graph.rebuild()
        return walk.count
    }

    static func region(
        _ body: [Statement], _ known: inout State, _ s: inout Skeleton, _ g: inout EGraph, _ count: inout Walk
    ) -> [Statement] {
        var out: [Statement] = []
        for statement in body {
            switch statement {
            case .effect(let i):
                let effect = s.effects[i]
                switch effect.instruction {
                case .store(let op, let arg) where effect.operands.count == 2:
                    let address = g.find(effect.operands[0])
                    let graph = g
                    known.memory.removeAll { mayAlias($0, address, arg, op.width, graph) }
                    known.memory.append(
                        Known(
                            address: address, offset: arg.offset, width: op.width, memory: arg.memory,
                            value: effect.operands[1], load: nil, store: op))
                case .load(let op, let arg) where effect.operands.count == 1:
                    let address = g.find(effect.operands[0])
                    if let leaf = effect.results.first,
                        let value = forwarded(op, arg, address, known.memory, &g)
                    {
                        g.union(s.leaves[Int(leaf)].eclass, value)
                        s.retired.insert(leaf)
                        s.removedEffects.insert(i)
                        count.count += 1
                        continue
                    }
                    if let leaf = effect.results.first {
                        known.memory.append(
                            Known(
                                address: address, offset: arg.offset, width: op.width, memory: arg.memory,
                                value: s.leaves[Int(leaf)].eclass, load: op, store: nil))
                    }
                case .globalGet(let global) where effect.results.count == 1:
                    let leaf = effect.results[0]
                    if let value = known.globals[global] {
                        g.union(s.leaves[Int(leaf)].eclass, value)
                        s.retired.insert(leaf)
                        s.removedEffects.insert(i)
                        count.count += 1
                        continue
                    }
                    known.globals[global] = s.leaves[Int(leaf)].eclass
                case .globalSet(let global) where effect.operands.count == 1:
                    known.globals[global] = effect.operands[0]
                default:
                    if Skeleton.mayRunCode(effect.instruction) {
                        known.forget()
                    } else if Self.writesMemory(effect.instruction) {
                        known.memory.removeAll()
                    }
                }
                out.append(statement)
            case .block(let label, let inner, let exit):
                var inside = known
                let body = region(inner, &inside, &s, &g, &count)
                if exit != nil { count.record(label, inside) }
                known = count.merged(label, g)
                out.append(.block(label: label, body: body, exit: exit))
            case .loop(let label, let entry, let inner):
                // What the body may change is unknown at the loop's head (and after it).
                if writesMemory(inner, s) { known.memory.removeAll() }
                let globals = writtenGlobals(inner, s)
                if globals.contains(nil) {
                    known.globals.removeAll()
                } else {
                    for global in globals { known.globals[global!] = nil }
                }
                var inside = known
                let body = region(inner, &inside, &s, &g, &count)
                out.append(.loop(label: label, entry: entry, body: body))
            case .if(let label, let condition, let a, let aEnd, let b, let bEnd):
                var inA = known
                var inB = known
                let newA = region(a, &inA, &s, &g, &count)
                if aEnd != nil { count.record(label, inA) }
                let newB = region(b, &inB, &s, &g, &count)
                if bEnd != nil { count.record(label, inB) }
                known = count.merged(label, g)
                out.append(
                    .if(label: label, condition: condition, then: newA, thenEnd: aEnd, else: newB, elseEnd: bEnd))
            case .br(let label, _), .brIf(let label, _, _):
                count.record(label, known)
                out.append(statement)
            case .brTable(let labels, let fallback, _, _):
                for l in Set(labels + [fallback]).sorted() { count.record(l, known) }
                out.append(statement)
            default:
                out.append(statement)
            }
        }
        return out
    }

    /// A store of `width` bytes at `arg` through `address` may change what `k` knows.
    static func mayAlias(_ k: Known, _ address: EClassId, _ arg: MemArg, _ width: Int, _ g: EGraph) -> Bool {
        guard k.memory == arg.memory else { return false }
        guard g.root(k.address) == g.root(address) else { return true }
        return arg.offset < k.offset + UInt64(k.width) && k.offset < arg.offset + UInt64(width)
    }

    /// The value a load reads, when something known covers exactly its bytes.
    static func forwarded(_ op: LoadOp, _ arg: MemArg, _ address: EClassId, _ known: [Known], _ g: inout EGraph)
        -> EClassId?
    {
        for k in known.reversed() {
            guard k.memory == arg.memory, g.root(k.address) == g.root(address), k.offset == arg.offset else { continue }
            if let load = k.load { return load == op ? k.value : nil }
            guard let store = k.store, op.width <= store.width, op.type == store.type else { return nil }
            return narrow(k.value, op, g: &g)
        }
        return nil
    }

    /// `value` as `op` reads its low bytes back.
    static func narrow(_ value: EClassId, _ op: LoadOp, g: inout EGraph) -> EClassId? {
        func and(_ mask: UInt64, _ t: ScalarType) -> EClassId {
            let c = g.add(ENode(.constant(t, mask)))
            return g.add(ENode(.numeric(t == .i32 ? .i32And : .i64And), [value, c]))
        }
        func unary(_ n: NumericOp) -> EClassId { g.add(ENode(.numeric(n), [value])) }
        switch op {
        case .i32Load, .i64Load, .f32Load, .f64Load: return value
        case .i32Load8U: return and(0xFF, .i32)
        case .i32Load16U: return and(0xFFFF, .i32)
        case .i32Load8S: return unary(.i32Extend8S)
        case .i32Load16S: return unary(.i32Extend16S)
        case .i64Load8U: return and(0xFF, .i64)
        case .i64Load16U: return and(0xFFFF, .i64)
        case .i64Load32U: return and(0xFFFF_FFFF, .i64)
        case .i64Load8S: return unary(.i64Extend8S)
        case .i64Load16S: return unary(.i64Extend16S)
        case .i64Load32S: return unary(.i64Extend32S)
        }
    }

    /// Whether an effect may write memory (every effect but loads, globals and memory.size).
    static func writesMemory(_ instruction: Instruction) -> Bool {
        switch instruction {
        case .load, .globalGet, .globalSet, .memorySize: false
        default: true
        }
    }

    /// Whether anything in `body` may write memory.
    static func writesMemory(_ body: [Statement], _ s: Skeleton) -> Bool {
        Skeleton.effects(in: body).contains { writesMemory(s.effects[$0].instruction) }
    }

    /// The globals that `body` may set (nil: any, because it calls).
    static func writtenGlobals(_ body: [Statement], _ s: Skeleton) -> Set<UInt32?> {
        var out: Set<UInt32?> = []
        for i in Skeleton.effects(in: body) {
            switch s.effects[i].instruction {
            case .globalSet(let global): out.insert(global)
            case let instruction where Skeleton.mayRunCode(instruction): out.insert(nil)
            default: break
            }
        }
        return out
    }
}
