/// A malformed object: what is wrong, in one line.
public struct ELFError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Writes an `ObjectFile` as an ELF32 little-endian Arm relocatable (ET_REL, EM_ARM, EABI
/// version 5): `.text`, `.data`, `.rodata`, `.bss` as present, `.rel.text` / `.rel.data`,
/// `.symtab` (section symbols, `$t`/`$d` mapping symbols, locals, then globals with
/// Thumb function values odd), `.strtab`, `.shstrtab`, `.note.GNU-stack` and
/// `.ARM.attributes` for a Cortex-M3 (v7-M, Thumb-2 only).
///
/// Invariant: the output is what `llvm-readelf -a` reads without a warning and what
/// `ld.lld` and `arm-none-eabi-ld` link.
public enum ELFWriter {
    static let shtProgbits: UInt32 = 1
    static let shtSymtab: UInt32 = 2
    static let shtStrtab: UInt32 = 3
    static let shtNobits: UInt32 = 8
    static let shtRel: UInt32 = 9
    static let shtArmAttributes: UInt32 = 0x7000_0003

    struct SectionHeader {
        var name: String
        var type: UInt32
        var flags: UInt32
        var content: [UInt8]
        var size: UInt32? = nil
        var link: UInt32 = 0
        var info: UInt32 = 0
        var align: UInt32
        var entsize: UInt32 = 0
    }

    /// The `.ARM.attributes` contents clang writes for `-mcpu=cortex-m3`, but for
    /// `Tag_ABI_enum_size` (26), left out (0: no enum crosses this object's interface, as Wasm
    /// has none). clang says 2 (32-bit enums) and arm-none-eabi-gcc 1 (its default
    /// `-fshort-enums`), and GNU ld warns at every link that mixes the two ("uses 32-bit
    /// enums yet the output is to use variable-size enums"); an object without the tag is
    /// compatible with either, in either order (`LinkerTests`).
    static let attributes: [UInt8] = {
        var tags: [UInt8] = [0x43] + Array("2.09".utf8) + [0]  // Tag_conformance
        tags += [0x05] + Array("cortex-m3".utf8) + [0]  // Tag_CPU_name
        tags += [0x06, 0x0A, 0x07, 0x4D, 0x08, 0x00, 0x09, 0x02]  // v7, 'M', no Arm ISA, Thumb-2
        tags += [0x0E, 0x00, 0x11, 0x01, 0x12, 0x04, 0x14, 0x01, 0x15, 0x00, 0x17, 0x03]
        tags += [0x18, 0x01, 0x19, 0x01, 0x1E, 0x04, 0x22, 0x01, 0x26, 0x01]
        let file: [UInt8] = [0x01] + le32(UInt32(tags.count + 5)) + tags
        let vendor = Array("aeabi".utf8) + [0]
        return [0x41] + le32(UInt32(4 + vendor.count + file.count)) + vendor + file
    }()

    static func le32(_ v: UInt32) -> [UInt8] { LittleEndian.bytes(v) }
    static func le16(_ v: UInt16) -> [UInt8] { LittleEndian.bytes(v) }

    /// A string table: offsets of each added string (the first byte is the empty string).
    struct StringTable {
        var bytes: [UInt8] = [0]
        var offsets: [String: UInt32] = ["": 0]

        mutating func add(_ s: String) -> UInt32 {
            if let o = offsets[s] { return o }
            let o = UInt32(bytes.count)
            bytes += Array(s.utf8) + [0]
            offsets[s] = o
            return o
        }
    }

    public static func write(_ object: ObjectFile) throws(ELFError) -> [UInt8] {
        // Sections with contents, in a fixed order; .text always.
        var sections: [SectionHeader] = [SectionHeader(name: "", type: 0, flags: 0, content: [], align: 0)]
        var index: [ObjectFile.Section: UInt32] = [:]
        let present = ObjectFile.Section.allCases.filter { s in
            s == .text || !object.bytes(of: s).isEmpty || (s == .bss && object.bssSize > 0)
        }
        for s in present {
            index[s] = UInt32(sections.count)
            switch s {
            case .text:
                sections.append(
                    SectionHeader(name: ".text", type: shtProgbits, flags: 6, content: object.text, align: 4))
            case .data:
                sections.append(
                    SectionHeader(
                        name: ".data", type: shtProgbits, flags: 3, content: object.data, align: object.dataAlignment))
            case .rodata:
                sections.append(
                    SectionHeader(name: ".rodata", type: shtProgbits, flags: 2, content: object.rodata, align: 4))
            case .bss:
                sections.append(
                    SectionHeader(
                        name: ".bss", type: shtNobits, flags: 3, content: [], size: object.bssSize,
                        align: object.bssAlignment))
            }
        }

        // Symbols: null, section symbols, mapping symbols, locals, then globals.
        var strings = StringTable()
        var symtab: [UInt8] = Array(repeating: 0, count: 16)
        var symbolIndex: [String: UInt32] = [:]
        var count: UInt32 = 1
        func symbol(_ name: String, value: UInt32, size: UInt32, bind: UInt8, type: UInt8, section: UInt32) {
            symtab += le32(name.isEmpty ? 0 : strings.add(name)) + le32(value) + le32(size)
            symtab += [bind << 4 | type, 0] + le16(UInt16(section))
            count += 1
        }
        for s in present {
            symbol("", value: 0, size: 0, bind: 0, type: 3, section: index[s] ?? 0)
        }
        var mapping: [(UInt32, String)] = [(0, "$t")]
        for range in object.dataInText.sorted(by: { $0.start < $1.start }) {
            mapping.append((range.start, "$d"))
            if range.end < UInt32(object.text.count) { mapping.append((range.end, "$t")) }
        }
        if !object.text.isEmpty {
            for (offset, name) in mapping {
                symbol(name, value: offset, size: 0, bind: 0, type: 0, section: index[.text] ?? 0)
            }
        }
        let ordered = object.symbols.filter { !$0.global } + object.symbols.filter(\.global)
        var firstGlobal = count
        var seenGlobal = false
        for s in ordered {
            guard symbolIndex[s.name] == nil else { throw ELFError("symbol \(s.name) is defined twice") }
            if s.global && !seenGlobal {
                firstGlobal = count
                seenGlobal = true
            }
            var section: UInt32 = 0
            if let place = s.section {
                guard let i = index[place] else { throw ELFError("symbol \(s.name) is in an empty section") }
                section = i
            }
            let type: UInt8 =
                switch s.kind {
                case .function: 2
                case .object: 1
                case .none: 0
                }
            let value = s.section != nil && s.kind == .function ? s.offset | 1 : s.offset
            symbolIndex[s.name] = count
            symbol(s.name, value: value, size: s.size, bind: s.global ? 1 : 0, type: type, section: section)
        }
        if !seenGlobal { firstGlobal = count }

        // Relocations, per section.
        let relocated = present.filter { s in object.relocations.contains { $0.section == s } }
        for r in object.relocations where !present.contains(r.section) {
            throw ELFError("relocation at \(r.offset) in an empty section")
        }
        let symtabIndex = UInt32(sections.count + relocated.count)
        for s in relocated {
            guard let target = index[s] else { continue }
            var content: [UInt8] = []
            for r in object.relocations.filter({ $0.section == s }).sorted(by: { $0.offset < $1.offset }) {
                guard let sym = symbolIndex[r.symbol] else {
                    throw ELFError("relocation against unknown symbol \(r.symbol)")
                }
                guard r.offset + 4 <= UInt32(object.bytes(of: s).count) else {
                    throw ELFError("relocation at \(r.offset) is outside its section")
                }
                content += le32(r.offset) + le32(sym << 8 | UInt32(r.type.rawValue))
            }
            sections.append(
                SectionHeader(
                    name: ".rel" + sections[Int(target)].name, type: shtRel, flags: 0x40, content: content,
                    link: symtabIndex, info: target, align: 4, entsize: 8))
        }
        let strtabIndex = UInt32(sections.count) + 1
        sections.append(
            SectionHeader(
                name: ".symtab", type: shtSymtab, flags: 0, content: symtab, link: strtabIndex, info: firstGlobal,
                align: 4, entsize: 16))
        sections.append(SectionHeader(name: ".strtab", type: shtStrtab, flags: 0, content: strings.bytes, align: 1))
        sections.append(SectionHeader(name: ".note.GNU-stack", type: shtProgbits, flags: 0, content: [], align: 1))
        sections.append(
            SectionHeader(name: ".ARM.attributes", type: shtArmAttributes, flags: 0, content: attributes, align: 1))
        var names = StringTable()
        let shstrtabIndex = sections.count
        sections.append(SectionHeader(name: ".shstrtab", type: shtStrtab, flags: 0, content: [], align: 1))
        let nameOffsets = sections.map { names.add($0.name) }
        sections[shstrtabIndex].content = names.bytes

        // Layout: header, contents (aligned), section headers.
        var out: [UInt8] = Array(repeating: 0, count: 52)
        var offsets: [UInt32] = []
        for s in sections {
            let align = Int(max(s.align, 1))
            while out.count % align != 0 { out.append(0) }
            offsets.append(s.type == 0 ? 0 : UInt32(out.count))
            out += s.content
        }
        while out.count % 4 != 0 { out.append(0) }
        let headers = UInt32(out.count)
        for (k, s) in sections.enumerated() {
            out += le32(nameOffsets[k]) + le32(s.type) + le32(s.flags) + le32(0) + le32(offsets[k])
            out +=
                le32(s.size ?? UInt32(s.content.count)) + le32(s.link) + le32(s.info) + le32(s.align) + le32(s.entsize)
        }
        var header: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 1, 1, 1, 0] + Array(repeating: 0, count: 8)
        header += le16(1) + le16(40) + le32(1) + le32(0) + le32(0) + le32(headers)
        header += le32(0x0500_0000) + le16(52) + le16(0) + le16(0) + le16(40)
        header += le16(UInt16(sections.count)) + le16(UInt16(shstrtabIndex))
        out.replaceSubrange(0..<52, with: header)
        return out
    }
}
