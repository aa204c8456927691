import Compile
import ELF
import Foundation
import Harness
import Pipeline
import Testing
import WAT
import WasmDecode
import WasmModel

/// The `linked` memory model's object and the memory reservation (`--memory-size`, or what the
/// module says it uses): linear memory in `.bss` (no zeros in the file), its initialized part
/// as one `.rodata` image that `weft_init` copies in, the reserve each model gets, and
/// `memory.grow` up to a given reserve.
@Suite struct LinkedMemoryTests {
    /// Two segments with a gap, out of order; `__heap_base` says 9,000 bytes are used.
    static let wat = """
        (module
          (memory (export "memory") 2)
          (global (export "__heap_base") i32 (i32.const 9000))
          (data (i32.const 2000) "\\de\\ad\\be\\ef")
          (data (i32.const 1024) "abc")
          (func (export "peek") (param i32) (result i32) (i32.load (local.get 0)))
          (func (export "fixed") (result i32) (i32.load (i32.const 2000))))
        """

    static func section(_ name: String, in file: ELFFile) -> (index: Int, ELFFile.Section)? {
        file.sections.enumerated().first { $0.element.name == name }.map { ($0.offset, $0.element) }
    }

    /// The object holds linear memory as NOBITS `.bss` of exactly the reserve, `.data` none of
    /// it, and `.rodata` exactly the initialized bytes (first segment's start to the last
    /// one's end, the gap zero); both linkers' images keep `.bss` NOBITS, and after
    /// `weft_init` the memory holds the segments where Wasm puts them.
    @Test func memoryIsNoBitsAndTheImageHoldsExactlyTheInitializedBytes() throws {
        let module = try WasmDecoder.decode(try wat2wasm(Self.wat), file: "image.wat")
        let output = try CompiledInstance.compile(module, memory: .linked)
        #expect(output.compiled.memory?.bytes == 9000)
        #expect(output.compiled.memory?.source.contains("__heap_base") == true)
        let file = try ELFFile(output.object)
        let bss = try #require(Self.section(".bss", in: file))
        #expect(bss.1.isNoBits && bss.1.size == 9000 && bss.1.bytes.isEmpty)
        let memory = try #require(file.symbols.first { $0.name == "weft_memory" })
        #expect(Int(memory.section) == bss.index && memory.value == 0 && memory.size == 9000)
        let data = try #require(Self.section(".data", in: file))
        #expect(data.1.size <= 8, ".data holds \(data.1.size) bytes: no memory in it")
        let rodata = try #require(Self.section(".rodata", in: file))
        let image = try #require(file.symbols.first { $0.name == "weft_data_2" })
        #expect(Int(image.section) == rodata.index && image.size == 2004 - 1024)
        let bytes = Array(rodata.1.bytes[Int(image.value)..<Int(image.value + image.size)])
        #expect(bytes == Array("abc".utf8) + [UInt8](repeating: 0, count: 2000 - 1027) + [0xDE, 0xAD, 0xBE, 0xEF])
        #expect(file.symbols.contains { $0.name == ModuleCompiler.initSymbol && $0.global })
        // The same module under `checked`: its two pages in .data, zeros included.
        let checked = try ELFFile(try CompiledInstance.compile(module, memory: .checked).object)
        #expect((Self.section(".data", in: checked)?.1.size ?? 0) >= 131072)
        #expect(Self.section(".bss", in: checked) == nil)

        for linker in CompiledInstance.Linker.allCases {
            let instance = try CompiledInstance(output, memory: .linked, linker: linker)
            let linked = try ELFFile(instance.image)
            #expect(Self.section(".bss", in: linked)?.1.isNoBits == true, "\(linker)")
            #expect(instance.machine.symbols["weft_memory"] == CompiledInstance.ramMemory, "\(linker)")
            #expect(try instance.invoke("peek", [1024]) == .values([0x0063_6261]), "\(linker)")
            #expect(try instance.invoke("fixed", []) == .values([0xEFBE_ADDE]), "\(linker)")
            #expect(try instance.read(1024, at: 0) == [UInt8](repeating: 0, count: 1024), "\(linker)")
            #expect(try instance.read(4, at: 8996) == [0, 0, 0, 0], "\(linker)")
        }
    }

    /// Segments of zeros at either end of the initialized bytes (wasm-ld writes `.bss` as one
    /// when it keeps relocations) add nothing to the image: the memory is zero at startup. The
    /// program still reads the zeros and the data where Wasm puts them.
    @Test func zerosAtTheImagesEndsAreNotCopied() throws {
        let wat = """
            (module
              (memory (export "memory") 1)
              (global (export "__heap_base") i32 (i32.const 4096))
              (data (i32.const 16) "\\00\\00\\00\\00\\00\\00\\00\\00")
              (data (i32.const 1024) "abcd")
              (data (i32.const 2048) "\(String(repeating: "\\00", count: 448))")
              (func (export "peek") (param i32) (result i32) (i32.load (local.get 0))))
            """
        let module = try WasmDecoder.decode(try wat2wasm(wat), file: "zeros.wat")
        let output = try CompiledInstance.compile(module, memory: .linked)
        let file = try ELFFile(output.object)
        let rodata = try #require(Self.section(".rodata", in: file))
        let image = try #require(file.symbols.first { $0.name.hasPrefix("weft_data_") && $0.section == rodata.index })
        #expect(image.size == 4, "the image holds only `abcd`, not \(image.size) bytes")
        for linker in CompiledInstance.Linker.allCases {
            let instance = try CompiledInstance(output, memory: .linked, linker: linker)
            #expect(try instance.invoke("peek", [1024]) == .values([0x6463_6261]), "\(linker)")
            #expect(try instance.invoke("peek", [16]) == .values([0]), "\(linker)")
            #expect(try instance.invoke("peek", [2300]) == .values([0]), "\(linker)")
        }
    }

    /// What each model reserves, and why: LLVM's figures under `linked` (a real build's
    /// `__stack_pointer`), the whole memory where the code reads `memory.size` or nothing
    /// says what it uses, the growth room, a given size below the memory (`linked`, `base`)
    /// or above it.
    @Test func theReserveComesFromTheModuleOrTheGivenSize() throws {
        func reserve(_ wat: String, _ memory: MemoryModel, _ size: UInt64? = nil) throws -> MemoryReservation? {
            let module = try WasmDecoder.decode(try wat2wasm(wat), file: "reserve.wat")
            return try CompiledInstance.compile(module, memory: memory, memorySize: size).compiled.memory
        }
        let load = "(func (export \"f\") (param i32) (result i32) (i32.load (local.get 0)))"
        let plain = "(module (memory 2) \(load))"
        #expect(try reserve(plain, .linked)?.bytes == 131072)
        #expect(try reserve(plain, .linked, 5000)?.bytes == 5000)
        #expect(try reserve(plain, .base, 5000)?.bytes == 5000)
        #expect(try reserve(plain, .base)?.bytes == 131072)
        #expect(try reserve(plain, .checked, 1 << 20)?.bytes == 131072)
        let heap = "(module (memory 2) (global (export \"__heap_base\") i32 (i32.const 4100)) \(load))"
        #expect(try reserve(heap, .linked)?.bytes == 4104)  // rounded up to 8 bytes
        #expect(try reserve(heap, .base)?.bytes == 131072)  // only `linked` reads the module's figures
        let sized =
            "(module (memory 2) (global (export \"__heap_base\") i32 (i32.const 4100)) \(load) (func (export \"s\") (result i32) (memory.size)))"
        #expect(try reserve(sized, .linked)?.bytes == 131072)
        let grows =
            "(module (memory 1 4) \(load) (func (export \"g\") (param i32) (result i32) (memory.grow (local.get 0))))"
        let room = try reserve(grows, .linked)
        #expect(room?.bytes == 4 * 65536 && room?.grows == true)
        #expect(try reserve(grows, .checked, 2 * 65536 + 100)?.bytes == 2 * 65536)

        // A real LLVM build: the stack's top (after its data) is what the module uses.
        let gust = BenchKernels.root + "/build/gust/gust.wasm"
        let module = try WasmDecoder.decode(Array(try Data(contentsOf: URL(fileURLWithPath: gust))), file: gust)
        let global = try #require(module.stackPointer)
        let top = try #require(module.globals[Int(global) - module.importedGlobalCount].initializer.first)
        guard case .i32Const(let sp) = top else {
            Issue.record("gust's __stack_pointer starts at \(top)")
            return
        }
        let reserved = try CompiledInstance.compile(module, memory: .linked, optimize: true).compiled.memory
        #expect(reserved?.bytes == UInt64(sp + 7) / 8 * 8 && reserved?.source.contains("__stack_pointer") == true)
    }

    /// `memory.grow` succeeds up to a given reserve, not the declared maximum: under `checked`
    /// accesses trap at the size reached, under `linked` the grown pages are there.
    @Test(arguments: [MemoryModel.checked, .linked])
    func memoryGrowsUpToTheGivenReserve(_ memory: MemoryModel) throws {
        let wat = """
            (module (memory 1 4)
              (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
              (func (export "size") (result i32) (memory.size))
              (func (export "poke") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
              (func (export "peek") (param i32) (result i32) (i32.load (local.get 0))))
            """
        let module = try WasmDecoder.decode(try wat2wasm(wat), file: "grow.wat")
        let instance = try CompiledInstance(module: module, memory: memory, memorySize: 2 * 65536 + 4096)
        #expect(instance.compiled.memory?.bytes == 2 * 65536)
        if memory == .checked { #expect(try instance.invoke("poke", [65536, 1]) == .trap) }
        #expect(try instance.invoke("grow", [1]) == .values([1]))
        #expect(try instance.invoke("grow", [1]) == .values([0xFFFF_FFFF]))
        #expect(try instance.invoke("size", []) == .values([2]))
        #expect(try instance.invoke("poke", [131068, 7]) == .values([]))
        #expect(try instance.invoke("peek", [131068]) == .values([7]))
        if memory == .checked { #expect(try instance.invoke("peek", [131069]) == .trap) }
    }

    /// A constant address outside what the memory can ever span traps as Wasm does (the
    /// models without checks compile it to the trap rather than refusing the function); one
    /// inside the memory runs.
    @Test(arguments: [MemoryModel.linked, .mpu, .base])
    func aConstantAddressOutsideTheMemoryTraps(_ memory: MemoryModel) throws {
        let wat = """
            (module (memory 1)
              (func (export "outside") (param i32) (result i32)
                (if (local.get 0) (then (return (i32.load (i32.const 70000)))))
                (i32.const 5))
              (func (export "inside") (result i32) (i32.load (i32.const 65532))))
            """
        let module = try WasmDecoder.decode(try wat2wasm(wat), file: "outside.wat")
        let instance = try CompiledInstance(module: module, memory: memory)
        #expect(try instance.invoke("outside", [0]) == .values([5]))
        #expect(try instance.invoke("outside", [1]) == .trap)
        #expect(try instance.invoke("inside", []) == .values([0]))
    }

    /// Small functions that all reach memory share the word holding its address
    /// (`share-literal-pools`): one word for six functions, one per function with the pass
    /// off, the object smaller, and the same results by both linkers.
    @Test func smallFunctionsShareTheWordHoldingTheMemorysAddress() throws {
        let functions = (0..<6).map { k in
            """
              (func (export "f\(k)") (param i32) (result i32)
                (i32.store (i32.const \(64 + 4 * k)) (local.get 0))
                (i32.add (i32.load (i32.const \(4 * k))) (local.get 0)))
            """
        }
        let wat =
            "(module (memory 1) (data (i32.const 0) \"\\01\\00\\00\\00\\02\") \n\(functions.joined(separator: "\n")))"
        let module = try WasmDecoder.decode(try wat2wasm(wat), file: "pools.wat")
        let shared = try CompiledInstance.compile(module, memory: .linked)
        let alone = try CompiledInstance.compile(module, memory: .linked, disabling: ["share-literal-pools"])
        let words = { (o: CompilePipeline.Output) in
            o.compiled.object.relocations.count { $0.symbol == "weft_memory" && $0.type == .abs32 }
        }
        #expect(words(alone) >= 6)
        #expect(words(shared) < words(alone) - 4, "\(words(shared)) words shared, \(words(alone)) alone")
        #expect(shared.compiled.object.text.count < alone.compiled.object.text.count)
        for linker in CompiledInstance.Linker.allCases {
            let instance = try CompiledInstance(shared, memory: .linked, linker: linker)
            #expect(try instance.invoke("f0", [5]) == .values([6]), "\(linker)")
            #expect(try instance.invoke("f1", [7]) == .values([9]), "\(linker)")
            #expect(try instance.invoke("f5", [1]) == .values([1]), "\(linker)")
            #expect(try instance.read(4, at: 64 + 4 * 5) == [1, 0, 0, 0], "\(linker)")
        }
    }
}
