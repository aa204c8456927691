import EGraph
import IR
import WasmModel

/// Removes shadow-stack frames that nothing reads: once loads from a frame are forwarded
/// (`MemoryForwarding`), what is left of a frame written only to is its stores and the pair of
/// `global.set`s of the stack pointer that allocate and release it. This pass removes the
/// three together (scalar replacement of the frame, finished).
///
/// The stores write memory that the host can see, so the pass runs only under an explicit
/// assumption (`weft optimize --assume-dead-stack`), LLVM's shadow-stack convention: memory
/// below the stack pointer belongs to no one once its frame is released, a frame is reached
/// only through addresses computed from the stack pointer that allocated it, the stack lies
/// within memory, and the stack pointer's value after a trap does not matter.
///
/// Invariants: a pair is removed only when, in one region, `global.set sp F` finds the stack
/// pointer known to be `R` with `F ≡ R − N` (N > 0), the next set of the stack pointer in
/// that region restores `R`, nothing between reads or sets the stack pointer or branches out
/// of the range; and no value derived from `R` is read through memory anywhere in the
/// function (a load or bulk operation from it), passed to a call, stored, or returned. Only
/// stores that provably fall within `[R − N, R)` are removed; a store through a derived
/// address wholly outside it stays (an inlined callee writing its caller's frame), and one
/// that may write part of it keeps the frame. Inner frames (inlined callees') go first.
public struct FrameElimination {
    var skeleton: Skeleton
    var graph: EGraph
    let stackPointer: UInt32
    /// Frames removed so far, and the effects they took with them.
    public private(set) var removed = 0
    var dropped: Set<Int> = []
    /// For each class, the classes computed from it (its users through operators, and the
    /// slots it flows into); built once, on the first frame candidate.
    var users: [EClassId: [EClassId]]?

    /// Removes the dead frames of `skeleton`; returns how many.
    @discardableResult
    public static func apply(_ skeleton: inout Skeleton, _ graph: inout EGraph, stackPointer: UInt32) -> Int {
        var pass = FrameElimination(skeleton: skeleton, graph: graph, stackPointer: stackPointer)
        pass.skeleton.body = pass.region(pass.skeleton.body, known: nil)
        pass.skeleton.removedEffects.formUnion(pass.dropped)
        skeleton = pass.skeleton
        return pass.removed
    }

    /// `body` with its dead frames removed; `known` is the stack pointer's value on entry.
    mutating func region(_ body: [Statement], known entry: EClassId?) -> [Statement] {
        var body = body
        // Inner regions first: a frame of an inlined callee disappears before its caller's.
        var known = entry
        for k in body.indices {
            let before = known
            known = after(body[k], known)
            switch body[k] {
            case .block(let label, let inner, let exit):
                body[k] = .block(label: label, body: region(inner, known: before), exit: exit)
            case .loop(let label, let entry, let inner):
                let head = touchesStackPointer(inner) ? nil : before
                body[k] = .loop(label: label, entry: entry, body: region(inner, known: head))
            case .if(let label, let condition, let a, let aEnd, let b, let bEnd):
                body[k] = .if(
                    label: label, condition: condition, then: region(a, known: before), thenEnd: aEnd,
                    else: region(b, known: before), elseEnd: bEnd)
            default: break
            }
        }
        known = entry
        var k = 0
        while k < body.count {
            if let r = known, let (n, end) = frame(at: k, in: body, restoring: r),
                let stores = deadStores(body[k + 1..<end], r, n)
            {
                guard case .effect(let allocate) = body[k], case .effect(let release) = body[end] else { break }
                dropped.formUnion(stores.union([allocate, release]))
                body.remove(at: end)
                body.remove(at: k)
                body = Self.removing(stores, from: body)
                removed += 1
                continue
            }
            known = after(body[k], known)
            k += 1
        }
        return body
    }

    /// Whether `body` may change the stack pointer (sets it or calls).
    func touchesStackPointer(_ body: [Statement]) -> Bool {
        Skeleton.effects(in: body).contains { i in
            switch skeleton.effects[i].instruction {
            case .globalSet(stackPointer): true
            case let instruction: Skeleton.mayRunCode(instruction)
            }
        }
    }

    /// The stack pointer's value after `statement`, given its value before.
    func after(_ statement: Statement, _ known: EClassId?) -> EClassId? {
        if case .effect(let i) = statement {
            let effect = skeleton.effects[i]
            switch effect.instruction {
            case .globalGet(stackPointer): return known ?? effect.results.first.map { skeleton.leaves[Int($0)].eclass }
            case .globalSet(stackPointer): return effect.operands.first
            case let instruction: return Skeleton.mayRunCode(instruction) ? nil : known
            }
        }
        return touchesStackPointer([statement]) ? nil : known
    }

    /// When statement `k` allocates a frame of `N` bytes below `r` and a later statement of
    /// the same region releases it, `N` and the releasing statement's index.
    func frame(at k: Int, in body: [Statement], restoring r: EClassId) -> (Int64, Int)? {
        guard case .effect(let i) = body[k], case .globalSet(stackPointer) = skeleton.effects[i].instruction,
            let f = skeleton.effects[i].operands.first, let n = distance(below: r, f), n > 0
        else { return nil }
        for j in body.indices where j > k {
            let touched = Skeleton.effects(in: [body[j]]).filter { e in
                switch skeleton.effects[e].instruction {
                case .globalGet(stackPointer), .globalSet(stackPointer): true
                default: false
                }
            }
            guard !touched.isEmpty else { continue }
            guard case .effect(let e) = body[j], case .globalSet = skeleton.effects[e].instruction,
                let restored = skeleton.effects[e].operands.first, graph.root(restored) == graph.root(r),
                !branchesOut(Array(body[k + 1..<j]))
            else { return nil }
            return (n, j)
        }
        return nil
    }

    /// `d` when class `f` holds `r − d` for a constant `d`.
    func distance(below r: EClassId, _ f: EClassId) -> Int64? {
        offset(of: f, from: r, depth: 3).map { -$0 }
    }

    /// `k` when class `a` holds `base + k` for a constant `k` (a few constant adds deep).
    func offset(of a: EClassId, from base: EClassId, depth: Int) -> Int64? {
        if graph.root(a) == graph.root(base) { return 0 }
        guard depth > 0 else { return nil }
        for node in graph.nodes(a) {
            guard let op = node.op.numericOp, op == .i32Add || op == .i32Sub else { continue }
            for (x, c) in [(0, 1), (1, 0)] where op == .i32Add || x == 0 {
                guard let constant = Self.constant(node.child(c), graph),
                    let inner = offset(of: node.child(x), from: base, depth: depth - 1)
                else { continue }
                return op == .i32Add ? inner + constant : inner - constant
            }
        }
        return nil
    }

    static func constant(_ c: EClassId, _ g: EGraph) -> Int64? {
        for node in g.nodes(c) where node.op.kind == .constant && node.op.type == .i32 {
            return Int64(Int32(bitPattern: UInt32(truncatingIfNeeded: node.op.payload)))
        }
        return nil
    }

    /// Whether a branch in `body` targets a label that `body` does not define.
    func branchesOut(_ body: [Statement]) -> Bool {
        var inside: Set<Int> = []
        var targets: Set<Int> = []
        func walk(_ body: [Statement]) {
            for s in body {
                switch s {
                case .block(let l, let inner, _), .loop(let l, _, let inner):
                    inside.insert(l)
                    walk(inner)
                case .if(let l, _, let a, _, let b, _):
                    inside.insert(l)
                    walk(a)
                    walk(b)
                case .br(let l, _), .brIf(let l, _, _): targets.insert(l)
                case .brTable(let ls, let d, _, _): targets.formUnion(ls + [d])
                default: break
                }
            }
        }
        walk(body)
        return !targets.isSubset(of: inside)
    }

    /// The stores of the frame `[r − n, r)` in `range` (every one of them), or nil when the
    /// frame's memory may be read, or its address escapes, anywhere in the function, or a
    /// store through an address derived from `r` may write it only in part.
    mutating func deadStores(_ range: ArraySlice<Statement>, _ r: EClassId, _ n: Int64) -> Set<Int>? {
        let derived = derivedClasses(from: r)
        func isDerived(_ c: EClassId) -> Bool { derived.contains(graph.root(c)) }
        var stores: Set<Int> = []
        for i in Skeleton.effects(in: Array(range)) {
            let effect = skeleton.effects[i]
            guard case .store(let op, let arg) = effect.instruction, effect.operands.count == 2,
                isDerived(effect.operands[0])
            else { continue }
            // A store wholly outside the frame (a caller's frame, through an sret pointer)
            // stays; one that may partly write it keeps the frame.
            guard let k = offset(of: effect.operands[0], from: r, depth: 4) else { return nil }
            let start = k + Int64(arg.offset)
            let end = start + Int64(op.width)
            if end <= -n || start >= 0 { continue }
            guard start >= -n, end <= 0 else { return nil }
            stores.insert(i)
        }
        for i in Skeleton.effects(in: skeleton.body) where !dropped.contains(i) {
            let effect = skeleton.effects[i]
            switch effect.instruction {
            case .store:
                if stores.contains(i) { continue }
                // Another store through a derived address is kept (it does not read the
                // frame); storing a derived value lets the frame's address escape.
                if effect.operands.dropFirst().contains(where: isDerived) { return nil }
            case .globalSet(stackPointer): continue
            default: if effect.operands.contains(where: isDerived) { return nil }
            }
        }
        for edge in skeleton.labels.first?.edges ?? [] where skeleton.edges[edge].stack.contains(where: isDerived) {
            return nil
        }
        return stores
    }

    /// The classes whose value may be computed from `r`: through pure operators, and through
    /// slots merging such a value.
    mutating func derivedClasses(from r: EClassId) -> Set<EClassId> {
        if users == nil {
            var map: [EClassId: [EClassId]] = [:]
            for c in graph.classIds {
                for node in graph.nodes(c) {
                    for child in node.children { map[graph.root(child), default: []].append(graph.root(c)) }
                }
            }
            for label in skeleton.labels {
                for slot in label.slots {
                    for edge in label.edges where edge < skeleton.edges.count {
                        map[graph.root(skeleton.edges[edge].value(slot.source)), default: []].append(
                            graph.root(skeleton.leaves[Int(slot.leaf)].eclass))
                    }
                }
            }
            users = map
        }
        let users = self.users ?? [:]
        var derived: Set<EClassId> = [graph.root(r)]
        var work = [graph.root(r)]
        while let c = work.popLast() {
            for user in users[c] ?? [] where derived.insert(user).inserted { work.append(user) }
        }
        return derived
    }

    /// `body` without the statements of `stores`.
    static func removing(_ stores: Set<Int>, from body: [Statement]) -> [Statement] {
        body.compactMap { statement -> Statement? in
            switch statement {
            case .effect(let i): return stores.contains(i) ? nil : statement
            case .block(let l, let inner, let exit):
                return .block(label: l, body: removing(stores, from: inner), exit: exit)
            case .loop(let l, let entry, let inner):
                return .loop(label: l, entry: entry, body: removing(stores, from: inner))
            case .if(let l, let c, let a, let aEnd, let b, let bEnd):
                return .if(
                    label: l, condition: c, then: removing(stores, from: a), thenEnd: aEnd,
                    else: removing(stores, from: b), elseEnd: bEnd)
            default: return statement
            }
        }
    }
}
