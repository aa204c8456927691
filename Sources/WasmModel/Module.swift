/// A decoded WebAssembly module: every section as plain values, indices as in the binary.
///
/// Invariants kept by the decoder (and expected by the encoder): `functions` holds only the
/// defined functions, so function index `i` names `imports`' i-th function import when
/// `i < importedFunctionCount` and `functions[i - importedFunctionCount]` otherwise (the same
/// for tables, memories and globals). Constant expressions are stored without their final
/// `end`. Nothing here is validated: `WasmValidate` checks types and indices.
public struct Module: Hashable, Sendable {
    public var types: [FuncType] = []
    public var imports: [Import] = []
    public var functions: [Function] = []
    public var tables: [Table] = []
    public var memories: [Limits] = []
    public var globals: [Global] = []
    public var exports: [Export] = []
    public var start: UInt32?
    public var elements: [ElementSegment] = []
    public var data: [DataSegment] = []
    /// The data count section's value, if the module had one (bulk memory needs it for
    /// `memory.init` and `data.drop`).
    public var dataCount: UInt32?
    /// Custom sections other than `name`, in order, each with where it stood.
    public var customSections: [CustomSection] = []
    /// The `name` custom section, decoded so that passes that renumber can keep it true.
    /// It is always written last, after the data section, as the spec recommends.
    public var names: NameSection?
    /// Byte offsets of the input, when the module was decoded from a binary; for errors.
    public var sourceMap: SourceMap?
    /// Where the code and data hold linear-memory addresses, when the binary carried the
    /// linker's relocations (`wasm-ld --emit-relocs`). True of the module as decoded only:
    /// a pass that changes code or data must drop it (`MemoryRelocations`).
    public var memoryRelocations: MemoryRelocations?

    public init() {}

    public var importedFunctionCount: Int {
        imports.count { if case .function = $0.kind { true } else { false } }
    }
    public var importedTableCount: Int {
        imports.count { if case .table = $0.kind { true } else { false } }
    }
    public var importedMemoryCount: Int {
        imports.count { if case .memory = $0.kind { true } else { false } }
    }
    public var importedGlobalCount: Int {
        imports.count { if case .global = $0.kind { true } else { false } }
    }

    /// The type index of every function in the function index space, imports first.
    public var functionTypeIndices: [UInt32] {
        var result: [UInt32] = []
        for imp in imports { if case .function(let t) = imp.kind { result.append(t) } }
        for f in functions { result.append(f.type) }
        return result
    }

    /// Every table type in the table index space, imports first.
    public var allTables: [TableType] {
        var result: [TableType] = []
        for imp in imports { if case .table(let t) = imp.kind { result.append(t) } }
        for t in tables { result.append(t.type) }
        return result
    }

    /// Every memory type in the memory index space, imports first.
    public var allMemories: [Limits] {
        var result: [Limits] = []
        for imp in imports { if case .memory(let m) = imp.kind { result.append(m) } }
        return result + memories
    }

    /// Every global type in the global index space, imports first.
    public var allGlobals: [GlobalType] {
        var result: [GlobalType] = []
        for imp in imports { if case .global(let g) = imp.kind { result.append(g) } }
        for g in globals { result.append(g.type) }
        return result
    }

    /// The parameters and results of a `block`, `loop` or `if` of type `bt`: none for
    /// `.empty`, one result for `.value`, the type section's entry for `.index`. Nil when the
    /// index is outside the type section.
    public func blockSignature(_ bt: BlockType) -> FuncType? {
        switch bt {
        case .empty: FuncType()
        case .value(let t): FuncType(results: [t])
        case .index(let i): types.indices.contains(Int(i)) ? types[Int(i)] : nil
        }
    }

    /// The name of function `index` from the name section or an export, if it has one.
    public func functionName(_ index: UInt32) -> String? {
        if let name = names?.functions[index] { return name }
        for e in exports where e.kind == .function(index) { return e.name }
        return nil
    }

    /// The shadow stack's pointer as LLVM's Wasm ABI names it: the mutable i32 global called
    /// `__stack_pointer` in the name section, or imported under that name.
    public var stackPointer: UInt32? {
        let globals = allGlobals
        func isPointer(_ g: UInt32) -> Bool {
            globals.indices.contains(Int(g)) && globals[Int(g)] == GlobalType(type: .i32, mutable: true)
        }
        if let (g, _) = names?.globals.first(where: { $0.value == "__stack_pointer" }), isPointer(g) { return g }
        var index: UInt32 = 0
        for imp in imports {
            guard case .global = imp.kind else { continue }
            if imp.name == "__stack_pointer" && isPointer(index) { return index }
            index += 1
        }
        return nil
    }
}

/// A function defined in the module: its signature's type index, its declared locals (the
/// parameters not included) and its body, whose last instruction is the closing `end`.
public struct Function: Hashable, Sendable {
    public var type: UInt32
    public var locals: [ValueType]
    public var body: [Instruction]

    public init(type: UInt32, locals: [ValueType] = [], body: [Instruction]) {
        self.type = type
        self.locals = locals
        self.body = body
    }
}

public struct Import: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case function(UInt32)
        case table(TableType)
        case memory(Limits)
        case global(GlobalType)
    }

    public var module: String
    public var name: String
    public var kind: Kind

    public init(module: String, name: String, kind: Kind) {
        self.module = module
        self.name = name
        self.kind = kind
    }
}

public struct Export: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case function(UInt32)
        case table(UInt32)
        case memory(UInt32)
        case global(UInt32)
    }

    public var name: String
    public var kind: Kind

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }
}

/// A defined table and, for non-nullable element types, the expression every slot starts as.
public struct Table: Hashable, Sendable {
    public var type: TableType
    public var initializer: [Instruction]?

    public init(type: TableType, initializer: [Instruction]? = nil) {
        self.type = type
        self.initializer = initializer
    }
}

public struct Global: Hashable, Sendable {
    public var type: GlobalType
    /// A constant expression, without its final `end`.
    public var initializer: [Instruction]

    public init(type: GlobalType, initializer: [Instruction]) {
        self.type = type
        self.initializer = initializer
    }
}

/// An element segment: references that initialize a table (active), are copied in by
/// `table.init` (passive), or only declare functions referable (declarative).
public struct ElementSegment: Hashable, Sendable {
    public enum Mode: Hashable, Sendable {
        case active(table: UInt32, offset: [Instruction])
        case passive
        case declarative
    }

    public var type: RefType
    /// One constant expression per element (a function index is stored as `ref.func i`).
    public var items: [[Instruction]]
    public var mode: Mode

    public init(type: RefType, items: [[Instruction]], mode: Mode) {
        self.type = type
        self.items = items
        self.mode = mode
    }
}

public struct DataSegment: Hashable, Sendable {
    public enum Mode: Hashable, Sendable {
        case active(memory: UInt32, offset: [Instruction])
        case passive
    }

    public var mode: Mode
    public var bytes: [UInt8]

    public init(mode: Mode, bytes: [UInt8]) {
        self.mode = mode
        self.bytes = bytes
    }
}

/// A custom section kept byte for byte. `after` is the id of the standard section it followed
/// in the input (0 when it came before all of them), so the encoder can put it back there.
public struct CustomSection: Hashable, Sendable {
    public var name: String
    public var bytes: [UInt8]
    public var after: UInt8

    public init(name: String, bytes: [UInt8], after: UInt8) {
        self.name = name
        self.bytes = bytes
        self.after = after
    }
}

/// The `name` custom section (module, function, local and other names), by index.
public struct NameSection: Hashable, Sendable {
    public var module: String?
    public var functions: [UInt32: String] = [:]
    public var locals: [UInt32: [UInt32: String]] = [:]
    public var labels: [UInt32: [UInt32: String]] = [:]
    public var types: [UInt32: String] = [:]
    public var tables: [UInt32: String] = [:]
    public var memories: [UInt32: String] = [:]
    public var globals: [UInt32: String] = [:]
    public var elements: [UInt32: String] = [:]
    public var data: [UInt32: String] = [:]

    public init() {}

    /// The names whose indices exist in `module`; names of nothing are dropped.
    public func pruned(for module: Module) -> NameSection {
        var result = self
        let functionCount = UInt32(module.functionTypeIndices.count)
        let imported = module.importedFunctionCount
        let typeIndices = module.functionTypeIndices
        func localCount(_ f: UInt32) -> Int {
            guard f < functionCount, Int(typeIndices[Int(f)]) < module.types.count else { return 0 }
            let params = module.types[Int(typeIndices[Int(f)])].params.count
            return params + (Int(f) >= imported ? module.functions[Int(f) - imported].locals.count : 0)
        }
        func keep(_ map: [UInt32: String], below n: Int) -> [UInt32: String] {
            map.filter { Int($0.key) < n }
        }
        result.functions = keep(functions, below: Int(functionCount))
        result.locals = [:]
        for (f, names) in locals where f < functionCount {
            result.locals[f] = keep(names, below: localCount(f))
        }
        result.labels = labels.filter { $0.key < functionCount }
        result.types = keep(types, below: module.types.count)
        result.tables = keep(tables, below: module.allTables.count)
        result.memories = keep(memories, below: module.allMemories.count)
        result.globals = keep(globals, below: module.allGlobals.count)
        result.elements = keep(elements, below: module.elements.count)
        result.data = keep(data, below: module.data.count)
        return result
    }
}

/// Where things were in the input binary, for error messages.
public struct SourceMap: Hashable, Sendable {
    /// For each defined function, the byte offset of each instruction of its body.
    public var instructionOffsets: [[Int]] = []
    /// For each defined function, the byte offset where its body starts (its locals
    /// declaration): what code metadata sections (`metadata.code.*`) count offsets from.
    public var bodyStarts: [Int] = []

    public init(instructionOffsets: [[Int]] = [], bodyStarts: [Int] = []) {
        self.instructionOffsets = instructionOffsets
        self.bodyStarts = bodyStarts
    }
}

extension Module {
    /// Replaces every instruction of the module one for one: function bodies and the
    /// constant expressions (global initializers, element and data offsets, element items,
    /// table initializers). For passes that renumber or substitute (globals, say).
    public mutating func mapInstructions(_ transform: (Instruction) -> Instruction) {
        func map(_ code: [Instruction]) -> [Instruction] { code.map(transform) }
        for i in functions.indices { functions[i].body = map(functions[i].body) }
        for i in globals.indices { globals[i].initializer = map(globals[i].initializer) }
        for i in elements.indices {
            if case .active(let table, let offset) = elements[i].mode {
                elements[i].mode = .active(table: table, offset: map(offset))
            }
            elements[i].items = elements[i].items.map(map)
        }
        for i in data.indices {
            if case .active(let memory, let offset) = data[i].mode {
                data[i].mode = .active(memory: memory, offset: map(offset))
            }
        }
        for i in tables.indices { tables[i].initializer = tables[i].initializer.map(map) }
    }
}
