import WasmModel

/// `--memory relocated`: where the parts of linear memory land in the object, as a native
/// linker places a C program's sections. The initialized part — from the first active
/// segment holding a non-zero byte or an address to the last one's end — is `weft_data` in
/// `.data`: the linker puts its bytes in the flash image and the C runtime's startup copies
/// them to RAM, as for any C program, so `weft_init` copies nothing. The rest is zero at
/// startup and lies in `.bss` (no zeros in flash): `weft_memory` from the initialized part's
/// end to the reserve's end (the stack and heap wasm-ld lays out after the data, and its
/// `.bss`), and `weft_memory_low` below the initialized part only when an address lies there
/// (wasm-ld's `--stack-first` stack). Nothing else below the data is reserved (wasm-ld's
/// first 1 KiB).
///
/// An address belongs to the piece holding its anchor, the object it is derived from
/// (`RelocatedAddress.anchor`; for the stack pointer, a mutable address global, the byte below
/// it, since it points past the stack it grows down into): `&array[n]` one past an object's
/// end stays with that object even where the next piece starts. Within the compiler a
/// relocated address is virtual, `piece << 32 | address` (`virtual`), so no base register
/// shared between nearby addresses ever spans two pieces; `reference` turns it into the
/// piece's symbol and an addend.
///
/// Invariants: pieces are sorted, disjoint and adjacent; each starts at a multiple of 16 and
/// its section is 16-aligned, so an address keeps its low four bits wherever the linker puts
/// it (the alignment C code tests on pointers holds); an initialized piece's bytes are
/// `image`, its words holding addresses rewritten to their addend from their own piece's
/// symbol (REL) and listed in `imageRelocations`.
struct RelocatedLayout: Hashable, Sendable {
    var pieces: [MemoryPiece]
    var image: [UInt8] = []
    var imageRelocations: [ImageWord] = []

    /// A word of the image holding an address: its offset and the symbol it is relative to.
    struct ImageWord: Hashable, Sendable {
        var offset: Int
        var symbol: String
    }

    static let alignment: UInt64 = 16
    static let dataSymbol = "weft_data"
    static let lowSymbol = "weft_memory_low"

    /// The layout of `module`'s memory (after `RelocatedAddresses.rewrite`): `globals` the
    /// constant initial values, `addressGlobals` the globals holding addresses, `addresses`
    /// the code's relocated addresses, `functions` the symbol of each table index when
    /// function pointers are addresses (the data's words holding one then refer to it),
    /// `reserve` the bytes reserved.
    static func make(
        _ module: Module, globals: [Int: UInt64], addressGlobals: Set<Int>, addresses: [RelocatedAddress],
        functions: [Int: String] = [:], reserve: UInt64
    ) throws(CompileError) -> RelocatedLayout {
        // The active segments, the relocated words in each and its function pointers.
        var words: [Int: [MemoryRelocations.DataWord]] = [:]
        for word in module.memoryRelocations?.data ?? [] { words[word.segment, default: []].append(word) }
        var pointers: [Int: [MemoryRelocations.DataWord]] = [:]
        for word in module.memoryRelocations?.functionData ?? [] where !functions.isEmpty {
            pointers[word.segment, default: []].append(word)
        }
        var segments: [Segment] = []
        for (k, seg) in module.data.enumerated() {
            guard case .active(_, let offset) = seg.mode,
                let base = ModuleCompiler.constantValue(offset, globals: globals)
            else { continue }
            segments.append(
                Segment(
                    start: UInt64(UInt32(truncatingIfNeeded: base)), bytes: seg.bytes, words: words[k] ?? [],
                    functions: pointers[k] ?? []))
        }
        let initialized = segments.filter {
            !$0.words.isEmpty || !$0.functions.isEmpty || $0.bytes.contains { $0 != 0 }
        }
        guard let first = initialized.map(\.start).min(),
            let last = initialized.map({ $0.start + UInt64($0.bytes.count) }).max()
        else {
            return RelocatedLayout(
                pieces: [MemoryPiece(symbol: CompileContext.memorySymbol, start: 0, end: reserve, initialized: false)])
        }
        let low = first / alignment * alignment
        let high = min(max(reserve, low), (last + alignment - 1) / alignment * alignment)
        var image = [UInt8](repeating: 0, count: Int(high - low))
        for seg in segments {
            // Zero segments past the image are the `.bss` piece's already.
            let from = Int(seg.start) - Int(low)
            guard from >= 0, from + seg.bytes.count <= image.count else { continue }
            image.replaceSubrange(from..<from + seg.bytes.count, with: seg.bytes)
        }

        // Anchors below the image need the low piece.
        var anchors = addresses.map { UInt64($0.anchor) }
        for seg in segments {
            for word in seg.words { anchors.append(UInt64(value(word, seg.bytes).anchor)) }
        }
        let types = module.allGlobals
        for g in addressGlobals {
            if let a = globalAddress(g, globals: globals, types: types) { anchors.append(UInt64(a.anchor)) }
        }
        var layout = RelocatedLayout(pieces: [])
        if low > 0, anchors.contains(where: { $0 < low }) {
            layout.pieces.append(MemoryPiece(symbol: lowSymbol, start: 0, end: low, initialized: false))
        }
        layout.pieces.append(MemoryPiece(symbol: dataSymbol, start: low, end: high, initialized: true))
        layout.pieces.append(
            MemoryPiece(symbol: CompileContext.memorySymbol, start: high, end: max(reserve, high), initialized: false))

        // The image's address words: their addend from their piece, relocated against it.
        for seg in initialized {
            for word in seg.words {
                let at = Int(seg.start - low) + word.offset
                let reference = layout.reference(layout.virtual(value(word, seg.bytes)))
                for b in 0..<4 { image[at + b] = UInt8(truncatingIfNeeded: reference.addend >> (8 * b)) }
                layout.imageRelocations.append(ImageWord(offset: at, symbol: reference.symbol))
            }
        }
        // Function pointers: the function's address (Thumb), nothing in place.
        for seg in initialized {
            for word in seg.functions {
                let at = Int(seg.start - low) + word.offset
                let index = Int(value(word, seg.bytes).value)
                guard let symbol = functions[index] else {
                    throw CompileError(
                        "data segment word at \(seg.start + UInt64(word.offset)) holds table index \(index), which names no function"
                    )
                }
                for b in 0..<4 { image[at + b] = 0 }
                layout.imageRelocations.append(ImageWord(offset: at, symbol: symbol))
            }
        }
        layout.image = image
        return layout
    }

    /// An active data segment: where it starts, its bytes, its words holding addresses and
    /// function pointers.
    private struct Segment {
        var start: UInt64
        var bytes: [UInt8]
        var words: [MemoryRelocations.DataWord]
        var functions: [MemoryRelocations.DataWord]
    }

    /// The address a data word holds, with its relocation's addend.
    private static func value(_ word: MemoryRelocations.DataWord, _ bytes: [UInt8]) -> RelocatedAddress {
        var v: UInt32 = 0
        for b in 0..<4 { v |= UInt32(bytes[word.offset + b]) << (8 * b) }
        return RelocatedAddress(value: v, addend: word.addend)
    }

    /// The address an address global holds: the stack pointer (mutable) is anchored at the
    /// byte below it, the stack it grows down into; the others (`__heap_base`, ...) at their
    /// value.
    static func globalAddress(_ g: Int, globals: [Int: UInt64], types: [GlobalType]) -> RelocatedAddress? {
        guard let v = globals[g], types.indices.contains(g) else { return nil }
        let value = UInt32(truncatingIfNeeded: v)
        return RelocatedAddress(value: value, addend: types[g].mutable && value > 0 ? 1 : 0)
    }

    /// The piece an address belongs to: the last one starting at or below its anchor.
    func piece(of address: RelocatedAddress) -> Int {
        let anchor = UInt64(address.anchor)
        return pieces.lastIndex { $0.start <= anchor } ?? 0
    }

    /// The compiler's name for an address: its piece in the high word, the address below.
    func virtual(_ address: RelocatedAddress) -> UInt64 {
        UInt64(piece(of: address)) << 32 | UInt64(address.value)
    }

    /// The symbol and addend of a virtual address (`virtual`, possibly moved by an offset or
    /// to a base below it within its piece's word).
    func reference(_ virtual: UInt64) -> (symbol: String, addend: UInt32) {
        let k = Int(virtual >> 32)
        guard pieces.indices.contains(k) else {
            return (CompileContext.memorySymbol, UInt32(truncatingIfNeeded: virtual))
        }
        return (pieces[k].symbol, UInt32(truncatingIfNeeded: (virtual & 0xFFFF_FFFF) &- pieces[k].start))
    }
}
