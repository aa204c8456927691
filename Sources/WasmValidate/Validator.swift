import WasmModel

/// Checks a module against the core spec's validation rules (Wasm 2.0 plus the typed
/// function reference forms the model has).
///
/// Invariant: a module that `validate` accepts is one WasmKit (and any conforming engine)
/// accepts; the first problem found is thrown as a one-line `WasmError` whose message starts
/// with the spec's wording (`type mismatch`, `unknown local`, ...).
public enum WasmValidator {
    public static func validate(_ module: Module, file: String) throws(WasmError) {
        let context = ValidationContext(module)
        let checker = ModuleChecker(module: module, context: context, file: file)
        try checker.check()
    }
}

/// The module and its index spaces, computed once.
struct ValidationContext {
    let module: Module
    var types: [FuncType] { module.types }
    let functions: [UInt32]
    let tables: [TableType]
    let memories: [Limits]
    let globals: [GlobalType]
    let importedGlobals: Int
    let elements: [RefType]
    let dataCount: UInt32?
    /// Functions that `ref.func` may name: those referenced outside function bodies.
    let declaredFunctions: Set<UInt32>

    init(_ m: Module) {
        module = m
        functions = m.functionTypeIndices
        tables = m.allTables
        memories = m.allMemories
        globals = m.allGlobals
        importedGlobals = m.importedGlobalCount
        elements = m.elements.map(\.type)
        dataCount = m.dataCount
        var declared = Set<UInt32>()
        func scan(_ expr: [Instruction]) {
            for case .refFunc(let f) in expr { declared.insert(f) }
        }
        for e in m.elements {
            e.items.forEach(scan)
            if case .active(_, let offset) = e.mode { scan(offset) }
        }
        for g in m.globals { scan(g.initializer) }
        for t in m.tables { if let i = t.initializer { scan(i) } }
        for case .function(let f) in m.exports.map(\.kind) { declared.insert(f) }
        declaredFunctions = declared
    }

    func type(ofFunction f: UInt32) -> FuncType? {
        guard Int(f) < functions.count, Int(functions[Int(f)]) < types.count else { return nil }
        return types[Int(functions[Int(f)])]
    }

    /// `a <: b`: equal, or references whose heap and nullability fit.
    func isSubtype(_ a: ValueType, _ b: ValueType) -> Bool {
        if a == b { return true }
        guard case .ref(let ra) = a, case .ref(let rb) = b else { return false }
        return isSubtype(ra, rb)
    }

    func isSubtype(_ a: RefType, _ b: RefType) -> Bool {
        if a.nullable && !b.nullable { return false }
        switch (a.heap, b.heap) {
        case (.func, .func), (.extern, .extern): return true
        case (.concrete, .func): return true
        case (.concrete(let x), .concrete(let y)):
            return x == y
                || (Int(x) < types.count && Int(y) < types.count && types[Int(x)] == types[Int(y)])
        default: return false
        }
    }
}

/// Validates the module-level parts and drives the per-function checks.
struct ModuleChecker {
    let module: Module
    let context: ValidationContext
    let file: String

    func fail(_ message: String) -> WasmError {
        WasmError(file: file, location: .unknown, message: message)
    }

    func checkValueType(_ t: ValueType, _ what: String) throws(WasmError) {
        if case .ref(let r) = t, case .concrete(let i) = r.heap, Int(i) >= context.types.count {
            throw fail("unknown type \(i) in \(what)")
        }
    }

    func checkLimits(_ l: Limits, memory: Bool, _ what: String) throws(WasmError) {
        if l.is64 { throw fail("\(what): 64-bit memories and tables (memory64) are not supported") }
        if memory {
            if l.min > 65536 {
                throw fail("memory size must be at most 65536 pages (4GiB) (\(what) minimum is \(l.min))")
            }
            if let max = l.max, max > 65536 {
                throw fail("memory size must be at most 65536 pages (4GiB) (\(what) maximum is \(max))")
            }
        } else if l.min > UInt64(UInt32.max) || (l.max ?? 0) > UInt64(UInt32.max) {
            throw fail("table size must be at most 2^32-1 (\(what))")
        }
        if let max = l.max, l.min > max {
            throw fail("size minimum must not be greater than maximum (\(what): \(l.min) > \(max))")
        }
    }

    func checkTableType(_ t: TableType, _ what: String) throws(WasmError) {
        try checkValueType(.ref(t.element), what)
        try checkLimits(t.limits, memory: false, what)
    }

    func check() throws(WasmError) {
        for (i, t) in module.types.enumerated() {
            for v in t.params + t.results { try checkValueType(v, "type \(i)") }
        }
        for imp in module.imports {
            let what = "import \(imp.module).\(imp.name)"
            switch imp.kind {
            case .function(let t):
                if Int(t) >= context.types.count { throw fail("unknown type \(t) in \(what)") }
            case .table(let t): try checkTableType(t, what)
            case .memory(let l): try checkLimits(l, memory: true, what)
            case .global(let g): try checkValueType(g.type, what)
            }
        }
        for (i, f) in module.functions.enumerated() where Int(f.type) >= context.types.count {
            throw fail("unknown type \(f.type) for function \(module.importedFunctionCount + i)")
        }
        for (i, t) in module.tables.enumerated() {
            let what = "table \(module.importedTableCount + i)"
            try checkTableType(t.type, what)
            if let initializer = t.initializer {
                // Tables come before globals: only imported globals exist yet.
                try checkConst(
                    initializer, .ref(t.type.element), globalsVisible: context.importedGlobals, what)
            } else if !t.type.element.nullable {
                throw fail("type mismatch: \(what) of non-nullable references needs an initializer")
            }
        }
        for (i, m) in module.memories.enumerated() {
            try checkLimits(m, memory: true, "memory \(module.importedMemoryCount + i)")
        }
        for (i, g) in module.globals.enumerated() {
            let index = context.importedGlobals + i
            try checkValueType(g.type.type, "global \(index)")
            try checkConst(g.initializer, g.type.type, globalsVisible: index, "global \(index)")
        }
        var names = Set<String>()
        for e in module.exports {
            guard names.insert(e.name).inserted else { throw fail("duplicate export name \"\(e.name)\"") }
            switch e.kind {
            case .function(let i) where Int(i) >= context.functions.count:
                throw fail("unknown function \(i) in export \"\(e.name)\"")
            case .table(let i) where Int(i) >= context.tables.count:
                throw fail("unknown table \(i) in export \"\(e.name)\"")
            case .memory(let i) where Int(i) >= context.memories.count:
                throw fail("unknown memory \(i) in export \"\(e.name)\"")
            case .global(let i) where Int(i) >= context.globals.count:
                throw fail("unknown global \(i) in export \"\(e.name)\"")
            default: break
            }
        }
        if let start = module.start {
            guard let t = context.type(ofFunction: start) else {
                throw fail("unknown function \(start) as start function")
            }
            if !t.params.isEmpty || !t.results.isEmpty {
                throw fail("start function must have type [] -> [], function \(start) has \(t)")
            }
        }
        for (i, e) in module.elements.enumerated() {
            let what = "elem segment \(i)"
            try checkValueType(.ref(e.type), what)
            for item in e.items {
                try checkConst(item, .ref(e.type), globalsVisible: context.globals.count, what)
            }
            if case .active(let table, let offset) = e.mode {
                guard Int(table) < context.tables.count else {
                    throw fail("unknown table \(table) in \(what)")
                }
                try checkConst(offset, .i32, globalsVisible: context.globals.count, what)
                if !context.isSubtype(e.type, context.tables[Int(table)].element) {
                    throw fail(
                        "type mismatch: \(what) of \(e.type) into table \(table) of \(context.tables[Int(table)].element)"
                    )
                }
            }
        }
        for (i, d) in module.data.enumerated() {
            if case .active(let memory, let offset) = d.mode {
                guard Int(memory) < context.memories.count else {
                    throw fail("unknown memory \(memory) in data segment \(i)")
                }
                try checkConst(offset, .i32, globalsVisible: context.globals.count, "data segment \(i)")
            }
        }
        for (i, f) in module.functions.enumerated() {
            var checker = FunctionChecker(
                context: context, function: f, index: i,
                functionIndex: UInt32(module.importedFunctionCount + i),
                offsets: module.sourceMap?.instructionOffsets.count ?? 0 > i
                    ? module.sourceMap?.instructionOffsets[i] : nil,
                file: file)
            try checker.check()
        }
    }

    /// A constant expression producing `expected`: constants, `ref.null`, `ref.func`,
    /// `global.get` of an immutable global among the first `globalsVisible`, and the
    /// extended-const integer `add`/`sub`/`mul`.
    func checkConst(_ expr: [Instruction], _ expected: ValueType, globalsVisible: Int, _ what: String)
        throws(WasmError)
    {
        var stack: [ValueType] = []
        func pop(_ t: ValueType) throws(WasmError) {
            guard let top = stack.popLast(), context.isSubtype(top, t) else {
                throw fail("type mismatch in the constant expression of \(what)")
            }
        }
        for inst in expr {
            switch inst {
            case .i32Const: stack.append(.i32)
            case .i64Const: stack.append(.i64)
            case .f32Const: stack.append(.f32)
            case .f64Const: stack.append(.f64)
            case .refNull(let h):
                try checkValueType(.ref(RefType(nullable: true, heap: h)), what)
                stack.append(.ref(RefType(nullable: true, heap: h)))
            case .refFunc(let f):
                guard Int(f) < context.functions.count else {
                    throw fail("unknown function \(f) in \(what)")
                }
                stack.append(.ref(RefType(nullable: false, heap: .concrete(context.functions[Int(f)]))))
            case .globalGet(let g):
                guard Int(g) < context.globals.count, Int(g) < globalsVisible else {
                    throw fail("unknown global \(g) in the constant expression of \(what)")
                }
                if context.globals[Int(g)].mutable {
                    throw fail("constant expression required: \(what) reads mutable global \(g)")
                }
                stack.append(context.globals[Int(g)].type)
            case .numeric(let op)
            where [.i32Add, .i32Sub, .i32Mul, .i64Add, .i64Sub, .i64Mul].contains(op):
                let t = op.signature.result
                try pop(t)
                try pop(t)
                stack.append(t)
            default:
                throw fail("constant expression required: \(inst.mnemonic) in \(what)")
            }
        }
        guard stack.count == 1, context.isSubtype(stack[0], expected) else {
            throw fail("type mismatch: the constant expression of \(what) must give \(expected)")
        }
    }
}
