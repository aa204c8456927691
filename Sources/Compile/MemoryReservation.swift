import WasmModel

/// How many bytes of storage linear memory gets in the object (what `weft_memory` spans), and
/// why: `--memory-size` when given, else what the module says it uses.
///
/// - Given (`CompileOptions.memorySize`): the reserve is that many bytes, but never more than
///   the module can use (its initial size, or its declared maximum when it grows the memory).
///   Less than the initial size is refused under `checked` (Wasm's bounds would move) and
///   whenever the code reads `memory.size` or grows the memory (it would be told of memory
///   that is not there); `identity` takes no size (its memory is linked at 0, whole).
/// - Not given, under `linked` and `mpu`: LLVM's own figures when the module has them — the end of its
///   data, the initial `__stack_pointer` (the stack's top: LLVM's Wasm layout puts the stack
///   after the data or before it), `__heap_base` and `__data_end` — rounded up to 8 bytes and
///   at most the initial size; without any of those, or when the code reads `memory.size` or
///   grows the memory, the initial size (and the growth room).
/// - Otherwise as weft always did: the initial size, or the room up to the declared maximum
///   (at most `CompileContext.growthLimit`) when the code grows the memory.
///
/// Invariant: `bytes >= initialBytes` unless the model is `linked`, `mpu` or `base` and no code reads
/// `memory.size` or grows the memory; `grows` only when `bytes > initialBytes`.
public struct MemoryReservation: Sendable, Hashable {
    /// Bytes of the memory at instantiation (its initial pages).
    public var initialBytes: UInt64
    /// Bytes reserved for it.
    public var bytes: UInt64
    /// Whether `memory.grow` can succeed (up to `bytes`).
    public var grows: Bool
    /// Where `bytes` comes from, for `--stats` ("the module's 2 pages", "__stack_pointer", ...).
    public var source: String
    /// Where its parts lie: `weft_memory` from address 0 for all of it, but under `relocated`
    /// (`RelocatedLayout`).
    public var pieces: [MemoryPiece] = []

    init(initialBytes: UInt64, bytes: UInt64, grows: Bool, source: String) {
        self.initialBytes = initialBytes
        self.bytes = bytes
        self.grows = grows
        self.source = source
        pieces = [MemoryPiece(symbol: CompileContext.memorySymbol, start: 0, end: bytes, initialized: false)]
    }

    /// The most a reserve may be: the Cortex-M SRAM region (0x20000000–0x3FFFFFFF).
    static let sramBytes: UInt64 = 0x2000_0000

    /// The reservation of `module`'s memory under `model`, `requested` bytes when given;
    /// `globals` holds the constant initial value of each global that has one.
    static func make(
        _ module: Module, model: MemoryModel, requested: UInt64?, globals: [Int: UInt64]
    ) throws(CompileError) -> MemoryReservation {
        let memory = module.allMemories.first
        let initial = (memory?.min ?? 0) * 65536
        guard initial <= 1 << 31 else { throw CompileError("a memory of \(initial) bytes does not fit Cortex-M") }
        let pages = "the module's \(initial / 65536) page\(initial == 65536 ? "" : "s")"
        var growing = false
        var sizing = false
        for f in module.functions {
            for i in f.body {
                switch i {
                case .memoryGrow: growing = true
                case .memorySize: sizing = true
                default: break
                }
            }
        }
        let declared = memory?.max.map { $0 * 65536 }

        guard let requested else {
            // A memory the code grows gets room up to its declared maximum, at most
            // `growthLimit`; past that, and without a maximum, growing fails (-1).
            if growing, let declared {
                let room = max(initial, min(declared, CompileContext.growthLimit))
                return MemoryReservation(
                    initialBytes: initial, bytes: room, grows: room > initial,
                    source: "memory.grow up to the declared maximum of \(room / 65536) pages")
            }
            if model.placedByLinker, !growing, !sizing, let (used, what) = Self.used(module, globals: globals),
                used < initial
            {
                return MemoryReservation(initialBytes: initial, bytes: used, grows: false, source: what)
            }
            return MemoryReservation(initialBytes: initial, bytes: initial, grows: false, source: pages)
        }
        guard requested <= sramBytes else {
            throw CompileError(
                "--memory-size \(requested) is more than the \(sramBytes) bytes of a Cortex-M's SRAM region")
        }
        guard model != .identity else {
            throw CompileError(
                "--memory-size does not apply to --memory identity (linear memory is linked at address 0, all \(initial) bytes)"
            )
        }
        if requested < initial {
            if model == .checked {
                throw CompileError(
                    "--memory-size \(requested) is less than the memory's \(initial) bytes (\(pages)), and --memory checked keeps Wasm's bounds; reserve at least \(initial) or use --memory linked or base"
                )
            }
            if growing || sizing {
                let what = growing ? "memory.grow" : "memory.size"
                throw CompileError(
                    "--memory-size \(requested) is less than the memory's \(initial) bytes (\(pages)), which the code's \(what) would report; reserve at least \(initial)"
                )
            }
            return MemoryReservation(initialBytes: initial, bytes: requested, grows: false, source: "--memory-size")
        }
        // At least the initial size: more only helps a memory that grows (up to its maximum).
        guard growing else {
            return MemoryReservation(
                initialBytes: initial, bytes: initial, grows: false, source: "\(pages) (--memory-size allows more)")
        }
        let room = min(requested, declared ?? requested) / 65536 * 65536
        return MemoryReservation(
            initialBytes: initial, bytes: max(initial, room), grows: room > initial,
            source: "--memory-size, memory.grow up to \(max(initial, room) / 65536) pages")
    }

    /// What LLVM's Wasm layout says the module uses: the end of its active data, the initial
    /// `__stack_pointer`, `__heap_base` and `__data_end` (each when known), the largest,
    /// rounded up to 8 bytes, and what it is; nil when the module has none of the three
    /// globals (then nothing says where its memory use ends).
    static func used(_ module: Module, globals: [Int: UInt64]) -> (UInt64, String)? {
        var marks: [(UInt64, String)] = []
        if let sp = module.stackPointer, let v = globals[Int(sp)] {
            marks.append((v & 0xFFFF_FFFF, "the initial __stack_pointer"))
        }
        for name in ["__heap_base", "__data_end"] {
            var index: UInt32?
            for e in module.exports where e.name == name {
                if case .global(let g) = e.kind { index = g }
            }
            if index == nil { index = module.names?.globals.first(where: { $0.value == name })?.key }
            if let g = index, module.allGlobals.indices.contains(Int(g)), module.allGlobals[Int(g)].type == .i32,
                let v = globals[Int(g)]
            {
                marks.append((v & 0xFFFF_FFFF, name))
            }
        }
        guard !marks.isEmpty else { return nil }
        for (k, seg) in module.data.enumerated() {
            guard case .active(_, let offset) = seg.mode,
                let start = ModuleCompiler.constantValue(offset, globals: globals)
            else { continue }
            marks.append(((start & 0xFFFF_FFFF) + UInt64(seg.bytes.count), "the end of data segment \(k)"))
        }
        guard let top = marks.max(by: { $0.0 < $1.0 }) else { return nil }
        return ((top.0 + 7) / 8 * 8, "\(top.1) (\(top.0))")
    }
}

/// One part of linear memory as the object holds it: Wasm addresses `[start, end)` at the
/// symbol `symbol`, initialized in `.data` or zero in `.bss`. Every model but `relocated`
/// has one piece, `weft_memory`, from address 0.
public struct MemoryPiece: Hashable, Sendable {
    public var symbol: String
    public var start: UInt64
    public var end: UInt64
    /// In `.data` with the module's bytes (else `.bss`, zero at startup).
    public var initialized: Bool

    public init(symbol: String, start: UInt64, end: UInt64, initialized: Bool) {
        self.symbol = symbol
        self.start = start
        self.end = end
        self.initialized = initialized
    }
}
