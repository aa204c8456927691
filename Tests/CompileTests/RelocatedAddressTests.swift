import Compile
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
        #expect(RelocatedAddresses.constants(in: rewritten) == [0: 1024, 1: 2048])
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
                    store: store, type: WasmKit.GlobalType(mutability: .constant, valueType: .i32), value: .i32(c))
                imports.define(module: RelocatedAddresses.importModule, name: String(c), global)
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
}
