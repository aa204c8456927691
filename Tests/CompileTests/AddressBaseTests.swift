import Compile
import Harness
import Passes
import Pipeline
import Testing
import WAT
import WasmDecode
import WasmKit
import WasmModel

@testable import Compile

/// Address bases built once per function (`AddressBases`, `hoist-address-bases`): a static
/// touched in several blocks, and a table indexed as `0x2430 + (i << 2)` in two, have their
/// base materialized once at the entry (a constant under `identity`, a `weft_memory + b`
/// literal under `linked`), the indexed stores use `[base, i, lsl #2]`, the function is
/// smaller than with the pass off, and it runs as WasmKit runs it.
@Suite struct AddressBaseTests {
    static let wat = """
        (module (memory (export "memory") 1)
          (func (export "f") (param i32 i32) (result i32)
            (if (local.get 0)
              (then (i32.store16 (i32.const 0x1618) (i32.add (i32.load16_u (i32.const 0x1618)) (i32.const 1)))))
            (if (i32.gt_u (local.get 0) (i32.const 5)) (then (i32.store (i32.const 0x1620) (local.get 0))))
            (if (i32.gt_u (local.get 0) (i32.const 9)) (then (i32.store8 (i32.const 0x161c) (local.get 1))))
            (if (i32.lt_u (local.get 1) (i32.const 16))
              (then (i32.store (i32.add (i32.shl (local.get 1) (i32.const 2)) (i32.const 0x2430)) (local.get 0))))
            (if (i32.lt_u (local.get 0) (i32.const 16))
              (then (i32.store (i32.add (i32.shl (local.get 0) (i32.const 2)) (i32.const 0x2430)) (local.get 1))))
            (i32.add (i32.load (i32.const 0x1620)) (i32.load16_u (i32.const 0x1618)))))
        """

    /// The module compiled (not optimized: the trees are as written) under `memory`, the
    /// machine code of `f` after the last machine pass as text, one instruction a line.
    static func compile(_ memory: MemoryModel, disabling disabled: Set<String> = []) throws -> (
        output: CompilePipeline.Output, code: [String]
    ) {
        var options = CompileOptions(memory: memory)
        options.passes.disabled = disabled
        options.passes.printAfter = ["post-increments"]
        let pipeline = CompilePipeline(tiles: try CompiledInstance.tiles.get(), options: options, optimizer: nil)
        let module = try WasmDecoder.decode(try wat2wasm(wat), file: "bases.wat")
        let output = try pipeline.run(module, file: "bases.wat")
        let printed = output.passes.printed.first { $0.hasPrefix("; after post-increments (function f)") } ?? ""
        return (output, printed.split(separator: "\n").dropFirst().map { String($0) })
    }

    /// The instructions that build an address base: a constant's move or literal
    /// (`identity`), a `weft_memory + b` literal (`linked`).
    static func builds(_ code: [String], _ memory: MemoryModel) -> Int {
        code.count { line in
            let l = line.trimmingCharacters(in: .whitespaces)
            switch memory {
            case .linked: return l.hasPrefix("symbol(\"weft_memory\"")
            default:
                return l.hasPrefix("movw") || l.hasPrefix("constant(")
                    || (l.hasPrefix("flexible(Thumb.ThumbInstruction.mov(") && l.contains("immediate"))
            }
        }
    }

    @Test(arguments: [MemoryModel.identity, .linked])
    func aStaticTouchedInSeveralBlocksHasItsBaseBuiltOnce(_ memory: MemoryModel) throws {
        let hoisted = try Self.compile(memory)
        let plain = try Self.compile(memory, disabling: [MachinePasses.hoistAddressBases])
        let totals = Dictionary(hoisted.output.passes.totals.map { ($0.name, $0.value) }) { a, _ in a }
        #expect((totals["hoisted address bases"] ?? 0) == 2, "\(hoisted.code.joined(separator: "\n"))")
        // One build of 0x1600 and one of 0x2430, at the entry, against one per block.
        #expect(Self.builds(hoisted.code, memory) == 2, "\(hoisted.code.joined(separator: "\n"))")
        #expect(Self.builds(plain.code, memory) >= 5, "\(plain.code.joined(separator: "\n"))")
        let entry = hoisted.code.prefix { !$0.contains("label(") }
        #expect(Self.builds(Array(entry), memory) == 2)
        // The table's stores index the base register: `str rX, [rB, rI, lsl #2]`.
        #expect(hoisted.code.count { $0.contains("str") && $0.contains("lsl #2]") } == 2)
        let size = { (o: CompilePipeline.Output) in o.compiled.functions.first { $0.symbol == "f" }?.bytes ?? 0 }
        #expect(size(hoisted.output) < size(plain.output))

        let binary = try wat2wasm(Self.wat)
        let module = try WasmDecoder.decode(binary, file: "bases.wat")
        for compiled in try CompiledInstance.linked(module: module, memory: memory) {
            let reference = try Differential.Instance(binary, stackSize: 1 << 16)
            var rng = SplitMix64(seed: 11)
            let chosen: [(UInt32, UInt32)] = [(0, 0), (3, 7), (7, 3), (12, 15), (15, 2), (200, 1), (1, 200)]
            let calls =
                chosen.map { Differential.Call(export: "f", arguments: [.i32($0.0), .i32($0.1)]) }
                + Differential.calls([("f", ["i32", "i32"])], perExport: 8, rng: &rng)
            for call in calls {
                let expected = reference.call(call)
                let got = try compiled.observe(call)
                #expect(got == expected, "\(compiled.linker): f(\(call.arguments.map(KernelRunner.describe)))")
            }
        }
    }
}
