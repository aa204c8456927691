/// Where a module linked by `wasm-ld --emit-relocs` uses an address of its linear memory, read
/// from its `reloc.CODE`, `reloc.DATA` and `linking` sections (the tool-conventions' linking
/// format): the sites a compiler may move the memory by rewriting, as a native linker does.
///
/// Invariants kept by the decoder: every code site names a defined function's instruction
/// that is an `i32.const` (`.constant`) or a load or store (`.offset`, its memarg offset);
/// every data word lies inside its active segment; sites are sorted and unique. An address
/// is the value the module holds there (the linker wrote symbol + addend), so moving the
/// memory by `d` adds `d` at every site and to `globals`' initial values.
public struct MemoryRelocations: Hashable, Sendable {
    /// What a code site's address is.
    public enum Use: Hashable, Sendable {
        /// The instruction is `i32.const A`: the value A is an address.
        case constant
        /// The instruction is a load or store whose memarg offset is an address
        /// (`global_array[i]` as `i32.load offset=&global_array (i * 4)`).
        case offset
    }

    /// One instruction holding an address.
    public struct CodeSite: Hashable, Sendable, Comparable {
        /// The defined function (index into `Module.functions`, imports not counted).
        public var function: Int
        /// The instruction's index in the function's body.
        public var instruction: Int
        public var use: Use
        /// The relocation's addend: the address less it is its symbol's (the object it lies
        /// in or past, as `&array[n]` is `array + 4n`).
        public var addend: Int32

        public init(function: Int, instruction: Int, use: Use, addend: Int32 = 0) {
            self.function = function
            self.instruction = instruction
            self.use = use
            self.addend = addend
        }

        public static func < (a: CodeSite, b: CodeSite) -> Bool {
            (a.function, a.instruction) < (b.function, b.instruction)
        }
    }

    /// A little-endian 32-bit word of an active data segment holding an address.
    public struct DataWord: Hashable, Sendable, Comparable {
        /// The segment (index into `Module.data`).
        public var segment: Int
        /// The word's byte offset in the segment's bytes.
        public var offset: Int
        /// The relocation's addend (as `CodeSite.addend`).
        public var addend: Int32

        public init(segment: Int, offset: Int, addend: Int32 = 0) {
            self.segment = segment
            self.offset = offset
            self.addend = addend
        }

        public static func < (a: DataWord, b: DataWord) -> Bool { (a.segment, a.offset) < (b.segment, b.offset) }
    }

    public var code: [CodeSite] = []
    public var data: [DataWord] = []
    /// The `i32.const`s that are a function's table index (`&f` in C: a function pointer),
    /// and the data words holding one (a table of handlers): `R_WASM_TABLE_INDEX_SLEB` and
    /// `R_WASM_TABLE_INDEX_I32`.
    public var functionCode: [CodeSite] = []
    public var functionData: [DataWord] = []
    /// Whether those are every function pointer the module makes: false when a table index
    /// relocation of another kind (position-independent, 64-bit) was seen.
    public var functionPointersComplete = true
    /// Globals (in the global index space) whose initial value is an address: the linker's
    /// `__stack_pointer`, `__heap_base`, `__data_end`, ... (their initializers carry no
    /// relocation; the linking section's symbols name them).
    public var globals: [UInt32] = []

    public init(code: [CodeSite] = [], data: [DataWord] = [], globals: [UInt32] = []) {
        self.code = code
        self.data = data
        self.globals = globals
    }

    /// The names of the globals `wasm-ld` defines whose values are memory addresses.
    public static let addressGlobalNames: Set<String> = [
        "__stack_pointer", "__heap_base", "__heap_end", "__data_end", "__global_base",
        "__stack_low", "__stack_high", "__memory_base",
    ]
}

extension Module {
    /// This module with its linear memory's contents moved up by `delta` bytes, as a native
    /// linker places a section: every address its relocations name (code constants and memarg
    /// offsets, data words, the linker's address globals) and every active data segment's
    /// offset gain `delta`, and memory 0 grows by `delta / 65536` pages, so the moved module
    /// computes what the original did with every address `delta` higher (what it reads
    /// below `delta` is zeros nobody wrote).
    ///
    /// `delta` must be a multiple of the page size (alignment computations on addresses stay
    /// true). Throws when the module carries no relocations, when a memarg offset or the
    /// memory's size would pass what memory32 holds, or when a segment's or an address
    /// global's initializer is not an `i32.const`. The result keeps no relocations.
    public func movingMemory(by delta: UInt32) throws(WasmError) -> Module {
        guard let relocations = memoryRelocations else {
            throw WasmError(
                location: .unknown,
                message: "the module carries no relocations: link it with wasm-ld --emit-relocs")
        }
        guard delta % 65536 == 0 else {
            throw WasmError(location: .unknown, message: "a memory move must be a whole number of 64 KiB pages")
        }
        var moved = self
        moved.memoryRelocations = nil
        let d = Int32(bitPattern: delta)
        for site in relocations.code {
            let at = WasmError.Location.instruction(
                function: UInt32(importedFunctionCount + site.function), index: site.instruction)
            switch moved.functions[site.function].body[site.instruction] {
            case .i32Const(let v):
                moved.functions[site.function].body[site.instruction] = .i32Const(v &+ d)
            case .load(let op, var arg):
                arg.offset += UInt64(delta)
                guard arg.offset <= UInt64(UInt32.max) else {
                    throw WasmError(location: at, message: "a moved memarg offset passes 2^32")
                }
                moved.functions[site.function].body[site.instruction] = .load(op, arg)
            case .store(let op, var arg):
                arg.offset += UInt64(delta)
                guard arg.offset <= UInt64(UInt32.max) else {
                    throw WasmError(location: at, message: "a moved memarg offset passes 2^32")
                }
                moved.functions[site.function].body[site.instruction] = .store(op, arg)
            default:
                throw WasmError(location: at, message: "a relocation names an instruction that holds no address")
            }
        }
        for word in relocations.data {
            var bytes = moved.data[word.segment].bytes
            var value: UInt32 = 0
            for k in 0..<4 { value |= UInt32(bytes[word.offset + k]) << (8 * k) }
            value &+= delta
            for k in 0..<4 { bytes[word.offset + k] = UInt8(truncatingIfNeeded: value >> (8 * k)) }
            moved.data[word.segment].bytes = bytes
        }
        for (k, segment) in moved.data.enumerated() {
            guard case .active(let memory, let offset) = segment.mode else { continue }
            guard offset.count == 1, case .i32Const(let v) = offset[0] else {
                throw WasmError(location: .unknown, message: "data segment \(k)'s offset is not an i32.const")
            }
            moved.data[k].mode = .active(memory: memory, offset: [.i32Const(v &+ d)])
        }
        let importedGlobals = importedGlobalCount
        for g in relocations.globals where Int(g) >= importedGlobals {
            let k = Int(g) - importedGlobals
            guard moved.globals[k].initializer.count == 1, case .i32Const(let v) = moved.globals[k].initializer[0]
            else {
                throw WasmError(location: .unknown, message: "address global \(g)'s initializer is not an i32.const")
            }
            moved.globals[k].initializer = [.i32Const(v &+ d)]
        }
        let pages = UInt64(delta / 65536)
        func grown(_ limits: Limits) throws(WasmError) -> Limits {
            var limits = limits
            limits.min += pages
            limits.max = limits.max.map { $0 + pages }
            guard limits.min <= 65536, (limits.max ?? 0) <= 65536 else {
                throw WasmError(location: .unknown, message: "the moved memory would pass 4 GiB")
            }
            return limits
        }
        if let k = moved.imports.firstIndex(where: { if case .memory = $0.kind { true } else { false } }),
            case .memory(let limits) = moved.imports[k].kind
        {
            moved.imports[k].kind = .memory(try grown(limits))
        } else if !moved.memories.isEmpty {
            moved.memories[0] = try grown(moved.memories[0])
        }
        return moved
    }
}
