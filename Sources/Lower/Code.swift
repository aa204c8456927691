import WasmModel

/// Wasm code as trees: an instruction with the subtrees that compute its operands (evaluated
/// left to right just before it), or a structured construct with its nested code. Branch
/// depths are final; block types are always empty (merged values travel in locals).
///
/// Invariant: flattening in post-order gives valid Wasm with the same meaning; an `.op`
/// node's operands are exactly the values its instruction pops.
public indirect enum Code: Hashable, Sendable {
    case op(Instruction, [Code])
    case block([Code])
    case loop([Code])
    case `if`(Code, [Code], [Code])

    public static func leaf(_ inst: Instruction) -> Code { .op(inst, []) }

    /// The instructions in execution order (a function body needs a final `end` added).
    public static func flatten(_ code: [Code]) -> [Instruction] {
        var out: [Instruction] = []
        visit(code) { out.append($0) }
        return out
    }

    /// Whether some `loop` is in `code`.
    public static func containsLoop(_ code: [Code]) -> Bool {
        code.contains { c in
            switch c {
            case .op(_, let operands): containsLoop(operands)
            case .block(let inner): containsLoop(inner)
            case .loop: true
            case .if(let condition, let then, let otherwise):
                containsLoop([condition]) || containsLoop(then) || containsLoop(otherwise)
            }
        }
    }

    /// Calls `body` with each instruction in execution order: an instruction after the code
    /// computing its operands, a structured construct's opening, body and `end`, with no block
    /// types (`flatten` without building the array).
    public static func visit<E: Error>(_ code: [Code], _ body: (Instruction) throws(E) -> Void) throws(E) {
        for c in code {
            switch c {
            case .op(let inst, let operands):
                try visit(operands, body)
                try body(inst)
            case .block(let inner):
                try body(.block(.empty))
                try visit(inner, body)
                try body(.end)
            case .loop(let inner):
                try body(.loop(.empty))
                try visit(inner, body)
                try body(.end)
            case .if(let condition, let then, let otherwise):
                try visit([condition], body)
                try body(.if(.empty))
                try visit(then, body)
                if !otherwise.isEmpty {
                    try body(.else)
                    try visit(otherwise, body)
                }
                try body(.end)
            }
        }
    }
}

/// What evaluating some code may do, for deciding whether two pieces of code can be swapped.
///
/// Invariant: conservative — a flag is false only when the code certainly does not do it.
struct EffectSummary {
    var readsLocals: SmallIndexSet = []
    var writesLocals: SmallIndexSet = []
    var readsMemory = false
    var writesMemory = false
    var readsGlobals: SmallIndexSet = []
    var writesGlobals: SmallIndexSet = []
    /// Writes every global (a call).
    var writesAllGlobals = false
    var mayTrap = false
    /// Stores, calls, global writes, memory growth: observable beyond a trap.
    var sideEffects = false
    /// Branches or returns: what follows may not run.
    var branches = false

    /// The summary of one instruction (not its operands).
    init(_ inst: Instruction) {
        switch inst {
        case .localGet(let x): readsLocals = [x]
        case .localSet(let x), .localTee(let x): writesLocals = [x]
        case .globalGet(let g): readsGlobals = [g]
        case .globalSet(let g):
            writesGlobals = [g]
            sideEffects = true
        case .load:
            readsMemory = true
            mayTrap = true
        case .memorySize: readsMemory = true
        case .store, .memoryGrow, .memoryFill, .memoryCopy, .memoryInit, .dataDrop:
            readsMemory = true
            writesMemory = true
            mayTrap = true
            sideEffects = true
        case .call, .callIndirect, .callRef:
            readsMemory = true
            writesMemory = true
            writesAllGlobals = true
            mayTrap = true
            sideEffects = true
        case .numeric(let op): mayTrap = op.canTrap
        case .unreachable: mayTrap = true
        case .br, .brIf, .brTable, .return: branches = true
        case .i32Const, .i64Const, .f32Const, .f64Const, .select, .selectTyped, .drop, .nop: break
        default:
            readsMemory = true
            writesMemory = true
            writesAllGlobals = true
            mayTrap = true
            sideEffects = true
            branches = true
        }
    }

    init() {}

    /// The summary of a whole tree (a structured construct counts as everything).
    init(tree: Code) {
        self.init()
        func visit(_ c: Code) {
            switch c {
            case .op(let inst, let operands):
                operands.forEach(visit)
                formUnion(EffectSummary(inst))
            default:
                formUnion(EffectSummary(.callRef(0)))
                branches = true
                visitLocals(c)
            }
        }
        func visitLocals(_ c: Code) {
            switch c {
            case .op(let inst, let operands):
                operands.forEach(visitLocals)
                let s = EffectSummary(inst)
                readsLocals.formUnion(s.readsLocals)
                writesLocals.formUnion(s.writesLocals)
            case .block(let body), .loop(let body): body.forEach(visitLocals)
            case .if(let c, let a, let b):
                visitLocals(c)
                a.forEach(visitLocals)
                b.forEach(visitLocals)
            }
        }
        visit(tree)
    }

    mutating func formUnion(_ o: EffectSummary) {
        readsLocals.formUnion(o.readsLocals)
        writesLocals.formUnion(o.writesLocals)
        readsMemory = readsMemory || o.readsMemory
        writesMemory = writesMemory || o.writesMemory
        readsGlobals.formUnion(o.readsGlobals)
        writesGlobals.formUnion(o.writesGlobals)
        writesAllGlobals = writesAllGlobals || o.writesAllGlobals
        mayTrap = mayTrap || o.mayTrap
        sideEffects = sideEffects || o.sideEffects
        branches = branches || o.branches
    }

    /// Whether code with this summary can be evaluated after code with summary `o` instead
    /// of before it, with the same meaning.
    func commutes(with o: EffectSummary) -> Bool {
        if !readsLocals.isDisjoint(with: o.writesLocals) || !writesLocals.isDisjoint(with: o.readsLocals)
            || !writesLocals.isDisjoint(with: o.writesLocals)
        {
            return false
        }
        if (writesMemory && (o.readsMemory || o.writesMemory)) || (readsMemory && o.writesMemory) { return false }
        func globalsConflict(_ a: EffectSummary, _ b: EffectSummary) -> Bool {
            if a.writesAllGlobals && (!b.readsGlobals.isEmpty || !b.writesGlobals.isEmpty || b.writesAllGlobals) {
                return true
            }
            return !a.writesGlobals.isDisjoint(with: b.readsGlobals)
                || !a.writesGlobals.isDisjoint(with: b.writesGlobals)
        }
        if globalsConflict(self, o) || globalsConflict(o, self) { return false }
        // Two traps may swap (either way the program traps); a trap or an effect may not
        // move across an effect or a branch.
        if sideEffects && (o.mayTrap || o.sideEffects || o.branches) { return false }
        if mayTrap && (o.sideEffects || o.branches) { return false }
        if branches && (o.mayTrap || o.sideEffects) { return false }
        return true
    }
}
