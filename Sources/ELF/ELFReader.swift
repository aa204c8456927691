/// An ELF32 little-endian Arm file read back: its sections, symbols and relocations, for
/// loading an object (or a linked image) into an emulator.
///
/// Invariant: every section's bytes lie within the file (NOBITS sections have none); a bad
/// file is an `ELFError` naming the offset, never a crash.
public struct ELFFile: Sendable {
    public struct Section: Sendable {
        public var name: String
        public var type: UInt32
        public var flags: UInt32
        public var address: UInt32
        public var size: UInt32
        public var link: UInt32
        public var info: UInt32
        public var align: UInt32
        public var bytes: [UInt8]

        public var isAllocated: Bool { flags & 2 != 0 }
        public var isNoBits: Bool { type == 8 }
    }

    public struct Symbol: Sendable {
        public var name: String
        public var value: UInt32
        public var size: UInt32
        /// STT_*: 0 none, 1 object, 2 function, 3 section, 4 file.
        public var type: UInt8
        public var global: Bool
        /// The section index; 0 when undefined, 0xFFF1 when absolute.
        public var section: UInt16
    }

    public struct Relocation: Sendable {
        public var offset: UInt32
        public var symbol: UInt32
        public var type: UInt8
    }

    /// 1 relocatable, 2 executable.
    public var type: UInt16
    public var entry: UInt32
    public var sections: [Section] = []
    public var symbols: [Symbol] = []
    /// Relocations by the index of the section they patch.
    public var relocations: [Int: [Relocation]] = [:]

    public init(_ bytes: [UInt8]) throws(ELFError) {
        func u16(_ o: Int) throws(ELFError) -> UInt16 {
            guard o >= 0, o + 2 <= bytes.count else { throw ELFError("offset \(o): truncated file") }
            return LittleEndian.halfword(bytes, at: o)
        }
        func u32(_ o: Int) throws(ELFError) -> UInt32 {
            guard o >= 0, o + 4 <= bytes.count else { throw ELFError("offset \(o): truncated file") }
            return LittleEndian.word(bytes, at: o)
        }
        guard bytes.count >= 52, bytes[0..<4] == [0x7F, 0x45, 0x4C, 0x46] else {
            throw ELFError("offset 0: not an ELF file")
        }
        guard bytes[4] == 1, bytes[5] == 1 else { throw ELFError("offset 4: not a 32-bit little-endian ELF file") }
        guard try u16(18) == 40 else { throw ELFError("offset 18: not an Arm ELF file") }
        type = try u16(16)
        entry = try u32(24)
        let shoff = Int(try u32(32))
        let shentsize = Int(try u16(46))
        let shnum = Int(try u16(48))
        let shstrndx = Int(try u16(50))
        guard shnum == 0 || shentsize >= 40 else { throw ELFError("offset 46: bad section header size") }
        var raw: [(name: UInt32, Section)] = []
        for k in 0..<shnum {
            let h = shoff + k * shentsize
            let type = try u32(h + 4)
            let offset = Int(try u32(h + 16))
            let size = try u32(h + 20)
            var content: [UInt8] = []
            if type != 8 && type != 0 {
                guard offset >= 0, offset + Int(size) <= bytes.count else {
                    throw ELFError("offset \(h): section \(k) lies outside the file")
                }
                content = Array(bytes[offset..<offset + Int(size)])
            }
            raw.append(
                (
                    try u32(h),
                    Section(
                        name: "", type: type, flags: try u32(h + 8), address: try u32(h + 12), size: size,
                        link: try u32(h + 24), info: try u32(h + 28), align: try u32(h + 32), bytes: content)
                ))
        }
        func string(_ table: [UInt8], _ at: UInt32) -> String {
            guard Int(at) < table.count else { return "" }
            let tail = table[Int(at)...]
            return String(decoding: tail.prefix { $0 != 0 }, as: UTF8.self)
        }
        let names = shstrndx < raw.count ? raw[shstrndx].1.bytes : []
        sections = raw.map { name, s in
            var s = s
            s.name = string(names, name)
            return s
        }
        for (k, s) in sections.enumerated() {
            switch s.type {
            case 2:  // SYMTAB
                let strings = Int(s.link) < sections.count ? sections[Int(s.link)].bytes : []
                var o = 0
                while o + 16 <= s.bytes.count {
                    let b = s.bytes
                    func w(_ i: Int) -> UInt32 { LittleEndian.word(b, at: i) }
                    symbols.append(
                        Symbol(
                            name: string(strings, w(o)), value: w(o + 4), size: w(o + 8), type: b[o + 12] & 0xF,
                            global: b[o + 12] >> 4 != 0, section: LittleEndian.halfword(b, at: o + 14)))
                    o += 16
                }
            case 9:  // REL
                var list: [Relocation] = []
                var o = 0
                while o + 8 <= s.bytes.count {
                    let b = s.bytes
                    let offset = LittleEndian.word(b, at: o)
                    let info = LittleEndian.word(b, at: o + 4)
                    list.append(Relocation(offset: offset, symbol: info >> 8, type: UInt8(info & 0xFF)))
                    o += 8
                }
                guard Int(s.info) < sections.count else { throw ELFError("section \(k): relocations for no section") }
                relocations[Int(s.info), default: []] += list
            default: break
            }
        }
    }
}
