import Compile
import ELF
import Foundation
import Harness
import Testing
import ThumbHarness
import WAT
import WasmDecode
import WasmModel

/// The `mpu` memory model: linear memory in an MPU region `weft_init` programs, accesses the
/// facts do not prove in bounds made unprivileged (`ldrt`, `strt`, ...), so the region is all
/// they can reach. The machine checks them as the MPU would (`Machine.emulateMPU`), from the
/// registers `weft_init` wrote.
@Suite struct MPUMemoryTests {
    /// `__heap_base` says 9,000 bytes are used: a region of 16 KiB with five 2 KiB subregions.
    static let wat = """
        (module
          (memory (export "memory") 2)
          (global (export "__heap_base") i32 (i32.const 9000))
          (data (i32.const 2000) "\\de\\ad\\be\\ef")
          (func (export "peek") (param i32) (result i32) (i32.load (local.get 0)))
          (func (export "poke") (param i32 i32) (i32.store offset=8 (local.get 0) (local.get 1)))
          (func (export "wide") (param i32) (result i64) (i64.load offset=400 (local.get 0)))
          (func (export "fixed") (result i32) (i32.load (i32.const 2000)))
          (func (export "masked") (param i32) (result i32) (i32.load8_u (i32.and (local.get 0) (i32.const 4095)))))
        """

    /// The count of unprivileged loads and stores in `text` (32-bit LDR/STR immediate forms
    /// with P U W = 1 1 0), decoding instruction lengths from the start.
    static func unprivilegedAccesses(_ text: [UInt8]) -> Int {
        var count = 0
        var k = 0
        while k + 1 < text.count {
            let first = UInt16(text[k]) | UInt16(text[k + 1]) << 8
            guard first >> 11 >= 0b11101, k + 3 < text.count else {
                k += 2
                continue
            }
            let second = UInt16(text[k + 2]) | UInt16(text[k + 3]) << 8
            if first & 0xFE80 == 0xF800, second & 0x0F00 == 0x0E00 { count += 1 }
            k += 4
        }
        return count
    }

    @Test func theRegionIsTheSmallestPowerOfTwoWithWholeSubregions() {
        let heap = MPURegion(reserve: 9000, number: 7)
        #expect(heap.size == 16384 && heap.bytes == 10240 && heap.disabledSubregions == 0b1110_0000)
        // RASR: XN, full access, S C, SRD, SIZE = log2(16384) - 1 = 13, enabled.
        #expect(heap.attributes == 0x1306_0000 | 0xE0 << 8 | 13 << 1 | 1)
        #expect(heap.baseAddressBits == 0x17)
        let page = MPURegion(reserve: 65536, number: 3)
        #expect(page.size == 65536 && page.bytes == 65536 && page.disabledSubregions == 0)
        #expect(page.baseAddressBits == 0x13)
        // Below 256 bytes a region has no subregions.
        let small = MPURegion(reserve: 100, number: 0)
        #expect(small.size == 128 && small.bytes == 128 && small.disabledSubregions == 0)
        #expect(MPURegion(reserve: 0, number: 0).size == 32)
        // Five pages: 512 KiB with five 64 KiB subregions, exactly the memory.
        let five = MPURegion(reserve: 5 * 65536, number: 7)
        #expect(five.bytes == 5 * 65536 && five.disabledSubregions == 0b1110_0000)
    }

    /// `weft_memory` spans the region's enabled subregions and is aligned to the region;
    /// `weft_mpu_region` holds RBAR and RASR; after `weft_init` (linked by both linkers) the
    /// MPU's registers hold them, the MPU is on with the default map for privileged code, and
    /// the initialized data is in place.
    @Test func weftInitProgramsTheRegionOverTheMemory() throws {
        let module = try WasmDecoder.decode(try wat2wasm(Self.wat), file: "mpu.wat")
        let output = try CompiledInstance.compile(module, memory: .mpu)
        let region = MPURegion(reserve: 9000, number: 7)
        let file = try ELFFile(output.object)
        let bss = try #require(file.sections.first { $0.name == ".bss" })
        #expect(bss.isNoBits && bss.size == 10240 && bss.align == 16384)
        #expect(file.symbols.contains { $0.name == MPURegion.symbol && $0.size == 8 })
        for linker in CompiledInstance.Linker.allCases {
            let instance = try CompiledInstance(output, memory: .mpu, linker: linker)
            let machine = instance.machine
            #expect(machine.emulatesMPU)
            let memory = try #require(machine.symbols["weft_memory"])
            #expect(memory % 16384 == 0, "\(linker)")
            #expect(try machine.word(at: MPURegion.baseAddressRegister) == memory | 0x17, "\(linker)")
            #expect(try machine.word(at: MPURegion.attributeRegister) == region.attributes, "\(linker)")
            #expect(try machine.word(at: MPURegion.controlRegister) & 0b101 == 0b101, "\(linker)")
            let table = try #require(machine.symbols[MPURegion.symbol])
            #expect(try machine.word(at: table) == memory | 0x17 && machine.word(at: table + 4) == region.attributes)
            #expect(try instance.invoke("fixed", []) == .values([0xEFBE_ADDE]), "\(linker)")
        }
    }

    /// An access inside the region runs; one past it, or wrapped around to below the memory
    /// (where `.data` is), or a wide one straddling its end, faults as the MPU faults it
    /// (MemManage), and a faulting store writes nothing.
    @Test func aStrayAccessFaultsWhereverItLands() throws {
        let module = try WasmDecoder.decode(try wat2wasm(Self.wat), file: "mpu.wat")
        for linker in CompiledInstance.Linker.allCases {
            let instance = try CompiledInstance(module: module, memory: .mpu, linker: linker)
            let machine = instance.machine
            #expect(try instance.invoke("poke", [10000, 0x1234_5678]) == .values([]), "\(linker)")
            #expect(try instance.invoke("peek", [10008]) == .values([0x1234_5678]), "\(linker)")
            #expect(try instance.invoke("peek", [10236]) == .values([0]), "\(linker)")
            #expect(try instance.invoke("wide", [10236 - 400 - 4]) == .values([0]), "\(linker)")
            func faults(_ name: String, _ arguments: [UInt32]) throws -> Bool {
                guard case .trapped(let e, _) = try machine.call(name, arguments) else { return false }
                return e == Machine.memoryManagementFault
            }
            let memory = try #require(machine.symbols["weft_memory"])
            // Past the enabled subregions, past the region, and below the memory (the
            // address wraps around to .data in RAM, which the firmware's own code may use).
            for address: UInt32 in [10240, 10238, 16384, 0x10_0000, UInt32(0) &- (memory - CompiledInstance.ramData)] {
                #expect(try faults("peek", [address]), "peek(\(address)) (\(linker))")
            }
            let before = try machine.read(16, at: CompiledInstance.ramData)
            #expect(
                try faults("poke", [UInt32(0) &- (memory - CompiledInstance.ramData) &- 8, 0xFFFF_FFFF]), "\(linker)")
            #expect(try machine.read(16, at: CompiledInstance.ramData) == before, "\(linker)")
            #expect(try faults("wide", [10240 - 400 - 4]), "an i64 load straddling the end (\(linker))")
        }
    }

    /// Accesses the facts prove inside the reserve (a constant address, an index masked
    /// below it) keep the short privileged forms; the others are unprivileged.
    @Test func onlyAccessesTheFactsDoNotBoundAreUnprivileged() throws {
        let module = try WasmDecoder.decode(try wat2wasm(Self.wat), file: "mpu.wat")
        for (name, unprivileged) in [("fixed", 0), ("masked", 0), ("peek", 1), ("poke", 1), ("wide", 2)] {
            let output = try CompiledInstance.compile(module, memory: .mpu, hot: [name])
            let file = try ELFFile(output.object)
            let text = try #require(file.sections.first { $0.name == ".text" })
            let symbol = try #require(file.symbols.first { $0.name == name })
            let start = Int(symbol.value & ~1)
            let bytes = Array(text.bytes[start..<start + Int(symbol.size)])
            #expect(Self.unprivilegedAccesses(bytes) == unprivileged, "\(name)")
        }
        // The same functions under `linked` have none.
        let linked = try CompiledInstance.compile(module, memory: .linked)
        #expect(Self.unprivilegedAccesses(linked.compiled.object.text) == 0)
    }
}
