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
    /// Bytes reserved for linear memory: its declared maximum (at most `growthLimit`) when the
    /// module grows it, else its initial size. `memory.grow` succeeds up to it.
    var reservedBytes: UInt64
    var functionTypes: [FuncType]
    var functionSymbols: [String]
    var globalSymbols: [String]
    var globalTypes: [GlobalType]
    /// Immutable globals with a constant initializer: their value.
    var globalConstants: [Int: UInt64]
    var tableSymbol: String
    var tableSize: Int
    /// The canonical id of each type index (equal signatures share one).
    var typeIDs: [UInt32]
    /// Allocate every function by the register allocator's last resort (for tests).
    var spillEverywhere = false
    static let memorySymbol = "weft_memory"
    /// The most bytes reserved for a memory that grows (1 MiB: more than a Cortex-M3 has).
    static let growthLimit: UInt64 = 1 << 20
    /// A word in `.data`: the memory's current size in bytes, when it can grow.
    static let memorySizeSymbol = "weft_memory_size"

    /// Whether the memory can grow (its size is then the word at `memorySizeSymbol`).
    var growable: Bool { reservedBytes > memoryBytes }
}
