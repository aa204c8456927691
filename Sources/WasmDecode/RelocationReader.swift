import WasmModel

/// Reads where a module uses addresses of its linear memory from the custom sections
/// `wasm-ld --emit-relocs` keeps (`reloc.CODE`, `reloc.DATA`, `linking`; the
/// tool-conventions' Linking.md), into `MemoryRelocations`.
///
/// A relocation's offset counts from its target section's payload; a code site is matched to
/// the instruction whose bytes hold it, a data word to the active segment holding it. Function,
/// table, type and global index relocations are not memory addresses and are skipped; the
/// position-independent, thread-local and 64-bit address kinds are refused, naming the kind.
struct RelocationReader {
    /// The binary, its sections' payload ranges by section index (in file order, custom
    /// sections included, as relocation sections count them).
    let bytes: [UInt8]
    let file: String
    let payloads: [(id: UInt8, range: Range<Int>)]

    /// The relocations of `module` (decoded from `bytes`), or nil when it carries no
    /// relocation sections.
    func read(_ module: Module, sourceMap: SourceMap) throws(WasmError) -> MemoryRelocations? {
        let relocationSections = payloads.filter { section in
            section.id == 0 && sectionName(section.range)?.hasPrefix("reloc.") == true
        }
        guard !relocationSections.isEmpty else { return nil }
        var result = MemoryRelocations()
        for section in relocationSections {
            var reader = ByteReader(bytes: bytes, position: section.range.lowerBound, end: section.range.upperBound)
            _ = try reader.name(file: file)
            let target = Int(try reader.uleb(file: file))
            guard payloads.indices.contains(target) else {
                throw WasmError(
                    file: file, location: .offset(reader.position),
                    message: "relocation section names section \(target), which the module does not have")
            }
            let count = try reader.uleb(file: file)
            for _ in 0..<count {
                let entryStart = reader.position
                let type = try reader.uleb(file: file)
                let offset = Int(try reader.uleb(file: file))
                _ = try reader.uleb(file: file)  // the symbol
                let addend = Self.typesWithAddend.contains(type) ? try reader.sleb(file: file) : 0
                if Self.tableIndexTypes.contains(type) {
                    let payload = payloads[target]
                    let at = payload.range.lowerBound + offset
                    switch (type, payload.id) {
                    case (1, 10):
                        result.functionCode.append(
                            try codeSite(at: at, kind: .constant, module: module, sourceMap: sourceMap))
                    case (2, 11): result.functionData.append(try dataWord(at: at, in: payload.range, module: module))
                    default: result.functionPointersComplete = false
                    }
                    continue
                }
                guard Self.memoryAddressTypes.contains(type) else { continue }
                guard let kind = Self.supported[type] else {
                    throw WasmError(
                        file: file, location: .offset(entryStart),
                        message:
                            "relocation type \(type) (\(Self.typeNames[type] ?? "a memory address")) is not supported: weft moves only absolute 32-bit addresses (link without -fPIC, threads or memory64)"
                    )
                }
                let payload = payloads[target]
                let at = payload.range.lowerBound + offset
                switch (payload.id, kind) {
                case (10, .some(let use)):
                    var site = try codeSite(at: at, kind: use, module: module, sourceMap: sourceMap)
                    site.addend = Int32(truncatingIfNeeded: addend)
                    result.code.append(site)
                case (11, nil):
                    var word = try dataWord(at: at, in: payload.range, module: module)
                    word.addend = Int32(truncatingIfNeeded: addend)
                    result.data.append(word)
                default:
                    throw WasmError(
                        file: file, location: .offset(entryStart),
                        message: "relocation type \(type) applies to section id \(payload.id), which cannot hold it")
                }
            }
        }
        result.code.sort()
        result.data.sort()
        result.functionCode.sort()
        result.functionData.sort()
        result.globals = addressGlobals(module)
        return result
    }

    /// Relocation types followed by an addend (LLVM's `relocTypeHasAddend`).
    static let typesWithAddend: Set<UInt32> = [3, 4, 5, 8, 9, 11, 14, 15, 16, 17, 21, 22, 23, 25]
    /// Relocation types whose value is a function's table index: the code's `i32.const`
    /// (SLEB), a data word (I32), and the position-independent and 64-bit kinds.
    static let tableIndexTypes: Set<UInt32> = [1, 2, 12, 18, 19, 24]
    /// Relocation types whose value is an address in linear memory.
    static let memoryAddressTypes: Set<UInt32> = [3, 4, 5, 11, 14, 15, 16, 17, 21, 23, 25]
    /// The supported ones: the memarg offset (LEB), the `i32.const` (SLEB), the data word (I32).
    static let supported: [UInt32: MemoryRelocations.Use?] = [3: .offset, 4: .constant, 5: nil]
    static let typeNames: [UInt32: String] = [
        11: "R_WASM_MEMORY_ADDR_REL_SLEB", 14: "R_WASM_MEMORY_ADDR_LEB64", 15: "R_WASM_MEMORY_ADDR_SLEB64",
        16: "R_WASM_MEMORY_ADDR_I64", 17: "R_WASM_MEMORY_ADDR_REL_SLEB64", 21: "R_WASM_MEMORY_ADDR_TLS_SLEB",
        23: "R_WASM_MEMORY_ADDR_LOCREL_I32", 25: "R_WASM_MEMORY_ADDR_TLS_SLEB64",
    ]

    /// The instruction whose encoding contains byte `at`, checked to hold such an address.
    private func codeSite(
        at: Int, kind: MemoryRelocations.Use, module: Module, sourceMap: SourceMap
    ) throws(WasmError) -> MemoryRelocations.CodeSite {
        let starts = sourceMap.instructionOffsets
        // The last function whose first instruction starts before `at`.
        var low = 0
        var high = starts.count
        while low < high {
            let mid = (low + high) / 2
            if let first = starts[mid].first, first < at { low = mid + 1 } else { high = mid }
        }
        let function = low - 1
        guard function >= 0, let index = lastIndex(in: starts[function], before: at) else {
            throw WasmError(file: file, location: .offset(at), message: "relocation points at no instruction")
        }
        let instruction = module.functions[function].body[index]
        let fits: Bool
        switch (kind, instruction) {
        case (.constant, .i32Const): fits = true
        case (.offset, .load), (.offset, .store): fits = true
        default: fits = false
        }
        guard fits else {
            throw WasmError(
                file: file, location: .offset(at),
                message:
                    "a memory address relocation points into `\(instruction)`, expected \(kind == .constant ? "an i32.const" : "a load or store")"
            )
        }
        return MemoryRelocations.CodeSite(function: function, instruction: index, use: kind)
    }

    private func lastIndex(in offsets: [Int], before at: Int) -> Int? {
        var low = 0
        var high = offsets.count
        while low < high {
            let mid = (low + high) / 2
            if offsets[mid] < at { low = mid + 1 } else { high = mid }
        }
        return low > 0 ? low - 1 : nil
    }

    /// The active segment and offset of the data word at byte `at` of the data section.
    private func dataWord(at: Int, in section: Range<Int>, module: Module) throws(WasmError)
        -> MemoryRelocations.DataWord
    {
        var reader = ByteReader(bytes: bytes, position: section.lowerBound, end: section.upperBound)
        let count = try reader.uleb(file: file)
        for segment in 0..<Int(count) {
            let flags = try reader.uleb(file: file)
            if flags == 2 { _ = try reader.uleb(file: file) }
            if flags != 1 { try reader.skipConstantExpression(file: file) }
            let size = Int(try reader.uleb(file: file))
            let start = reader.position
            if at >= start && at + 4 <= start + size {
                guard flags != 1 else { break }
                return MemoryRelocations.DataWord(segment: segment, offset: at - start)
            }
            reader.position += size
        }
        throw WasmError(
            file: file, location: .offset(at), message: "a memory address relocation lies in no active data segment")
    }

    /// The globals wasm-ld defines as addresses: those named by the linking section's symbols
    /// or the name section (`__stack_pointer`, `__heap_base`, ...), and those it makes for a
    /// data symbol exported with `--export=NAME` — an immutable i32 global exported as NAME
    /// whose value is that symbol's address (its segment's start plus its offset).
    private func addressGlobals(_ module: Module) -> [UInt32] {
        let symbols = linkingSymbols()
        var found = Set<UInt32>()
        for (index, name) in module.names?.globals ?? [:] where MemoryRelocations.addressGlobalNames.contains(name) {
            found.insert(index)
        }
        for (index, name) in symbols.globals where MemoryRelocations.addressGlobalNames.contains(name) {
            found.insert(index)
        }
        let imported = module.allGlobals.count - module.globals.count
        for export in module.exports {
            guard case .global(let index) = export.kind, Int(index) >= imported,
                let symbol = symbols.data[export.name], module.data.indices.contains(Int(symbol.segment)),
                case .active(_, let offset) = module.data[Int(symbol.segment)].mode,
                offset.count == 1, case .i32Const(let base) = offset[0]
            else { continue }
            let global = module.globals[Int(index) - imported]
            guard !global.type.mutable, global.initializer.count == 1,
                case .i32Const(let value) = global.initializer[0],
                UInt64(UInt32(bitPattern: base)) + symbol.offset == UInt64(UInt32(bitPattern: value))
            else { continue }
            found.insert(index)
        }
        let globals = module.allGlobals
        return found.filter { globals.indices.contains(Int($0)) && globals[Int($0)].type == .i32 }.sorted()
    }

    /// The `linking` section's symbol table: the named global symbols, and the defined data
    /// symbols by name with their segment and offset (empty when it is missing or malformed:
    /// names only help, the name section is the other source).
    private func linkingSymbols() -> (globals: [(UInt32, String)], data: [String: (segment: UInt32, offset: UInt64)]) {
        var globals: [(UInt32, String)] = []
        var data: [String: (segment: UInt32, offset: UInt64)] = [:]
        guard let section = payloads.first(where: { $0.id == 0 && sectionName($0.range) == "linking" }) else {
            return (globals, data)
        }
        var reader = ByteReader(bytes: bytes, position: section.range.lowerBound, end: section.range.upperBound)
        do {
            _ = try reader.name(file: file)
            _ = try reader.uleb(file: file)  // version
            while reader.position < reader.end {
                let kind = try reader.byte(file: file)
                let size = Int(try reader.uleb(file: file))
                let next = reader.position + size
                if kind == 8 {  // WASM_SYMBOL_TABLE
                    let count = try reader.uleb(file: file)
                    for _ in 0..<count {
                        let symbol = try reader.byte(file: file)
                        let flags = try reader.uleb(file: file)
                        let undefined = flags & 0x10 != 0
                        switch symbol {
                        case 0, 2, 4, 5:  // function, global, tag, table
                            let index = try reader.uleb(file: file)
                            if !undefined || flags & 0x40 != 0 {
                                let name = try reader.name(file: file)
                                if symbol == 2 { globals.append((UInt32(truncatingIfNeeded: index), name)) }
                            }
                        case 1:  // data: name, then (defined) segment, offset, size
                            let name = try reader.name(file: file)
                            if !undefined {
                                let segment = try reader.uleb(file: file)
                                let offset = try reader.uleb(file: file)
                                _ = try reader.uleb(file: file)
                                data[name] = (segment, UInt64(offset))
                            }
                        case 3:  // section
                            _ = try reader.uleb(file: file)
                        default:
                            return (globals, data)
                        }
                    }
                }
                reader.position = next
            }
        } catch {
            return (globals, data)
        }
        return (globals, data)
    }

    private func sectionName(_ range: Range<Int>) -> String? {
        var reader = ByteReader(bytes: bytes, position: range.lowerBound, end: range.upperBound)
        return try? reader.name(file: file)
    }
}

/// A cursor over a binary's bytes reading LEB128 numbers and names, each failure a
/// `WasmError` at its offset.
struct ByteReader {
    let bytes: [UInt8]
    var position: Int
    let end: Int

    mutating func byte(file: String) throws(WasmError) -> UInt8 {
        guard position < end else {
            throw WasmError(file: file, location: .offset(position), message: "unexpected end of section")
        }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func uleb(file: String) throws(WasmError) -> UInt32 {
        let at = position
        guard let value = LEB128.decodeUnsigned(bytes[..<end], at: &position, maxBytes: 5),
            value <= UInt64(UInt32.max)
        else {
            throw WasmError(file: file, location: .offset(at), message: "malformed or too large a u32")
        }
        return UInt32(value)
    }

    mutating func sleb(file: String) throws(WasmError) -> Int64 {
        let at = position
        guard let value = LEB128.decodeSigned(bytes[..<end], at: &position, maxBytes: 10) else {
            throw WasmError(file: file, location: .offset(at), message: "malformed signed integer")
        }
        return value
    }

    mutating func name(file: String) throws(WasmError) -> String {
        let length = Int(try uleb(file: file))
        guard length <= end - position else {
            throw WasmError(file: file, location: .offset(position), message: "unexpected end of section")
        }
        defer { position += length }
        return String(decoding: bytes[position..<position + length], as: UTF8.self)
    }

    /// Skips a constant expression up to and including its `end`.
    mutating func skipConstantExpression(file: String) throws(WasmError) {
        while true {
            let start = position
            switch try byte(file: file) {
            case 0x0B: return
            case 0x41, 0x42: _ = try sleb(file: file)
            case 0x23, 0xD2: _ = try uleb(file: file)
            case 0x43: position += 4
            case 0x44: position += 8
            case 0xD0: _ = try sleb(file: file)
            case 0x6A, 0x6B, 0x6C, 0x7C, 0x7D, 0x7E: continue
            default:
                throw WasmError(
                    file: file, location: .offset(start), message: "unexpected instruction in a constant expression")
            }
        }
    }
}
