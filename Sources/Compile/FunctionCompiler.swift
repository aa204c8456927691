import Lower
import Rules
import Thumb
import WasmModel

/// How a Wasm address becomes a physical one (`--memory`).
public enum MemoryModel: String, Sendable, CaseIterable {
    /// The Wasm address is the physical address (linear memory linked at address 0): no
    /// base, no check; an access out of bounds reaches whatever is there.
    case identity
    /// Physical = `weft_memory` + address: the base is loaded into a register per function;
    /// no check.
    case base
    /// As `base`, and every access is checked against the memory's size: out of bounds
    /// traps (`udf`) exactly where Wasm traps.
    case checked
}

/// What every function of a module shares: types, symbols of functions and globals, the
/// memory model and size, the table.
struct ModuleContext {
    var module: Module
    var tiles: TileSet
    var memory: MemoryModel
    /// Bytes of linear memory (its initial size; it never grows).
    var memoryBytes: UInt64
    var functionTypes: [FuncType]
    var functionSymbols: [String]
    var globalSymbols: [String]
    var globalTypes: [GlobalType]
    /// Immutable globals with a constant initializer: their value.
    var globalConstants: [Int: UInt64]
    var tableSymbol: String
    var tableSize: Int
    /// The canonical id of each type index (equal signatures share one).
    var typeIDs: [UInt32]
    static let memorySymbol = "weft_memory"
}

/// One Wasm function into machine code over virtual registers: locals become registers,
/// expression trees are covered by tiles, structured control becomes labels and branches,
/// calls follow the AAPCS.
///
/// Invariant: the tree stack holds only trees whose evaluation may be delayed to the
/// point their consumer runs: before every store, call, global write, branch or trap the
/// ordered ones (loads, global reads, trapping operators) are computed, and a local's
/// readers are computed before the local is written.
struct FunctionCompiler {
    let context: ModuleContext
    let index: Int
    var selector: Selector
    var f: MachineFunction
    var stack: [Tree] = []
    var locals: [[VReg]] = []
    var localTypes: [ValueType] = []
    var frames: [ControlFrame] = []
    var nextLabel = 0
    var unreachableDepth: Int? = nil
    /// i32 constants already in a register of the current block (registers `value` gives are
    /// defined once), reused until the next label or call.
    var constants: [UInt64: VReg] = [:]
    /// What the flags say now: each pure tree whose non-zero-ness a condition gives (a
    /// comparison just made, and the register `setIf` just wrote from it). Emptied by any
    /// instruction that may set the flags, a label or a call; a fact goes when a register its
    /// tree reads is written.
    var flagsHold: [FlagsFact] = []

    struct FlagsFact {
        var tree: Tree
        var condition: Condition
        var reads: Set<VReg>
    }

    /// Symbol addresses already in a register of the current block, reused like `constants`.
    var symbols: [String: VReg] = [:]
    /// Signed bounds of the i32 registers of the current block.
    var ranges = SignedRanges()
    var memoryBase: VReg?
    var resultTypes: [ValueType] = []
    let trap: Label

    struct ControlFrame {
        enum Kind { case block, loop, `if` }
        var kind: Kind
        /// Where a branch to this frame goes (a loop's start, else the end).
        var target: Label
        var end: Label
        var elseLabel: Label?
        /// Registers a branch fills: a loop's parameters, else the results.
        var branchRegisters: [[VReg]]
        var branchTypes: [ValueType]
        var results: [[VReg]]
        var resultTypes: [ValueType]
        var height: Int
        var params: [Tree]
        var endReachable = false
    }

    init(context: ModuleContext, index: Int, selector: Selector) {
        self.context = context
        self.index = index
        self.selector = selector
        f = MachineFunction(name: context.functionSymbols[index])
        trap = Label(0)
        nextLabel = 1
        f.trapLabel = trap
    }

    mutating func label() -> Label {
        defer { nextLabel += 1 }
        return Label(nextLabel)
    }

    mutating func fresh(_ type: ValueType) -> [VReg] { (0..<type.words).map { _ in f.fresh() } }

    mutating func emit(_ i: MachineInstruction) {
        switch i.op {
        case .label:
            constants = [:]
            symbols = [:]
            ranges.known = [:]
        case .call, .callIndirect:
            constants = [:]
            symbols = [:]
        default: break
        }
        for d in i.defs { ranges.known[d] = nil }
        if !flagsHold.isEmpty {
            if i.mayWriteFlags {
                flagsHold = []
            } else if !i.defs.isEmpty {
                flagsHold.removeAll { !$0.reads.isDisjoint(with: i.defs) }
            }
        }
        f.code.append(i)
    }

    func fail(_ message: String) -> CompileError {
        CompileError("function \(context.functionSymbols[index]): \(message)")
    }

    // MARK: Entry

    /// A register holding a symbol's address (a literal), reused within the block.
    mutating func symbolAddress(_ name: String) -> VReg {
        if let r = symbols[name] { return r }
        let r = f.fresh()
        emit(MachineInstruction(.symbol(name), regs: [r], defs: [r], uses: []))
        symbols[name] = r
        return r
    }

    /// Drops branches-if-zero on a register already known non-zero (a branch-if-zero on it
    /// fell through earlier in the block and nothing redefined it): a division's trap check
    /// after the code tested the divisor, say.
    mutating func removeRedundantZeroChecks() {
        var known = Set<VReg>()
        var code: [MachineInstruction] = []
        code.reserveCapacity(f.code.count)
        for i in f.code {
            switch i.op {
            case .label: known = []
            case .compareBranch(nonzero: false, _) where known.contains(i.regs[0]): continue
            default: break
            }
            for d in i.defs { known.remove(d) }
            code.append(i)
            if case .compareBranch(nonzero: false, _) = i.op { known.insert(i.regs[0]) }
        }
        f.code = code
    }

    /// Compiles the function: from its elaborated code trees when the optimizer lowered it
    /// (`code`), else from the module's instructions.
    mutating func compile(_ code: ElaboratedFunction? = nil) throws(CompileError) -> MachineFunction {
        let definedIndex = index - context.module.importedFunctionCount
        let function = context.module.functions[definedIndex]
        let declared = code?.locals ?? function.locals
        let type = context.functionTypes[index]
        guard type.results.reduce(0, { $0 + $1.words }) <= 4 else {
            throw fail("results of more than four words do not fit r0–r3")
        }
        for t in type.params + type.results + declared where !t.isNumeric || t == .v128 {
            throw fail("\(t) values are not supported on Thumb-2")
        }
        resultTypes = type.results
        localTypes = type.params + declared
        for t in localTypes { locals.append(fresh(t)) }
        // Parameters arrive per the AAPCS: r0–r3, then the caller's stack.
        let places = Self.argumentPlaces(type.params)
        for (k, place) in places.enumerated() {
            for (h, word) in place.enumerated() {
                if word < 4 {
                    emit(.copy(locals[k][h], VReg(Register(rawValue: UInt8(word)) ?? .r0)))
                } else {
                    emit(
                        MachineInstruction(
                            .loadArgument(word: word - 4), regs: [locals[k][h]], defs: [locals[k][h]], uses: []))
                }
            }
        }
        for k in type.params.count..<localTypes.count {
            for r in locals[k] { try materialize(0, into: r) }
        }
        let accessesMemory = code.map { Self.usesMemory($0.code) } ?? Self.usesMemory(function.body)
        if context.memory != .identity, accessesMemory {
            let base = f.fresh()
            memoryBase = base
            emit(MachineInstruction(.symbol(ModuleContext.memorySymbol), regs: [base], defs: [base], uses: []))
        }
        let end = label()
        frames.append(
            ControlFrame(
                kind: .block, target: end, end: end, branchRegisters: [], branchTypes: type.results,
                results: [], resultTypes: type.results, height: 0, params: []))
        if let code {
            try walk(code.code)
            try step(.end)
        } else {
            for instruction in function.body { try step(instruction) }
        }
        removeRedundantZeroChecks()
        return f
    }

    /// Walks elaborated code in evaluation order: each instruction after the operands that
    /// compute its inputs, structured constructs with their bodies.
    mutating func walk(_ code: [Code]) throws(CompileError) {
        for c in code {
            switch c {
            case .op(let instruction, let operands):
                try walk(operands)
                try step(instruction)
            case .block(let body):
                try step(.block(.empty))
                try walk(body)
                try step(.end)
            case .loop(let body):
                try step(.loop(.empty))
                try walk(body)
                try step(.end)
            case .if(let condition, let then, let otherwise):
                try walk([condition])
                try step(.if(.empty))
                try walk(then)
                if !otherwise.isEmpty {
                    try step(.else)
                    try walk(otherwise)
                }
                try step(.end)
            }
        }
    }

    static func usesMemory(_ code: [Code]) -> Bool {
        code.contains {
            switch $0 {
            case .op(let i, let operands): usesMemory([i]) || usesMemory(operands)
            case .block(let body), .loop(let body): usesMemory(body)
            case .if(let c, let a, let b): usesMemory([c]) || usesMemory(a) || usesMemory(b)
            }
        }
    }

    static func usesMemory(_ body: [WasmModel.Instruction]) -> Bool {
        body.contains {
            switch $0 {
            case .load, .store, .memoryFill, .memoryCopy: true
            default: false
            }
        }
    }

    /// The AAPCS words of each argument: 0–3 are r0–r3, 4 on the caller's stack; a 64-bit
    /// value takes an even register pair or an 8-byte aligned stack slot, and once one
    /// argument went to the stack every later one does.
    static func argumentPlaces(_ types: [ValueType]) -> [[Int]] {
        var next = 0
        var stack = 0
        var out: [[Int]] = []
        for t in types {
            if t.words == 2 {
                if next % 2 == 1 { next += 1 }
                if next + 2 <= 4 {
                    out.append([next, next + 1])
                    next += 2
                } else {
                    next = 4
                    if stack % 2 == 1 { stack += 1 }
                    out.append([4 + stack, 5 + stack])
                    stack += 2
                }
            } else if next < 4 {
                out.append([next])
                next += 1
            } else {
                out.append([4 + stack])
                stack += 1
            }
        }
        return out
    }

    // MARK: The tree stack

    mutating func pop() throws(CompileError) -> Tree {
        guard let t = stack.popLast() else { throw fail("operand stack underflow (invalid function)") }
        return t
    }

    /// Computes every tree on the stack that must not move past an effect.
    mutating func forceOrdered() throws(CompileError) {
        for k in stack.indices where !stack[k].isComputed {
            stack[k] = .registers(try value(stack[k]), stack[k].type)
        }
    }

    /// Before `regs` (a local) is written: pending values that read its old value read a copy
    /// of it instead (a copy the allocator usually coalesces away).
    mutating func forceReaders(of regs: [VReg]) throws(CompileError) {
        let set = Set(regs)
        var copies: [VReg: VReg] = [:]
        for k in stack.indices where stack[k].reads(set) {
            for r in regs where copies[r] == nil {
                let c = f.fresh()
                emit(.copy(c, r))
                copies[r] = c
            }
            stack[k] = stack[k].renaming(copies)
        }
    }

    // MARK: Instructions

    mutating func step(_ instruction: WasmModel.Instruction) throws(CompileError) {
        if let depth = unreachableDepth {
            switch instruction {
            case .block, .loop, .if: unreachableDepth = depth + 1
            case .else where depth == 0:
                unreachableDepth = nil
                try elseArm(reachable: false)
            case .end:
                if depth == 0 {
                    unreachableDepth = nil
                    try end(reachable: false)
                } else {
                    unreachableDepth = depth - 1
                }
            default: break
            }
            return
        }
        switch instruction {
        case .nop: break
        case .unreachable:
            try forceOrdered()
            emit(MachineInstruction(.branch(.al, trap), defs: [], uses: []))
            unreachableDepth = 0
        case .block(let bt), .loop(let bt), .if(let bt):
            try enter(instruction, bt)
        case .else: try elseArm(reachable: true)
        case .end: try end(reachable: true)
        case .br(let depth):
            try branch(depth)
            unreachableDepth = 0
        case .brIf(let depth): try branchIf(depth)
        case .brTable(let targets, let defaultTarget): try branchTable(targets, defaultTarget)
        case .return:
            try branch(UInt32(frames.count - 1))
            unreachableDepth = 0
        case .call(let callee): try call(Int(callee))
        case .callIndirect(let type, let table):
            guard table == 0 else { throw fail("call_indirect through table \(table): one table only") }
            try callIndirect(Int(type))
        case .drop:
            let t = try pop()
            if t.isOrdered { _ = try value(t) }
        case .select, .selectTyped:
            let c = try pop()
            let b = try pop()
            let a = try pop()
            stack.append(.select(a.type, a, b, c))
        case .localGet(let k):
            stack.append(.registers(locals[Int(k)], localTypes[Int(k)]))
        case .localSet(let k), .localTee(let k):
            let v = try pop()
            let target = locals[Int(k)]
            try forceReaders(of: target)
            try compute(v, into: target)
            if case .localTee = instruction { stack.append(.registers(target, localTypes[Int(k)])) }
        case .globalGet(let g):
            let type = context.globalTypes[Int(g)].type
            if let c = context.globalConstants[Int(g)] {
                stack.append(.constant(type, c))
            } else {
                stack.append(.global(Int(g), type))
            }
        case .globalSet(let g):
            let v = try pop()
            for k in stack.indices where stack[k].readsGlobal(Int(g)) {
                stack[k] = .registers(try value(stack[k]), stack[k].type)
            }
            let regs = try value(v)
            let address = symbolAddress(context.globalSymbols[Int(g)])
            for (h, r) in regs.enumerated() {
                emit(.instruction(.store(.word, rt: .r0, .offset(.r1, Int32(4 * h))), [r, address]))
            }
        case .load(let op, let memarg):
            let address = try pop()
            stack.append(.load(op, offset: memarg.offset, address))
        case .store(let op, let memarg):
            let v = try pop()
            let address = try pop()
            try forceOrdered()
            try store(op, offset: memarg.offset, address: address, value: v)
        case .memorySize:
            stack.append(.constant(.i32, context.memoryBytes / 65536))
        case .memoryFill(0):
            let n = try pop()
            let v = try pop()
            let d = try pop()
            try forceOrdered()
            try fill(at: value(d)[0], with: value(v)[0], count: value(n)[0])
        case .memoryCopy(0, 0):
            let n = try pop()
            let src = try pop()
            let dst = try pop()
            try forceOrdered()
            try copy(to: value(dst)[0], from: value(src)[0], count: value(n)[0])
        case .memoryGrow:
            // The memory keeps its initial size: growing fails (-1), as Wasm allows.
            let delta = try pop()
            if delta.isOrdered { _ = try value(delta) }
            stack.append(.constant(.i32, 0xFFFF_FFFF))
        case .i32Const(let v): stack.append(.constant(.i32, UInt64(UInt32(bitPattern: v))))
        case .i64Const(let v): stack.append(.constant(.i64, UInt64(bitPattern: v)))
        case .f32Const(let v): stack.append(.constant(.f32, UInt64(v)))
        case .f64Const(let v): stack.append(.constant(.f64, v))
        case .numeric(let op):
            let n = op.signature.operands.count
            var kids: [Tree] = []
            for _ in 0..<n { kids.insert(try pop(), at: 0) }
            stack.append(.op(op, kids))
        default:
            throw fail("\(instruction) is not supported by weft compile")
        }
    }

    // MARK: Control

    func blockType(_ bt: BlockType) -> FuncType {
        switch bt {
        case .empty: FuncType()
        case .value(let t): FuncType(results: [t])
        case .index(let k): context.module.types[Int(k)]
        }
    }

    mutating func enter(_ instruction: WasmModel.Instruction, _ bt: BlockType) throws(CompileError) {
        let type = blockType(bt)
        var condition: Tree?
        if case .if = instruction { condition = try pop() }
        try forceOrdered()
        let params = Array(stack.suffix(type.params.count))
        let height = stack.count - type.params.count
        let results = type.results.map { fresh($0) }
        let end = label()
        switch instruction {
        case .loop:
            let start = label()
            var paramRegs: [[VReg]] = []
            stack.removeLast(type.params.count)
            for p in params {
                let r = fresh(p.type)
                try compute(p, into: r)
                paramRegs.append(r)
                stack.append(.registers(r, p.type))
            }
            emit(MachineInstruction(.label(start), defs: [], uses: []))
            frames.append(
                ControlFrame(
                    kind: .loop, target: start, end: end, branchRegisters: paramRegs, branchTypes: type.params,
                    results: results, resultTypes: type.results, height: height, params: []))
        case .if:
            let elseLabel = label()
            try branch(on: condition ?? .constant(.i32, 0), ifTrue: false, to: elseLabel)
            frames.append(
                ControlFrame(
                    kind: .if, target: end, end: end, elseLabel: elseLabel, branchRegisters: results,
                    branchTypes: type.results, results: results, resultTypes: type.results, height: height,
                    params: params))
        default:
            frames.append(
                ControlFrame(
                    kind: .block, target: end, end: end, branchRegisters: results, branchTypes: type.results,
                    results: results, resultTypes: type.results, height: height, params: []))
        }
    }

    /// Moves the top values into `regs` (a branch's or an end's registers).
    mutating func assign(_ regs: [[VReg]]) throws(CompileError) {
        guard stack.count >= regs.count else { throw fail("operand stack underflow at a branch") }
        let values = Array(stack.suffix(regs.count))
        // Compute everything first: a value may read a register another one overwrites.
        var computed: [[VReg]] = []
        for v in values { computed.append(try value(v)) }
        for (target, source) in zip(regs, computed) {
            for (d, s) in zip(target, source) where d != s { emit(.copy(d, s)) }
        }
    }

    mutating func elseArm(reachable: Bool) throws(CompileError) {
        guard var frame = frames.popLast(), frame.kind == .if, let elseLabel = frame.elseLabel else {
            throw fail("else without if")
        }
        if reachable {
            try forceOrdered()
            try assign(frame.results)
            emit(MachineInstruction(.branch(.al, frame.end), defs: [], uses: []))
            frame.endReachable = true
        }
        emit(MachineInstruction(.label(elseLabel), defs: [], uses: []))
        frame.elseLabel = nil
        stack.removeLast(max(0, stack.count - frame.height))
        stack += frame.params
        frames.append(frame)
    }

    mutating func end(reachable: Bool) throws(CompileError) {
        guard let frame = frames.popLast() else { throw fail("end without a block") }
        if frames.isEmpty {
            if reachable {
                try forceOrdered()
                try returnValues()
            }
            return
        }
        if reachable {
            try forceOrdered()
            try assign(frame.results)
        }
        if let elseLabel = frame.elseLabel {
            // An if without else: the false arm passes its parameters straight through.
            if frame.endReachable || reachable {
                emit(MachineInstruction(.branch(.al, frame.end), defs: [], uses: []))
            }
            emit(MachineInstruction(.label(elseLabel), defs: [], uses: []))
            stack.removeLast(max(0, stack.count - frame.height))
            stack += frame.params
            try assign(frame.results)
        }
        emit(MachineInstruction(.label(frame.end), defs: [], uses: []))
        stack.removeLast(max(0, stack.count - frame.height))
        for (k, r) in frame.results.enumerated() { stack.append(.registers(r, frame.resultTypes[k])) }
    }

    mutating func returnValues() throws(CompileError) {
        // Results in r0–r3 in order (one i32/f32 in r0, one i64/f64 in r0:r1, as the
        // AAPCS; several results continue in r2, r3: weft's convention for multi-value).
        var values: [Tree] = []
        for _ in resultTypes { values.insert(try pop(), at: 0) }
        var words: [VReg] = []
        for v in values { words += try value(v) }
        var uses: [VReg] = []
        for (h, r) in words.enumerated() {
            let target = VReg(Register(rawValue: UInt8(h)) ?? .r0)
            emit(.copy(target, r))
            uses.append(target)
        }
        emit(MachineInstruction(.ret, regs: uses, defs: [], uses: uses))
    }

    mutating func branch(_ depth: UInt32) throws(CompileError) {
        try forceOrdered()
        guard Int(depth) < frames.count else { throw fail("branch depth \(depth) out of range") }
        let frame = frames[frames.count - 1 - Int(depth)]
        if frames.count - 1 - Int(depth) == 0 {
            try returnValues()
            return
        }
        try assign(frame.branchRegisters)
        emit(MachineInstruction(.branch(.al, frame.target), defs: [], uses: []))
        if frame.kind != .loop { frames[frames.count - 1 - Int(depth)].endReachable = true }
    }

    mutating func branchIf(_ depth: UInt32) throws(CompileError) {
        let condition = try pop()
        try forceOrdered()
        guard Int(depth) < frames.count else { throw fail("branch depth \(depth) out of range") }
        let k = frames.count - 1 - Int(depth)
        let frame = frames[k]
        if k != 0 && frame.branchRegisters.isEmpty {
            try branch(on: condition, ifTrue: true, to: frame.target)
        } else {
            let skip = label()
            try branch(on: condition, ifTrue: false, to: skip)
            if k == 0 {
                let saved = stack
                try returnValues()
                stack = saved
            } else {
                try assign(frame.branchRegisters)
                emit(MachineInstruction(.branch(.al, frame.target), defs: [], uses: []))
            }
            emit(MachineInstruction(.label(skip), defs: [], uses: []))
        }
        if frame.kind != .loop { frames[k].endReachable = true }
    }

    mutating func branchTable(_ targets: [UInt32], _ defaultTarget: UInt32) throws(CompileError) {
        let index = try pop()
        try forceOrdered()
        let r = try value(index)[0]
        let all = targets + [defaultTarget]
        for d in all where Int(d) >= frames.count { throw fail("branch depth \(d) out of range") }
        // One trampoline per distinct target, after the table (tbb branches forward only).
        var trampolines: [UInt32: Label] = [:]
        for d in all where trampolines[d] == nil { trampolines[d] = label() }
        let defaultLabel = trampolines[defaultTarget] ?? trap
        if targets.isEmpty {
            emit(MachineInstruction(.branch(.al, defaultLabel), defs: [], uses: []))
        } else {
            try compareWith(r, UInt32(targets.count))
            emit(MachineInstruction(.branch(.hs, defaultLabel), defs: [], uses: []))
            emit(
                MachineInstruction(
                    .switchTable(targets.map { trampolines[$0] ?? trap }), regs: [r], defs: [], uses: [r]))
        }
        let saved = stack
        for d in Set(all).sorted() {
            guard let l = trampolines[d] else { continue }
            emit(MachineInstruction(.label(l), defs: [], uses: []))
            stack = saved
            try branch(d)
        }
        unreachableDepth = 0
    }

    mutating func compareWith(_ r: VReg, _ value: UInt32) throws(CompileError) {
        if (try? Encoder.encode(.compare(.cmp, rn: .r0, .immediate(value)))) != nil {
            emit(.instruction(.compare(.cmp, rn: .r0, .immediate(value)), [r]))
        } else {
            let c = f.fresh()
            try materialize(value, into: c)
            emit(.instruction(.compare(.cmp, rn: .r0, .reg(.r1)), [r, c]))
        }
    }

    /// Branches to `label` when the i32 `condition` is non-zero (`ifTrue`) or zero.
    mutating func branch(on condition: Tree, ifTrue: Bool, to target: Label) throws(CompileError) {
        // Branching on `eqz x` is branching on x the other way (and may become cbz/cbnz).
        if case .op(.i32Eqz, let kids) = condition, kids.count == 1 {
            return try branch(on: kids[0], ifTrue: !ifTrue, to: target)
        }
        if let known = flagsHold.first(where: { $0.tree == condition }) {
            emit(
                MachineInstruction(
                    .branch(ifTrue ? known.condition : known.condition.inverse, target), defs: [], uses: []))
            return
        }
        if !condition.isOrdered, let v = ranges.decide(condition) {
            return try branch(on: .constant(.i32, v ? 1 : 0), ifTrue: ifTrue, to: target)
        }
        if case .constant(_, let v) = condition {
            if (v != 0) == ifTrue { emit(MachineInstruction(.branch(.al, target), defs: [], uses: [])) }
            return
        }
        // `select(a, b, c)` as a branch on c to a branch on a or on b, when neither arm can trap
        // or read memory and that is smaller than the select's value.
        if case .select(.i32, let a, let b, let c) = condition, !a.isOrdered, !b.isOrdered,
            try branchCost(c) + branchCost(a) + 2 + branchCost(b) < branchCost(condition)
        {
            let other = label()
            let end = label()
            try branch(on: c, ifTrue: false, to: other)
            try branch(on: a, ifTrue: ifTrue, to: target)
            emit(MachineInstruction(.branch(.al, end), defs: [], uses: []))
            emit(MachineInstruction(.label(other), defs: [], uses: []))
            try branch(on: b, ifTrue: ifTrue, to: target)
            emit(MachineInstruction(.label(end), defs: [], uses: []))
            return
        }
        // `a || b` and `a && b` as two branches (b evaluated only when it decides), when b
        // cannot trap or read memory and the two are smaller than one on the combined value.
        if case .op(let op, let kids) = condition, op == .i32Or || op == .i32And, kids.count == 2,
            !kids[1].isOrdered, op == .i32Or || (kids[0].isBoolean && kids[1].isBoolean),
            try branchCost(kids[0]) + branchCost(kids[1]) < branchCost(condition)
        {
            // Branch on the first when it alone decides, past the second when it decides the other way.
            let decides = op == .i32Or ? ifTrue : !ifTrue
            if decides {
                try branch(on: kids[0], ifTrue: op == .i32Or, to: target)
                try branch(on: kids[1], ifTrue: ifTrue, to: target)
            } else {
                let past = label()
                try branch(on: kids[0], ifTrue: op == .i32Or, to: past)
                try branch(on: kids[1], ifTrue: ifTrue, to: target)
                emit(MachineInstruction(.label(past), defs: [], uses: []))
            }
            return
        }
        let flags = try selector.best(condition, flags: true)
        let value = try selector.best(condition, flags: false)
        if value.cost <= flags.cost {
            let r = try self.value(condition)[0]
            emit(MachineInstruction(.compareBranch(nonzero: ifTrue, target), regs: [r], defs: [], uses: [r]))
        } else {
            let c = try self.flags(condition)
            emit(MachineInstruction(.branch(ifTrue ? c : c.inverse, target), defs: [], uses: []))
        }
    }

    /// Bytes of a conditional branch on `condition`: its value or its flags, then the branch.
    mutating func branchCost(_ condition: Tree) throws(CompileError) -> Int {
        let flags = try selector.best(condition, flags: true).cost
        let value = try selector.best(condition, flags: false).cost
        return min(flags, value) + 2
    }

    // MARK: Calls

    /// The registers of a call's arguments, computed in order; an i32 constant passed in a
    /// register is left out (empty) for `placeArguments` to put straight into its register.
    mutating func argumentValues(_ args: [Tree], types: [ValueType]) throws(CompileError) -> [[VReg]] {
        let places = Self.argumentPlaces(types)
        var regs: [[VReg]] = []
        for (k, a) in args.enumerated() {
            if case .constant(.i32, _) = a, places[k].allSatisfy({ $0 < 4 }) {
                regs.append([])
            } else {
                regs.append(try value(a))
            }
        }
        return regs
    }

    /// Places arguments per the AAPCS; the registers the call reads. Constants left out by
    /// `argumentValues` are materialized in their registers after the moves.
    mutating func placeArguments(_ args: [[VReg]], _ trees: [Tree], types: [ValueType]) throws(CompileError)
        -> [VReg]
    {
        let places = Self.argumentPlaces(types)
        var uses: [VReg] = []
        for (k, place) in places.enumerated() {
            guard !args[k].isEmpty else { continue }
            for (h, word) in place.enumerated() {
                if word < 4 {
                    let r = VReg(Register(rawValue: UInt8(word)) ?? .r0)
                    emit(.copy(r, args[k][h]))
                    uses.append(r)
                } else {
                    emit(
                        MachineInstruction(
                            .storeArgument(word: word - 4), regs: [args[k][h]], defs: [], uses: [args[k][h]]))
                    f.outgoingWords = max(f.outgoingWords, word - 3)
                }
            }
        }
        for (k, place) in places.enumerated() where args[k].isEmpty {
            guard case .constant(_, let v) = trees[k], let word = place.first else { continue }
            let r = VReg(Register(rawValue: UInt8(word)) ?? .r0)
            try materialize(UInt32(truncatingIfNeeded: v), into: r)
            uses.append(r)
        }
        return uses
    }

    mutating func results(_ types: [ValueType]) throws(CompileError) {
        var word = 0
        for t in types {
            let r = fresh(t)
            for d in r {
                emit(.copy(d, VReg(Register(rawValue: UInt8(word)) ?? .r0)))
                word += 1
            }
            stack.append(.registers(r, t))
        }
    }

    mutating func call(_ callee: Int) throws(CompileError) {
        let type = context.functionTypes[callee]
        var args: [Tree] = []
        for _ in type.params { args.insert(try pop(), at: 0) }
        try forceOrdered()
        let regs = try argumentValues(args, types: type.params)
        let uses = try placeArguments(regs, args, types: type.params)
        emit(MachineInstruction(.call(context.functionSymbols[callee]), regs: uses, defs: callClobbers, uses: uses))
        try results(type.results)
    }

    mutating func callIndirect(_ typeIndex: Int) throws(CompileError) {
        let type = context.module.types[typeIndex]
        let index = try pop()
        var args: [Tree] = []
        for _ in type.params { args.insert(try pop(), at: 0) }
        try forceOrdered()
        let regs = try argumentValues(args, types: type.params)
        let i = try value(index)[0]
        // Bounds, then the entry's type id (a null entry's id matches none), then the call.
        try compareWith(i, UInt32(context.tableSize))
        emit(MachineInstruction(.branch(.hs, trap), defs: [], uses: []))
        let table = f.fresh()
        emit(MachineInstruction(.symbol(context.tableSymbol), regs: [table], defs: [table], uses: []))
        let entry = f.fresh()
        emit(
            .instruction(
                .data(.add, s: false, rd: .r0, rn: .r1, .register(ShiftedRegister(.r2, .lsl, 3))), [entry, table, i]))
        let id = f.fresh()
        emit(.instruction(.load(.word, rt: .r0, .offset(.r1, 4)), [id, entry]))
        try compareWith(id, context.typeIDs[typeIndex])
        emit(MachineInstruction(.branch(.ne, trap), defs: [], uses: []))
        let target = f.fresh()
        emit(.instruction(.load(.word, rt: .r0, .offset(.r1, 0)), [target, entry]))
        let uses = try placeArguments(regs, args, types: type.params)
        emit(MachineInstruction(.callIndirect, regs: [target] + uses, defs: callClobbers, uses: [target] + uses))
        try results(type.results)
    }

    // MARK: Memory

    /// The address register and offset of an access, after the memory model's check.
    mutating func address(_ tree: Tree, offset: UInt64, width: Int) throws(CompileError) -> Access {
        switch context.memory {
        case .identity:
            var base = tree
            var extra: UInt64 = 0
            if case .op(.i32Add, let kids) = tree, case .constant(_, let c) = kids[1] {
                base = kids[0]
                extra = c
            }
            let total = (extra + offset) & 0xFFFF_FFFF
            if case .constant(_, let c) = base {
                return try absolute((c + total) & 0xFFFF_FFFF, width: width)
            }
            if total == 0, width <= 4, case .op(.i32Add, let kids) = base {
                // [a, b] or [a, b, lsl #k].
                if case .op(.i32Shl, let s) = kids[1], case .constant(_, let k) = s[1], k & 31 <= 3 {
                    let a = try value(kids[0])[0]
                    return .register(a, try value(s[0])[0], shift: UInt8(k & 31))
                }
                let a = try value(kids[0])[0]
                return .register(a, try value(kids[1])[0], shift: 0)
            }
            if total <= Self.largestOffset(width) { return .offset(try value(base)[0], Int32(total)) }
            let (r, o) = try offsetAddress(try value(tree)[0], offset, width: width)
            return .offset(r, o)
        case .base, .checked:
            guard let base = memoryBase else { throw fail("memory access without a memory base") }
            let r = try value(tree)[0]
            if context.memory == .checked {
                let end = offset + UInt64(width)
                if end > context.memoryBytes {
                    emit(MachineInstruction(.branch(.al, trap), defs: [], uses: []))
                } else {
                    try compareWith(r, UInt32(context.memoryBytes - end))
                    emit(MachineInstruction(.branch(.hi, trap), defs: [], uses: []))
                }
            }
            if offset == 0, width <= 4 { return .register(base, r, shift: 0) }
            let (a, o) = try offsetAddress(sum(base, r), offset, width: width)
            return .offset(a, o)
        }
    }

    /// A fixed address: from a register already holding a constant a little below it, in
    /// reach of the 16-bit encodings' offset (0–124 for words, 0–62 for halfwords, 0–31 for
    /// bytes), else from a new base at the address's 128-byte window (so the next accesses
    /// near it are 16-bit too).
    mutating func absolute(_ address: UInt64, width: Int) throws(CompileError) -> Access {
        // An 8-byte access is two words, at the offset and 4 past it.
        let reach: UInt64 = width == 8 ? 120 : width == 4 ? 124 : width == 2 ? 62 : 31
        let near = constants.filter {
            address >= $0.key && address - $0.key <= reach && (address - $0.key) % UInt64(min(width, 4)) == 0
        }
        if let (b, r) = near.min(by: { $0.key > $1.key || ($0.key == $1.key && $0.value.id < $1.value.id) }) {
            return .offset(r, Int32(address - b))
        }
        // The window's start, unless the offset from it would not be aligned for the 16-bit
        // form; then the address itself.
        var base = address < 128 ? 0 : address & ~127
        if (address - base) % UInt64(min(width, 4)) != 0 { base = address }
        return .offset(try value(.constant(.i32, base))[0], Int32(address - base))
    }

    /// How a load or store reaches memory: `[r, #offset]` or `[r, r2, lsl #shift]`.
    enum Access {
        case offset(VReg, Int32)
        case register(VReg, VReg, shift: UInt8)

        /// The instruction's address operand (registers r1, r2) and those registers.
        var operand: (Address, [VReg]) {
            switch self {
            case .offset(let r, let o): (.offset(.r1, o), [r])
            case .register(let a, let b, let k): (.register(.r1, .r2, shift: k), [a, b])
            }
        }
    }

    /// `memory.fill`: in the `checked` model the whole range is checked first (a trap writes
    /// nothing), then a byte loop.
    mutating func fill(at d: VReg, with v: VReg, count n: VReg) throws(CompileError) {
        try checkRange(d, n)
        let p = try physicalAddress(d)
        let c = f.fresh()
        emit(.copy(c, n))
        let loop = label()
        let done = label()
        emit(MachineInstruction(.label(loop), defs: [], uses: []))
        emit(MachineInstruction(.compareBranch(nonzero: false, done), regs: [c], defs: [], uses: [c]))
        emit(.instruction(.store(.byte, rt: .r0, .offset(.r1, 0)), [v, p]))
        step(p, by: 1)
        step(c, by: -1)
        emit(MachineInstruction(.branch(.al, loop), defs: [], uses: []))
        emit(MachineInstruction(.label(done), defs: [], uses: []))
    }

    /// `memory.copy`: both ranges checked first, then a byte loop forward, or backward when
    /// the destination lies above the source (the ranges may overlap).
    mutating func copy(to d: VReg, from s: VReg, count n: VReg) throws(CompileError) {
        try checkRange(d, n)
        try checkRange(s, n)
        let p = try physicalAddress(d)
        let q = try physicalAddress(s)
        let c = f.fresh()
        emit(.copy(c, n))
        let t = f.fresh()
        let backward = label()
        let forward = label()
        let done = label()
        emit(.instruction(.compare(.cmp, rn: .r0, .reg(.r1)), [p, q]))
        emit(MachineInstruction(.branch(.hi, backward), defs: [], uses: []))
        emit(MachineInstruction(.label(forward), defs: [], uses: []))
        emit(MachineInstruction(.compareBranch(nonzero: false, done), regs: [c], defs: [], uses: [c]))
        emit(.instruction(.load(.byte, rt: .r0, .offset(.r1, 0)), [t, q]))
        emit(.instruction(.store(.byte, rt: .r0, .offset(.r1, 0)), [t, p]))
        step(p, by: 1)
        step(q, by: 1)
        step(c, by: -1)
        emit(MachineInstruction(.branch(.al, forward), defs: [], uses: []))
        emit(MachineInstruction(.label(backward), defs: [], uses: []))
        emit(MachineInstruction(.compareBranch(nonzero: false, done), regs: [c], defs: [], uses: [c]))
        step(c, by: -1)
        emit(.instruction(.load(.byte, rt: .r0, .register(.r1, .r2, shift: 0)), [t, q, c]))
        emit(.instruction(.store(.byte, rt: .r0, .register(.r1, .r2, shift: 0)), [t, p, c]))
        emit(MachineInstruction(.branch(.al, backward), defs: [], uses: []))
        emit(MachineInstruction(.label(done), defs: [], uses: []))
    }

    /// In the `checked` model, a trap unless `[a, a + n)` lies in the memory (`a + n` must
    /// neither carry nor pass the size).
    mutating func checkRange(_ a: VReg, _ n: VReg) throws(CompileError) {
        guard context.memory == .checked else { return }
        let end = f.fresh()
        emit(.instruction(.data(.add, s: true, rd: .r0, rn: .r1, .reg(.r2)), [end, a, n]))
        emit(MachineInstruction(.branch(.hs, trap), defs: [], uses: []))
        try compareWith(end, UInt32(truncatingIfNeeded: context.memoryBytes))
        emit(MachineInstruction(.branch(.hi, trap), defs: [], uses: []))
    }

    /// A fresh register with the machine address of Wasm address `a` (the memory model's).
    mutating func physicalAddress(_ a: VReg) throws(CompileError) -> VReg {
        switch context.memory {
        case .identity:
            let p = f.fresh()
            emit(.copy(p, a))
            return p
        case .base, .checked:
            guard let base = memoryBase else { throw fail("memory access without a memory base") }
            return sum(base, a)
        }
    }

    /// `r += k` (flags free).
    mutating func step(_ r: VReg, by k: Int32) {
        let t = Thumb.Instruction.data(k < 0 ? .sub : .add, s: false, rd: .r0, rn: .r0, .immediate(k.magnitude))
        var m = MachineInstruction.instruction(t, [r])
        m.op = .flexible(t)
        emit(m)
    }

    /// The largest immediate offset of an access (12 bits; an 8-byte access is two words, the
    /// second 4 further).
    static func largestOffset(_ width: Int) -> UInt64 { width == 8 ? 4091 : 4095 }

    /// `r` with `offset` as the access's immediate when it fits, else added in.
    mutating func offsetAddress(_ r: VReg, _ offset: UInt64, width: Int) throws(CompileError) -> (VReg, Int32) {
        if offset <= Self.largestOffset(width) { return (r, Int32(offset)) }
        let t = f.fresh()
        try materialize(UInt32(truncatingIfNeeded: offset), into: t)
        return (sum(r, t), 0)
    }

    /// A fresh register holding `a + b`.
    mutating func sum(_ a: VReg, _ b: VReg) -> VReg {
        let d = f.fresh()
        emit(.instruction(.data(.add, s: false, rd: .r0, rn: .r1, .reg(.r2)), [d, a, b]))
        return d
    }

    static func width(_ op: LoadOp) -> MemoryWidth {
        switch op {
        case .i32Load, .f32Load, .i64Load32S, .i64Load32U, .i64Load, .f64Load: .word
        case .i32Load8S, .i64Load8S: .signedByte
        case .i32Load8U, .i64Load8U: .byte
        case .i32Load16S, .i64Load16S: .signedHalf
        case .i32Load16U, .i64Load16U: .half
        }
    }

    mutating func load(_ op: LoadOp, offset: UInt64, address tree: Tree, into d: [VReg]) throws(CompileError) {
        let access = try address(tree, offset: offset, width: op.width)
        if op.width == 8, case .offset(let a, let o) = access {
            emit(.instruction(.load(.word, rt: .r0, .offset(.r1, o)), [d[0], a]))
            emit(.instruction(.load(.word, rt: .r0, .offset(.r1, o + 4)), [d[1], a]))
            return
        }
        let (mode, regs) = access.operand
        emit(.instruction(.load(Self.width(op), rt: .r0, mode), [d[0]] + regs))
        if d.count == 2 {
            switch op {
            case .i64Load8S, .i64Load16S, .i64Load32S:
                emit(.instruction(.mov(s: false, rd: .r0, .register(ShiftedRegister(.r1, .asr, 31))), [d[1], d[0]]))
            default:
                try materialize(0, into: d[1])
            }
        }
    }

    mutating func store(_ op: StoreOp, offset: UInt64, address: Tree, value v: Tree) throws(CompileError) {
        let regs = try value(v)
        let access = try self.address(address, offset: offset, width: op.width)
        if op.width == 8, case .offset(let a, let o) = access {
            emit(.instruction(.store(.word, rt: .r0, .offset(.r1, o)), [regs[0], a]))
            emit(.instruction(.store(.word, rt: .r0, .offset(.r1, o + 4)), [regs[1], a]))
            return
        }
        let (mode, r) = access.operand
        let width: MemoryWidth = op.width == 4 ? .word : op.width == 2 ? .half : .byte
        emit(.instruction(.store(width, rt: .r0, mode), [regs[0]] + r))
    }

    // MARK: Values

    /// Computes `tree` into fresh registers (or returns the registers it already is in).
    mutating func value(_ tree: Tree) throws(CompileError) -> [VReg] {
        if case .registers(let r, _) = tree { return r }
        if case .constant(.i32, let v) = tree {
            if let r = constants[v] { return [r] }
            let d = f.fresh()
            try compute(tree, into: [d])
            constants[v] = d
            return [d]
        }
        if case .constant(.i64, let v) = tree {
            // Two i32 halves, shared like any constant (0 is one register for both).
            return try value(.constant(.i32, v & 0xFFFF_FFFF)) + value(.constant(.i32, v >> 32))
        }
        let d = fresh(tree.type)
        try compute(tree, into: d)
        return d
    }

    /// Computes `tree` into `d`.
    mutating func compute(_ tree: Tree, into d: [VReg]) throws(CompileError) {
        let bounds = tree.type == .i32 && d.count == 1 ? ranges.range(of: tree) : SignedRanges.full
        try computeUnbounded(tree, into: d)
        if bounds != SignedRanges.full { ranges.known[d[0]] = bounds }
    }

    mutating func computeUnbounded(_ tree: Tree, into d: [VReg]) throws(CompileError) {
        if case .select(_, let a, let b, let c) = tree, !a.isOrdered, !b.isOrdered, !c.isOrdered,
            let pick = ranges.decide(c)
        {
            // The bounds of the condition's operands decide it.
            return try compute(pick ? a : b, into: d)
        }
        if d.count == 1, case .select(_, let a, let b, let c) = tree {
            // d already holds one arm: move the other in under the condition that picks it.
            var other: Tree?
            var picksOther = false
            if case .registers(let r, _) = a, r == d {
                other = b
            } else if case .registers(let r, _) = b, r == d {
                other = a
                picksOther = true
            }
            if let other, try movePredicated(other, into: d[0], picking: picksOther, on: c) { return }
            if other == nil, !tree.reads(Set(d)), let (first, second, picking) = try predicableArm(a, b) {
                // d = the other arm, then the predicable one under the condition.
                let r = try value(second)[0]
                emit(.copy(d[0], r))
                if try movePredicated(first, into: d[0], picking: picking, on: c) { return }
                let x = try value(first)[0]
                let cond = try flags(c)
                emit(
                    MachineInstruction(
                        .moveIf(picking ? cond : cond.inverse), regs: [d[0], x], defs: d, uses: [d[0], x]))
                return
            }
            if let other {
                var immediate: UInt32?
                var source: VReg?
                if case .constant(_, let v) = other, v <= 255 {
                    immediate = UInt32(v)
                } else {
                    source = try value(other)[0]
                }
                let cond = try flags(c)
                let when = picksOther ? cond : cond.inverse
                if let immediate {
                    emit(MachineInstruction(.moveImmediateIf(when, immediate), regs: d, defs: d, uses: d))
                } else if let source {
                    emit(MachineInstruction(.moveIf(when), regs: [d[0], source], defs: d, uses: [d[0], source]))
                }
                return
            }
        }
        if tree.reads(Set(d)) {
            // A multi-instruction tile may write part of d before it reads the rest.
            if case .registers(let r, _) = tree {
                for (x, y) in zip(d, r) where x != y { emit(.copy(x, y)) }
                return
            }
            let t = try value(tree)
            for (x, y) in zip(d, t) { emit(.copy(x, y)) }
            return
        }
        switch tree {
        case .registers(let r, _):
            for (x, y) in zip(d, r) where x != y { emit(.copy(x, y)) }
            return
        case .load(let op, let offset, let address):
            try load(op, offset: offset, address: address, into: d)
            return
        case .global(let g, _):
            let a = symbolAddress(context.globalSymbols[g])
            for (h, r) in d.enumerated() {
                emit(.instruction(.load(.word, rt: .r0, .offset(.r1, Int32(4 * h))), [r, a]))
            }
            return
        case .select(_, let a, let b, let c):
            // Built in (an `it` block), not a tile.
            var ra: [VReg]?
            var immediate: UInt32?
            if d.count == 1, case .constant(_, let v) = a, v <= 255 {
                immediate = UInt32(v)
            } else {
                ra = try value(a)
            }
            let rb = try value(b)
            let cond = try flags(c)
            for (x, y) in zip(d, rb) where x != y { emit(.copy(x, y)) }
            if let immediate {
                emit(
                    MachineInstruction(.moveImmediateIf(cond, immediate), regs: [d[0]], defs: [d[0]], uses: [d[0]]))
            } else if let ra {
                for (x, y) in zip(d, ra) {
                    emit(MachineInstruction(.moveIf(cond), regs: [x, y], defs: [x], uses: [x, y]))
                }
            }
            return
        default: break
        }
        let choice = try selector.best(tree, flags: false)
        guard let k = choice.tile else {
            // A comparison with a flags tile only.
            let cond = try flags(tree)
            emit(MachineInstruction(.setIf(cond), regs: [d[0]], defs: [d[0]], uses: []))
            noteFlags(.registers([d[0]], .i32), cond)
            return
        }
        try apply(k, choice, result: d)
    }

    /// Mnemonics a tile of one instruction may have to run under an `it` (no flags read).
    static let predicable: Set<String> = [
        "add", "sub", "rsb", "and", "orr", "eor", "bic", "orn", "lsl", "lsr", "asr", "ror", "mov", "mvn", "mul",
    ]

    /// The cover of an i32 tree when its tile is one predicable instruction, else nil.
    mutating func predicableCover(_ t: Tree) throws(CompileError) -> (tile: Tile, choice: Selector.Choice)? {
        guard case .op = t, t.type == .i32 else { return nil }
        let choice = try selector.best(t, flags: false)
        guard let k = choice.tile else { return nil }
        let tile = selector.tiles.tiles[k]
        guard tile.spec.instructions.count == 1, tile.temporaryCount == 0,
            let m = tile.spec.instructions.first?.mnemonic,
            Self.predicable.contains(m) || Self.predicable.contains(String(m.dropLast()))
        else { return nil }
        return (tile, choice)
    }

    /// Of a select's arms, one whose value is one predicable instruction (tried first, then
    /// the other arm, and whether the select's condition picks the first when it holds).
    mutating func predicableArm(_ a: Tree, _ b: Tree) throws(CompileError) -> (Tree, Tree, Bool)? {
        if try predicableCover(a) != nil { return (a, b, true) }
        if try predicableCover(b) != nil { return (b, a, false) }
        return nil
    }

    /// `d = other` only where the condition `c` picks it (holds when `picking`, fails
    /// otherwise), as other's one-instruction tile under an `it`, its operands computed first:
    /// no register for the arm, no move. False (nothing emitted) when other's tile is not one
    /// such instruction.
    mutating func movePredicated(_ other: Tree, into d: VReg, picking: Bool, on c: Tree) throws(CompileError)
        -> Bool
    {
        guard let (tile, choice) = try predicableCover(other) else { return false }
        var b = TileBinding()
        b.constants = choice.constants
        for (name, t) in choice.values where b.values[name] == nil { b.values[name] = try value(t) }
        b.result = [d]
        guard let steps = tile.expand(b), steps.count == 1, case .machine(let inst, let regs, _) = steps[0] else {
            return false
        }
        let cond = try flags(c)
        let uses = MachineInstruction.instruction(inst, regs).uses
        emit(
            MachineInstruction(
                .conditional(picking ? cond : cond.inverse, inst), regs: regs, defs: [d],
                uses: uses.contains(d) ? uses : uses + [d]))
        return true
    }

    /// Sets the flags for the i32 `tree`; the condition that holds when it is non-zero.
    mutating func flags(_ tree: Tree) throws(CompileError) -> Condition {
        if let known = flagsHold.first(where: { $0.tree == tree }) { return known.condition }
        let choice = try selector.best(tree, flags: true)
        let condition: Condition
        if let k = choice.tile {
            try apply(k, choice, result: [])
            condition = Condition.named(selector.tiles.tiles[k].spec.flags ?? "ne") ?? .ne
        } else {
            let r = try value(tree)[0]
            emit(.instruction(.compare(.cmp, rn: .r0, .immediate(0)), [r]))
            condition = .ne
        }
        noteFlags(tree, condition)
        return condition
    }

    /// The flags now say whether `tree` is non-zero (`condition`); kept for a pure tree
    /// until an instruction may set the flags or writes a register the tree reads.
    mutating func noteFlags(_ tree: Tree, _ condition: Condition) {
        guard !tree.isOrdered else { return }
        flagsHold.append(FlagsFact(tree: tree, condition: condition, reads: tree.registersRead))
    }

    /// Emits tile `k` with its variables computed first.
    mutating func apply(_ k: Int, _ choice: Selector.Choice, result: [VReg]) throws(CompileError) {
        let tile = selector.tiles.tiles[k]
        var b = TileBinding()
        b.constants = choice.constants
        var computed: [(Tree, [VReg])] = []
        for (name, t) in choice.values {
            if let done = computed.first(where: { $0.0 == t }) {
                b.values[name] = done.1
                continue
            }
            let r = try value(t)
            computed.append((t, r))
            b.values[name] = r
        }
        b.result = result
        b.temporaries = (0..<tile.temporaryCount).map { _ in f.fresh() }
        guard let steps = tile.expand(b) else { throw fail("tile \(tile.spec.name) does not apply") }
        for s in steps { try emit(s) }
    }

    mutating func emit(_ step: TileStep) throws(CompileError) {
        switch step {
        case .machine(let i, let regs, let flexible):
            if flexible, case .mov(_, let rd, .register(let source)) = i, source.amount == 0,
                Int(rd.rawValue) < regs.count, Int(source.register.rawValue) < regs.count
            {
                // A register move is a copy: the allocator may coalesce it away.
                emit(.copy(regs[Int(rd.rawValue)], regs[Int(source.register.rawValue)]))
                return
            }
            var m = MachineInstruction.instruction(i, regs)
            if flexible { m.op = .flexible(i) }
            emit(m)
        case .literal(let r, let v):
            emit(MachineInstruction(.constant(v), regs: [r], defs: [r], uses: []))
        case .materialize(let r, let v):
            try materialize(v, into: r)
        case .trapIfZero(let r):
            emit(MachineInstruction(.compareBranch(nonzero: false, trap), regs: [r], defs: [], uses: [r]))
        case .trapIf(let c):
            emit(MachineInstruction(.branch(c, trap), defs: [], uses: []))
        case .call(let symbol, let arguments, let results, let fromR2):
            var uses: [VReg] = []
            var word = 0
            for a in arguments {
                if a.count == 2, word % 2 == 1 { word += 1 }
                for r in a {
                    guard word < 4 else { throw fail("helper \(symbol) takes more than four words") }
                    let p = VReg(Register(rawValue: UInt8(word)) ?? .r0)
                    emit(.copy(p, r))
                    uses.append(p)
                    word += 1
                }
            }
            emit(MachineInstruction(.call(symbol), regs: uses, defs: callClobbers, uses: uses))
            for (h, r) in results.enumerated() {
                emit(.copy(r, VReg(Register(rawValue: UInt8(h + (fromR2 ? 2 : 0))) ?? .r0)))
            }
        }
    }

    /// `d = value` by the cheapest constant tile.
    mutating func materialize(_ value: UInt32, into d: VReg) throws(CompileError) {
        try compute(.constant(.i32, UInt64(value)), into: [d])
    }
}
