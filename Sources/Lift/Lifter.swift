import EGraph
import IR
import WasmModel

/// Why a function was not lifted (it is then left exactly as it was). Not a user error:
/// features the skeleton does not model yet — reference values, SIMD, calls with several
/// results.
public struct LiftFailure: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}

/// Which calls to replace by their callee's body while lifting.
public struct InlinePlan: Sendable {
    /// Functions whose every call is inlined (where that does not recurse).
    public var callees: Set<UInt32>
    /// How deep inlined bodies may nest.
    public var maxDepth: Int

    public init(callees: Set<UInt32> = [], maxDepth: Int = 6) {
        self.callees = callees
        self.maxDepth = maxDepth
    }
}

/// Lifts a whole function into an e-graph and a `Skeleton`: the Wasm stack and locals are
/// replaced by e-classes, effects are listed in order, structured control flow becomes nested
/// regions with merges at labels, and calls named by the `InlinePlan` are replaced by their
/// callee's body (parameters bound to the arguments, so constant arguments fold).
///
/// Invariants: the skeleton executes exactly the effects of the function, in order, with the
/// same operands; every value the function computes is the value of its e-class; unreachable
/// code is dropped.
public struct Lifter {
    let module: Module
    let plan: InlinePlan
    public private(set) var graph: EGraph
    public private(set) var skeleton = Skeleton()

    /// The current value of every variable (the locals of the function and of inlined
    /// bodies) and of the operand stack.
    var variables: [EClassId] = []
    var stack: [EClassId] = []
    var reachable = true
    var inlining: [UInt32] = []
    let functionTypes: [UInt32]
    let globalTypes: [ValueType]

    /// A function body being walked: its code, where its locals start among the variables,
    /// and the labels a branch depth names (innermost last).
    struct Frame {
        var code: [Instruction]
        var localBase: Int
        var localTypes: [ValueType]
        var labels: [Int]
        var returnLabel: Int
    }

    public init(module: Module, plan: InlinePlan = InlinePlan(), graph: EGraph = EGraph()) {
        self.module = module
        self.plan = plan
        self.graph = graph
        functionTypes = module.functionTypeIndices
        globalTypes = module.allGlobals.map(\.type)
    }

    /// Lifts defined function `index` (in the function index space).
    public mutating func lift(function index: UInt32) throws(LiftFailure) {
        let function = try definedFunction(index)
        let type = try functionType(index)
        skeleton.parameters = type.params
        skeleton.results = type.results
        let label = newLabel(.function, stackTypes: type.results)
        for (i, t) in type.params.enumerated() {
            let leaf = newLeaf(.parameter(i), try scalar(t))
            variables.append(skeleton.leaves[Int(leaf)].eclass)
        }
        for t in function.locals { variables.append(zero(try scalar(t))) }
        var frame = Frame(
            code: function.body, localBase: 0, localTypes: type.params + function.locals, labels: [label],
            returnLabel: label)
        var pc = 0
        let (body, _) = try region(&frame, &pc)
        if reachable { skeleton.exit = addEdge(to: label, stackCount: type.results.count) }
        skeleton.body = body
        graph.rebuild()
    }

    // MARK: Regions

    /// Lifts instructions from `pc` up to the `end` or `else` that closes the current region
    /// (consumed); returns the statements and whether an `else` closed it.
    mutating func region(_ frame: inout Frame, _ pc: inout Int) throws(LiftFailure) -> ([Statement], Bool) {
        var out: [Statement] = []
        while pc < frame.code.count {
            let inst = frame.code[pc]
            pc += 1
            if !reachable {
                // Skip dead code up to the end of this region.
                switch inst {
                case .block, .loop, .if: skipNested(frame.code, &pc)
                case .end: return (out, false)
                case .else: return (out, true)
                default: break
                }
                continue
            }
            switch inst {
            case .end: return (out, false)
            case .else: return (out, true)
            case .block(let bt): out.append(try block(bt, &frame, &pc))
            case .loop(let bt): out.append(try loop(bt, &frame, &pc))
            case .if(let bt): out.append(try ifElse(bt, &frame, &pc))
            default: try instruction(inst, &frame, into: &out)
            }
        }
        return (out, false)
    }

    /// Skips a nested construct whose opening instruction was just consumed.
    func skipNested(_ code: [Instruction], _ pc: inout Int) {
        var depth = 1
        while pc < code.count && depth > 0 {
            switch code[pc] {
            case .block, .loop, .if: depth += 1
            case .end: depth -= 1
            default: break
            }
            pc += 1
        }
    }

    func blockSignature(_ bt: BlockType) throws(LiftFailure) -> FuncType {
        guard let signature = module.blockSignature(bt) else { throw LiftFailure(reason: "bad block type") }
        return signature
    }

    mutating func block(_ bt: BlockType, _ frame: inout Frame, _ pc: inout Int) throws(LiftFailure) -> Statement {
        let sig = try blockSignature(bt)
        let label = newLabel(.block, stackTypes: sig.results)
        let outer = try popStack(sig.params.count)
        let saved = stack
        stack = outer
        frame.labels.append(label)
        let (body, _) = try region(&frame, &pc)
        frame.labels.removeLast()
        let exit = reachable ? addEdge(to: label, stackCount: sig.results.count) : nil
        stack = saved
        merge(label)
        return .block(label: label, body: body, exit: exit)
    }

    mutating func loop(_ bt: BlockType, _ frame: inout Frame, _ pc: inout Int) throws(LiftFailure) -> Statement {
        let sig = try blockSignature(bt)
        let label = newLabel(.loop, stackTypes: sig.params)
        let entry = addEdge(to: label, stackCount: sig.params.count)
        _ = try popStack(sig.params.count)
        // Every variable the loop body writes gets a slot at the head.
        let written = writtenLocals(frame.code, from: pc).map { frame.localBase + Int($0) }
        var merged = variables
        var slots: [Slot] = []
        for v in written.sorted() where v < variables.count {
            let leaf = newLeaf(.slot(label: label, index: slots.count), graph.facts(variables[v]).type)
            slots.append(Slot(source: .variable(v), type: graph.facts(variables[v]).type, leaf: leaf))
            merged[v] = skeleton.leaves[Int(leaf)].eclass
        }
        var params: [EClassId] = []
        for (i, t) in sig.params.enumerated() {
            let type = try scalar(t)
            let leaf = newLeaf(.slot(label: label, index: slots.count), type)
            slots.append(Slot(source: .stack(i), type: type, leaf: leaf))
            params.append(skeleton.leaves[Int(leaf)].eclass)
        }
        skeleton.labels[label].slots = slots
        skeleton.labels[label].merged = merged + params
        variables = merged
        stack += params
        frame.labels.append(label)
        let (body, _) = try region(&frame, &pc)
        frame.labels.removeLast()
        retireTrivialLoopSlots(label)
        return .loop(label: label, entry: entry, body: body)
    }

    mutating func ifElse(_ bt: BlockType, _ frame: inout Frame, _ pc: inout Int) throws(LiftFailure) -> Statement {
        let sig = try blockSignature(bt)
        let condition = try pop()
        let label = newLabel(.if, stackTypes: sig.results)
        let params = try popStack(sig.params.count)
        let saved = stack
        let entryVariables = variables
        stack = params
        frame.labels.append(label)
        let (thenBody, sawElse) = try region(&frame, &pc)
        let thenEnd = reachable ? addEdge(to: label, stackCount: sig.results.count) : nil
        variables = entryVariables
        stack = params
        reachable = true
        var elseBody: [Statement] = []
        if sawElse { (elseBody, _) = try region(&frame, &pc) }
        let elseEnd = reachable ? addEdge(to: label, stackCount: sig.results.count) : nil
        frame.labels.removeLast()
        stack = saved
        merge(label)
        return .if(
            label: label, condition: condition, then: thenBody, thenEnd: thenEnd, else: elseBody, elseEnd: elseEnd)
    }

    /// Local indices written by `local.set`/`local.tee` in the construct starting at `pc`.
    func writtenLocals(_ code: [Instruction], from start: Int) -> Set<UInt32> {
        var written: Set<UInt32> = []
        var depth = 1
        var pc = start
        while pc < code.count && depth > 0 {
            switch code[pc] {
            case .block, .loop, .if: depth += 1
            case .end: depth -= 1
            case .localSet(let x), .localTee(let x): written.insert(x)
            default: break
            }
            pc += 1
        }
        return written
    }

    // MARK: Merges

    /// Records the current state as an edge to `label`.
    @discardableResult
    mutating func addEdge(to label: Int, stackCount: Int) -> Int {
        let edge = Edge(variables: variables, stack: Array(stack.suffix(stackCount)))
        skeleton.edges.append(edge)
        let id = skeleton.edges.count - 1
        skeleton.labels[label].edges.append(id)
        return id
    }

    /// Decides the merge at the end of a block, if or inlined body: a slot for each variable
    /// or stack value that differs between incoming edges, known to hold what all of them
    /// hold (every edge is known here: the merge follows its construct). Continues after the
    /// label.
    mutating func merge(_ label: Int) {
        let edges = skeleton.labels[label].edges.map { skeleton.edges[$0] }
        let count = skeleton.labels[label].variableCount
        guard let first = edges.first else {
            reachable = false
            variables.removeSubrange(min(count, variables.count)...)
            return
        }
        reachable = true
        var merged: [EClassId] = []
        var slots: [Slot] = []
        let sources = (0..<count).map(Slot.Source.variable) + first.stack.indices.map(Slot.Source.stack)
        for source in sources {
            let values = edges.map { graph.find($0.value(source)) }
            if values.allSatisfy({ $0 == values[0] }) {
                merged.append(values[0])
                continue
            }
            let type = graph.facts(values[0]).type
            let leaf = newLeaf(.slot(label: label, index: slots.count), type)
            slots.append(Slot(source: source, type: type, leaf: leaf))
            // The merged value is one of the values the edges bring: what holds of all of them
            // (a byte loaded on every path is a byte after the join).
            graph.assume(skeleton.leaves[Int(leaf)].eclass, joinedFacts(values))
            merged.append(skeleton.leaves[Int(leaf)].eclass)
        }
        skeleton.labels[label].slots = slots
        skeleton.labels[label].merged = merged
        variables = Array(merged.prefix(count))
        stack += merged.dropFirst(count)
    }

    /// A loop slot whose every back edge carries the slot itself or the entry value merges
    /// nothing: its leaf is the entry value. Any other holds the join of its edges' facts.
    mutating func retireTrivialLoopSlots(_ label: Int) {
        let edges = skeleton.labels[label].edges.map { skeleton.edges[$0] }
        guard let entry = edges.first else { return }
        for slot in skeleton.labels[label].slots {
            let leafClass = graph.find(skeleton.leaves[Int(slot.leaf)].eclass)
            let initial = graph.find(entry.value(slot.source))
            let trivial = edges.dropFirst().allSatisfy {
                let v = graph.find($0.value(slot.source))
                return v == leafClass || v == initial
            }
            if trivial {
                graph.union(leafClass, initial)
                skeleton.retired.insert(slot.leaf)
            }
        }
        graph.rebuild()
        // A slot that merges something holds what every edge's value holds, those values' facts
        // taken with the slot itself unknown (so they hold whatever it is); an edge that
        // carries the slot unchanged adds nothing.
        for slot in skeleton.labels[label].slots where !skeleton.retired.contains(slot.leaf) {
            let leafClass = graph.find(skeleton.leaves[Int(slot.leaf)].eclass)
            let values = edges.map { graph.find($0.value(slot.source)) }.filter { $0 != leafClass }
            guard !values.isEmpty else { continue }
            graph.assume(leafClass, joinedFacts(values))
        }
        graph.rebuild()
    }

    /// What holds of every one of `values` (not empty): the join of their facts.
    func joinedFacts(_ values: [EClassId]) -> Facts {
        values.dropFirst().reduce(graph.facts(values[0])) { $0.join(graph.facts($1)) }
    }

    // MARK: Instructions

    mutating func instruction(_ inst: Instruction, _ frame: inout Frame, into out: inout [Statement])
        throws(LiftFailure)
    {
        switch inst {
        case .nop: break
        case .unreachable:
            out.append(.unreachable)
            reachable = false
        case .i32Const(let v): stack.append(graph.add(ENode(.constant(.i32, UInt64(UInt32(bitPattern: v))))))
        case .i64Const(let v): stack.append(graph.add(ENode(.constant(.i64, UInt64(bitPattern: v)))))
        case .f32Const(let v): stack.append(graph.add(ENode(.constant(.f32, UInt64(v)))))
        case .f64Const(let v): stack.append(graph.add(ENode(.constant(.f64, v))))
        case .numeric(let op):
            let operands = try popStack(op.signature.operands.count)
            let id = graph.add(ENode(.numeric(op), operands))
            stack.append(id)
            if op.canTrap { out.append(.check(id)) }
        case .select, .selectTyped:
            let operands = try popStack(3)
            let type = graph.facts(operands[0]).type
            stack.append(graph.add(ENode(.select(type), operands)))
        case .drop: _ = try pop()
        case .localGet(let x): stack.append(try variable(x, frame))
        case .localSet(let x):
            let v = try pop()
            try setVariable(x, v, frame)
        case .localTee(let x):
            guard let v = stack.last else { throw LiftFailure(reason: "stack underflow") }
            try setVariable(x, v, frame)
        case .br(let depth):
            let label = try target(depth, frame)
            let edge = addEdge(to: label, stackCount: skeleton.labels[label].stackTypes.count)
            out.append(.br(label: label, edge: edge))
            reachable = false
        case .brIf(let depth):
            let condition = try pop()
            let label = try target(depth, frame)
            let edge = addEdge(to: label, stackCount: skeleton.labels[label].stackTypes.count)
            out.append(.brIf(label: label, condition: condition, edge: edge))
        case .brTable(let depths, let defaultDepth):
            let index = try pop()
            var labels: [Int] = []
            for d in depths { labels.append(try target(d, frame)) }
            let fallback = try target(defaultDepth, frame)
            let count = skeleton.labels[fallback].stackTypes.count
            let edge = Edge(variables: variables, stack: Array(stack.suffix(count)))
            skeleton.edges.append(edge)
            let id = skeleton.edges.count - 1
            for l in Set(labels + [fallback]).sorted() { skeleton.labels[l].edges.append(id) }
            out.append(.brTable(labels: labels, default: fallback, index: index, edge: id))
            reachable = false
        case .return:
            let label = frame.returnLabel
            let edge = addEdge(to: label, stackCount: skeleton.labels[label].stackTypes.count)
            out.append(.br(label: label, edge: edge))
            reachable = false
        case .call(let f):
            if plan.callees.contains(f), !inlining.contains(f), inlining.count < plan.maxDepth,
                Int(f) >= module.importedFunctionCount
            {
                out.append(try inline(f))
            } else {
                let type = try functionType(f)
                try effect(inst, pops: type.params.count, results: type.results, into: &out)
            }
        case .callIndirect(let t, _):
            guard module.types.indices.contains(Int(t)) else { throw LiftFailure(reason: "bad type index") }
            let type = module.types[Int(t)]
            try effect(inst, pops: type.params.count + 1, results: type.results, into: &out)
        case .globalGet(let g):
            guard globalTypes.indices.contains(Int(g)) else { throw LiftFailure(reason: "bad global") }
            try effect(inst, pops: 0, results: [globalTypes[Int(g)]], into: &out)
        case .globalSet: try effect(inst, pops: 1, results: [], into: &out)
        case .load(let op, _):
            try effect(inst, pops: 1, results: [op.type], into: &out)
            if let facts = Facts.loaded(op), let result = stack.last { graph.assume(result, facts) }
        case .store: try effect(inst, pops: 2, results: [], into: &out)
        case .memorySize(let m): try effect(inst, pops: 0, results: [try addressType(m)], into: &out)
        case .memoryGrow(let m):
            let t = try addressType(m)
            try effect(inst, pops: 1, results: [t], into: &out)
        case .memoryFill, .memoryCopy, .memoryInit: try effect(inst, pops: 3, results: [], into: &out)
        case .dataDrop, .elemDrop: try effect(inst, pops: 0, results: [], into: &out)
        case .tableSize: try effect(inst, pops: 0, results: [.i32], into: &out)
        case .tableCopy, .tableInit: try effect(inst, pops: 3, results: [], into: &out)
        default:
            throw LiftFailure(reason: "\(inst.mnemonic) is not lifted")
        }
    }

    /// Appends an effect that pops `pops` operands and pushes one leaf per result.
    mutating func effect(_ inst: Instruction, pops: Int, results: [ValueType], into out: inout [Statement])
        throws(LiftFailure)
    {
        guard results.count <= 1 else { throw LiftFailure(reason: "an effect with several results") }
        let operands = try popStack(pops)
        let index = skeleton.effects.count
        var leaves: [UInt32] = []
        for (i, t) in results.enumerated() {
            let leaf = newLeaf(.result(effect: index, index: i), try scalar(t))
            leaves.append(leaf)
            stack.append(skeleton.leaves[Int(leaf)].eclass)
        }
        skeleton.effects.append(Effect(instruction: inst, operands: operands, results: leaves))
        out.append(.effect(index))
    }

    /// Replaces a call by its callee's body: a block whose label the callee's `return`s and
    /// end branch to, with the callee's locals as fresh variables.
    mutating func inline(_ f: UInt32) throws(LiftFailure) -> Statement {
        let function = try definedFunction(f)
        let type = try functionType(f)
        let arguments = try popStack(type.params.count)
        let label = newLabel(.inlined(callee: f), stackTypes: type.results)
        let base = variables.count
        variables += arguments
        for t in function.locals { variables.append(zero(try scalar(t))) }
        let saved = stack
        stack = []
        inlining.append(f)
        var frame = Frame(
            code: function.body, localBase: base, localTypes: type.params + function.locals, labels: [label],
            returnLabel: label)
        var pc = 0
        let (body, _) = try region(&frame, &pc)
        inlining.removeLast()
        let exit = reachable ? addEdge(to: label, stackCount: type.results.count) : nil
        stack = saved
        merge(label)
        return .block(label: label, body: body, exit: exit)
    }

    // MARK: Helpers

    mutating func newLabel(_ kind: SkeletonLabel.Kind, stackTypes: [ValueType]) -> Int {
        skeleton.labels.append(SkeletonLabel(kind: kind, stackTypes: stackTypes, variableCount: variables.count))
        return skeleton.labels.count - 1
    }

    mutating func newLeaf(_ source: Leaf.Source, _ type: ScalarType) -> UInt32 {
        let number = UInt32(skeleton.leaves.count)
        let id = graph.add(ENode(.leaf(type, UInt64(number))))
        skeleton.leaves.append(Leaf(source: source, type: type, eclass: id))
        return number
    }

    mutating func zero(_ type: ScalarType) -> EClassId { graph.add(ENode(.constant(type, 0))) }

    func scalar(_ t: ValueType) throws(LiftFailure) -> ScalarType {
        guard let s = ScalarType(t) else { throw LiftFailure(reason: "values of type \(t) are not lifted") }
        return s
    }

    mutating func pop() throws(LiftFailure) -> EClassId {
        guard let v = stack.popLast() else { throw LiftFailure(reason: "stack underflow") }
        return v
    }

    mutating func popStack(_ n: Int) throws(LiftFailure) -> [EClassId] {
        guard stack.count >= n else { throw LiftFailure(reason: "stack underflow") }
        let values = Array(stack.suffix(n))
        stack.removeLast(n)
        return values
    }

    func variable(_ x: UInt32, _ frame: Frame) throws(LiftFailure) -> EClassId {
        guard Int(x) < frame.localTypes.count else { throw LiftFailure(reason: "bad local") }
        return variables[frame.localBase + Int(x)]
    }

    mutating func setVariable(_ x: UInt32, _ v: EClassId, _ frame: Frame) throws(LiftFailure) {
        guard Int(x) < frame.localTypes.count else { throw LiftFailure(reason: "bad local") }
        variables[frame.localBase + Int(x)] = v
    }

    func target(_ depth: UInt32, _ frame: Frame) throws(LiftFailure) -> Int {
        guard Int(depth) < frame.labels.count else { throw LiftFailure(reason: "bad branch depth") }
        return frame.labels[frame.labels.count - 1 - Int(depth)]
    }

    func definedFunction(_ f: UInt32) throws(LiftFailure) -> Function {
        let i = Int(f) - module.importedFunctionCount
        guard module.functions.indices.contains(i) else { throw LiftFailure(reason: "bad function index") }
        return module.functions[i]
    }

    func functionType(_ f: UInt32) throws(LiftFailure) -> FuncType {
        guard functionTypes.indices.contains(Int(f)), module.types.indices.contains(Int(functionTypes[Int(f)])) else {
            throw LiftFailure(reason: "bad function index")
        }
        return module.types[Int(functionTypes[Int(f)])]
    }

    func addressType(_ memory: UInt32) throws(LiftFailure) -> ValueType {
        let memories = module.allMemories
        guard memories.indices.contains(Int(memory)) else { throw LiftFailure(reason: "bad memory") }
        return memories[Int(memory)].is64 ? .i64 : .i32
    }
}
