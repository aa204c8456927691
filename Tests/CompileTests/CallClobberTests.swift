import Foundation
import Harness
import Testing
import Thumb
import WAT
import WasmDecode
import WasmKit
import WasmModel

@testable import Compile

/// A call writes only what its callee's code writes (`CallClobbers`, `narrow-call-clobbers`):
/// callees compiled before their callers, the set read from the laid-out code.
@Suite struct CallClobberTests {
    /// `encode` calls a leaf that writes only r0: the output pointer and the source word stay
    /// in r3 and r2 across the four calls instead of callee-saved registers pushed and moved
    /// (48 → 38 bytes). `mixes` calls a callee that writes r0–r2 and more: what it writes is
    /// set again. Both, with the pass and without, store and return what WasmKit does.
    static let source = """
        (module (memory (export "memory") 1)
          (data (i32.const 64) "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
          (func $symbol (param i32 i32) (result i32)
            (i32.load8_u (i32.add (local.get 1) (i32.and (local.get 0) (i32.const 63)))))
          (func $mix (param i32 i32 i32) (result i32)
            (i32.xor (i32.mul (local.get 0) (local.get 1)) (i32.rotl (local.get 2) (local.get 0))))
          (func (export "encode") (param $p i32) (param $table i32) (param $x i32)
            (i32.store8 (local.get $p) (call $symbol (i32.shr_u (local.get $x) (i32.const 18)) (local.get $table)))
            (i32.store8 offset=1 (local.get $p)
              (call $symbol (i32.shr_u (local.get $x) (i32.const 12)) (local.get $table)))
            (i32.store8 offset=2 (local.get $p)
              (call $symbol (i32.shr_u (local.get $x) (i32.const 6)) (local.get $table)))
            (i32.store8 offset=3 (local.get $p) (call $symbol (local.get $x) (local.get $table))))
          (func (export "mixes") (param $a i32) (param $b i32) (param $c i32) (result i32)
            (i32.add (call $mix (local.get $a) (local.get $b) (local.get $c))
              (i32.add (call $mix (local.get $b) (local.get $c) (local.get $a)) (local.get $c)))))
        """

    @Test func aCallerKeepsValuesInTheRegistersItsCalleeLeavesAlone() throws {
        let binary = try wat2wasm(Self.source)
        let module = try WasmDecoder.decode(binary, file: "calls.wat")
        let reference = try Differential.Instance(binary)
        var bytes: [Bool: Int] = [:]
        for narrow in [true, false] {
            let output = try CompiledInstance.compile(
                module, memory: .identity, disabling: narrow ? [] : [MachinePasses.callClobbers])
            bytes[narrow] = output.compiled.functions.first { $0.symbol == "encode" }?.bytes
            let instance = try CompiledInstance(output, memory: .identity, linker: .lld)
            for x: UInt32 in [0, 0x00FF_FFFF, 0x0012_3456] {
                let call = Differential.Call(export: "encode", arguments: [.i32(200), .i32(64), .i32(x)])
                #expect(try instance.observe(call) == reference.call(call), "narrow \(narrow): encode(\(x))")
            }
            for (a, b, c): (UInt32, UInt32, UInt32) in [(1, 2, 3), (0xFFFF_FFFF, 7, 0x8000_0001), (31, 32, 33)] {
                let call = Differential.Call(export: "mixes", arguments: [.i32(a), .i32(b), .i32(c)])
                #expect(try instance.observe(call) == reference.call(call), "narrow \(narrow): mixes(\(a), \(b), \(c))")
            }
        }
        #expect(bytes[false] == 48)
        #expect(bytes[true] == 38)
    }

    /// Callees come in an earlier wave than their callers; a cycle of calls (and what calls
    /// into it) goes in one wave once nothing else is left.
    @Test func calleesAreCompiledInEarlierWavesThanTheirCallers() throws {
        let module = try WasmDecoder.decode(
            try wat2wasm(
                """
                (module
                  (func $leaf)
                  (func $mid (call $leaf))
                  (func $top (call $mid) (call $leaf))
                  (func $even (call $odd))
                  (func $odd (call $even) (call $leaf))
                  (func $outer (call $odd)))
                """), file: "waves.wat")
        let waves = CallClobbers.waves([0, 1, 2, 3, 4, 5], module: module)
        #expect(waves == [[0], [1], [2], [3, 4, 5]])
    }

    /// What a call writes is read from the laid-out code: instructions and literal loads
    /// that write r0–r3, an epilogue's `pop` included, a call to an unknown symbol (all of
    /// r0–r3), and always r12 and lr.
    @Test func whatACallWritesIsReadFromTheCalleesCode() throws {
        let module = try WasmDecoder.decode(try wat2wasm("(module (func))"), file: "empty.wat")
        var context = try ModuleCompiler.prepare(
            module, tiles: try CompiledInstance.tiles.get(), options: CompileOptions(memory: .identity)
        ).context
        let leaf: [Item] = [.instruction(.mov(s: false, rd: .r0, .immediate(1))), .instruction(.bx(.lr))]
        #expect(CallClobbers.written(by: leaf, context: context) == [VReg(.r0), VReg(.r12), VReg(.lr)])
        let popping: [Item] = [.constant(.r2, 0x1234), .instruction(.pop(RegisterList([.r1, .r4, .pc])))]
        #expect(
            CallClobbers.written(by: popping, context: context) == [VReg(.r1), VReg(.r2), VReg(.r12), VReg(.lr)])
        #expect(CallClobbers.written(by: [.call("elsewhere")], context: context) == callClobbers)
        context.functionIndex["f"] = 7
        context.calleeClobbers[7] = [VReg(.r3), VReg(.r12), VReg(.lr)]
        #expect(CallClobbers.written(by: [.tailCall("f")], context: context) == [VReg(.r3), VReg(.r12), VReg(.lr)])
    }
}
