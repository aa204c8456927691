import Lower
import Passes
import Thumb
import WasmModel

/// Pointer locals held as physical addresses (`linked`, `base`, `mpu`): the register of such
/// a local holds `weft_memory + v` instead of the Wasm address `v`, as native code holds a
/// pointer, so an access through it is `[r, #o]` with no sum before it, a step `v += c` is
/// one `add r, #c` (which post-increment folding may take into the access), and reading the
/// local as a number costs one `sub` from the base (dropped as dead code when every reader
/// only dereferences it).
///
/// Each read of such a local is `w = r - weft_memory` into a fresh register, recorded in
/// `nativeValues` (`w` → `r`) so `physical(w)` is `r` itself for as long as `r` is not written
/// again. A Wasm value on the operand stack is only ever used by instructions textually
/// between its read and its use (a structured program runs nothing else in between), so
/// dropping the record when the emission order writes `r` is exact. Reads of the local in one
/// block share one such register (`nativeReads`, emptied at a label and when `r` is written),
/// so a tile that needs one operand twice (`rev`) still sees one register.
///
/// Invariant: the register of a native local holds `weft_memory + v` (mod 2^32) at every
/// point of the function where the local holds `v`; no fact of the e-graph about `v` is
/// attached to it; `nativeValues[w] == r` only while `w + weft_memory == r`.
struct NativePointers: Sendable {
    /// How often each i32 local was the base of an access (the candidates), counted by one
    /// compilation.
    private(set) var accesses: [Int: Int] = [:]

    /// Locals whose values meet, by local: those compared with it for equality, those written
    /// from it (a copy, a step `± c`, a sum with it), and those it is a copy or a step of.
    /// When a local is held so, these spare a conversion by being held so too; a sum's other
    /// operand does not (it is as likely the index as the pointer).
    private(set) var partners: [Int: Set<Int>] = [:]

    /// What each call passed for an i32 parameter, by callee and parameter: the bytes a
    /// caller would pay to pass it as a physical address instead (`ModuleCompiler.nativeParameters`),
    /// summed over the call sites once `settle` has priced the locals.
    private(set) var passed: [Int: [Int: Int]] = [:]
    /// Arguments read from a local, priced by `settle` (by callee, parameter and local).
    private var passedLocals: [(callee: Int, parameter: Int, local: Int)] = []

    /// How many of the most accessed locals are tried switched, one at a time, after the
    /// sets of `candidates`.
    static let switched = 2

    mutating func accessed(_ local: Int) { accesses[local, default: 0] += 1 }

    /// Parameter `i` of `callee` given a frame address (its machine address is one `add` from
    /// `sp`, the Wasm one a `sub` more: passing it physical saves that), a local (`local`),
    /// or another value (a sum with the base more).
    mutating func passed(to callee: Int, parameter i: Int, frame: Bool, local: Int?) {
        if let local {
            passedLocals.append((callee, i, local))
        } else {
            passed[callee, default: [:]][i, default: 0] += frame ? -2 : 2
        }
    }

    /// Prices the arguments read from locals: free when the local is an access base (held
    /// physical by a trial), a sum otherwise.
    mutating func settle() {
        for (callee, i, local) in passedLocals {
            passed[callee, default: [:]][i, default: 0] += accesses[local] == nil ? 2 : 0
        }
        passedLocals = []
    }

    /// `a` and `b` compared for equality.
    mutating func compared(_ a: Int, _ b: Int) {
        guard a != b else { return }
        partners[a, default: []].insert(b)
        partners[b, default: []].insert(a)
    }

    /// `b` written from `a`: a copy or a step (`step`), else a sum with another value.
    mutating func derived(_ b: Int, from a: Int, step: Bool) {
        guard a != b else { return }
        partners[a, default: []].insert(b)
        if step { partners[b, default: []].insert(a) }
    }

    /// The sets of locals worth a trial, most promising first: every local used as an access
    /// base with its partners (and theirs), then those used so alone. (Two more — those used
    /// twice, the most used one — won 84 bytes on the programs for 30% more compile time.)
    func candidates() -> [Set<Int>] {
        guard !accesses.isEmpty else { return [] }
        let used = Set(accesses.keys)
        var closure = used
        var work = used.sorted()
        while let k = work.popLast() {
            for p in (partners[k] ?? []).sorted() where closure.insert(p).inserted { work.append(p) }
        }
        return closure.count > used.count ? [closure, used] : [used]
    }
}

extension FunctionCompiler {
    /// Whether local `k` is held as a physical address in this compilation.
    func isNative(_ k: Int) -> Bool { !nativeLocals.isEmpty && nativeLocals.contains(k) }

    /// At the entry, once the memory base is in a register: each native local's register
    /// becomes `weft_memory + v` (a parameter's value, or 0: the base itself) unless it
    /// arrives so (`arriving`); a parameter arriving so that is not held so becomes `v`.
    mutating func enterNativeLocals(parameters: Int, arriving: Set<Int>) {
        guard let base = memoryBase else { return }
        for k in arriving.sorted() where !isNative(k) && k < parameters {
            let r = locals[k][0]
            let sub = ThumbInstruction.data(.sub, s: false, rd: .r0, rn: .r1, .reg(.r2))
            emit(.flexible(sub, [r, r, base]))
        }
        for k in nativeLocals.sorted() where !arriving.contains(k) {
            let r = locals[k][0]
            if k < parameters {
                sum(base, r, into: r, flagsFree: true)
            } else {
                emit(.copy(r, base))
            }
        }
    }

    /// Whether the function calls one that takes a physical address (so it needs the base).
    func passesPhysicalArguments(_ code: [Code]?, body: [WasmModel.Instruction]) -> Bool {
        guard !context.nativeParameters.isEmpty else { return false }
        var found = false
        func check(_ i: WasmModel.Instruction) {
            if case .call(let c) = i, context.nativeParameters[Int(c)] != nil { found = true }
        }
        if let code { Code.visit(code, check) } else { body.forEach(check) }
        return found
    }

    /// `local.get k` of a native local: its Wasm value `r - weft_memory` in a fresh register
    /// whose physical address is `r` (`nativeValues`).
    mutating func readNative(_ k: Int) -> VReg {
        let r = locals[k][0]
        if let w = nativeReads[r] { return w }
        let w = f.fresh()
        if let base = memoryBase {
            let sub = ThumbInstruction.data(.sub, s: false, rd: .r0, rn: .r1, .reg(.r2))
            emit(.flexible(sub, [w, r, base]))
        }
        nativeValues[w] = r
        nativeReaders[r, default: []].append(w)
        nativeReads[r] = w
        return w
    }

    /// `local.set k` of a native local to `v`: a copy or a step from another native value
    /// (`p`, `p ± c`, `p + x`), else `weft_memory + v`.
    mutating func writeNative(_ k: Int, _ v: Tree) throws(CompileError) {
        guard let base = memoryBase else { throw fail("a native pointer without a memory base") }
        let r = locals[k][0]
        // Pending trees that reach memory through this local's old value are computed now,
        // while `r` still holds it.
        if let readers = nativeReaders[r] {
            let set = Set(readers)
            for i in stack.indices where !stack[i].isComputed && stack[i].reads(set) {
                stack[i] = .registers(try value(stack[i]), stack[i].type)
            }
        }
        func native(_ t: Tree) -> VReg? {
            guard case .registers(let w, .i32) = t, w.count == 1 else { return nil }
            return nativeValues[w[0]]
        }
        func signed(_ c: UInt64) -> Int32 { Int32(bitPattern: UInt32(truncatingIfNeeded: c)) }
        var from: VReg?
        var step: Int32 = 0
        var plus: Tree?
        switch v {
        case .registers where native(v) != nil:
            from = native(v)
        case .op(.i32Add, let kids) where native(kids[0]) != nil || native(kids[1]) != nil:
            let (p, x) = native(kids[0]) != nil ? (kids[0], kids[1]) : (kids[1], kids[0])
            from = native(p)
            if case .constant(_, let c) = x { step = signed(c) } else { plus = x }
        case .op(.i32Sub, let kids) where native(kids[0]) != nil:
            if case .constant(_, let c) = kids[1], signed(c) != .min {
                from = native(kids[0])
                step = -signed(c)
            }
        default: break
        }
        if from == nil, let m = try frameMachineValue(v) {
            from = m
        } else if from == nil, nativeFrame != nil, case .op(.i32Add, let kids) = v,
            let (c, other) = Self.frameSum(kids)
        {
            from = try frameMachineAddress(c)
            plus = other
        }
        guard let p = from else {
            sum(base, try value(v)[0], into: r, flagsFree: true)
            return
        }
        if let plus {
            sum(p, try value(plus)[0], into: r, flagsFree: true)
        } else if step == 0 {
            if p != r { emit(.copy(r, p)) }
        } else {
            let add = ThumbInstruction.data(
                step < 0 ? .sub : .add, s: false, rd: .r0, rn: .r1, .immediate(step.magnitude))
            if step.magnitude <= 4095 || ModifiedImmediate.encode(step.magnitude) != nil {
                emit(.flexible(add, [r, p]))
            } else {
                sum(p, try value(.constant(.i32, UInt64(UInt32(bitPattern: step))))[0], into: r, flagsFree: true)
            }
        }
    }

    /// Records what a call to `callee` passes for its i32 parameters (for a plan of
    /// `ModuleCompiler.nativeParameters`).
    mutating func notePassed(_ args: [Tree], to callee: Int) {
        for (i, a) in args.enumerated() where a.type == .i32 {
            var local: Int?
            if case .registers(let r, _) = a, r.count == 1 { local = localRegisters[r[0]] }
            var frame = false
            if case .frame = a { frame = true }
            nativePointers.passed(to: callee, parameter: i, frame: frame, local: local)
        }
    }

    /// Records which locals meet in `op` (an equality of two locals) or in `v` written to
    /// local `k` (a copy of a local, or a sum with one), for a plan.
    mutating func noteLocalsMeeting(_ op: NumericOp, _ kids: [Tree]) {
        guard op == .i32Eq || op == .i32Ne, kids.count == 2, case .registers(let a, _) = kids[0],
            case .registers(let b, _) = kids[1], let x = localRegisters[a[0]], let y = localRegisters[b[0]]
        else { return }
        nativePointers.compared(x, y)
    }

    mutating func noteLocalWritten(_ k: Int, from v: Tree) {
        guard localTypes[k] == .i32 else { return }
        func local(_ t: Tree) -> Int? {
            guard case .registers(let r, _) = t else { return nil }
            return localRegisters[r[0]]
        }
        if let j = local(v) {
            nativePointers.derived(k, from: j, step: true)
        } else if case .op(let op, let kids) = v, op == .i32Add || op == .i32Sub {
            if case .constant = kids[1], let j = local(kids[0]) {
                nativePointers.derived(k, from: j, step: true)
            } else if op == .i32Add, case .constant = kids[0], let j = local(kids[1]) {
                nativePointers.derived(k, from: j, step: true)
            } else {
                for j in kids.compactMap(local) { nativePointers.derived(k, from: j, step: false) }
            }
        }
    }

    /// `a == b` / `a != b` of two native values as the comparison of their physical
    /// addresses (equal exactly when the Wasm values are: both are the values plus one base,
    /// modulo 2^32); nil for anything else (an order is not kept where a sum wraps).
    func nativeComparison(_ op: NumericOp, _ kids: [Tree]) -> Tree? {
        guard op == .i32Eq || op == .i32Ne, !nativeValues.isEmpty, kids.count == 2,
            case .registers(let a, _) = kids[0], case .registers(let b, _) = kids[1],
            let x = nativeValues[a[0]], let y = nativeValues[b[0]]
        else { return nil }
        return .op(op, [.registers([x], .i32), .registers([y], .i32)])
    }

    /// Forgets the native values read from `r` (written now).
    mutating func nativeWritten(_ r: VReg) {
        nativeReads[r] = nil
        guard let readers = nativeReaders.removeValue(forKey: r) else { return }
        for w in readers { nativeValues[w] = nil }
    }
}

extension ModuleCompiler {
    /// The parameters each function receives as physical addresses (`weft_memory + v`, as
    /// native code passes a pointer) instead of Wasm addresses: those of a function only
    /// weft's own code calls, directly (not exported, in no table, no `ref.func`, not
    /// `weft_init`), that its body reaches memory through and never writes, found by
    /// compiling each such function once from its own instructions. Callers pass
    /// `weft_memory + v` there (free when they hold the pointer so); the callee needs no sum.
    ///
    /// Decided from the module before any function is compiled, so every caller and the
    /// callee agree, and `FunctionSizer` and `ModuleCompiler` (which reuses its outputs) too.
    static func nativeParameters(_ prepared: Prepared, options: CompileOptions) -> [Int: Set<Int>] {
        let context = prepared.context
        guard context.memory.allowsNativePointers,
            options.passes.runs(MachinePasses.nativePointers, optional: true)
        else { return [:] }
        let module = context.module
        let imported = module.importedFunctionCount
        var external = Set(prepared.exportedFunctions.keys)
        external.formUnion(prepared.tableContents.joined().compactMap { $0 })
        external.formUnion(prepared.elementItems.joined().compactMap { $0 })
        external.formUnion(prepared.globalReferences.values)
        if let f = prepared.initFunction { external.insert(f) }
        if let s = module.start { external.insert(Int(s)) }
        for function in module.functions {
            for case .refFunc(let f) in function.body { external.insert(Int(f)) }
        }
        // What callers pass (`NativePointers.passed`) and what each function accesses memory
        // through, from one compilation of every function.
        let first = imported
        let outside = external
        let surveys = Parallel.map(count: module.functions.count, jobs: options.passes.jobs) {
            (i: Int) -> (passed: [Int: [Int: Int]], chosen: Set<Int>) in
            let k = first + i
            var fc = FunctionCompiler(context: context, index: k, selector: Selector(tiles: context.tiles))
            guard (try? fc.compile(nil)) != nil else { return ([:], []) }
            fc.nativePointers.settle()
            let type = context.functionTypes[k].machine
            guard !outside.contains(k), type.params.contains(.i32) else { return (fc.nativePointers.passed, []) }
            let resolved = Set(
                ResolvedCallee.plan(module.functions[i].body, parameters: type.params.count).map(\.local))
            let chosen = Set(
                fc.nativePointers.accesses.keys.filter {
                    $0 < type.params.count && type.params[$0] == .i32 && fc.invariantAddresses.writes[$0] == nil
                        && !resolved.contains($0)
                })
            return (fc.nativePointers.passed, chosen)
        }
        var passed: [Int: [Int: Int]] = [:]
        for survey in surveys {
            for (callee, costs) in survey.passed { passed[callee, default: [:]].merge(costs, uniquingKeysWith: +) }
        }
        // Each function with such parameters compiled with them and without.
        let trials = surveys.indices.filter { !surveys[$0].chosen.isEmpty }
        let savings = Parallel.map(count: trials.count, jobs: options.passes.jobs) { (t: Int) -> Int? in
            let k = first + trials[t]
            var with = context
            with.nativeParameters = [k: surveys[trials[t]].chosen]
            var selectorA = Selector(tiles: context.tiles)
            var selectorB = selectorA
            var log = PassLog()
            guard
                let plain = try? compileFunction(
                    k, code: nil, context: context, selector: &selectorA, passes: options.passes, log: &log),
                let native = try? compileFunction(
                    k, code: nil, context: with, selector: &selectorB, passes: options.passes, log: &log)
            else { return nil }
            return plain.bytes.count - native.bytes.count
        }
        var found: [Int: Set<Int>] = [:]
        for (t, saving) in zip(trials, savings) {
            guard let saving else { continue }
            let k = first + t
            let chosen = surveys[t].chosen
            // Kept when the callee gets smaller by more than its callers pay to pass the
            // pointers physical: a sum where they hold a Wasm value, nothing where they hold
            // the pointer so, less a `sub` where they pass a frame address.
            let paid = chosen.reduce(0) { $0 + (passed[k]?[$1] ?? 0) }
            if saving > paid { found[k] = chosen }
        }
        return found
    }
}

extension FunctionCompiler {
    /// The arguments of a call to `callee` with those its parameters receive as physical
    /// addresses (`ModuleCompiler.nativeParameters`) made so: the register already holding
    /// it (a native value, `+ c` of one), else `weft_memory + v`. Arguments before such one
    /// that read memory are computed first, in order.
    mutating func physicalArguments(_ args: [Tree], callee: Int) throws(CompileError) -> [Tree] {
        guard let native = context.nativeParameters[callee], let last = native.max() else { return args }
        var out = args
        for (i, a) in args.enumerated() where i <= last {
            if native.contains(i), a.type == .i32 {
                out[i] = .registers([try physicalValue(a)], .i32)
            } else if a.isOrdered {
                out[i] = .registers(try value(a), a.type)
            }
        }
        return out
    }

    /// A register holding `weft_memory + t`.
    mutating func physicalValue(_ t: Tree) throws(CompileError) -> VReg {
        if case .registers(let w, _) = t, let r = nativeValues[w[0]] { return r }
        if let r = try frameMachineValue(t) { return r }
        if case .op(.i32Add, let kids) = t, case .registers(let w, _) = kids[0], let r = nativeValues[w[0]],
            case .constant(_, let c) = kids[1], c <= 4095
        {
            let d = f.fresh()
            let add = ThumbInstruction.data(.add, s: false, rd: .r0, rn: .r1, .immediate(UInt32(c)))
            emit(.flexible(add, [d, r]))
            return d
        }
        guard memoryBase != nil else { throw fail("a physical argument without a memory base") }
        return physical(try value(t)[0])
    }
}
