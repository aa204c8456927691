import Compile
import ELF
import Foundation
import Harness
import Pipeline
import Testing
import ThumbHarness
import WasmModel

/// `--memory task` (`TaskRegions`): `relocated`'s code, with everything the module writes in
/// two sections aligned and sized as MPU regions that `weft_task_regions` lists, so an
/// unprivileged task given those regions reaches nothing else — checked by running the
/// objects with every access checked as the MPU checks an unprivileged task's
/// (`Machine.emulateTask`), linked by both linkers.
@Suite struct TaskMemoryTests {
    /// `peek(p)` and `poke(p, v)` through a pointer; `fixed()` reads the data at 1024 (an
    /// address the linker relocated); `address()` returns 2048, an address in the zero part;
    /// `count()` bumps a mutable global; the stack pointer (global 0) is an address global.
    static func module() -> WasmModel.Module {
        var m = WasmModel.Module()
        m.types = [
            WasmModel.FuncType(params: [.i32], results: [.i32]),
            WasmModel.FuncType(params: [.i32, .i32], results: []),
            WasmModel.FuncType(params: [], results: [.i32]),
        ]
        m.memories = [WasmModel.Limits(min: 1)]
        m.globals = [
            WasmModel.Global(type: WasmModel.GlobalType(type: .i32, mutable: true), initializer: [.i32Const(4096)]),
            WasmModel.Global(type: WasmModel.GlobalType(type: .i32, mutable: true), initializer: [.i32Const(0)]),
        ]
        m.data = [WasmModel.DataSegment(mode: .active(memory: 0, offset: [.i32Const(1024)]), bytes: [7, 0, 0, 0])]
        let word = WasmModel.MemArg(align: 2, offset: 0)
        m.functions = [
            WasmModel.Function(type: 0, body: [.localGet(0), .load(.i32Load, word), .end]),
            WasmModel.Function(type: 1, body: [.localGet(0), .localGet(1), .store(.i32Store, word), .end]),
            WasmModel.Function(type: 2, body: [.i32Const(1024), .load(.i32Load, word), .end]),
            WasmModel.Function(type: 2, body: [.i32Const(2048), .end]),
            WasmModel.Function(
                type: 2,
                body: [.globalGet(1), .i32Const(1), .numeric(.i32Add), .globalSet(1), .globalGet(1), .end]),
        ]
        m.exports = ["peek", "poke", "fixed", "address", "count"].enumerated().map {
            WasmModel.Export(name: $0.element, kind: .function(UInt32($0.offset)))
        }
        m.memoryRelocations = MemoryRelocations(
            code: [
                .init(function: 2, instruction: 0, use: .constant), .init(function: 3, instruction: 0, use: .constant),
            ],
            globals: [0])
        return m
    }

    /// `.data` and `.bss` are each aligned to their region's size and span its enabled
    /// subregions; linked, the table holds each section's address with VALID and its
    /// number (6 for `.data`, 7 for `.bss`) and the regions' attributes; the code is
    /// `relocated`'s, byte for byte (nothing is spent per access).
    @Test func theSectionsAreTheRegionsTheTableLists() throws {
        let m = Self.module()
        let output = try CompiledInstance.compile(m, memory: .task)
        let relocated = try CompiledInstance.compile(m, memory: .relocated)
        #expect(output.compiled.object.text == relocated.compiled.object.text)
        let file = try ELFFile(output.object)
        let data = try #require(file.sections.first { $0.name == ".data" })
        let bss = try #require(file.sections.first { $0.name == ".bss" })
        let dataRegion = MPURegion(reserve: UInt64(relocated.compiled.object.data.count), number: 6)
        let bssRegion = MPURegion(reserve: UInt64(relocated.compiled.object.bssSize), number: 7)
        #expect(data.size == dataRegion.bytes && data.align == dataRegion.size)
        #expect(bss.isNoBits && bss.size == bssRegion.bytes && bss.align == bssRegion.size)
        #expect(file.symbols.contains { $0.name == TaskRegions.symbol && $0.size == 16 })
        for linker in CompiledInstance.Linker.allCases {
            let instance = try CompiledInstance(output, memory: .task, linker: linker)
            let machine = instance.machine
            #expect(machine.emulatesMPU, "\(linker)")
            let table = try #require(machine.symbols[TaskRegions.symbol])
            let words = try (0..<4).map { try machine.word(at: table + 4 * UInt32($0)) }
            let dataAddress = words[0] & ~0x1F
            let bssAddress = words[2] & ~0x1F
            #expect(words[0] & 0x1F == 0x16 && words[2] & 0x1F == 0x17, "\(linker): \(words)")
            #expect(words[1] == dataRegion.attributes && words[3] == bssRegion.attributes, "\(linker)")
            #expect(UInt64(dataAddress) % dataRegion.size == 0 && UInt64(bssAddress) % bssRegion.size == 0)
            #expect(try machine.symbols["weft_memory"].map { $0 >= bssAddress } == true, "\(linker)")
        }
    }

    /// Inside the regions the module runs (its data, its zero part, its globals; reading
    /// flash); a load or store anywhere else — past or below its memory, the host's RAM,
    /// flash — faults as the MPU faults an unprivileged access (MemManage), and a faulting
    /// store writes nothing.
    @Test func aStrayAccessFaultsAndAnAccessInTheRegionsRuns() throws {
        let output = try CompiledInstance.compile(Self.module(), memory: .task)
        let bssRegion = MPURegion(reserve: UInt64(output.compiled.object.bssSize), number: 7)
        for linker in CompiledInstance.Linker.allCases {
            let instance = try CompiledInstance(output, memory: .task, linker: linker)
            let machine = instance.machine
            #expect(try instance.invoke("fixed", []) == .values([7]), "\(linker)")
            #expect(try instance.invoke("count", []) == .values([1]), "\(linker)")
            #expect(try instance.invoke("count", []) == .values([2]), "\(linker)")
            guard case .values(let a) = try instance.invoke("address", []), let p = a.first else {
                Issue.record("address() did not return (\(linker))")
                continue
            }
            #expect(try instance.invoke("poke", [p, 0x1234_5678]) == .values([]), "\(linker)")
            #expect(try instance.invoke("peek", [p]) == .values([0x1234_5678]), "\(linker)")
            #expect(try instance.invoke("peek", [UInt64(Machine.codeBase)]) != .values([0]), "\(linker): flash reads")
            func faults(_ name: String, _ arguments: [UInt32]) throws -> Bool {
                guard case .trapped(let e, _) = try machine.call(name, arguments) else { return false }
                return e == Machine.memoryManagementFault
            }
            let table = try #require(machine.symbols[TaskRegions.symbol])
            let bss = try machine.word(at: table + 8) & ~0x1F
            let end = bss + UInt32(bssRegion.bytes)
            for address in [end, end - 2, bss - 4, Machine.codeBase, Machine.scratchBase] {
                #expect(try faults("peek", [address]) == (address != Machine.codeBase), "peek(\(address)) (\(linker))")
                #expect(try faults("poke", [address, 0xFFFF_FFFF]), "poke(\(address)) (\(linker))")
            }
            #expect(try machine.read(4, at: Machine.scratchBase) == [0, 0, 0, 0], "\(linker)")
        }
    }
}
