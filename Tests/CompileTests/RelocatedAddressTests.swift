import Compile
import ELF
import Foundation
import Harness
import Pipeline
import Testing
import WasmDecode
import WasmEncode
import WasmKit
import WasmModel

/// `--memory relocated` (`RelocatedAddresses`): the rewrite that makes the linker's addresses
/// symbolic must keep the module's meaning (bound to the addresses themselves, the rewritten
/// module behaves as the original), and what it cannot do is refused with the reason.
@Suite struct RelocatedAddressTests {
    /// `f(p)`: reads a static at 1024 (an address constant), stores `p * 3` to `table[p]`
    /// (table at 2048: an address offset on a store), returns `table[p] + static` (an address
    /// offset on a load); the stack pointer global is read and written around it.
    static func module() -> WasmModel.Module {
        var m = WasmModel.Module()
        m.types = [WasmModel.FuncType(params: [.i32], results: [.i32])]
        m.memories = [WasmModel.Limits(min: 1)]
        m.globals = [
            WasmModel.Global(type: WasmModel.GlobalType(type: .i32, mutable: true), initializer: [.i32Const(4096)])
        ]
        m.exports = [
            WasmModel.Export(name: "f", kind: .function(0)), WasmModel.Export(name: "memory", kind: .memory(0)),
        ]
        m.data = [WasmModel.DataSegment(mode: .active(memory: 0, offset: [.i32Const(1024)]), bytes: [7, 0, 0, 0])]
        let word = WasmModel.MemArg(align: 2, offset: 0)
        let table = WasmModel.MemArg(align: 2, offset: 2048)
        m.functions = [
            WasmModel.Function(
                type: 0,
                body: [
                    .globalGet(0), .i32Const(16), .numeric(.i32Sub), .globalSet(0),
                    .localGet(0), .i32Const(2), .numeric(.i32Shl), .localGet(0), .i32Const(3), .numeric(.i32Mul),
                    .store(.i32Store, table),
                    .localGet(0), .i32Const(2), .numeric(.i32Shl), .load(.i32Load, table),
                    .i32Const(1024), .load(.i32Load, word), .numeric(.i32Add),
                    .globalGet(0), .i32Const(16), .numeric(.i32Add), .globalSet(0),
                    .end,
                ])
        ]
        m.memoryRelocations = MemoryRelocations(
            code: [
                .init(function: 0, instruction: 10, use: .offset), .init(function: 0, instruction: 14, use: .offset),
                .init(function: 0, instruction: 15, use: .constant),
            ],
            globals: [0])
        return m
    }

    @Test func theRewrittenModuleBoundToTheAddressesThemselvesBehavesAsTheOriginal() throws {
        let original = Self.module()
        let rewritten = try RelocatedAddresses.rewrite(original)
        #expect(
            rewritten.imports.map(\.name) == ["1024", "2048"]
                && rewritten.imports.allSatisfy { $0.module == RelocatedAddresses.importModule })
        #expect(
            RelocatedAddresses.constants(in: rewritten) == [
                0: RelocatedAddress(value: 1024), 1: RelocatedAddress(value: 2048),
            ])
        // The stack pointer moved behind the two imports, and stays an address global.
        #expect(rewritten.memoryRelocations?.globals == [2])
        #expect(rewritten.functions[0].body.first == .globalGet(2))
        // No address is left in an offset or a constant.
        #expect(!rewritten.functions[0].body.contains(.i32Const(1024)))
        #expect(
            !rewritten.functions[0].body.contains {
                if case .load(_, let a) = $0 {
                    a.offset != 0
                } else if case .store(_, let a) = $0 {
                    a.offset != 0
                } else {
                    false
                }
            })

        let engine = Engine()
        func run(_ module: WasmModel.Module, _ p: UInt32) throws -> [WasmKit.Value] {
            let store = Store(engine: engine)
            var imports = Imports()
            for (g, c) in RelocatedAddresses.constants(in: module).sorted(by: { $0.key < $1.key }) {
                _ = g
                let global = try WasmKit.Global(
                    store: store, type: WasmKit.GlobalType(mutability: .constant, valueType: .i32),
                    value: .i32(c.value))
                imports.define(module: RelocatedAddresses.importModule, name: c.name, global)
            }
            let parsed = try parseWasm(bytes: WasmEncoder.encode(module))
            let instance = try parsed.instantiate(store: store, imports: imports)
            guard let f = instance.exports[function: "f"] else { return [] }
            return try f.invoke([.i32(p)])
        }
        for p: UInt32 in [0, 1, 5, 100] {
            #expect(try run(rewritten, p) == run(original, p), "f(\(p))")
        }
    }

    @Test func aModuleWithoutTheLinkersRelocationsIsRefused() throws {
        var m = Self.module()
        m.memoryRelocations = nil
        #expect {
            _ = try RelocatedAddresses.rewrite(m)
        } throws: { error in
            "\(error)".contains("wasm-ld --emit-relocs")
        }
    }

    /// `memory.grow` counts pages from address 0, which physical addresses no longer do.
    @Test func aModuleAskingForItsMemorySizeIsRefused() throws {
        var m = Self.module()
        m.functions[0].body.insert(contentsOf: [.memorySize(0), .drop], at: 0)
        m.memoryRelocations = MemoryRelocations()
        #expect {
            _ = try RelocatedAddresses.rewrite(m)
        } throws: { error in
            "\(error)".contains("memory.size") && "\(error)".contains("--memory linked")
        }
    }

    /// Under `relocated` a pointer is physical: `f` adds no base to its parameter before the
    /// access (one `ldr r, [r0, #o]`), where `linked` adds `weft_memory` first.
    @Test func aPointerParameterIsAccessedWithoutABase() throws {
        var m = Self.module()
        m.types = [WasmModel.FuncType(params: [.i32], results: [.i32])]
        m.functions = [
            WasmModel.Function(
                type: 0, body: [.localGet(0), .load(.i32Load, WasmModel.MemArg(align: 2, offset: 8)), .end])
        ]
        m.memoryRelocations = MemoryRelocations(globals: [0])
        let relocated = try CompiledInstance.compile(m, memory: .relocated, optimize: false)
        let linked = try CompiledInstance.compile(m, memory: .linked, optimize: false)
        let symbol = { (o: CompilePipeline.Output) in
            o.compiled.object.symbols.first { $0.name == "f" }?.size ?? 0
        }
        #expect(symbol(relocated) < symbol(linked))
        let f = try #require(relocated.compiled.object.symbols.first { $0.name == "f" })
        #expect(
            !relocated.compiled.object.relocations.contains {
                $0.section == .text && $0.symbol == "weft_memory" && (f.offset..<f.offset + f.size).contains($0.offset)
            })
    }
    /// `walk()` sums the four words of `array` (1024–1039, initialized) by a pointer running
    /// to its end `&array[4]` = 1040, which is also the address of `counter`, the first word
    /// of the zero part (wasm-ld's `.bss` segment) that `bump()` increments; it returns the
    /// sum plus the counter. The end pointer is `array + 16` (an addend), the counter's
    /// address is `counter + 0`: equal values, different objects.
    static func walkingModule() -> WasmModel.Module {
        var m = WasmModel.Module()
        m.types = [WasmModel.FuncType(params: [], results: [.i32]), WasmModel.FuncType(params: [], results: [])]
        m.memories = [WasmModel.Limits(min: 1)]
        m.globals = [
            WasmModel.Global(type: WasmModel.GlobalType(type: .i32, mutable: true), initializer: [.i32Const(8192)])
        ]
        m.exports = [
            WasmModel.Export(name: "walk", kind: .function(0)), WasmModel.Export(name: "bump", kind: .function(1)),
        ]
        m.data = [
            WasmModel.DataSegment(
                mode: .active(memory: 0, offset: [.i32Const(1024)]),
                bytes: [1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0]),
            WasmModel.DataSegment(
                mode: .active(memory: 0, offset: [.i32Const(1040)]), bytes: [UInt8](repeating: 0, count: 16)),
        ]
        let word = WasmModel.MemArg(align: 2, offset: 0)
        m.functions = [
            WasmModel.Function(
                type: 0, locals: [.i32, .i32],
                body: [
                    .i32Const(1024), .localSet(0), .block(.empty), .loop(.empty),
                    .localGet(0), .i32Const(1040), .numeric(.i32Eq), .brIf(1),
                    .localGet(1), .localGet(0), .load(.i32Load, word), .numeric(.i32Add), .localSet(1),
                    .localGet(0), .i32Const(4), .numeric(.i32Add), .localSet(0), .br(0), .end, .end,
                    .localGet(1), .i32Const(1040), .load(.i32Load, word), .numeric(.i32Add), .end,
                ]),
            WasmModel.Function(
                type: 1,
                body: [
                    .i32Const(1040), .i32Const(1040), .load(.i32Load, word), .i32Const(1), .numeric(.i32Add),
                    .store(.i32Store, word), .end,
                ]),
        ]
        m.memoryRelocations = MemoryRelocations(
            code: [
                .init(function: 0, instruction: 0, use: .constant),
                .init(function: 0, instruction: 5, use: .constant, addend: 16),
                .init(function: 0, instruction: 21, use: .constant),
                .init(function: 1, instruction: 0, use: .constant), .init(function: 1, instruction: 1, use: .constant),
            ],
            globals: [0])
        return m
    }

    /// The initialized part is `weft_data` in `.data` (its bytes there, nothing for
    /// `weft_init` to copy), the zero part `weft_memory` in `.bss` from the data's end; the
    /// end pointer stays with its array, so the walk stops there by both linkers (placed as
    /// the end of the counter's piece, the loop would never meet it).
    @Test func anEndPointerStaysWithItsObjectWhereTheZeroPartBegins() throws {
        let m = Self.walkingModule()
        let output = try CompiledInstance.compile(m, memory: .relocated)
        let object = output.compiled.object
        let data = try #require(object.symbols.first { $0.name == "weft_data" })
        #expect(data.section == .data && data.size == 16)
        #expect(Array(object.data[Int(data.offset)..<Int(data.offset) + 16]) == m.data[0].bytes)
        let memory = try #require(object.symbols.first { $0.name == "weft_memory" })
        #expect(memory.section == .bss)
        #expect(!object.symbols.contains { $0.name == "weft_init" || $0.name == "weft_memory_low" })
        #expect(output.compiled.memory?.pieces.map(\.start) == [1024, 1040])
        for linker in CompiledInstance.Linker.allCases {
            let instance = try CompiledInstance(output, memory: .relocated, linker: linker)
            #expect(try instance.invoke("bump", []) == .values([]), "\(linker)")
            #expect(try instance.invoke("walk", []) == .values([11]), "\(linker)")
            #expect(try instance.read(4, at: 1040) == [1, 0, 0, 0], "\(linker)")
        }
    }

    /// A stack below the data (wasm-ld's `--stack-first`: the stack pointer starts where the
    /// data begins) gets a piece of its own below it: the stack pointer belongs to the stack
    /// it points past, not to the data it points at.
    @Test func aStackBelowTheDataGetsAPieceOfItsOwn() throws {
        var m = Self.walkingModule()
        m.globals[0].initializer = [.i32Const(1024)]
        // walk() keeps a frame: the stack pointer moves down 16 and back around the sum.
        m.functions[0].body.insert(contentsOf: [.globalGet(0), .i32Const(16), .numeric(.i32Sub), .globalSet(0)], at: 0)
        m.functions[0].body.insert(
            contentsOf: [.globalGet(0), .i32Const(16), .numeric(.i32Add), .globalSet(0)],
            at: m.functions[0].body.count - 1)
        var relocations = try #require(m.memoryRelocations)
        for k in relocations.code.indices where relocations.code[k].function == 0 {
            relocations.code[k].instruction += 4
        }
        m.memoryRelocations = relocations
        let output = try CompiledInstance.compile(m, memory: .relocated)
        #expect(output.compiled.memory?.pieces.map(\.symbol) == ["weft_memory_low", "weft_data", "weft_memory"])
        for linker in CompiledInstance.Linker.allCases {
            let instance = try CompiledInstance(output, memory: .relocated, linker: linker)
            #expect(try instance.invoke("walk", []) == .values([10]), "\(linker)")
        }
    }
    /// `tick()` bumps two neighbouring counters (at 1040 and 1044, in the zero part), each
    /// through a local holding its address (`global.get &counter; local.tee`), as LLVM writes
    /// `ticks++`: the locals are the addresses themselves, so both accesses share one base —
    /// one literal word in the function, not one per counter — and the counters count, by
    /// both linkers.
    @Test func aLocalHoldingAnAddressSharesTheNeighboursBase() throws {
        var m = WasmModel.Module()
        m.types = [WasmModel.FuncType(params: [], results: [])]
        m.memories = [WasmModel.Limits(min: 1)]
        m.data = [WasmModel.DataSegment(mode: .active(memory: 0, offset: [.i32Const(1024)]), bytes: [7, 0, 0, 0])]
        m.exports = [WasmModel.Export(name: "tick", kind: .function(0))]
        let word = WasmModel.MemArg(align: 2, offset: 0)
        var body: [WasmModel.Instruction] = []
        for address: Int32 in [1040, 1044] {
            body += [
                .i32Const(address), .localTee(0), .load(.i32Load, word), .i32Const(1), .numeric(.i32Add),
                .localSet(1), .localGet(0), .localGet(1), .store(.i32Store, word),
            ]
        }
        m.functions = [WasmModel.Function(type: 0, locals: [.i32, .i32], body: body + [.end])]
        m.memoryRelocations = MemoryRelocations(code: [
            .init(function: 0, instruction: 0, use: .constant), .init(function: 0, instruction: 9, use: .constant),
        ])
        let output = try CompiledInstance.compile(m, memory: .relocated)
        let words = output.compiled.object.relocations.filter { $0.section == .text }
        #expect(words.count == 1, "\(words)")
        for linker in CompiledInstance.Linker.allCases {
            let instance = try CompiledInstance(output, memory: .relocated, linker: linker)
            for _ in 0..<3 { #expect(try instance.invoke("tick", []) == .values([]), "\(linker)") }
            #expect(try instance.read(8, at: 1040) == [3, 0, 0, 0, 3, 0, 0, 0], "\(linker)")
        }
    }

    /// Handlers `double` (function 0) and `inc` (function 1) in table slots 1 and 2; a
    /// table of them in data at 1024 (two words the linker relocated as table indices);
    /// `dispatch(k, x)` calls handler `k` of the data's table, `viaConst(x)` calls `&inc`
    /// made in code, `pointer()` returns `&double` (exported, to be found).
    static func handlersModule() -> WasmModel.Module {
        var m = WasmModel.Module()
        m.types = [
            WasmModel.FuncType(params: [.i32], results: [.i32]),
            WasmModel.FuncType(params: [.i32, .i32], results: [.i32]),
            WasmModel.FuncType(params: [], results: [.i32]),
        ]
        m.memories = [WasmModel.Limits(min: 1)]
        m.tables = [
            WasmModel.Table(type: WasmModel.TableType(element: .funcref, limits: WasmModel.Limits(min: 3, max: 3)))
        ]
        m.elements = [
            WasmModel.ElementSegment(
                type: .funcref, items: [[.refFunc(0)], [.refFunc(1)]], mode: .active(table: 0, offset: [.i32Const(1)]))
        ]
        m.data = [
            WasmModel.DataSegment(mode: .active(memory: 0, offset: [.i32Const(1024)]), bytes: [1, 0, 0, 0, 2, 0, 0, 0])
        ]
        let handlers = WasmModel.MemArg(align: 2, offset: 1024)
        m.functions = [
            WasmModel.Function(type: 0, body: [.localGet(0), .i32Const(2), .numeric(.i32Mul), .end]),
            WasmModel.Function(type: 0, body: [.localGet(0), .i32Const(1), .numeric(.i32Add), .end]),
            WasmModel.Function(
                type: 1,
                body: [
                    .localGet(1), .localGet(0), .i32Const(2), .numeric(.i32Shl), .load(.i32Load, handlers),
                    .callIndirect(type: 0, table: 0), .end,
                ]),
            WasmModel.Function(type: 0, body: [.localGet(0), .i32Const(2), .callIndirect(type: 0, table: 0), .end]),
            WasmModel.Function(type: 2, body: [.i32Const(1), .end]),
        ]
        m.exports = [
            WasmModel.Export(name: "dispatch", kind: .function(2)),
            WasmModel.Export(name: "viaConst", kind: .function(3)),
            WasmModel.Export(name: "pointer", kind: .function(4)), WasmModel.Export(name: "memory", kind: .memory(0)),
            WasmModel.Export(name: "double", kind: .function(0)),
        ]
        var relocations = MemoryRelocations(code: [.init(function: 2, instruction: 4, use: .offset)])
        relocations.functionCode = [
            .init(function: 3, instruction: 1, use: .constant), .init(function: 4, instruction: 0, use: .constant),
        ]
        relocations.functionData = [.init(segment: 0, offset: 0), .init(segment: 0, offset: 4)]
        m.memoryRelocations = relocations
        return m
    }

    /// Function pointers are the functions' addresses, as in native code: the data's handler
    /// table holds them (relocated against the functions), a call through one is `blx` with
    /// no check, a call through a known one is `bl`, and `&double` is `double`'s Thumb address;
    /// no Wasm table is left in the object. Both linkers; the calls compute what WasmKit does.
    @Test func functionPointersAreTheFunctionsAddresses() throws {
        let m = Self.handlersModule()
        let output = try CompiledInstance.compile(m, memory: .relocated)
        let object = output.compiled.object
        #expect(!object.symbols.contains { $0.name == "weft_table" })
        #expect(
            Set(object.relocations.filter { $0.section == .data }.map(\.symbol)) == ["double", "weft_f1"],
            "\(object.relocations)")
        let instructions = try CompiledTileTests.instructions(ELFWriter.write(object))
        #expect(instructions.filter { $0.hasPrefix("blx") }.count == 1, "\(instructions)")
        #expect(!instructions.contains { $0.hasPrefix("udf") }, "\(instructions)")
        // The results WasmKit gives (memory differs by design: the handler table holds
        // addresses where Wasm's holds indices).
        let reference = try Differential.Instance(WasmEncoder.encode(m))
        func result(_ observation: String) -> Substring { observation.split(separator: " ").first ?? "" }
        for linker in CompiledInstance.Linker.allCases {
            let instance = try CompiledInstance(output, memory: .relocated, linker: linker)
            var calls = [(UInt32, UInt32)]([(0, 5), (1, 5), (0, 0x7FFF_FFFF), (1, 0xFFFF_FFFF)]).map {
                Differential.Call(export: "dispatch", arguments: [.i32($0.0), .i32($0.1)])
            }
            calls.append(Differential.Call(export: "viaConst", arguments: [.i32(41)]))
            for call in calls {
                #expect(result(try instance.observe(call)) == result(reference.call(call)), "\(linker) \(call)")
            }
            let double = try #require(instance.machine.symbols["double"])
            #expect(try instance.invoke("pointer", []) == .values([UInt64(double | 1)]), "\(linker)")
        }
    }

    /// A table the module exports (a host may read or change it) keeps function pointers as
    /// table indices, their calls checked as Wasm's.
    @Test func anExportedTableKeepsFunctionPointersAsIndices() throws {
        var m = Self.handlersModule()
        m.exports.append(WasmModel.Export(name: "table", kind: .table(0)))
        #expect(!RelocatedAddresses.functionPointersAreAddresses(m))
        let instance = try CompiledInstance(module: m, memory: .relocated)
        #expect(try instance.invoke("pointer", []) == .values([1]))
        #expect(try instance.invoke("dispatch", [1, 20]) == .values([21]))
    }

    /// A C global exported by wasm-ld (`--export=table`) is an immutable global holding its
    /// address: under `relocated` its word in the object is that data's physical address,
    /// so native code reading the symbol reaches the data, as it does through an export.
    @Test func anExportedDataSymbolHoldsItsPhysicalAddress() throws {
        guard let clang = Subprocess.toolchain("clang"), let wasmLd = Subprocess.toolchain("wasm-ld") else {
            try Test.cancel("clang and wasm-ld for wasm32 are needed (the Swift toolchain's)")
            return
        }
        let scratch = ScratchSpace()
        let c = scratch.path("data.c")
        try """
        int table[4] = {1, 2, 3, 4};
        int counter;
        int get(int i) { counter += 1; return table[i] + counter; }
        """.write(toFile: c, atomically: true, encoding: .utf8)
        let object = scratch.path("data.o")
        let wasm = scratch.path("data.wasm")
        let compiled = try Subprocess.run(clang, ["--target=wasm32", "-Oz", "-nostdlib", "-c", c, "-o", object])
        #expect(compiled.status == 0, "\(compiled.stderr)")
        let linked = try Subprocess.run(
            wasmLd,
            ["--no-entry", "--export=get", "--export=table", "--export=counter", "--emit-relocs", object, "-o", wasm])
        #expect(linked.status == 0, "\(linked.stderr)")
        let module = try WasmDecoder.decode(Array(try Data(contentsOf: URL(fileURLWithPath: wasm))), file: wasm)
        let exported = module.exports.compactMap { e -> UInt32? in
            if case .global(let g) = e.kind, e.name == "table" || e.name == "counter" { return g }
            return nil
        }
        #expect(exported.count == 2)
        #expect(Set(exported).isSubset(of: Set(module.memoryRelocations?.globals ?? [])))
        let output = try CompiledInstance.compile(module, memory: .relocated)
        for linker in CompiledInstance.Linker.allCases {
            let instance = try CompiledInstance(output, memory: .relocated, linker: linker)
            #expect(try instance.invoke("get", [2]) == .values([4]), "\(linker)")
            let tableWord = try #require(instance.machine.symbols["table"], "\(linker)")
            let tableAddress = try instance.machine.read(4, at: tableWord)
            let table =
                UInt32(tableAddress[0]) | UInt32(tableAddress[1]) << 8 | UInt32(tableAddress[2]) << 16
                | UInt32(tableAddress[3]) << 24
            #expect(
                try instance.machine.read(16, at: table) == [1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0],
                "\(linker)")
            let counterWord = try #require(instance.machine.symbols["counter"], "\(linker)")
            let counterAddress = try instance.machine.read(4, at: counterWord)
            let counter =
                UInt32(counterAddress[0]) | UInt32(counterAddress[1]) << 8 | UInt32(counterAddress[2]) << 16
                | UInt32(counterAddress[3]) << 24
            #expect(try instance.machine.read(4, at: counter) == [1, 0, 0, 0], "\(linker): get() counted once")
        }
    }
}
