import Compile
import Foundation
import Harness
import Testing
import WAT
import WasmDecode
import WasmKit

/// A stack argument the allocator must keep in memory stays in the caller's argument word
/// (`RegisterAllocator.reuseArgumentWords`): it is reloaded from there, never copied to a
/// spill slot of its own, and the function still computes what WasmKit computes.
@Suite struct ArgumentWordTests {
    /// Six parameters (two on the stack), four accumulators and a counter live across five
    /// calls a loop makes: more values than callee-saved registers, and the stack arguments,
    /// read least, are the ones left in memory.
    static let wat = """
        (module
          (func $g (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
          (func (export "f") (param i32 i32 i32 i32 i32 i32) (result i32)
            (local $i i32) (local $s i32) (local $t i32) (local $u i32)
            (loop $l
              (local.set $s (i32.add (local.get $s) (call $g (i32.add (local.get $i) (local.get 0)))))
              (local.set $t (i32.xor (local.get $t) (call $g (i32.xor (local.get 1) (local.get 0)))))
              (local.set $u (i32.sub (local.get $u) (call $g (i32.sub (local.get 1) (local.get 2)))))
              (local.set $u (i32.sub (local.get $u) (call $g (i32.sub (local.get 3) (local.get 2)))))
              (local.set $s (i32.add (local.get $s) (call $g (i32.add (local.get 3) (local.get 4)))))
              (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get 5))))
            (i32.add (local.get $s) (i32.add (local.get $t) (local.get $u)))))
        """

    @Test(arguments: [MemoryModel.identity, .linked])
    func aStackArgumentLeftInMemoryIsReloadedFromTheCallersWord(_ memory: MemoryModel) throws {
        let binary = try wat2wasm(Self.wat)
        let module = try WasmDecoder.decode(binary, file: "arguments.wat")
        let output = try CompiledInstance.compile(module, memory: memory)
        let text = try CompiledTileTests.instructions(output.object)
        // Reloads from above the pushed registers, and no store to the stack at all.
        #expect(text.contains { $0.hasPrefix("ldr") && $0.contains("[sp, #") }, "\(text)")
        #expect(!text.contains { $0.hasPrefix("str") && $0.contains("[sp") }, "\(text)")
        let reference = try Differential.Instance(binary)
        let instance = try CompiledInstance(output, memory: memory, linker: .gnu)
        for (count, a) in [(UInt32(1), UInt32(7)), (3, 0xFFFF_FFF0), (5, 12_345)] {
            let args: [WasmKit.Value] = [.i32(a), .i32(a &* 3), .i32(9), .i32(a ^ 5), .i32(a &+ 11), .i32(count)]
            let call = Differential.Call(export: "f", arguments: args)
            #expect(try instance.observe(call) == reference.call(call))
        }
    }
}
