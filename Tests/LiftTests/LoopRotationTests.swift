import Harness
import Lower
import Pipeline
import Testing
import WasmModel

/// `rotate-loops`: a loop testing its exit first, whose first test its locals' entry values
/// decide to fail, tests last (`loop { BODY; br_if 0 (not c) }; EXIT`); a loop whose first
/// test may pass, whose body continues early, or whose test reads memory stays; optimized
/// functions compute what they did.
@Suite struct LoopRotationTests {
    static func get(_ x: UInt32) -> Code { .leaf(.localGet(x)) }
    static func const(_ v: Int32) -> Code { .leaf(.i32Const(v)) }
    static let step: Code = .op(.localSet(1), [.op(.numeric(.i32Add), [get(1), const(1)])])
    static let work: Code = .op(.call(0), [get(1)])

    static func loop(_ test: Code, _ body: [Code]) -> Code {
        .loop([.if(test, [.op(.return, [])], [])] + body + [.leaf(.br(0))])
    }

    @Test func aLoopWhoseFirstTestCannotPassTestsLast() {
        let test: Code = .op(.numeric(.i32Eq), [Self.get(1), Self.const(16)])
        // `local 1` is set to 0 just before the loop (parameter 0 is the only parameter).
        let code: [Code] = [.op(.localSet(1), [Self.const(0)]), Self.loop(test, [Self.work, Self.step])]
        let rotated = LoopRotation.apply(code, parameterCount: 1)
        let expected: [Code] = [
            .op(.localSet(1), [Self.const(0)]),
            .loop([Self.work, Self.step, .op(.brIf(0), [.op(.numeric(.i32Ne), [Self.get(1), Self.const(16)])])]),
            .op(.return, []),
        ]
        #expect(rotated == expected)
        // A declared local at the top of the function body enters as zero.
        #expect(LoopRotation.apply([Self.loop(test, [Self.work, Self.step])], parameterCount: 1).count == 2)
    }

    @Test func loopsThatMayNotRunOrContinueEarlyOrReadMemoryStay() {
        let test: Code = .op(.numeric(.i32Eq), [Self.get(1), Self.const(16)])
        // The first test may pass: local 1 enters as 16, or as a parameter.
        let sixteen: [Code] = [.op(.localSet(1), [Self.const(16)]), Self.loop(test, [Self.work, Self.step])]
        #expect(LoopRotation.apply(sixteen, parameterCount: 1) == sixteen)
        let parameter: [Code] = [Self.loop(test, [Self.work, Self.step])]
        #expect(LoopRotation.apply(parameter, parameterCount: 2) == parameter)
        // The body continues early (a `br_if 0` would skip the test).
        let early: [Code] = [
            .op(.localSet(1), [Self.const(0)]),
            Self.loop(test, [Self.step, .op(.brIf(0), [Self.get(0)]), Self.work]),
        ]
        #expect(LoopRotation.apply(early, parameterCount: 1) == early)
        // The test reads memory (it may trap: made once less, the trap would go).
        let word: Code = .op(.load(.i32Load, MemArg(align: 2, offset: 0)), [Self.get(1)])
        let load: Code = .op(.numeric(.i32Eq), [word, Self.const(0)])
        let reading: [Code] = [.op(.localSet(1), [Self.const(0)]), Self.loop(load, [Self.work, Self.step])]
        #expect(LoopRotation.apply(reading, parameterCount: 1) == reading)
    }

    @Test func rotatedLoopsComputeWhatTheyDid() throws {
        let wat = """
            (module (memory (export "memory") 1)
              (func (export "fill") (param $p i32) (param $v i32) (local $i i32)
                (block $done (loop $next
                  (br_if $done (i32.eq (local.get $i) (i32.const 16)))
                  (i32.store8 (i32.add (local.get $p) (local.get $i)) (i32.add (local.get $v) (local.get $i)))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br $next))))
              (func (export "sum") (param $p i32) (result i32) (local $i i32) (local $s i32)
                (local.set $i (i32.const 3))
                (block $done (loop $next
                  (br_if $done (i32.ge_u (local.get $i) (i32.const 40)))
                  (local.set $s (i32.add (local.get $s) (i32.load8_u (i32.add (local.get $p) (local.get $i)))))
                  (local.set $i (i32.add (local.get $i) (i32.const 2)))
                  (br $next)))
                (local.get $s)))
            """
        let input = try Pipeline(passes: []).run(Array(wat.utf8), file: "r.wat").bytes
        let result = try TestPaths.optimizer.run(Array(wat.utf8), file: "r.wat")
        #expect(result.passes.statistics.changes("rotate-loops") >= 2, "both loops rotated")
        #expect(result.bytes.count < input.count)
        for args: [UInt32] in [[0, 7], [100, 0xFFFF_FFF0], [65_000, 1]] {
            #expect(try LiftTests.call(result.bytes, "fill", args) == LiftTests.call(input, "fill", args))
            #expect(try LiftTests.call(result.bytes, "sum", [args[0]]) == LiftTests.call(input, "sum", [args[0]]))
        }
    }
}
