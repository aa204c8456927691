import Testing
import WasmDecode
import WasmEncode
import WasmModel

/// `reloc.CODE` sections the reader must match to instructions, or refuse with the offset and
/// the reason: the kinds weft cannot move (position-independent, thread-local, 64-bit) and a
/// relocation that points into an instruction holding no address.
@Suite struct RelocationReaderTests {
    /// A module of one function `i32.const 1024; i32.load offset=16; end`, with a `reloc.CODE`
    /// section of `entries` (type, offset in the code section) appended.
    static func module(relocations entries: [(type: UInt8, offset: UInt8)], addend: UInt8 = 0) throws -> [UInt8] {
        var m = Module()
        m.types = [FuncType(results: [.i32])]
        m.memories = [Limits(min: 1)]
        m.functions = [
            Function(type: 0, body: [.i32Const(1024), .load(.i32Load, MemArg(align: 2, offset: 16)), .end])
        ]
        var bytes = WasmEncoder.encode(m)
        // Sections: type 0, function 1, memory 2, code 3.
        var payload: [UInt8] = [10] + Array("reloc.CODE".utf8) + [3, UInt8(entries.count)]
        for e in entries { payload += [e.type, e.offset, 0] + ([3, 4, 5, 11].contains(e.type) ? [addend] : []) }
        bytes += [0, UInt8(payload.count)] + payload
        return bytes
    }

    // The code section's payload: count, body size, locals count, then `41 80 08` (i32.const
    // 1024 at offset 3, its immediate at 4) and `28 02 10` (the load at 6, its offset at 8).

    @Test func anAddressConstantAndAnAddressOffsetAreMatchedToTheirInstructions() throws {
        let decoded = try WasmDecoder.decode(binary: try Self.module(relocations: [(4, 4), (3, 8)]), file: "m.wasm")
        let relocations = try #require(decoded.memoryRelocations)
        #expect(
            relocations.code == [
                .init(function: 0, instruction: 0, use: .constant), .init(function: 0, instruction: 1, use: .offset),
            ])
        #expect(decoded.customSections.isEmpty)
        var moved = decoded
        moved = try decoded.movingMemory(by: 0x20000)
        #expect(moved.functions[0].body[0] == .i32Const(1024 + 0x20000))
        #expect(moved.functions[0].body[1] == .load(.i32Load, MemArg(align: 2, offset: 16 + 0x20000)))
        #expect(moved.memories[0].min == 3)
    }

    @Test func aPositionIndependentAddressIsRefusedByName() throws {
        #expect {
            _ = try WasmDecoder.decode(binary: try Self.module(relocations: [(11, 4)]), file: "m.wasm")
        } throws: { error in
            "\(error)".contains("R_WASM_MEMORY_ADDR_REL_SLEB") && "\(error)".hasPrefix("m.wasm: offset 0x")
        }
    }

    @Test func anAddressRelocationInsideAnInstructionWithoutAnAddressIsRefused() throws {
        // The SLEB kind (an i32.const's) pointing at the load's offset.
        #expect {
            _ = try WasmDecoder.decode(binary: try Self.module(relocations: [(4, 8)]), file: "m.wasm")
        } throws: { error in
            "\(error)".contains("expected an i32.const")
        }
    }

    /// The addend says which object an address belongs to (`&array[4]` is `array + 16`).
    @Test func anAddressKeepsItsRelocationsAddend() throws {
        let decoded = try WasmDecoder.decode(
            binary: try Self.module(relocations: [(4, 4)], addend: 16), file: "m.wasm")
        #expect(decoded.memoryRelocations?.code == [.init(function: 0, instruction: 0, use: .constant, addend: 16)])
    }

    /// A table index relocation (`&f`) on the constant is a function pointer; one of a
    /// position-independent kind makes the function pointers incomplete.
    @Test func aTableIndexIsAFunctionPointer() throws {
        let decoded = try WasmDecoder.decode(binary: try Self.module(relocations: [(1, 4)]), file: "m.wasm")
        let relocations = try #require(decoded.memoryRelocations)
        #expect(relocations.code == [] && relocations.functionPointersComplete)
        #expect(relocations.functionCode == [.init(function: 0, instruction: 0, use: .constant)])
        let pic = try WasmDecoder.decode(binary: try Self.module(relocations: [(12, 4)]), file: "m.wasm")
        #expect(pic.memoryRelocations?.functionPointersComplete == false)
    }

    @Test func relocationsOfIndicesAreNotAddresses() throws {
        // A function index relocation (type 0) at the constant: not a memory address.
        let decoded = try WasmDecoder.decode(binary: try Self.module(relocations: [(0, 4)]), file: "m.wasm")
        #expect(decoded.memoryRelocations?.code == [])
    }
}
