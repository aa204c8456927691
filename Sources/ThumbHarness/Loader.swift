import ELF

extension Machine {
    /// Loads a relocatable object: each allocated section at the next free code address,
    /// its symbols defined, its relocations applied. An undefined symbol must already be
    /// loaded (from an earlier object) or be given in `imports`.
    public func load(object bytes: [UInt8], imports: [String: UInt32] = [:]) throws {
        let file = try ELFFile(bytes)
        guard file.type == 1 else { throw Failure("not a relocatable object (ELF type \(file.type))") }
        // The unwinding tables are not needed to run code.
        var base: [Int: UInt32] = [:]
        for (k, s) in file.sections.enumerated() where s.isAllocated && !s.name.hasPrefix(".ARM.exidx") {
            let address = try reserveCode(s.size, align: s.align)
            base[k] = address
            try write(s.isNoBits ? [UInt8](repeating: 0, count: Int(s.size)) : s.bytes, at: address)
        }
        var addresses: [UInt32] = []
        for symbol in file.symbols {
            var address: UInt32 = 0
            if symbol.section == 0 {
                if !symbol.name.isEmpty {
                    guard let a = imports[symbol.name] ?? symbols[symbol.name] else {
                        throw Failure("undefined symbol \(symbol.name)")
                    }
                    address = a
                }
            } else if symbol.section == 0xFFF1 {
                address = symbol.value
            } else if let b = base[Int(symbol.section)] {
                address = b &+ symbol.value
            }
            addresses.append(address)
            if symbol.global, symbol.section != 0, !symbol.name.isEmpty { define(symbol.name, address) }
        }
        for (k, relocations) in file.relocations {
            guard let b = base[k] else { continue }
            for r in relocations {
                guard Int(r.symbol) < addresses.count else { throw Failure("relocation against symbol \(r.symbol)") }
                try relocate(at: b &+ r.offset, type: r.type, symbol: addresses[Int(r.symbol)])
            }
        }
        try emulateMemoryProtection()
    }

    /// The symbol `--memory mpu` objects define (`MPURegion.symbol`).
    static let mpuRegionSymbol = "weft_mpu_region"
    /// The symbol `--memory task` objects define (`TaskRegions.symbol`).
    static let taskRegionsSymbol = "weft_task_regions"

    /// The MPU's checks an object asks for by the symbols it defines: unprivileged accesses
    /// (`mpu`), or every access as an unprivileged task's (`task`).
    func emulateMemoryProtection() throws {
        if let table = symbols[Self.taskRegionsSymbol] {
            try emulateTask(table: table)
        } else if symbols[Self.mpuRegionSymbol] != nil {
            try emulateMPU()
        }
    }

    /// Loads a linked image (an executable): its allocated sections at their addresses, and
    /// its symbols. A section outside the code area is mapped where it is linked: below the
    /// code area (Wasm linear memory linked at address 0) or in RAM (`ramBase` up to the
    /// stack).
    public func load(image bytes: [UInt8]) throws {
        let file = try ELFFile(bytes)
        guard file.type == 2 else { throw Failure("not an executable (ELF type \(file.type))") }
        for s in file.sections where s.isAllocated && s.size > 0 {
            let end = UInt64(s.address) + UInt64(s.size)
            let inCode = s.address >= Machine.codeBase && end <= UInt64(Machine.codeBase + Machine.codeSize)
            if !inCode {
                let low = end <= UInt64(Machine.returnAddress)
                let ram = s.address >= Machine.ramBase && end <= UInt64(Machine.stackTop - Machine.stackSize)
                guard low || ram else {
                    throw Failure(
                        "section \(s.name) at 0x\(String(s.address, radix: 16)) lies outside code memory and RAM")
                }
                try map(s.address, size: s.size)
            }
            try write(s.isNoBits ? [UInt8](repeating: 0, count: Int(s.size)) : s.bytes, at: s.address)
            if inCode { nextCode = max(nextCode, s.address + s.size) }
        }
        for symbol in file.symbols where symbol.global && symbol.section != 0 && !symbol.name.isEmpty {
            define(symbol.name, symbol.value)
        }
        try emulateMemoryProtection()
    }

    /// Applies one REL relocation (the addend is what the place holds) at `place`.
    func relocate(at place: UInt32, type: UInt8, symbol s: UInt32) throws {
        switch type {
        case 0, 40: return  // R_ARM_NONE, R_ARM_V4BX
        case 2, 38:  // R_ARM_ABS32, R_ARM_TARGET1
            let a = try word(at: place)
            try write(LittleEndian.bytes(s &+ a), at: place)
        case 3:  // R_ARM_REL32
            let a = try word(at: place)
            try write(LittleEndian.bytes(s &+ a &- place), at: place)
        case 10, 30:  // R_ARM_THM_CALL, R_ARM_THM_JUMP24
            let h = try read(4, at: place)
            let hi = UInt32(LittleEndian.halfword(h, at: 0))
            let lo = UInt32(LittleEndian.halfword(h, at: 2))
            let sign = hi >> 10 & 1
            let i1 = ~(lo >> 13 ^ sign) & 1
            let i2 = ~(lo >> 11 ^ sign) & 1
            var addend = sign << 24 | i1 << 23 | i2 << 22 | (hi & 0x3FF) << 12 | (lo & 0x7FF) << 1
            if sign == 1 { addend |= 0xFE00_0000 }
            // The field holds the distance from place + 4; the addend (-4 for a call to
            // an import) accounts for that.
            let offset = Int32(bitPattern: (s &+ addend) &- place)
            guard offset >= -(1 << 24), offset < 1 << 24 else {
                throw Failure("branch at 0x\(String(place, radix: 16)) out of range")
            }
            let v = UInt32(bitPattern: offset)
            let s2 = v >> 24 & 1
            let j1 = ~((v >> 23 & 1) ^ s2) & 1
            let j2 = ~((v >> 22 & 1) ^ s2) & 1
            let newHi = hi & 0xF800 | s2 << 10 | v >> 12 & 0x3FF
            let newLo = lo & 0xD000 | j1 << 13 | j2 << 11 | v >> 1 & 0x7FF
            try write(LittleEndian.bytes(UInt16(newHi)) + LittleEndian.bytes(UInt16(newLo)), at: place)
        case 47, 48:  // R_ARM_THM_MOVW_ABS_NC, R_ARM_THM_MOVT_ABS
            let h = try read(4, at: place)
            let hi = UInt32(LittleEndian.halfword(h, at: 0))
            let lo = UInt32(LittleEndian.halfword(h, at: 2))
            let imm = (hi & 0xF) << 12 | (hi >> 10 & 1) << 11 | (lo >> 12 & 7) << 8 | lo & 0xFF
            let addend = UInt32(bitPattern: Int32(Int16(bitPattern: UInt16(imm))))
            let value = type == 47 ? (s &+ addend) & 0xFFFF : (s &+ addend) >> 16
            let newHi = hi & 0xFBF0 | (value >> 11 & 1) << 10 | value >> 12
            let newLo = lo & 0x8F00 | (value >> 8 & 7) << 12 | value & 0xFF
            try write(LittleEndian.bytes(UInt16(newHi)) + LittleEndian.bytes(UInt16(newLo)), at: place)
        default:
            throw Failure("relocation type \(type) at 0x\(String(place, radix: 16)) is not supported")
        }
    }
}
