import Compile
import ELF
import Foundation
import Harness
import Passes
import Pipeline
import Testing
import Thumb
import WAT
import WasmDecode
import WasmKit
import WasmModel

@testable import Compile

/// `weft compile`'s pipeline as one value: what the optimizer chooses by Thumb-2 bytes, the
/// machine passes under the runner (left out, printed, verified), the same object every run.
@Suite struct CompilePipelineTests {
    static let source = """
        (module (memory 1)
          (func $sum (export "sum") (param i32 i32) (result i32) (local i32)
            (block (loop
              (br_if 1 (i32.eqz (local.get 1)))
              (local.set 2 (i32.add (local.get 2) (i32.load (local.get 0))))
              (local.set 0 (i32.add (local.get 0) (i32.const 4)))
              (local.set 1 (i32.sub (local.get 1) (i32.const 1)))
              (br 0)))
            (local.get 2))
          (func (export "pick") (param i32 i32) (result i32)
            (if (result i32) (i32.lt_s (local.get 0) (local.get 1))
              (then (i32.div_u (local.get 1) (i32.const 7))) (else (i32.rem_u (local.get 0) (i32.const 16)))))
          (func $unused (result i32) (i32.const 5)))
        """

    static func module() throws -> WasmModel.Module {
        try WasmDecoder.decode(try wat2wasm(source), file: "pipeline.wat")
    }

    static func pipeline(_ passes: PassOptions = PassOptions(), memory: MemoryModel = .identity) throws
        -> CompilePipeline
    {
        var options = CompileOptions(memory: memory)
        options.passes = passes
        return CompilePipeline(tiles: try CompiledInstance.tiles.get(), options: options, rules: try TestPaths.rules)
    }

    @Test func theSameInputCompilesToTheSameObjectEveryRun() throws {
        let a = try Self.pipeline().run(try Self.module(), file: "p.wat")
        let b = try Self.pipeline().run(try Self.module(), file: "p.wat")
        #expect(a.object == b.object)
        // Lowered functions reach the selector as elaborated code; the unreachable one is not compiled.
        #expect(!a.compiled.functions.contains { $0.symbol.hasPrefix("weft_f") })
    }

    /// Functions are optimized, sized and compiled on every core (`Parallel`), inlining
    /// trials a batch at a time: random programs with calls between their functions, and the
    /// module above, give the same optimized module and the same object byte for byte with
    /// one job as with three, under `identity` and `linked` (which decides pointer parameters
    /// from every function's compilation).
    @Test(arguments: [MemoryModel.identity, .linked])
    func theOutputIsTheSameWhateverTheNumberOfJobs(_ memory: MemoryModel) throws {
        let calls = """
            (module (memory 1)
              (func $get (param i32) (result i32) (i32.load (local.get 0)))
              (func $twice (param i32) (result i32) (i32.shl (call $get (local.get 0)) (i32.const 1)))
              (func (export "a") (param i32) (result i32) (i32.add (call $twice (local.get 0)) (call $get (i32.const 8))))
              (func (export "b") (param i32) (result i32) (call $get (i32.add (local.get 0) (i32.const 4)))))
            """
        // Callees each inlined into a caller of its own: trials that win side by side.
        let apart = """
            (module
              (func $g1 (param i32) (result i32) (i32.add (local.get 0) (i32.const 7)))
              (func $g2 (param i32) (result i32) (i32.xor (local.get 0) (i32.const 5)))
              (func $g3 (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
              (func (export "f1") (param i32) (result i32) (call $g1 (local.get 0)))
              (func (export "f2") (param i32) (result i32) (call $g2 (local.get 0)))
              (func (export "f3") (param i32) (result i32) (call $g3 (local.get 0))))
            """
        var modules = [
            try Self.module(), try WasmDecoder.decode(Array(calls.utf8), file: "calls.wat"),
            try WasmDecoder.decode(Array(apart.utf8), file: "apart.wat"),
        ]
        for seed in UInt64(0)..<4 {
            var generator = ProgramGenerator(seed: 0x70B5_0000 + seed, inBounds: true)
            let wat = generator.module(functions: 4 + Int(seed))
            modules.append(try WasmDecoder.decode(Array(wat.utf8), file: "jobs\(seed).wat"))
        }
        func run(_ module: WasmModel.Module, jobs: Int) throws -> CompilePipeline.Output {
            var options = CompileOptions(memory: memory, memorySize: memory == .identity ? nil : 8192)
            options.passes.jobs = jobs
            let pipeline = CompilePipeline(
                tiles: try CompiledInstance.tiles.get(), options: options, optimizer: try CompiledInstance.optimizer())
            return try pipeline.run(module, file: "jobs.wat")
        }
        var inlined = 0
        for (n, module) in modules.enumerated() {
            // Trials run one, two and three at a time (speculating on wins or on losses).
            let one = try run(module, jobs: 1)
            for jobs in [2, 3] {
                let other = try run(module, jobs: jobs)
                #expect(one.object == other.object, "module \(n), \(jobs) jobs")
                #expect(one.module == other.module, "module \(n), \(jobs) jobs")
            }
            inlined += one.statistics.count { $0.contains("inlined at every call") }
        }
        #expect(inlined > 0, "some program inlined a function (trials ran)")
    }

    @Test func parallelMapRunsEveryIndexOnceAndKeepsTheirOrder() {
        for jobs in [1, 2, 7] {
            let squares = Parallel.map(count: 100, jobs: jobs) { $0 * $0 }
            #expect(squares == (0..<100).map { $0 * $0 })
        }
        #expect(Parallel.map(count: 0, jobs: 4) { $0 }.isEmpty)
        struct Odd: Error, Equatable { let index: Int }
        #expect(throws: Odd(index: 3)) {
            try Parallel.map(count: 10, jobs: 4) { (i: Int) throws(Odd) -> Int in
                if i % 2 == 1 && i > 2 { throw Odd(index: i) }
                return i
            }
        }
    }

    /// The functions the optimizer already compiled to measure them are taken as they are: the
    /// object equals one where every function is compiled again (printing forces that).
    @Test func reusingTheSizersCompilationsChangesNoByte() throws {
        let reused = try Self.pipeline().run(try Self.module(), file: "p.wat")
        var passes = PassOptions()
        passes.printAfter = ["dead-code"]
        let again = try Self.pipeline(passes).run(try Self.module(), file: "p.wat")
        #expect(!again.passes.printed.isEmpty)
        #expect(reused.compiled.object.text == again.compiled.object.text)
    }

    /// The sizer the optimizer decides with measures exactly what the object holds of each
    /// function laid out alone; laid out together (`share-literal-pools`), the functions take
    /// no more than that in all.
    @Test(arguments: MemoryModel.forAnyModule)
    func theSizerMeasuresWhatTheObjectHolds(_ memory: MemoryModel) throws {
        let module = try Self.module()
        var options = CompileOptions(memory: memory)
        options.functions = [0, 1]
        let shared = try ModuleCompiler.compile(module, tiles: try CompiledInstance.tiles.get(), options: options)
        options.passes.disabled = [MachinePasses.shareLiteralPools]
        let compiled = try ModuleCompiler.compile(module, tiles: try CompiledInstance.tiles.get(), options: options)
        let sizer = try FunctionSizer(module: module, tiles: try CompiledInstance.tiles.get(), options: options)
        // By function index (`weft_init`, under `mpu`, comes after the module's own functions).
        for entry in compiled.functions {
            let k = try #require(compiled.functionSymbols.firstIndex(of: entry.symbol))
            #expect(sizer.bytes(of: k, code: nil) == entry.bytes, "\(entry.symbol)")
        }
        #expect(compiled.functions.contains { $0.symbol == ModuleCompiler.initSymbol } == (memory == .mpu))
        #expect(shared.object.text.count <= compiled.object.text.count)
    }

    /// What inlining trials compare is an estimate: each function compiled once, one way. It
    /// is never smaller than the thorough size (the trials of address bases, native pointers
    /// and split limits only keep what is smaller), and under `linked` a function reaching
    /// fixed addresses from several blocks is smaller thoroughly (its base built once).
    @Test func anEstimateIsNeverSmallerThanTheThoroughSize() throws {
        let bases = """
            (module (memory 1)
              (func (export "f") (param i32) (result i32)
                (if (local.get 0) (then (i32.store (i32.const 2048) (i32.add (i32.load (i32.const 2052)) (local.get 0)))))
                (if (i32.gt_u (local.get 0) (i32.const 9)) (then (i32.store (i32.const 2056) (local.get 0))))
                (loop (br_if 0 (i32.eqz (i32.load (i32.const 2064)))))
                (i32.add (i32.load (i32.const 2048)) (i32.load (i32.const 2060)))))
            """
        var sources = [bases]
        for seed in UInt64(0)..<4 {
            var generator = ProgramGenerator(seed: 0xE571_0000 + seed, inBounds: true)
            sources.append(generator.module(functions: 5))
        }
        var options = CompileOptions(memory: .linked, memorySize: 8192)
        options.passes.jobs = 1
        var larger = 0
        for (n, source) in sources.enumerated() {
            let module = try WasmDecoder.decode(Array(source.utf8), file: "e\(n).wat")
            let sizer = try FunctionSizer(module: module, tiles: try CompiledInstance.tiles.get(), options: options)
            for k in module.importedFunctionCount..<(module.importedFunctionCount + module.functions.count) {
                let thorough = try #require(sizer.bytes(of: k, code: nil))
                let estimate = try #require(sizer.bytes(of: k, code: nil, thorough: false))
                #expect(estimate >= thorough, "module \(n), function \(k)")
                if estimate > thorough { larger += 1 }
            }
        }
        #expect(larger > 0)
    }

    /// A machine function allocated again takes the first allocation from the memo
    /// (`AllocationMemo`), as thorough compiles do when a trial selects the same code: the
    /// object is the one compiled with the memo out of the way (printing bypasses it).
    @Test func anAllocationFromTheMemoIsTheAllocationRunAgain() throws {
        for (seed, memory) in zip(UInt64(0)..<4, [MemoryModel.linked, .base, .identity, .mpu]) {
            var generator = ProgramGenerator(seed: 0xA110_0000 + seed, inBounds: true)
            let module = try WasmDecoder.decode(Array(generator.module(functions: 6).utf8), file: "m\(seed).wat")
            var options = CompileOptions(memory: memory, memorySize: memory == .identity ? nil : 8192)
            options.passes.jobs = 1
            var printing = options
            printing.passes.printAfter = ["allocate-registers"]
            let tiles = try CompiledInstance.tiles.get()
            let memoized = try ModuleCompiler.compile(module, tiles: tiles, options: options)
            let run = try ModuleCompiler.compile(module, tiles: tiles, options: printing)
            #expect(
                try ELFWriter.write(memoized.object) == ELFWriter.write(run.object), "seed \(seed), \(memory)")
        }
    }

    /// LLVM's `p[i] = ~p[i]` loop with the address in a local: lowered one way (a shared
    /// value priced at two bytes a use) the sum stays in a register, `adds` then `ldr`/`str`
    /// through it; measured several ways, the lowering that adds again at each access
    /// (`ldr r2, [r0, r1]`, `str r2, [r0, r1]`) is kept, two bytes smaller, and still inverts.
    @Test func measuringSeveralLoweringsKeepsTheSmallest() throws {
        let source = """
            (module (memory (export "memory") 1)
              (func (export "invert") (param i32) (local i32 i32)
                i32.const 0 local.set 1
                loop
                  block
                    local.get 1 i32.const 32 i32.ne br_if 0
                    return
                  end
                  local.get 0 local.get 1 i32.add local.tee 2
                  local.get 2 i32.load i32.const -1 i32.xor i32.store
                  local.get 1 i32.const 4 i32.add local.set 1
                  br 0
                end))
            """
        let binary = try wat2wasm(source)
        let module = try WasmDecoder.decode(binary, file: "invert.wat")
        var bytes: [Bool: Int] = [:]
        for search in [false, true] {
            var pipeline = try Self.pipeline()
            pipeline.optimizer?.searchLowerings = search
            let output = try pipeline.run(module, file: "invert.wat")
            bytes[search] = output.compiled.functions.first { $0.symbol == "invert" }?.bytes
            let instance = try CompiledInstance(output, memory: .identity, linker: .lld)
            let reference = try Differential.Instance(binary)
            for p: UInt32 in [0, 64, 1000] {
                let call = Differential.Call(export: "invert", arguments: [.i32(p)])
                #expect(try instance.observe(call) == reference.call(call), "search \(search): invert(\(p))")
            }
        }
        #expect(bytes[false] == 18)
        #expect(bytes[true] == 16)
    }

    @Test func aDisabledMachinePassDoesNotRunAndThePrintedOneIsPrinted() throws {
        var passes = PassOptions()
        passes.printAfter = ["post-increments", "sink-locals"]
        let all = try Self.pipeline(passes).run(try Self.module(), file: "p.wat")
        #expect((all.passes.statistics.figures["post-increments"]?.runs ?? 0) > 0)
        #expect(all.passes.printed.contains { $0.hasPrefix("; after post-increments (function sum)") })
        #expect(all.passes.printed.contains { $0.hasPrefix("; after sink-locals (function sum)") })
        passes.disabled = ["post-increments", "dead-code"]
        let fewer = try Self.pipeline(passes).run(try Self.module(), file: "p.wat")
        #expect(fewer.passes.statistics.figures["post-increments"] == nil)
        #expect(fewer.passes.statistics.figures["dead-code"] == nil)
        #expect((fewer.passes.statistics.figures["allocate-registers"]?.runs ?? 0) > 0)
        // The loop's `ldr r, [p]; adds p, #4` is one post-indexed load only with the pass.
        #expect(fewer.compiled.object.text.count > all.compiled.object.text.count)
    }

    /// A pass that breaks the machine code is caught right after it, by name.
    @Test func theMachineVerifierNamesThePassThatBrokeTheCode() throws {
        var f = MachineFunction(name: "f")
        f.code = [MachineInstruction(.label(Label(1)), defs: [], uses: []), .copy(VReg(16), VReg(.r0))]
        let breaking = Pass<MachineFunction>("branch-nowhere") { f in
            f.code.append(MachineInstruction(.branch(.al, Label(99)), defs: [], uses: []))
            return 1
        }
        var options = PassOptions()
        options.verify = true
        let runner = PassRunner(
            [MachinePasses.deadCode, breaking], options: options,
            verifier: { MachineVerifier.problem($0, allocated: false) })
        var log = PassLog()
        let clean = f
        #expect(MachineVerifier.problem(clean, allocated: false) == nil)
        do throws(PassFailure) {
            try runner.run(&f, title: "function f", log: &log)
            Issue.record("the broken code passed the verifier")
        } catch {
            #expect(error.pass == "branch-nowhere" && error.isVerification)
            #expect(error.description.contains("undefined label"))
        }
        // After allocation a virtual register left behind is an error too.
        #expect(MachineVerifier.problem(clean, allocated: true)?.contains("virtual register") == true)
    }
}
