/// A relocatable object for 32-bit Arm (the input of a linker): code and data sections,
/// symbols and relocations, as `ELFWriter` writes them and `ELFReader` reads them.
///
/// Invariant: every relocation names a symbol of `symbols` and lies within its section;
/// symbol offsets are byte offsets in their section (a Thumb function's low bit is added
/// only when written).
public struct ObjectFile: Sendable, Equatable {
    public enum Section: Hashable, Sendable, CaseIterable {
        case text, data, rodata, bss
    }

    public enum SymbolKind: Hashable, Sendable {
        /// A Thumb function (its ELF value gets the low bit set).
        case function
        case object
        case none
    }

    public struct Symbol: Hashable, Sendable {
        public var name: String
        /// nil: undefined (an import, resolved by the linker).
        public var section: Section?
        public var offset: UInt32
        public var size: UInt32
        public var kind: SymbolKind
        public var global: Bool

        public init(
            name: String, section: Section?, offset: UInt32 = 0, size: UInt32 = 0, kind: SymbolKind, global: Bool = true
        ) {
            self.name = name
            self.section = section
            self.offset = offset
            self.size = size
            self.kind = kind
            self.global = global
        }
    }

    /// The relocation types weft emits (ELF for the Arm Architecture, section 5.6).
    public enum RelocationType: UInt8, Hashable, Sendable, CaseIterable {
        case abs32 = 2
        case thmCall = 10
        case thmJump24 = 30
        case thmMovwAbsNC = 47
        case thmMovtAbs = 48
    }

    /// A place in `section` that the linker patches with `symbol`'s address; the addend is
    /// what the place already holds (REL).
    public struct Relocation: Hashable, Sendable {
        public var section: Section
        public var offset: UInt32
        public var symbol: String
        public var type: RelocationType

        public init(section: Section = .text, offset: UInt32, symbol: String, type: RelocationType) {
            self.section = section
            self.offset = offset
            self.symbol = symbol
            self.type = type
        }
    }

    /// Where `.text` holds data (a literal pool or a jump table) rather than Thumb code:
    /// the `$d` / `$t` mapping symbols.
    public struct DataRange: Hashable, Sendable {
        public var start: UInt32
        public var end: UInt32

        public init(start: UInt32, end: UInt32) {
            self.start = start
            self.end = end
        }
    }

    public var text: [UInt8] = []
    public var data: [UInt8] = []
    public var rodata: [UInt8] = []
    public var bssSize: UInt32 = 0
    /// The alignment of `.bss` (a power of two).
    public var bssAlignment: UInt32 = 8
    /// The alignment of `.data` (a power of two).
    public var dataAlignment: UInt32 = 4
    public var symbols: [Symbol] = []
    public var relocations: [Relocation] = []
    public var dataInText: [DataRange] = []

    public init() {}

    public func bytes(of section: Section) -> [UInt8] {
        switch section {
        case .text: text
        case .data: data
        case .rodata: rodata
        case .bss: []
        }
    }
}
