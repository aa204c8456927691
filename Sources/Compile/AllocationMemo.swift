import Passes
import Synchronization
import Thumb

/// What allocation and layout (`ModuleCompiler.allocateAndLay`) made of each machine function
/// they were given in one compilation of a module, so that a function reaching them again
/// unchanged is not allocated again: the trials of a thorough compile (address bases,
/// invariant addresses, native pointers) often select the same code as the plain compile,
/// and a function's thorough compile starts with the very allocation its estimate made.
///
/// Invariant: an entry is exactly what `allocateAndLay` returns (or throws) for its key, its
/// figures for the pass log included. Allocation and layout read nothing but the machine
/// function, the splitting settings and `spillEverywhere` (calls carry their clobbers in
/// their `defs`), so equal keys give equal outputs, and a hit is byte-identical to a run. The
/// entries hold at most `instructionBudget` machine instructions in their keys: past it the
/// memo starts afresh (which entries are kept changes the time taken, never an output).
final class AllocationMemo: Sendable {
    struct Key: Hashable, Sendable {
        var machine: MachineFunction
        var splitting: Bool
        var pieceLimit: Int?
        var spillEverywhere: Bool
    }

    /// What allocation and layout made of a key (its figures in `Allocated.log`).
    typealias Entry = Result<ModuleCompiler.Allocated, CompileError>

    /// The most machine instructions the keys hold together (some 100 bytes each).
    static let instructionBudget = 1 << 19

    private struct State {
        var entries: [Key: Entry] = [:]
        var instructions = 0
    }

    private let state = Mutex(State())

    init() {}

    func entry(_ key: Key) -> Entry? { state.withLock { $0.entries[key] } }

    func record(_ key: Key, _ entry: Entry) {
        state.withLock { state in
            let size = key.machine.code.count
            if state.instructions + size > Self.instructionBudget { state = State() }
            state.entries[key] = entry
            state.instructions += size
        }
    }
}
