import Foundation
import Harness
import Testing
import WasmDecode
import WasmEncode
import WasmModel

/// The linker's relocations (`<k>.relocs.wasm`, linked with `--emit-relocs`), read into
/// `MemoryRelocations` and applied by `Module.movingMemory(by:)`: every kernel of both corpora,
/// its memory moved up by whole pages, behaves as recorded in `reference.json` with its
/// buffers moved alike. A site the reader missed (an address left where it was) reads or
/// writes the wrong bytes, and a site it invented moves an integer.
@Suite struct MovedMemoryTests {
    static let build = BenchKernels.root + "/build"

    static func module(_ name: String, relocs: Bool) throws -> Module {
        let path = "\(build)/\(name)/\(name)\(relocs ? ".relocs" : "").wasm"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KernelRunner.Failure.message("missing \(path): run `make bench-build` first")
        }
        return try WasmDecoder.decode(binary: Array(data), file: path)
    }

    @Test(arguments: BenchKernels.names)
    func aKernelWhoseMemoryMovedUpBehavesAsRecorded(_ name: String) throws {
        let kernel = try BenchKernels.named(name)
        let manifest = try kernel.manifest()
        let original = try Self.module(name, relocs: false)
        let linked = try Self.module(name, relocs: true)
        let relocations = try #require(linked.memoryRelocations, "\(name): no relocations read")
        // The relocations are read, not kept: the module is the plain link's.
        #expect(linked.customSections.allSatisfy { !$0.name.hasPrefix("reloc.") && $0.name != "linking" })
        #expect(try linked.movingMemory(by: 0).functions == original.functions)
        #expect(!relocations.globals.isEmpty, "\(name): the stack pointer is an address global")

        for delta: UInt32 in [0x1_0000, 0x30_0000] {
            let moved = try linked.movingMemory(by: delta)
            let observed = try KernelRunner.run(binary: WasmEncoder.encode(moved), manifest: manifest, base: delta)
            #expect(observed == (try kernel.reference()), "\(name): memory moved by 0x\(String(delta, radix: 16))")
        }
    }

    /// Moving needs the relocations; a move of part of a page would break alignment.
    @Test func movingWithoutRelocationsOrByPartOfAPageIsRefused() throws {
        let plain = try Self.module("qsort", relocs: false)
        #expect(throws: WasmError.self) { try plain.movingMemory(by: 0x10000) }
        let linked = try Self.module("qsort", relocs: true)
        #expect(throws: WasmError.self) { try linked.movingMemory(by: 0x100) }
    }
}
