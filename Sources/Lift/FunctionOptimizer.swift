import EGraph
import Rewrite
import WasmEncode
import WasmModel

/// Extraction costs for lifted trees: Wasm bytes, where a leaf is a `local.get` (its LEB128
/// index counted) or a hole (an effect subtree emitted as it is whatever is chosen: 0).
struct LiftCost: CostModel {
    static let holeBit: UInt64 = 1 << 32

    func cost(_ op: Op) -> Int {
        if op.kind == .leaf {
            return op.payload >= Self.holeBit ? 0 : 1 + LEB128.unsignedSize(op.payload)
        }
        return WasmSizeCost().cost(op)
    }
}

/// Optimizes the pure expression trees of one function: every maximal pure subtree (its
/// leaves are constants, `local.get`s and holes — operands computed by effects) is added to
/// one e-graph, the rules saturate it, and each subtree is replaced by the smallest program
/// extracted for it when that is smaller. A value the program uses twice is computed once
/// and kept in a fresh local (`local.tee`/`local.get`).
///
/// Invariants: holes are emitted exactly once each, in their original order, so effects and
/// traps keep their order; a `local.get` is never moved across a hole that writes its local;
/// the function's encoding never grows (the original is kept otherwise).
public struct FunctionOptimizer {
    public let runner: Runner

    public init(runner: Runner) { self.runner = runner }

    /// A maximal pure subtree lifted into the e-graph.
    struct Lifted {
        var root: EClassId
        /// Hole numbers in evaluation order, with the forest node each stands for.
        var holes: [(id: UInt64, node: Int)]
        /// Nesting depth: how many lifted subtrees contain this one (through holes).
        var level: Int
    }

    public struct Result: Sendable {
        public var function: Function
        public var report: SaturationReport
        /// Subtrees lifted and subtrees replaced by a smaller program.
        public var lifted: Int
        public var replaced: Int
    }

    public func optimize(_ function: Function, context: FunctionContext) throws(UnsoundRuleError) -> Result {
        let forest = Forest(body: function.body, context: context)
        var graph = EGraph()
        var lifted: [Int: Lifted] = [:]
        var nextHole: UInt64 = 0

        // Lift every maximal pure subtree with at least one operator.
        func isLiftRoot(_ n: Int) -> Bool {
            let node = forest.nodes[n]
            guard node.pure else { return false }
            guard let t = node.type, ScalarType(t) != nil else { return false }
            return !node.children.isEmpty
        }
        func lift(_ root: Int, level: Int) {
            var holes: [(UInt64, Int)] = []
            func add(_ n: Int) -> EClassId {
                let node = forest.nodes[n]
                let scalar = node.type.flatMap(ScalarType.init)
                let type = scalar ?? .i32
                if !node.pure || scalar == nil {
                    let id = LiftCost.holeBit | nextHole
                    nextHole += 1
                    holes.append((id, n))
                    visitHole(n, level: level + 1)
                    return graph.add(ENode(.leaf(type, id)))
                }
                switch node.instruction {
                case .i32Const(let v): return graph.add(ENode(.constant(.i32, UInt64(UInt32(bitPattern: v)))))
                case .i64Const(let v): return graph.add(ENode(.constant(.i64, UInt64(bitPattern: v))))
                case .f32Const(let v): return graph.add(ENode(.constant(.f32, UInt64(v))))
                case .f64Const(let v): return graph.add(ENode(.constant(.f64, v)))
                case .localGet(let x): return graph.add(ENode(.leaf(type, UInt64(x))))
                case .numeric(let op):
                    let kids = node.children.map(add)
                    return graph.add(ENode(.numeric(op), kids))
                default:  // select
                    let kids = node.children.map(add)
                    return graph.add(ENode(.select(type), kids))
                }
            }
            let id = add(root)
            lifted[root] = Lifted(root: id, holes: holes, level: level)
        }
        // Finds the lift roots inside an effect subtree (its pure operands).
        func visitHole(_ n: Int, level: Int) {
            if isLiftRoot(n) {
                lift(n, level: level)
                return
            }
            for c in forest.nodes[n].children { visitHole(c, level: level) }
        }
        for item in forest.items {
            if case .tree(let root) = item { visitHole(root, level: 0) }
        }

        let report = lifted.isEmpty ? SaturationReport() : try runner.run(&graph)
        let extractor = Extractor(graph, model: LiftCost())

        // Emit, choosing per lifted subtree the smaller of the original and the extracted
        // program. Temporaries are numbered per (type, nesting level) and given local indices
        // at the end.
        var emitter = Emitter(
            forest: forest, graph: graph, extractor: extractor, lifted: lifted,
            firstTemp: context.locals.count)
        var body: [Instruction] = []
        for item in forest.items {
            switch item {
            case .verbatim(let inst): body.append(inst)
            case .tree(let root): body += emitter.emit(root)
            }
        }
        var candidate = function
        candidate.body = emitter.finish(body)
        candidate.locals += emitter.tempTypes
        let result =
            WasmEncoder.functionSize(candidate) < WasmEncoder.functionSize(function) ? candidate : function
        return Result(function: result, report: report, lifted: lifted.count, replaced: emitter.replaced)
    }
}

/// Turns a forest back into instructions, replacing lifted subtrees by extracted programs
/// where smaller.
struct Emitter {
    let forest: Forest
    let graph: EGraph
    let extractor: Extractor
    let lifted: [Int: FunctionOptimizer.Lifted]
    let firstTemp: Int
    var replaced = 0
    /// Temporaries in use: key (type, level, k) to a placeholder number.
    var temps: [TempKey: UInt32] = [:]
    var tempTypes: [ValueType] = []
    var memo: [Int: [Instruction]] = [:]

    struct TempKey: Hashable {
        var type: ScalarType
        var level: Int
        var k: Int
    }

    static let placeholder: UInt32 = 0x8000_0000

    init(forest: Forest, graph: EGraph, extractor: Extractor, lifted: [Int: FunctionOptimizer.Lifted], firstTemp: Int) {
        self.forest = forest
        self.graph = graph
        self.extractor = extractor
        self.lifted = lifted
        self.firstTemp = firstTemp
    }

    /// The instructions for the subtree at `n`.
    mutating func emit(_ n: Int) -> [Instruction] {
        if let done = memo[n] { return done }
        let result: [Instruction]
        if let l = lifted[n] {
            let original = emitOriginal(n, holes: Set(l.holes.map(\.node)))
            if let better = emitExtracted(l), size(better) < size(original) {
                replaced += 1
                result = better
            } else {
                result = original
            }
        } else {
            var out: [Instruction] = []
            for c in forest.nodes[n].children { out += emit(c) }
            out.append(forest.nodes[n].instruction)
            result = out
        }
        memo[n] = result
        return result
    }

    /// The subtree as it was, its holes emitted (and optimized) on their own.
    mutating func emitOriginal(_ n: Int, holes: Set<Int>) -> [Instruction] {
        if holes.contains(n) { return emit(n) }
        var out: [Instruction] = []
        for c in forest.nodes[n].children { out += emitOriginal(c, holes: holes) }
        out.append(forest.nodes[n].instruction)
        return out
    }

    /// The extracted program, or nil when it would reorder, drop or repeat a hole, or move a
    /// `local.get` across a hole that writes its local.
    mutating func emitExtracted(_ l: FunctionOptimizer.Lifted) -> [Instruction]? {
        guard let program = extractor.program([l.root]) else { return nil }
        var holeOrder: [UInt64] = []
        var readsLocals: Set<UInt32> = []
        for node in program.nodes where node.op.kind == .leaf {
            if node.op.payload >= LiftCost.holeBit {
                holeOrder.append(node.op.payload)
            } else {
                readsLocals.insert(UInt32(node.op.payload))
            }
        }
        guard holeOrder == l.holes.map(\.id) else { return nil }
        for (_, hole) in l.holes where forest.nodes[hole].writes.contains(where: readsLocals.contains) {
            return nil
        }
        let holeNodes = Dictionary(uniqueKeysWithValues: l.holes.map { ($0.id, $0.node) })
        var out: [Instruction] = []
        var saved: [Int: UInt32] = [:]
        var counters: [ScalarType: Int] = [:]
        func visit(_ i: Int) {
            if let t = saved[i] {
                out.append(.localGet(t))
                return
            }
            let node = program.nodes[i]
            let op = node.op
            switch op.kind {
            case .constant:
                switch op.type {
                case .i32: out.append(.i32Const(Int32(bitPattern: UInt32(truncatingIfNeeded: op.payload))))
                case .i64: out.append(.i64Const(Int64(bitPattern: op.payload)))
                case .f32: out.append(.f32Const(UInt32(truncatingIfNeeded: op.payload)))
                case .f64: out.append(.f64Const(op.payload))
                }
                return
            case .leaf:
                if op.payload < LiftCost.holeBit {
                    out.append(.localGet(UInt32(op.payload)))
                    return
                }
                out += emit(holeNodes[op.payload] ?? 0)
            case .numeric:
                for c in node.children { visit(c) }
                if let numeric = op.numericOp { out.append(.numeric(numeric)) }
            case .select:
                for c in node.children { visit(c) }
                out.append(.select)
            }
            if program.uses[i] > 1 {
                let k = counters[op.type, default: 0]
                counters[op.type] = k + 1
                let t = temp(TempKey(type: op.type, level: l.level, k: k))
                saved[i] = t
                out.append(.localTee(t))
            }
        }
        visit(program.roots[0])
        return out
    }

    mutating func temp(_ key: TempKey) -> UInt32 {
        if let t = temps[key] { return t }
        let t = Self.placeholder | UInt32(tempTypes.count)
        temps[key] = t
        tempTypes.append(key.type.valueType)
        return t
    }

    /// Encoded size, with temporaries counted at the index they will get.
    func size(_ code: [Instruction]) -> Int {
        code.reduce(0) { total, inst in
            switch inst {
            case .localGet(let x) where x >= Self.placeholder, .localTee(let x) where x >= Self.placeholder:
                return total + 1 + LEB128.unsignedSize(UInt64(firstTemp) + UInt64(x & ~Self.placeholder))
            default:
                return total + WasmEncoder.size(of: inst)
            }
        }
    }

    /// The body with temporaries given their local indices (after every existing local).
    func finish(_ body: [Instruction]) -> [Instruction] {
        body.map { inst in
            switch inst {
            case .localGet(let x) where x >= Self.placeholder:
                return .localGet(UInt32(firstTemp) + (x & ~Self.placeholder))
            case .localTee(let x) where x >= Self.placeholder:
                return .localTee(UInt32(firstTemp) + (x & ~Self.placeholder))
            default: return inst
            }
        }
    }
}
