import Rules
import WasmModel

/// What every function of a module shares while it is compiled: types, symbols of functions
/// and globals, the memory model and size, the table.
///
/// Invariant: `functionSymbols` and `functionTypes` are indexed by function index (imports
/// first), `globalSymbols` and `globalTypes` by global index; `typeIDs` gives equal
/// signatures one id.
struct CompileContext: Sendable {
    var module: Module
    var tiles: TileSet
    var memory: MemoryModel
    /// Bytes of linear memory at instantiation (its initial size).
    var memoryBytes: UInt64
    /// Bytes of storage `weft_memory` spans (`MemoryReservation`): when the code grows the
    /// memory, the room `memory.grow` succeeds up to; else the initial size, or less when
    /// the reservation says the code uses less (never under `checked`).
    var reservedBytes: UInt64
    /// Whether some `memory.grow` can succeed (the reserve has room past the initial size).
    var grows = false
    /// Where `reservedBytes` comes from (`MemoryReservation.source`), for error messages.
    var reservationSource = ""
    /// `linked`: the passive segment `prepare` added that holds the memory's initialized part
    /// (its active segments, merged), which `weft_init` copies in (`copyImage`).
    var imageSegment: Int?
    /// `mpu`: the region linear memory lies in, which `weft_init` programs.
    var mpu: MPURegion?
    /// The index of `weft_init`, when the module has one.
    var initFunction: Int?
    var functionTypes: [FuncType]
    var functionSymbols: [String]
    var globalSymbols: [String]
    var globalTypes: [GlobalType]
    /// Immutable globals with a constant initializer: their value.
    var globalConstants: [Int: UInt64]
    /// Every table (imports first: none, weft refuses imported tables), by table index.
    var tables: [TableLayout]
    /// The canonical id of each type index (equal signatures share one).
    var typeIDs: [UInt32]
    /// Whether `call_indirect` through a parameter is looked up at the entry (`ResolvedCallee`).
    var resolvesCallees = true
    /// The stack pointer global whose frames go to the native stack (`NativeFrame`), or nil.
    var frameStackPointer: Int?
    /// Allocate every function by the register allocator's last resort (for tests).
    var spillEverywhere = false
    /// `CompileOptions.everyNativePointer`.
    var everyNativePointer = false
    /// What a call to each function already compiled writes, by function index
    /// (`CallClobbers`); a callee without an entry writes all of `callClobbers`.
    var calleeClobbers: [Int: [VReg]] = [:]
    /// Each function's index by its symbol (`functionSymbols` inverted), for `CallClobbers`.
    var functionIndex: [String: Int] = [:]
    /// The parameters each function receives as physical addresses, by function index
    /// (`ModuleCompiler.nativeParameters`).
    var nativeParameters: [Int: Set<Int>] = [:]
    /// `relocated`: the address each address global stands for, by global index, as the
    /// compiler names it (`RelocatedLayout.virtual`: its piece above bit 32).
    var addressConstants: [Int: UInt64] = [:]
    /// `relocated`: the globals whose initial value is an address (relocated in `.data`).
    var addressGlobals: Set<Int> = []
    /// `relocated`: function pointers are the functions' addresses
    /// (`RelocatedAddresses.functionPointersAreAddresses`), and the function each
    /// function-pointer global stands for, by global index.
    var functionPointersAreAddresses = false
    var functionPointers: [Int: Int] = [:]
    /// `relocated`: where the parts of linear memory lie (`RelocatedLayout`).
    var relocatedLayout: RelocatedLayout?
    /// What allocation and layout made of each machine function so far (shared by copies).
    var allocations = AllocationMemo()
    static let memorySymbol = "weft_memory"

    /// The symbol and addend of the machine address of Wasm address `address` (under
    /// `relocated`, a virtual address: its piece's symbol), for a literal.
    func memoryReference(_ address: UInt64) -> (symbol: String, addend: UInt32) {
        relocatedLayout?.reference(address) ?? (Self.memorySymbol, UInt32(truncatingIfNeeded: address))
    }
    /// The most bytes reserved for a memory that grows (1 MiB: more than a Cortex-M3 has).
    static let growthLimit: UInt64 = 1 << 20
    /// A word in `.data`: the memory's current size in bytes, when it can grow.
    static let memorySizeSymbol = "weft_memory_size"

    /// Whether the memory can grow (its size is then the word at `memorySizeSymbol`).
    var growable: Bool { grows && reservedBytes > memoryBytes }
}

/// One table as compiled code lays it out: `reserved` words at `symbol`, each a reference
/// (a funcref is the address of its function's record `functionRecordSymbol`, an externref
/// the host's word; null is 0). A table the code grows has its current size in entries in a
/// word at `sizeSymbol`; any other's size is `initial` for good.
///
/// Invariant: `initial <= reserved`; `reserved > initial` only for a table some `table.grow`
/// names (`growable`); `symbol` is `weft_table` for table 0.
struct TableLayout: Sendable, Hashable {
    var symbol: String
    var element: RefType
    /// Entries at instantiation.
    var initial: Int
    /// Entries of storage: up to the declared maximum (at most `entryLimit`) when the code
    /// grows the table, else `initial`.
    var reserved: Int
    /// Whether code or the host may write it (it lies in `.data`, else in `.rodata`).
    var writable: Bool
    /// The name a table export gives it too (a global alias of `symbol`).
    var exportName: String?

    /// The most entries reserved for a table that grows (16 KiB of words).
    static let entryLimit = 4096

    var growable: Bool { reserved > initial }
    /// A word in `.data`: the current size in entries, when the table can grow.
    var sizeSymbol: String { symbol + "_size" }

    /// Table `k`'s symbol: `weft_table` for table 0 (as before there were several).
    static func symbol(_ k: Int) -> String { k == 0 ? "weft_table" : "weft_table_\(k)" }
}

extension CompileContext {
    /// The record a funcref to function `k` points to, in `.rodata`: the function's Thumb
    /// address, then its signature id (`call_indirect` checks it).
    static func functionRecordSymbol(_ k: Int) -> String { functionRecordPrefix + String(k) }

    /// What every function record's symbol starts with.
    static let functionRecordPrefix = "weft_funcref_"

    /// The symbols of element segment `k`: its items (`.rodata`, one reference a word) and
    /// its length (a word in `.data`, 0 once dropped; an active or declarative segment's is
    /// 0 from the start, as Wasm drops them at instantiation).
    static func elementSymbols(_ k: Int) -> (items: String, length: String) {
        ("weft_elem_\(k)", "weft_elem_length_\(k)")
    }
}

extension ValueType {
    /// The type compiled code gives the value: a reference is an i32 word (see `TableLayout`).
    var machine: ValueType { isReference ? .i32 : self }
}

extension FuncType {
    /// Parameters and results as `ValueType.machine` gives them.
    var machine: FuncType { FuncType(params: params.map(\.machine), results: results.map(\.machine)) }
}
