import EGraph
import Lower
import Rules
import Thumb
import WasmModel

/// One Wasm function into machine code over virtual registers: locals become registers,
/// expression trees are covered by tiles, structured control becomes labels and branches,
/// calls follow the AAPCS.
///
/// Invariant: the tree stack holds only trees whose evaluation may be delayed to the
/// point their consumer runs: before every store, call, global write, branch or trap the
/// ordered ones (loads, global reads, trapping operators) are computed, and a local's
/// readers are computed before the local is written.
struct FunctionCompiler {
    let context: CompileContext
    let index: Int
    var selector: Selector
    var f: MachineFunction
    var stack: [Tree] = []
    var locals: [[VReg]] = []
    var localTypes: [ValueType] = []
    var frames: [ControlFrame] = []
    /// The locals each construct (block, loop, if; by ordinal in code order from 0) writes,
    /// nested constructs' writes included, and the number of constructs entered so far.
    var constructWrites: [Set<Int>] = []
    var constructCount = 0
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

    /// Symbol addresses already in a register of the current block, reused like `constants`.
    var symbols: [String: VReg] = [:]
    /// `linked`: registers of the current block holding `weft_memory + b`, by `b`, reused like
    /// `constants` for fixed addresses near `b`.
    var memoryAddresses: [UInt64: VReg] = [:]
    /// Registers of the current block holding `weft_memory + r`, by the Wasm address `r`
    /// (`physical`); an entry goes when `r` is written.
    var physicalAddresses: [VReg: VReg] = [:]
    /// Frame addresses `top + c` computed as Wasm values in the current block (calls do not
    /// end it), by `c`: reused instead of summed and converted again (`computeFrameAddress`).
    var frameValues: [Int: VReg] = [:]
    /// `checked`: the largest end (offset + width) each Wasm address register of the current
    /// block was checked for, so an access ending no further needs no check (the memory
    /// only grows); an entry goes when its register is written, all at a label.
    var checkedEnds: [VReg: UInt64] = [:]
    /// The address bases to build once at the function's entry (`AddressBases.plan`): their
    /// registers, by constant (`identity`) or by `b` of `weft_memory + b` (`linked`), seed
    /// `constants` and `memoryAddresses` at every label and call, so every block reuses them.
    var hoisting: [UInt64] = []
    var hoistedConstants: [UInt64: VReg] = [:]
    var hoistedAddresses: [UInt64: VReg] = [:]
    /// The address bases this compilation rebuilt or could have reached more cheaply.
    var bases = AddressBases()
    /// The sums `weft_memory + v` of locals `v` to build once per region (`InvariantAddresses`),
    /// and the registers holding those built so far, by the local's register: they seed
    /// `physicalAddresses` at every label and call until their region ends.
    var invariantPlan = InvariantAddresses.Plan()
    var pinnedAddresses: [VReg: VReg] = [:]
    /// The sums this compilation rebuilt and the locals' writes, for a plan.
    var invariantAddresses = InvariantAddresses()
    /// The i32 locals by register; the ordinals of the loops open now (outermost first), and
    /// of the last loop entered.
    var localRegisters: [VReg: Int] = [:]
    var openLoops: [Int] = []
    var loopCount = 0
    var scopeCount = 0
    /// Whether a register with a pinned sum was written (the plan did not hold: the
    /// compilation is not to be used).
    var pinnedWritten = false
    /// What is known of the values in registers (tile guards and folded conditions read it).
    var facts = RegisterFacts()
    var memoryBase: VReg?
    /// Registers holding the code address of a `call_indirect` through a parameter, looked
    /// up at the entry (`ResolvedCallee`).
    var resolvedCallees: [ResolvedCallee: VReg] = [:]
    /// The i32 locals held as physical addresses (`NativePointers`), the Wasm values read
    /// from them by the register holding their physical address, those readers by that
    /// register, and what this compilation saw of accesses through locals (for a plan).
    var nativeLocals: Set<Int> = []
    /// Locals that only ever hold a relocated address (`addressLocals`), and the address
    /// global each holds now.
    var addressLocals: Set<Int> = []
    var addressLocalValues: [Int: Int] = [:]
    var nativeValues: [VReg: VReg] = [:]
    var nativeReaders: [VReg: [VReg]] = [:]
    var nativeReads: [VReg: VReg] = [:]
    var nativePointers = NativePointers()
    /// The shadow-stack frame kept on the native stack, while it may be (`NativeFrame`).
    var nativeFrame: NativeFrame?
    var resultTypes: [ValueType] = []
    /// The caller's buffer for results of more than four words (its address, the hidden
    /// first argument), nil when the results come back in r0–r3.
    var resultBuffer: VReg?
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
        /// A loop's registers whose sums `weft_memory + r` its preheader built (`pinForLoop`).
        var pinned: [VReg] = []
        /// The construct's number (a new one for an `if`'s `else` arm); the function's is 0.
        var scope = 0
        /// An `if`'s condition: false wherever only its skip branch leads (the else label).
        var condition: Tree? = nil
        /// The straight-line facts of the locals the construct never writes, as they stood at
        /// its entry: they hold at each of its labels (every path there passes the entry).
        var entryFacts: [VReg: Facts] = [:]
    }

    init(context: CompileContext, index: Int, selector: Selector) {
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
            constants = hoistedConstants
            symbols = [:]
            memoryAddresses = hoistedAddresses
            physicalAddresses = pinnedAddresses
            checkedEnds = [:]
            nativeReads = [:]
            frameValues = [:]
            facts.joinPoint()
        case .call, .callIndirect:
            constants = hoistedConstants
            symbols = [:]
            memoryAddresses = hoistedAddresses
            physicalAddresses = pinnedAddresses
        default: break
        }
        for d in i.defs {
            facts.written(d)
            if !physicalAddresses.isEmpty { physicalAddresses[d] = nil }
            if !nativeReaders.isEmpty { nativeWritten(d) }
            if !pinnedAddresses.isEmpty, pinnedAddresses.removeValue(forKey: d) != nil { pinnedWritten = true }
            if !checkedEnds.isEmpty { checkedEnds[d] = nil }
        }
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

    /// Compiles the function: from its elaborated code trees when the optimizer lowered it
    /// (`code`), else from the module's instructions.
    mutating func compile(_ code: ElaboratedFunction? = nil) throws(CompileError) -> MachineFunction {
        let definedIndex = index - context.module.importedFunctionCount
        if let sp = context.frameStackPointer {
            let start = self
            let body = context.module.functions[definedIndex].body
            let written = code.map { NativeFrame.topLevelWritten($0.code) } ?? NativeFrame.topLevelWritten(body)
            // First with the frame's words in registers, then with the frame in memory.
            for promotes in [true, false] {
                nativeFrame = NativeFrame(stackPointer: sp, topLevelWritten: written)
                nativeFrame?.promotesWords = promotes
                do {
                    var machine = try compileBody(code)
                    // A promoted word read before any write reads what the dead stack held:
                    // any value; zero, so that every register is written before it is read.
                    let words = (nativeFrame?.words ?? [:]).sorted { $0.key < $1.key }.map(\.value)
                    machine.code.insert(
                        contentsOf: words.map { .flexible(.mov(s: false, rd: .r0, .immediate(0)), [$0]) }, at: 0)
                    return machine
                } catch {
                    guard let frame = nativeFrame, frame.abandoned else { throw error }
                    self = start
                    // The code does not keep the shadow stack's pattern: compiled as it is.
                    if !frame.wordsAbandoned { break }
                }
            }
        }
        return try compileBody(code)
    }

    mutating func compileBody(_ code: ElaboratedFunction?) throws(CompileError) -> MachineFunction {
        let definedIndex = index - context.module.importedFunctionCount
        let function = context.module.functions[definedIndex]
        let declared = code?.locals ?? function.locals
        let declaredType = context.functionTypes[index]
        for t in declaredType.params + declaredType.results + declared {
            if let problem = Self.unsupported(t) { throw fail(problem) }
        }
        let type = declaredType.machine
        resultTypes = type.results
        localTypes = type.params + declared.map(\.machine)
        for t in localTypes { locals.append(fresh(t)) }
        if !context.addressConstants.isEmpty {
            addressLocals =
                code.map {
                    Self.addressLocals($0.code, parameters: type.params.count, addresses: context.addressConstants)
                }
                ?? Self.addressLocals(
                    function.body, parameters: type.params.count, addresses: context.addressConstants)
        }
        // What the e-graph knows of every value a local is written holds wherever it is read.
        let arriving = context.nativeParameters[index] ?? []
        let accessesMemory =
            (code.map { Self.usesMemory($0.code) } ?? Self.usesMemory(function.body)) || !arriving.isEmpty
            || passesPhysicalArguments(code?.code, body: function.body)
        if !accessesMemory || !context.memory.allowsNativePointers { nativeLocals = [] }
        let callees =
            !context.resolvesCallees
            ? []
            : code.map { ResolvedCallee.plan($0.code, parameters: declaredType.params.count) }
                ?? ResolvedCallee.plan(function.body, parameters: declaredType.params.count)
        // A callback parameter's table index is read at the entry as a number.
        for key in callees { nativeLocals.remove(key.local) }
        nativeLocals = nativeLocals.filter { localTypes.indices.contains($0) && localTypes[$0] == .i32 }
        for (k, known) in (code?.localFacts ?? []).enumerated() where k < locals.count && !isNative(k) {
            if let known, let first = locals[k].first { facts.pinned[first] = known }
        }
        // Parameters arrive per the AAPCS: r0–r3, then the caller's stack; results of more
        // than four words go to the buffer whose address comes first (a hidden argument).
        var incoming = locals.prefix(type.params.count).map { $0 }
        if Self.returnsInMemory(type.results) {
            let buffer = f.fresh()
            resultBuffer = buffer
            incoming.insert([buffer], at: 0)
        }
        let places = Self.argumentPlaces(Self.callParameters(type))
        for (k, place) in places.enumerated() {
            for (h, word) in place.enumerated() {
                let r = incoming[k][h]
                if word < 4 {
                    emit(.copy(r, VReg(Register(rawValue: UInt8(word)) ?? .r0)))
                } else {
                    emit(MachineInstruction(.loadArgument(word: word - 4), regs: [r], defs: [r], uses: []))
                }
            }
        }
        for k in type.params.count..<localTypes.count where !isNative(k) {
            for r in locals[k] { try materialize(0, into: r) }
        }
        if index == context.initFunction, let mpu = context.mpu { try programMPU(mpu) }
        if context.memory.addsBase, accessesMemory {
            let base = f.fresh()
            memoryBase = base
            emit(MachineInstruction(.symbol(CompileContext.memorySymbol), regs: [base], defs: [base], uses: []))
        }
        try hoistBases()
        let atEntry = callees.filter { $0.after == nil }
        if !atEntry.isEmpty { try resolveCallees(atEntry) }
        enterNativeLocals(parameters: type.params.count, arriving: arriving)
        for (k, regs) in locals.enumerated() where localTypes[k] == .i32 && !isNative(k) { localRegisters[regs[0]] = k }
        pinAtEntry()
        constructWrites = Self.constructWrites(code.map { Code.flatten($0.code) } ?? function.body)
        let end = label()
        frames.append(
            ControlFrame(
                kind: .block, target: end, end: end, branchRegisters: [], branchTypes: type.results,
                results: [], resultTypes: type.results, height: 0, params: []))
        // A local set once at the top level is looked up right after its statement.
        var later: [Int: [ResolvedCallee]] = [:]
        for key in callees { if let n = key.after { later[n, default: []].append(key) } }
        if let code {
            for (n, statement) in code.code.enumerated() {
                try walk([statement])
                if let keys = later[n], stack.isEmpty { try resolveCallees(keys) }
            }
            try step(.end)
        } else {
            for (n, instruction) in function.body.enumerated() {
                try step(instruction)
                if let keys = later[n], stack.isEmpty { try resolveCallees(keys) }
            }
        }
        return f
    }

    /// Walks elaborated code in evaluation order: each instruction after the operands that
    /// compute its inputs, structured constructs with their bodies.
    mutating func walk(_ code: [Code]) throws(CompileError) {
        try Code.visit(code) { (i: WasmModel.Instruction) throws(CompileError) in try step(i) }
    }

    /// Why values of type `t` cannot be compiled, or nil: Wasm 2.0's numbers and nullable
    /// `funcref` / `externref` can; v128 and the typed references of later proposals cannot.
    static func unsupported(_ t: ValueType) -> String? {
        switch t {
        case .i32, .i64, .f32, .f64: nil
        case .v128: "v128 values (the SIMD proposal) are not supported by weft compile"
        case .ref(let r) where r.nullable && (r.heap == .func || r.heap == .extern): nil
        case .ref(let r): "\(r) values (typed function references) are not supported by weft compile"
        }
    }

    // MARK: The tree stack

    mutating func pop() throws(CompileError) -> Tree {
        guard let t = stack.popLast() else { throw fail("operand stack underflow (invalid function)") }
        return t
    }

    /// The tallest tree the operand stack holds: a taller one is computed into registers where
    /// it stands (its Wasm position, so no effect moves). Tiles span a few levels, so the cut
    /// costs nothing in code, and it keeps the selector's memo, the range analysis and the
    /// readers' checks linear in a function's depth (a 10,000-operator chain is one tree).
    static let treeHeightLimit = 32

    /// Pushes `tree`, computed first when it is taller than `treeHeightLimit`.
    mutating func push(_ tree: Tree) throws(CompileError) {
        if tree.height(upTo: Self.treeHeightLimit + 1) > Self.treeHeightLimit {
            stack.append(.registers(try value(tree), tree.type))
        } else {
            stack.append(tree)
        }
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
            case .block, .loop, .if:
                constructCount += 1
                unreachableDepth = depth + 1
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
        if nativeFrame != nil {
            if nativeFrame?.prologue == true, !Self.keepsPrologue(instruction) { nativeFrame?.prologue = false }
            switch instruction {
            case .globalGet(let g): if try frameGlobalGet(Int(g)) { return }
            case .globalSet(let g): if try frameGlobalSet(Int(g)) { return }
            default: break
            }
        }
        switch instruction {
        case .nop: break
        case .unreachable:
            try forceOrdered()
            emit(MachineInstruction(.branch(.al, trap), defs: [], uses: []))
            unreachableDepth = 0
        case .block(let bt), .loop(let bt), .if(let bt):
            constructCount += 1
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
            try callIndirect(Int(type), table: table)
        case .drop:
            let t = try pop()
            if t.isOrdered { _ = try value(t) }
        case .select, .selectTyped:
            let c = try pop()
            let b = try pop()
            let a = try pop()
            try push(.select(a.type, a, b, c))
        case .localGet(let k):
            if let g = addressLocalValues[Int(k)] {
                stack.append(.global(g, .i32))
            } else if let c = nativeFrame?.locals[Int(k)] {
                stack.append(.frame(c))
            } else if isNative(Int(k)) {
                stack.append(.registers([readNative(Int(k))], .i32))
            } else {
                stack.append(.registers(locals[Int(k)], localTypes[Int(k)]))
            }
        case .localSet(let k), .localTee(let k):
            if frameLocalSet(Int(k), tee: instruction == .localTee(k)) { break }
            if rememberAddressLocal(Int(k), tee: instruction == .localTee(k)) { break }
            let v = try pop()
            let target = locals[Int(k)]
            try forceReaders(of: target)
            if isNative(Int(k)) {
                try writeNative(Int(k), v)
                wroteLocal(Int(k))
                if case .localTee = instruction { stack.append(.registers([readNative(Int(k))], .i32)) }
                break
            }
            noteLocalWritten(Int(k), from: v)
            try compute(v, into: target)
            wroteLocal(Int(k))
            if case .localTee = instruction { stack.append(.registers(target, localTypes[Int(k)])) }
        case .globalGet(let g):
            let type = context.globalTypes[Int(g)].type.machine
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
            if let word = try frameWord(address, offset: memarg.offset, width: op.width, type: op.type.machine) {
                stack.append(.registers([word], .i32))
            } else {
                try push(.load(op, offset: memarg.offset, address))
            }
        case .store(let op, let memarg):
            let v = try pop()
            let address = try pop()
            if let word = try frameWord(address, offset: memarg.offset, width: op.width, type: op.type.machine) {
                try forceReaders(of: [word])
                try compute(v, into: [word])
                break
            }
            try forceOrdered()
            try store(op, offset: memarg.offset, address: address, value: v)
        case .memorySize where context.growable:
            let pages = f.fresh()
            emit(
                .instruction(.mov(s: false, rd: .r0, .register(ShiftedRegister(.r1, .lsr, 16))), [pages, memorySize()]))
            stack.append(.registers([pages], .i32))
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
        case .memoryInit(let segment, 0):
            let n = try pop()
            let s = try pop()
            let d = try pop()
            try forceOrdered()
            if Int(segment) == context.imageSegment, case .constant(_, let at) = d, case .constant(_, 0) = s,
                case .constant(_, let count) = n
            {
                try copyImage(segment: Int(segment), to: at, count: count)
                break
            }
            try initialize(at: value(d)[0], segment: Int(segment), from: value(s)[0], count: value(n)[0])
        case .dataDrop(let segment):
            try forceOrdered()
            try dropSegment(Int(segment))
        case .memoryGrow where context.growable:
            let delta = try pop()
            try forceOrdered()
            stack.append(.registers([try grow(by: value(delta)[0])], .i32))
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
            if nativeFrame != nil, let folded = Self.foldedFrame(op, kids) {
                stack.append(folded)
                break
            }
            noteLocalsMeeting(op, kids)
            if let compared = nativeComparison(op, kids) {
                stack.append(compared)
                break
            }
            try push(.op(op, kids))
        default:
            guard try tableStep(instruction) else { throw fail("\(instruction) is not supported by weft compile") }
        }
    }

}
