import WasmModel

/// Type-checks one function body with the spec's algorithm: an operand stack of value types
/// (`nil` is the unknown type of unreachable code) and a stack of control frames.
struct FunctionChecker {
    enum Kind { case function, block, loop, `if`, `else` }

    struct Frame {
        var kind: Kind
        var params: [ValueType]
        var results: [ValueType]
        var height: Int
        var unreachable = false

        var labelTypes: [ValueType] { kind == .loop ? params : results }
    }

    let context: ValidationContext
    let function: Function
    let index: Int
    let functionIndex: UInt32
    let offsets: [Int]?
    let file: String
    var locals: [ValueType] = []
    var results: [ValueType] = []
    var stack: [ValueType?] = []
    var frames: [Frame] = []
    /// The instruction being checked, for error locations.
    var position = 0

    init(
        context: ValidationContext, function: Function, index: Int, functionIndex: UInt32, offsets: [Int]?,
        file: String
    ) {
        self.context = context
        self.function = function
        self.index = index
        self.functionIndex = functionIndex
        self.offsets = offsets
        self.file = file
    }

    func fail(_ message: String) -> WasmError {
        if let offsets, position < offsets.count {
            return WasmError(file: file, location: .offset(offsets[position]), message: message)
        }
        return WasmError(
            file: file, location: .instruction(function: functionIndex, index: position), message: message
        )
    }

    mutating func check() throws(WasmError) {
        let type = context.types[Int(function.type)]
        for local in function.locals {
            if case .ref(let r) = local, case .concrete(let i) = r.heap, Int(i) >= context.types.count {
                throw fail("unknown type \(i) in a local of function \(functionIndex)")
            }
            if case .ref(let r) = local, !r.nullable {
                throw fail(
                    "non-defaultable local type \(local) in function \(functionIndex) is not supported")
            }
        }
        locals = type.params + function.locals
        results = type.results
        frames = [Frame(kind: .function, params: [], results: type.results, height: 0)]
        for (k, inst) in function.body.enumerated() {
            position = k
            guard !frames.isEmpty else {
                throw fail("operators remaining after the end of function \(functionIndex)")
            }
            try step(inst)
        }
        position = function.body.count
        if !frames.isEmpty {
            throw fail("unexpected end of function \(functionIndex): \(frames.count) block(s) not closed")
        }
    }

    // MARK: The operand stack

    mutating func push(_ t: ValueType?) { stack.append(t) }
    mutating func push(_ ts: [ValueType]) { for t in ts { stack.append(t) } }

    mutating func pop(_ what: @autoclosure () -> String) throws(WasmError) -> ValueType? {
        let frame = frames[frames.count - 1]
        if stack.count == frame.height {
            if frame.unreachable { return nil }
            throw fail("type mismatch: \(what()) needs an operand but the stack is empty")
        }
        return stack.removeLast()
    }

    @discardableResult
    mutating func pop(_ expected: ValueType, _ what: @autoclosure () -> String) throws(WasmError)
        -> ValueType?
    {
        let actual = try pop(what())
        if let actual, !context.isSubtype(actual, expected) {
            throw fail("type mismatch: \(what()) expects \(expected) but found \(actual)")
        }
        return actual
    }

    mutating func pop(_ expected: [ValueType], _ what: @autoclosure () -> String) throws(WasmError) {
        for t in expected.reversed() { try pop(t, what()) }
    }

    /// Pops a reference of any type (or the unknown type).
    mutating func popRef(_ what: String) throws(WasmError) -> RefType? {
        let actual = try pop(what)
        guard let actual else { return nil }
        guard case .ref(let r) = actual else {
            throw fail("type mismatch: \(what) expects a reference but found \(actual)")
        }
        return r
    }

    mutating func unreachable() {
        stack.removeSubrange(frames[frames.count - 1].height...)
        frames[frames.count - 1].unreachable = true
    }

    mutating func pushFrame(_ kind: Kind, _ params: [ValueType], _ results: [ValueType]) {
        frames.append(Frame(kind: kind, params: params, results: results, height: stack.count))
        push(params)
    }

    mutating func popFrame() throws(WasmError) -> Frame {
        let frame = frames[frames.count - 1]
        let what = frame.kind == .function ? "the end of the function" : "the end of the block"
        try pop(frame.results, what)
        if stack.count != frame.height {
            throw fail("type mismatch: \(stack.count - frame.height) value(s) left on the stack at \(what)")
        }
        frames.removeLast()
        return frame
    }

    func blockType(_ bt: BlockType) throws(WasmError) -> ([ValueType], [ValueType]) {
        if case .value(.ref(let r)) = bt, case .concrete(let i) = r.heap, Int(i) >= context.types.count {
            throw fail("unknown type \(i)")
        }
        guard let signature = context.module.blockSignature(bt) else {
            if case .index(let i) = bt { throw fail("unknown type \(i)") }
            throw fail("unknown block type")
        }
        return (signature.params, signature.results)
    }

    func label(_ depth: UInt32) throws(WasmError) -> [ValueType] {
        guard Int(depth) < frames.count else {
            throw fail("unknown label \(depth) (\(frames.count) enclosing blocks)")
        }
        return frames[frames.count - 1 - Int(depth)].labelTypes
    }

    func memory(_ m: UInt32) throws(WasmError) {
        guard Int(m) < context.memories.count else { throw fail("unknown memory \(m)") }
    }

    func table(_ t: UInt32) throws(WasmError) -> TableType {
        guard Int(t) < context.tables.count else { throw fail("unknown table \(t)") }
        return context.tables[Int(t)]
    }

    func local(_ x: UInt32) throws(WasmError) -> ValueType {
        guard Int(x) < locals.count else {
            throw fail("unknown local \(x) (function has \(locals.count) locals)")
        }
        return locals[Int(x)]
    }

    func global(_ x: UInt32) throws(WasmError) -> GlobalType {
        guard Int(x) < context.globals.count else { throw fail("unknown global \(x)") }
        return context.globals[Int(x)]
    }

    func funcType(_ t: UInt32) throws(WasmError) -> FuncType {
        guard Int(t) < context.types.count else { throw fail("unknown type \(t)") }
        return context.types[Int(t)]
    }

    func dataSegment(_ d: UInt32) throws(WasmError) {
        guard let count = context.dataCount else {
            throw fail("data count section required for memory.init and data.drop")
        }
        guard d < count else { throw fail("unknown data segment \(d)") }
    }

    func elemSegment(_ e: UInt32) throws(WasmError) -> RefType {
        guard Int(e) < context.elements.count else { throw fail("unknown elem segment \(e)") }
        return context.elements[Int(e)]
    }

    // MARK: Instructions

    mutating func step(_ inst: Instruction) throws(WasmError) {
        let name = inst.mnemonic
        switch inst {
        case .unreachable:
            unreachable()
        case .nop:
            break
        case .block(let bt), .loop(let bt):
            let (params, results) = try blockType(bt)
            try pop(params, name)
            if case .loop = inst {
                pushFrame(.loop, params, results)
            } else {
                pushFrame(.block, params, results)
            }
        case .if(let bt):
            let (params, results) = try blockType(bt)
            try pop(.i32, "if")
            try pop(params, name)
            pushFrame(.if, params, results)
        case .else:
            guard frames[frames.count - 1].kind == .if else { throw fail("else without a matching if") }
            let frame = try popFrame()
            pushFrame(.else, frame.params, frame.results)
        case .end:
            let frame = try popFrame()
            if frame.kind == .if && frame.params != frame.results {
                throw fail(
                    "type mismatch: if without else must leave its parameters \(frame.params) as results \(frame.results)"
                )
            }
            if !frames.isEmpty { push(frame.results) }
        case .br(let d):
            try pop(try label(d), name)
            unreachable()
        case .brIf(let d):
            let types = try label(d)
            try pop(.i32, name)
            try pop(types, name)
            push(types)
        case .brTable(let targets, let def):
            try pop(.i32, name)
            let defaultTypes = try label(def)
            for t in targets {
                let types = try label(t)
                guard types.count == defaultTypes.count else {
                    throw fail(
                        "type mismatch: br_table targets have different arities (\(types.count) and \(defaultTypes.count))"
                    )
                }
                // Check the operands against this target without consuming them.
                var popped: [ValueType?] = []
                for expected in types.reversed() { popped.append(try pop(expected, name)) }
                for v in popped.reversed() { push(v) }
            }
            try pop(defaultTypes, name)
            unreachable()
        case .return:
            try pop(results, name)
            unreachable()
        case .call(let f):
            guard let t = context.type(ofFunction: f) else { throw fail("unknown function \(f)") }
            try pop(t.params, "call \(f)")
            push(t.results)
        case .callIndirect(let typeIndex, let tableIndex):
            let table = try table(tableIndex)
            guard context.isSubtype(table.element, .funcref) else {
                throw fail("type mismatch: call_indirect on table \(tableIndex) of \(table.element)")
            }
            let t = try funcType(typeIndex)
            try pop(.i32, name)
            try pop(t.params, name)
            push(t.results)
        case .callRef(let typeIndex):
            let t = try funcType(typeIndex)
            try pop(.ref(RefType(nullable: true, heap: .concrete(typeIndex))), name)
            try pop(t.params, name)
            push(t.results)
        case .drop:
            _ = try pop(name)
        case .select:
            try pop(.i32, name)
            let a = try pop(name)
            let b = try pop(name)
            for t in [a, b] {
                if let t, !t.isNumeric && t != .v128 {
                    throw fail("type mismatch: select without a type needs numeric operands, found \(t)")
                }
            }
            if let a, let b, a != b {
                throw fail("type mismatch: select operands differ (\(b) and \(a))")
            }
            push(a ?? b)
        case .selectTyped(let types):
            guard types.count == 1 else {
                throw fail("invalid result arity: select takes one type, given \(types.count)")
            }
            try pop(.i32, name)
            try pop(types[0], name)
            try pop(types[0], name)
            push(types[0])
        case .localGet(let x):
            push(try local(x))
        case .localSet(let x):
            try pop(try local(x), name)
        case .localTee(let x):
            let t = try local(x)
            try pop(t, name)
            push(t)
        case .globalGet(let x):
            push(try global(x).type)
        case .globalSet(let x):
            let g = try global(x)
            guard g.mutable else { throw fail("immutable global \(x) cannot be set") }
            try pop(g.type, name)
        case .tableGet(let t):
            let table = try table(t)
            try pop(.i32, name)
            push(.ref(table.element))
        case .tableSet(let t):
            let table = try table(t)
            try pop(.ref(table.element), name)
            try pop(.i32, name)
        case .tableSize(let t):
            _ = try table(t)
            push(.i32)
        case .tableGrow(let t):
            let table = try table(t)
            try pop(.i32, name)
            try pop(.ref(table.element), name)
            push(.i32)
        case .tableFill(let t):
            let table = try table(t)
            try pop(.i32, name)
            try pop(.ref(table.element), name)
            try pop(.i32, name)
        case .tableCopy(let d, let s):
            let dst = try table(d)
            let src = try table(s)
            guard context.isSubtype(src.element, dst.element) else {
                throw fail("type mismatch: table.copy from \(src.element) to \(dst.element)")
            }
            try pop([.i32, .i32, .i32], name)
        case .tableInit(let e, let t):
            let element = try elemSegment(e)
            let table = try table(t)
            guard context.isSubtype(element, table.element) else {
                throw fail("type mismatch: table.init of \(element) into a table of \(table.element)")
            }
            try pop([.i32, .i32, .i32], name)
        case .elemDrop(let e):
            _ = try elemSegment(e)
        case .load(let op, let m):
            try memory(m.memory)
            guard m.align < 32, 1 << m.align <= op.width else {
                throw fail(
                    "alignment must not be larger than natural (\(name) align 2^\(m.align) > \(op.width))")
            }
            try pop(.i32, name)
            push(op.type)
        case .store(let op, let m):
            try memory(m.memory)
            guard m.align < 32, 1 << m.align <= op.width else {
                throw fail(
                    "alignment must not be larger than natural (\(name) align 2^\(m.align) > \(op.width))")
            }
            try pop(op.type, name)
            try pop(.i32, name)
        case .memorySize(let m):
            try memory(m)
            push(.i32)
        case .memoryGrow(let m):
            try memory(m)
            try pop(.i32, name)
            push(.i32)
        case .memoryInit(let d, let m):
            try memory(m)
            try dataSegment(d)
            try pop([.i32, .i32, .i32], name)
        case .dataDrop(let d):
            try dataSegment(d)
        case .memoryCopy(let d, let s):
            try memory(d)
            try memory(s)
            try pop([.i32, .i32, .i32], name)
        case .memoryFill(let m):
            try memory(m)
            try pop([.i32, .i32, .i32], name)
        case .i32Const: push(.i32)
        case .i64Const: push(.i64)
        case .f32Const: push(.f32)
        case .f64Const: push(.f64)
        case .refNull(let h):
            if case .concrete(let i) = h { _ = try funcType(i) }
            push(.ref(RefType(nullable: true, heap: h)))
        case .refIsNull:
            _ = try popRef(name)
            push(.i32)
        case .refFunc(let f):
            guard Int(f) < context.functions.count else { throw fail("unknown function \(f)") }
            guard context.declaredFunctions.contains(f) else {
                throw fail("undeclared function reference \(f) (declare it in an element segment)")
            }
            push(.ref(RefType(nullable: false, heap: .concrete(context.functions[Int(f)]))))
        case .refAsNonNull:
            if let r = try popRef(name) {
                push(.ref(RefType(nullable: false, heap: r.heap)))
            } else {
                push(nil)
            }
        case .brOnNull(let d):
            let types = try label(d)
            let r = try popRef(name)
            try pop(types, name)
            push(types)
            push(r.map { .ref(RefType(nullable: false, heap: $0.heap)) })
        case .brOnNonNull(let d):
            let types = try label(d)
            guard let last = types.last, case .ref(let target) = last else {
                throw fail("type mismatch: br_on_non_null's label must end in a reference type")
            }
            let r = try popRef(name)
            if let r, !context.isSubtype(RefType(nullable: false, heap: r.heap), target) {
                throw fail("type mismatch: br_on_non_null of \(r) to a label of \(target)")
            }
            let rest = Array(types.dropLast())
            try pop(rest, name)
            push(rest)
        case .numeric(let op):
            let sig = op.signature
            try pop(sig.operands, name)
            push(sig.result)
        }
    }
}
