import Compile
import ELF
import Foundation
import Harness
import Pipeline
import Testing
import WAT
import WasmDecode
import WasmKit
import WasmModel

@testable import Compile

/// Shadow-stack frames on the native stack (`NativeFrame`, `--assume-dead-stack` under
/// `identity` and `linked`): a frame whose address escapes to callees is an area of the
/// native frame, reached as `[sp, #…]`, its address handed to callees as the Wasm address
/// of those bytes; the stack pointer global is not touched. Code that does not keep the
/// shadow stack's pattern keeps the global. Every case runs as WasmKit runs the module
/// (memory compared outside the dead stack).
@Suite struct NativeFrameTests {
    /// `f` keeps a 48-byte frame: `fill` writes words through its address, `sum` reads them
    /// back, `f` itself stores and loads a byte and a word there; `wide` stores an i64 at an
    /// 8-aligned offset and `second` finds it by rounding the address up to 8 (as `va_arg`
    /// of a double does); `nested` calls `f` from a frame of its own.
    static let wat = """
        (module
          (memory (export "memory") 1)
          (global $__stack_pointer (export "__stack_pointer") (mut i32) (i32.const 4096))
          (global (export "g") (mut i32) (i32.const 0))
          (func $fill (param $p i32) (param $n i32)
            (block $done (loop $next
              (br_if $done (i32.eqz (local.get $n)))
              (local.set $n (i32.sub (local.get $n) (i32.const 1)))
              (i32.store (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2)))
                (i32.mul (local.get $n) (i32.const 3)))
              (br $next))))
          (func $sum (param $p i32) (param $n i32) (result i32) (local $s i32)
            (block $done (loop $next
              (br_if $done (i32.eqz (local.get $n)))
              (local.set $n (i32.sub (local.get $n) (i32.const 1)))
              (local.set $s (i32.add (local.get $s)
                (i32.load (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))))
              (br $next)))
            (local.get $s))
          (func $f (export "f") (param $n i32) (result i32) (local $fp i32) (local $r i32)
            global.get $__stack_pointer i32.const 48 i32.sub local.tee $fp global.set $__stack_pointer
            (i32.store8 offset=44 (local.get $fp) (local.get $n))
            (call $fill (i32.add (local.get $fp) (i32.const 4)) (i32.and (local.get $n) (i32.const 7)))
            (local.set $r (i32.add
              (call $sum (i32.add (local.get $fp) (i32.const 4)) (i32.and (local.get $n) (i32.const 7)))
              (i32.load8_u offset=44 (local.get $fp))))
            (local.set $r (i32.add (local.get $r) (i32.load offset=8 (local.get $fp))))
            (global.set 1 (local.get $r))
            local.get $fp i32.const 48 i32.add global.set $__stack_pointer
            local.get $r)
          (func $second (param $p i32) (result i64)
            (i64.load (i32.and (i32.add (local.get $p) (i32.const 7)) (i32.const -8))))
          (func (export "wide") (param $x i64) (result i64) (local $fp i32) (local $r i64)
            global.get $__stack_pointer i32.const 32 i32.sub local.tee $fp global.set $__stack_pointer
            (i32.store offset=16 (local.get $fp) (i32.const 5))
            (i64.store offset=24 (local.get $fp) (local.get $x))
            (local.set $r (call $second (i32.add (local.get $fp) (i32.const 20))))
            local.get $fp i32.const 32 i32.add global.set $__stack_pointer
            (i64.add (local.get $r) (i64.extend_i32_u (i32.load offset=16 (local.get $fp)))))
          (func (export "nested") (param $n i32) (result i32) (local $fp i32)
            global.get $__stack_pointer i32.const 16 i32.sub local.tee $fp global.set $__stack_pointer
            (i32.store offset=12 (local.get $fp) (call $f (local.get $n)))
            (call $fill (local.get $fp) (i32.const 2))
            local.get $fp i32.const 16 i32.add global.set $__stack_pointer
            (i32.add (i32.load offset=12 (local.get $fp)) (i32.load offset=4 (local.get $fp)))))
        """

    /// The module compiled (not optimized: the code is as written) under `memory`, with the
    /// native frames or without; the machine code of `function` after the last machine pass.
    static func compile(_ memory: MemoryModel, native: Bool, function: String = "f", wat: String = wat) throws -> (
        output: CompilePipeline.Output, code: [String]
    ) {
        var options = CompileOptions(memory: memory)
        options.nativeFrames = true
        if !native { options.passes.disabled = [MachinePasses.nativeFrames] }
        options.passes.printAfter = ["post-increments"]
        let pipeline = CompilePipeline(tiles: try CompiledInstance.tiles.get(), options: options, optimizer: nil)
        let module = try WasmDecoder.decode(Array(wat.utf8), file: "frames.wat")
        let output = try pipeline.run(module, file: "frames.wat")
        let printed = output.passes.printed.first { $0.hasPrefix("; after post-increments (function \(function))") }
        return (output, (printed ?? "").split(separator: "\n").dropFirst().map { String($0) })
    }

    /// The Wasm frame area's accesses and addresses in machine code (`frame(...)`).
    static func frameInstructions(_ code: [String]) -> Int { code.count { $0.contains("frame(") } }

    /// Instructions naming the stack pointer global's symbol (its literal).
    static func stackPointerReads(_ code: [String], _ output: CompilePipeline.Output) -> Int {
        code.count { $0.contains("symbol(\"__stack_pointer\"") }
    }

    @Test(arguments: [MemoryModel.identity, .linked])
    func aFrameWhoseAddressEscapesLivesOnTheNativeStack(_ memory: MemoryModel) throws {
        let native = try Self.compile(memory, native: true)
        let shadow = try Self.compile(memory, native: false)
        let text = native.code.joined(separator: "\n")
        // The frame's own accesses and the addresses given to the callees are sp-relative; the
        // stack pointer global is neither read nor written.
        #expect(Self.frameInstructions(native.code) >= 5, "\(text)")
        #expect(Self.stackPointerReads(native.code, native.output) == 0, "\(text)")
        #expect(Self.stackPointerReads(shadow.code, shadow.output) > 0)
        #expect(Self.frameInstructions(shadow.code) == 0)
        let size = { (o: CompilePipeline.Output) in o.compiled.functions.first { $0.symbol == "f" }?.bytes ?? 0 }
        #expect(size(native.output) < size(shadow.output), "\(size(native.output)) vs \(size(shadow.output))")
    }

    /// Under `linked`, `fill` and `sum` (called only by weft's code) take their pointer as a
    /// physical address (`ModuleCompiler.nativeParameters`), and `f` passes its frame's
    /// machine address, `sp + k`, as it is: no `sub` of `weft_memory` to make the Wasm address
    /// and no sum to make it physical again, so `f` has no `weft_memory` literal at all.
    @Test func aFrameAddressGoesToACalleeTakingAddressesAsItsMachineAddress() throws {
        let native = try Self.compile(.linked, native: true)
        let text = native.code.joined(separator: "\n")
        let object = native.output.compiled.object
        let f = try #require(object.symbols.first { $0.name == "f" })
        let literals = object.relocations.filter {
            $0.symbol == CompileContext.memorySymbol && $0.section == .text && $0.offset >= f.offset
                && $0.offset < f.offset + f.size
        }
        #expect(literals.isEmpty, "\(text)")
        let parameters = native.output.passes.totals.first { $0.name == "pointer parameters passed as addresses" }
        #expect((parameters?.value ?? 0) >= 2, "fill's and sum's pointers")
    }

    /// `table(n)`: a 16-byte array in its frame, each byte written, updated (through a local
    /// holding the frame's address plus the index) and read back. Under `linked` each element's machine address is
    /// `sp + k + i`, so no access needs `weft_memory` (no literal) and the code is as WasmKit runs it.
    static let table = """
        (module
          (memory (export "memory") 1)
          (global $__stack_pointer (mut i32) (i32.const 4096))
          (func (export "table") (param $n i32) (result i32)
            (local $fp i32) (local $i i32) (local $s i32) (local $p i32)
            global.get $__stack_pointer i32.const 16 i32.sub local.tee $fp global.set $__stack_pointer
            (block $done (loop $next
              (br_if $done (i32.ge_u (local.get $i) (i32.const 16)))
              (local.set $p (i32.add (local.get $fp) (local.get $i)))
              (i32.store8 (local.get $p) (local.get $n))
              (i32.store8 (local.get $p) (i32.add (i32.load8_u (local.get $p)) (i32.mul (local.get $i) (local.get $n))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $next)))
            (block $done (loop $next
              (br_if $done (i32.eqz (local.get $i)))
              (local.set $i (i32.sub (local.get $i) (i32.const 1)))
              (local.set $s (i32.add (i32.shl (local.get $s) (i32.const 1))
                (i32.load8_u (i32.add (local.get $fp) (local.get $i)))))
              (br $next)))
            local.get $fp i32.const 16 i32.add global.set $__stack_pointer
            local.get $s))
        """

    @Test(arguments: [true, false])
    func aFrameArraysElementsAreReachedFromTheStackPointerAlone(_ nativePointers: Bool) throws {
        // With `native-pointers` off too: `$p`'s register then holds the Wasm value, and its
        // accesses still reach the element's machine address, built when `$p` is written.
        var options = CompileOptions(memory: .linked)
        options.nativeFrames = true
        if !nativePointers { options.passes.disabled = [MachinePasses.nativePointers] }
        let pipeline = CompilePipeline(tiles: try CompiledInstance.tiles.get(), options: options, optimizer: nil)
        let module = try WasmDecoder.decode(Array(Self.table.utf8), file: "table.wat")
        let output = try pipeline.run(module, file: "table.wat")
        let memoryLiterals = output.compiled.object.relocations.filter {
            $0.symbol == CompileContext.memorySymbol && $0.section == .text
        }
        #expect(memoryLiterals.isEmpty, "every access is sp-relative")
        let binary = try wat2wasm(Self.table)
        for compiled in try CompiledInstance.linked(
            module: module, memory: .linked, assumptions: Assumptions(deadStack: true))
        {
            let reference = try Differential.Instance(binary, deadStack: 0..<4096)
            for n in [0, 1, 7, 255, 0x8000_0001] as [UInt32] {
                let call = Differential.Call(export: "table", arguments: [.i32(n)])
                let got = try compiled.observe(call, ignoring: 0..<4096)
                #expect(got == reference.call(call), "\(compiled.linker) \(n)")
            }
        }
    }

    @Test(arguments: [MemoryModel.identity, .linked])
    func framesOnTheNativeStackRunAsWasmKitRunsTheModule(_ memory: MemoryModel) throws {
        let binary = try wat2wasm(Self.wat)
        let module = try WasmDecoder.decode(Array(Self.wat.utf8), file: "frames.wat")
        let dead = 0..<4096
        var rng = SplitMix64(seed: 7)
        let calls =
            (0..<12).map { Differential.Call(export: "f", arguments: [.i32(UInt32($0 * 37 % 300))]) }
            + (0..<4).map { Differential.Call(export: "nested", arguments: [.i32(UInt32($0 * 5))]) }
            + Differential.calls([("wide", ["i64"]), ("f", ["i32"]), ("nested", ["i32"])], perExport: 6, rng: &rng)
        for compiled in try CompiledInstance.linked(
            module: module, memory: memory, assumptions: Assumptions(deadStack: true))
        {
            let reference = try Differential.Instance(binary, deadStack: dead)
            for call in calls {
                let expected = reference.call(call)
                let got = try compiled.observe(call, ignoring: dead)
                let arguments = call.arguments.map(KernelRunner.describe)
                #expect(got == expected, "\(compiled.linker): \(call.export)(\(arguments))")
            }
            // The stack pointer global never moved.
            let sp = try #require(compiled.machine.symbols["__stack_pointer"])
            #expect(try compiled.machine.word(at: sp) == 4096)
        }
    }

    /// `digest(x)`: a 16-byte frame whose address goes to three exported functions (which take
    /// Wasm addresses) one call after another, as `sha256_oneshot` passes its context to
    /// `init`, `update` and `final`.
    static let passedThrice = """
        (module
          (memory (export "memory") 1)
          (global $__stack_pointer (export "__stack_pointer") (mut i32) (i32.const 4096))
          (func $start (export "start") (param $p i32) (i32.store (local.get $p) (i32.const 7)))
          (func $mix (export "mix") (param $p i32) (param $x i32) (result i32)
            (i32.store offset=4 (local.get $p) (i32.xor (i32.load (local.get $p)) (local.get $x)))
            (i32.rem_u (local.get $x) (i32.const 3)))
          (func $finish (export "finish") (param $p i32) (result i32)
            (i32.add (i32.load (local.get $p)) (i32.load offset=4 (local.get $p))))
          (func (export "digest") (param $x i32) (result i32) (local $fp i32) (local $r i32)
            global.get $__stack_pointer i32.const 16 i32.sub local.tee $fp global.set $__stack_pointer
            (call $start (local.get $fp))
            (local.set $r (i32.const -1))
            (if (i32.eqz (call $mix (local.get $fp) (local.get $x)))
              (then (local.set $r (call $finish (local.get $fp)))))
            local.get $fp i32.const 16 i32.add global.set $__stack_pointer
            (local.get $r)))
        """

    /// Under `linked` the frame's Wasm address (`sp + k - weft_memory`) is made once and kept
    /// for the three calls (calls do not end a block's frame values), not summed and
    /// converted before each; it runs as WasmKit runs it.
    @Test func aFrameAddressPassedToSeveralCallsIsConvertedOnce() throws {
        var options = CompileOptions(memory: .linked)
        options.nativeFrames = true
        options.passes.printAfter = ["post-increments"]
        let pipeline = CompilePipeline(tiles: try CompiledInstance.tiles.get(), options: options, optimizer: nil)
        let module = try WasmDecoder.decode(Array(Self.passedThrice.utf8), file: "thrice.wat")
        let output = try pipeline.run(module, file: "thrice.wat")
        let printed = output.passes.printed.first { $0.hasPrefix("; after post-increments (function digest)") } ?? ""
        let code = printed.split(separator: "\n").dropFirst().map { String($0) }
        let text = code.joined(separator: "\n")
        #expect(code.count { $0.contains("symbol(\"\(CompileContext.memorySymbol)\"") } == 1, "\(text)")
        #expect(Self.frameInstructions(code) == 1, "\(text)")

        let binary = try wat2wasm(Self.passedThrice)
        let dead = 0..<4096
        let calls = [0, 1, 2, 3, 0xffff_ffff, 0x8000_0000].map {
            Differential.Call(export: "digest", arguments: [.i32(UInt32($0))])
        }
        for compiled in try CompiledInstance.linked(
            module: module, memory: .linked, assumptions: Assumptions(deadStack: true))
        {
            let reference = try Differential.Instance(binary, deadStack: dead)
            for call in calls {
                let expected = reference.call(call)
                let got = try compiled.observe(call, ignoring: dead)
                #expect(got == expected, "\(compiled.linker): digest(\(call.arguments.map(KernelRunner.describe)))")
            }
        }
    }

    /// `ProgramGenerator`'s random programs, whose frames sit in the middle of a function and
    /// read the stack pointer again and again (not a prologue: every one keeps the shadow
    /// stack, as many stack pointer literals as with `native-frames` off), above the memory
    /// they address, optimized and compiled with `--assume-dead-stack` under `linked` and
    /// `identity`, linked by both linkers: every call's results, traps, memory outside the
    /// dead stack and global as in WasmKit. (LLVM's own prologue frames are the corpus
    /// kernels', run under both models in `CompiledProgramTests`.)
    /// `WEFT_COMPILED_FRAME_PROGRAMS` sets how many (default 6).
    @Test(arguments: [MemoryModel.linked, .identity])
    func randomProgramsWithFramesMidFunctionKeepTheShadowStackAndRunAsInWasmKit(_ memory: MemoryModel) throws {
        let count = Int(ProcessInfo.processInfo.environment["WEFT_COMPILED_FRAME_PROGRAMS"] ?? "") ?? 6
        let dead = ProgramGenerator.deadStackTop - 4096..<ProgramGenerator.deadStackTop
        var calls = 0
        var (native, shadow) = (0, 0)
        for seed in 0..<UInt64(count) {
            var generator = ProgramGenerator(
                seed: 0xF4A3_0000 + seed, stackTop: ProgramGenerator.deadStackTop, inBounds: true)
            let wat = generator.module(functions: 2 + Int(seed % 4))
            let original = try Pipeline(passes: []).run(Array(wat.utf8), file: "frames\(seed).wat").bytes
            let module = try WasmDecoder.decode(original, file: "frames\(seed).wasm")
            let assumptions = Assumptions(deadStack: true)
            let images = try CompiledInstance.linked(
                module: module, memory: memory, optimize: true, assumptions: assumptions)
            let reads = { (o: ObjectFile) in o.relocations.count { $0.symbol == "__stack_pointer" } }
            native += reads(images[0].compiled.object)
            shadow += reads(
                try CompiledInstance.compile(
                    module, memory: memory, optimize: true, assumptions: assumptions,
                    disabling: [MachinePasses.nativeFrames]
                ).compiled.object)
            let reference = try Differential.Instance(original, deadStack: dead)
            var rng = SplitMix64(seed: seed)
            for call in Differential.calls(generator.exports, perExport: 6, rng: &rng) {
                let expected = reference.call(call)
                for compiled in images {
                    calls += 1
                    let got = try compiled.observe(call, ignoring: dead)
                    let arguments = call.arguments.map(KernelRunner.describe).joined(separator: " ")
                    guard got == expected else {
                        Issue.record(
                            "program \(seed) \(call.export)(\(arguments)), \(compiled.linker): \(got), WasmKit \(expected)\n\(wat)"
                        )
                        return
                    }
                }
            }
        }
        #expect(calls > count * 20)
        #expect(
            native == shadow && native > 0, "stack pointer literals: \(native) with native frames, \(shadow) without")
    }

    /// A function whose code reads the stack pointer again after its prologue (an alloca of
    /// its own) is compiled with the shadow stack, and still runs as WasmKit runs it.
    @Test func codeThatReadsTheStackPointerAgainKeepsTheShadowStack() throws {
        let wat = """
            (module
              (memory (export "memory") 1)
              (global $__stack_pointer (export "__stack_pointer") (mut i32) (i32.const 4096))
              (func $use (param i32) (result i32) (i32.load (local.get 0)))
              (func (export "f") (param $n i32) (result i32) (local $fp i32) (local $a i32) (local $r i32)
                global.get $__stack_pointer i32.const 16 i32.sub local.tee $fp global.set $__stack_pointer
                (i32.store offset=8 (local.get $fp) (local.get $n))
                (local.set $a (i32.sub (global.get $__stack_pointer) (i32.const 16)))
                (global.set $__stack_pointer (local.get $a))
                (i32.store (local.get $a) (i32.add (local.get $n) (i32.const 1)))
                (local.set $r (i32.add (call $use (local.get $a)) (call $use (i32.add (local.get $fp) (i32.const 8)))))
                local.get $fp i32.const 16 i32.add global.set $__stack_pointer
                local.get $r))
            """
        let binary = try wat2wasm(wat)
        let module = try WasmDecoder.decode(Array(wat.utf8), file: "alloca.wat")
        for compiled in try CompiledInstance.linked(
            module: module, memory: .linked, assumptions: Assumptions(deadStack: true))
        {
            let reference = try Differential.Instance(binary, deadStack: 0..<4096)
            for n: UInt32 in [0, 1, 41, 0xFFFF_FFFF] {
                let call = Differential.Call(export: "f", arguments: [.i32(n)])
                #expect(try compiled.observe(call, ignoring: 0..<4096) == reference.call(call), "f(\(n))")
            }
        }
        var options = CompileOptions(memory: .linked)
        options.nativeFrames = true
        options.passes.printAfter = ["post-increments"]
        let output = try CompilePipeline(tiles: try CompiledInstance.tiles.get(), options: options, optimizer: nil)
            .run(module, file: "alloca.wat")
        let printed = output.passes.printed.first { $0.hasPrefix("; after post-increments (function f)") } ?? ""
        #expect(!printed.contains("frame("), "\(printed)")
        #expect(printed.contains("__stack_pointer"), "\(printed)")
    }

    /// `reuse(x)`: the local holding the frame's address is written again at the top level
    /// with a value (as the optimizer's coalescing leaves it), and `top` is read after the
    /// frame is placed: each read sees the last write before it, so the frame stays native.
    static let reused = """
        (module
          (memory (export "memory") 1)
          (global $__stack_pointer (export "__stack_pointer") (mut i32) (i32.const 4096))
          (func $pair (param $p i32) (result i32)
            (i32.add (i32.load8_u (local.get $p)) (i32.mul (i32.load8_u offset=1 (local.get $p)) (i32.const 256))))
          (func (export "reuse") (param $x i32) (result i32) (local $top i32) (local $t i32)
            global.get $__stack_pointer local.tee $top i32.const 16 i32.sub local.tee $t global.set $__stack_pointer
            (i32.store8 offset=14 (local.get $t) (local.get $x))
            (i32.store8 offset=15 (local.get $t) (i32.const 3))
            (local.set $t (call $pair (i32.add (local.get $top) (i32.const -2))))
            (local.set $t (i32.add (local.get $t) (local.get $x)))
            local.get $top global.set $__stack_pointer
            (local.get $t)))
        """

    @Test(arguments: [MemoryModel.identity, .linked])
    func aFrameLocalWrittenAgainAtTheTopLevelKeepsTheNativeFrame(_ memory: MemoryModel) throws {
        let native = try Self.compile(memory, native: true, function: "reuse", wat: Self.reused)
        let text = native.code.joined(separator: "\n")
        #expect(Self.stackPointerReads(native.code, native.output) == 0, "\(text)")
        #expect(Self.frameInstructions(native.code) >= 2, "\(text)")
        try Self.agree(Self.reused, memory, [0, 1, 77, 255, 256, 0xFFFF_FFFF].map { ("reuse", $0) })
    }

    /// Each call of `wat`'s exports with one i32, compiled under `memory` with native frames
    /// and linked by both linkers, gives what WasmKit gives (the dead stack ignored).
    static func agree(_ wat: String, _ memory: MemoryModel, _ calls: [(String, UInt32)]) throws {
        let binary = try wat2wasm(wat)
        let module = try WasmDecoder.decode(Array(wat.utf8), file: "frames.wat")
        let dead = 0..<4096
        for compiled in try CompiledInstance.linked(
            module: module, memory: memory, assumptions: Assumptions(deadStack: true))
        {
            let reference = try Differential.Instance(binary, deadStack: dead)
            for (export, x) in calls {
                let call = Differential.Call(export: export, arguments: [.i32(x)])
                #expect(
                    try compiled.observe(call, ignoring: dead) == reference.call(call),
                    "\(compiled.linker): \(export)(\(x))")
            }
        }
    }

    /// `sum(x)` keeps a running total and a count in two words of its frame (as a callee
    /// inlined with the frame's addresses leaves them): only whole words, at fixed offsets,
    /// the address going nowhere — the words are registers and the frame is gone. `bytes(x)`
    /// also stores a byte into its frame: its frame stays in memory.
    static let words = """
        (module
          (memory (export "memory") 1)
          (global $__stack_pointer (export "__stack_pointer") (mut i32) (i32.const 4096))
          (func (export "sum") (param $x i32) (result i32) (local $fp i32)
            global.get $__stack_pointer i32.const 16 i32.sub local.tee $fp global.set $__stack_pointer
            (i32.store offset=12 (local.get $fp) (i32.const 0))
            (i32.store offset=8 (local.get $fp) (i32.and (local.get $x) (i32.const 255)))
            (block $done (loop $next
              (br_if $done (i32.eqz (i32.load offset=8 (local.get $fp))))
              (i32.store offset=12 (local.get $fp)
                (i32.add (i32.load offset=12 (local.get $fp)) (i32.load offset=8 (local.get $fp))))
              (i32.store offset=8 (local.get $fp) (i32.sub (i32.load offset=8 (local.get $fp)) (i32.const 1)))
              (br $next)))
            local.get $fp i32.const 16 i32.add global.set $__stack_pointer
            (i32.load offset=12 (local.get $fp)))
          (func (export "bytes") (param $x i32) (result i32) (local $fp i32)
            global.get $__stack_pointer i32.const 16 i32.sub local.tee $fp global.set $__stack_pointer
            (i32.store offset=12 (local.get $fp) (local.get $x))
            (i32.store8 offset=13 (local.get $fp) (i32.const 7))
            local.get $fp i32.const 16 i32.add global.set $__stack_pointer
            (i32.load offset=12 (local.get $fp))))
        """

    @Test(arguments: [MemoryModel.identity, .linked])
    func aFrameUsedOnlyAsWholeWordsIsHeldInRegisters(_ memory: MemoryModel) throws {
        let sum = try Self.compile(memory, native: true, function: "sum", wat: Self.words)
        let text = sum.code.joined(separator: "\n")
        #expect(Self.frameInstructions(sum.code) == 0, "\(text)")
        #expect(Self.stackPointerReads(sum.code, sum.output) == 0, "\(text)")
        #expect(sum.output.compiled.functions.first { $0.symbol == "sum" }.map { $0.bytes <= 32 } == true, "\(text)")
        let bytes = try Self.compile(memory, native: true, function: "bytes", wat: Self.words)
        #expect(Self.frameInstructions(bytes.code) >= 2, "\(bytes.code.joined(separator: "\n"))")
        try Self.agree(
            Self.words, memory,
            [("sum", 0), ("sum", 1), ("sum", 200), ("sum", 0x1234), ("bytes", 5), ("bytes", 0xFFFF_FFFF)])
    }
}
