import WasmModel

/// What a function's instructions need to know about the module: the types of functions,
/// globals and locals, so each instruction's stack effect is known.
public struct FunctionContext: Sendable {
    public var types: [FuncType]
    public var functionTypes: [UInt32]
    public var globals: [ValueType]
    /// Parameters, then declared locals.
    public var locals: [ValueType]

    public init(module: Module, function: Function) {
        types = module.types
        functionTypes = module.functionTypeIndices
        globals = module.allGlobals.map(\.type)
        let params = module.types.indices.contains(Int(function.type)) ? module.types[Int(function.type)].params : []
        locals = params + function.locals
    }
}

/// A straight-line run of a function body seen as the expression trees the stack machine
/// evaluates: each instruction with a known stack effect and at most one result is a node
/// whose children are the trees that computed its operands. Control flow, multi-value
/// instructions and instructions whose operands come from before the run stay verbatim.
///
/// Invariants: emitting `items` in order (a tree in post-order) reproduces the body exactly;
/// `nodes` is in post-order (children before parents); a tree whose effects could be
/// reordered by being emitted later (its consumer comes after an effect or a local write it
/// conflicts with) was flushed as its own item at the point it ended.
public struct Forest: Sendable {
    public struct Node: Sendable {
        public var instruction: Instruction
        public var children: [Int]
        /// The type of the value it leaves on the stack, if any.
        public var type: ValueType?
        /// The instruction itself (not its operands) has no effect and cannot trap here.
        public var pure: Bool
        /// No effects anywhere in the subtree (only constants, `local.get`, non-trapping
        /// numeric operators and `select`).
        public var subtreePure: Bool
        /// Locals written (by `local.tee`) and read (by `local.get`) in the subtree.
        public var writes: [UInt32]
        public var reads: [UInt32]
    }

    public enum Item: Sendable {
        case tree(Int)
        case verbatim(Instruction)
    }

    public var nodes: [Node] = []
    public var items: [Item] = []

    public init(body: [Instruction], context: FunctionContext) {
        var stack: [Int] = []
        func flush() {
            items.append(contentsOf: stack.map { .tree($0) })
            stack.removeAll()
        }
        for inst in body {
            guard let (pops, result) = Self.effect(inst, context: context, stack: stack, nodes: nodes) else {
                flush()
                items.append(.verbatim(inst))
                continue
            }
            if pops > stack.count {
                flush()
                items.append(.verbatim(inst))
                continue
            }
            let children = Array(stack.suffix(pops))
            stack.removeLast(pops)
            let node = makeNode(inst, children: children, type: result)
            nodes.append(node)
            let index = nodes.count - 1
            if result != nil {
                stack.append(index)
                continue
            }
            // A tree with no result ends here. Trees still waiting on the stack are emitted
            // later, by their consumer: fine for pure trees this one does not write a local of.
            let conflict = stack.contains { pending in
                !nodes[pending].subtreePure || nodes[pending].reads.contains(where: node.writes.contains)
            }
            if conflict { flush() }
            items.append(.tree(index))
        }
        flush()
    }

    mutating func makeNode(_ inst: Instruction, children: [Int], type: ValueType?) -> Node {
        var writes: [UInt32] = []
        var reads: [UInt32] = []
        let pure = Self.isPure(inst, children: children, nodes: nodes)
        var subtreePure = pure
        for c in children {
            subtreePure = subtreePure && nodes[c].subtreePure
            writes += nodes[c].writes
            reads += nodes[c].reads
        }
        switch inst {
        case .localGet(let x): reads.append(x)
        case .localSet(let x), .localTee(let x): writes.append(x)
        default: break
        }
        return Node(
            instruction: inst, children: children, type: type, pure: pure, subtreePure: subtreePure, writes: writes,
            reads: reads)
    }

    /// Whether the instruction itself (not its operands) is pure: it has no effect and
    /// cannot trap for these operands.
    static func isPure(_ inst: Instruction, children: [Int], nodes: [Node]) -> Bool {
        switch inst {
        case .i32Const, .i64Const, .f32Const, .f64Const, .localGet: return true
        case .select, .selectTyped:
            guard let first = children.first, let t = nodes[first].type else { return false }
            return [.i32, .i64, .f32, .f64].contains(t)
        case .numeric(let op):
            guard op.canTrap else { return true }
            // Division and remainder by a constant that cannot trap.
            guard children.count == 2 else { return false }
            let divisor: Int64?
            switch nodes[children[1]].instruction {
            case .i32Const(let v): divisor = Int64(v)
            case .i64Const(let v): divisor = v
            default: divisor = nil
            }
            guard let d = divisor, d != 0 else { return false }
            switch op {
            case .i32DivU, .i32RemU, .i64DivU, .i64RemU, .i32RemS, .i64RemS: return true
            case .i32DivS, .i64DivS: return d != -1
            default: return false
            }
        default: return false
        }
    }

    /// Operands popped and the result pushed, or nil for an instruction that is kept
    /// verbatim (control flow, more than one result, reference and table instructions).
    static func effect(_ inst: Instruction, context: FunctionContext, stack: [Int], nodes: [Node]) -> (
        Int, ValueType?
    )? {
        func local(_ x: UInt32) -> ValueType? { context.locals.indices.contains(Int(x)) ? context.locals[Int(x)] : nil }
        func call(_ type: FuncType) -> (Int, ValueType?)? {
            type.results.count > 1 ? nil : (type.params.count, type.results.first)
        }
        switch inst {
        case .i32Const: return (0, .i32)
        case .i64Const: return (0, .i64)
        case .f32Const: return (0, .f32)
        case .f64Const: return (0, .f64)
        case .numeric(let op): return (op.signature.operands.count, op.signature.result)
        case .localGet(let x): return local(x).map { (0, $0) }
        case .localSet: return (1, nil)
        case .localTee(let x): return local(x).map { (1, $0) }
        case .globalGet(let g):
            return context.globals.indices.contains(Int(g)) ? (0, context.globals[Int(g)]) : nil
        case .globalSet: return (1, nil)
        case .drop: return (1, nil)
        case .select:
            guard stack.count >= 3, let t = nodes[stack[stack.count - 3]].type else { return nil }
            return (3, t)
        case .selectTyped(let types): return types.count == 1 ? (3, types[0]) : nil
        case .load(let op, _): return (1, op.type)
        case .store: return (2, nil)
        case .memorySize: return (0, .i32)
        case .memoryGrow: return (1, .i32)
        case .memoryFill, .memoryCopy, .memoryInit: return (3, nil)
        case .call(let f):
            guard context.functionTypes.indices.contains(Int(f)) else { return nil }
            let t = Int(context.functionTypes[Int(f)])
            return context.types.indices.contains(t) ? call(context.types[t]) : nil
        case .callIndirect(let t, _):
            guard context.types.indices.contains(Int(t)), let (pops, result) = call(context.types[Int(t)]) else {
                return nil
            }
            return (pops + 1, result)
        default: return nil
        }
    }
}
