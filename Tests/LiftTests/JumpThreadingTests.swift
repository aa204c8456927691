import Harness
import Lower
import Pipeline
import Testing
import WasmModel

/// `thread-jumps`: a block every path leaves with a constant in one local, followed by a
/// test of that local alone, sends each path where the test would and the test goes; a
/// path whose value is unknown, a test reading anything else, or a `br_table` into the
/// block leaves it as it was; threaded functions compute what they did.
@Suite struct JumpThreadingTests {
    static func get(_ x: UInt32) -> Code { .leaf(.localGet(x)) }
    static func const(_ v: Int32) -> Code { .leaf(.i32Const(v)) }
    static func set(_ x: UInt32, _ v: Int32) -> Code { .op(.localSet(x), [const(v)]) }
    static let work: Code = .op(.call(0), [get(0)])
    /// `local 1 < 0`: the status test.
    static let failed: Code = .op(.numeric(.i32LtS), [get(1), const(0)])

    @Test func aStatusEveryPathSetsIsTestedWhereItIsSet() {
        // block { if (p) { status = -1; br 1 }; work; status = 0 }; br_if 0 (status < 0); work
        let code: [Code] = [
            .block([.if(Self.get(0), [Self.set(1, -1), .leaf(.br(1))], []), Self.work, Self.set(1, 0)]),
            .op(.brIf(0), [Self.failed]),
            Self.work,
        ]
        // Wrapped in a block C: the failing path leaves for the test's target (the function's
        // block: br 3 from inside the if), the other for C's end; the test is gone.
        let expected: [Code] = [
            .block([
                .block([
                    .if(Self.get(0), [Self.set(1, -1), .leaf(.br(3))], []), Self.work, Self.set(1, 0), .leaf(.br(1)),
                ])
            ]),
            Self.work,
        ]
        #expect(JumpThreading.run(code) == expected)
        // Once the blocks nothing needs dissolve: if (p) { status = -1; return }; work; ...
        let simplified: [Code] = [
            .if(Self.get(0), [Self.set(1, -1), .leaf(.br(1))], []), Self.work, Self.set(1, 0), Self.work,
        ]
        #expect(Branches.simplify(JumpThreading.run(code)) == simplified)
    }

    @Test func anIfOnTheStatusRunsItsArmOnlyOnThePathsThatPassIt() {
        // block { if (p) { status = 1; br 1 }; status = 0 }; if (status) { work }
        let code: [Code] = [
            .block([.if(Self.get(0), [Self.set(1, 1), .leaf(.br(1))], []), Self.set(1, 0)]),
            .if(Self.get(1), [Self.work], []),
        ]
        // C { T { B } ; work }: the passing path leaves B for T's end (the arm), the other
        // for C's end; the if is gone.
        let expected: [Code] = [
            .block([
                .block([
                    .block([.if(Self.get(0), [Self.set(1, 1), .leaf(.br(2))], []), Self.set(1, 0), .leaf(.br(2))])
                ]),
                Self.work,
            ])
        ]
        #expect(JumpThreading.run(code) == expected)
        // Simplified: if (p) { status = 1 } else { status = 0; skip the work }; work
        let simplified: [Code] = [
            .block([.if(Self.get(0), [Self.set(1, 1)], [Self.set(1, 0), .leaf(.br(1))]), Self.work])
        ]
        #expect(Branches.simplify(JumpThreading.run(code)) == simplified)
    }

    @Test func aPathWithAnUnknownValueOrATestReadingMoreIsLeftAlone() {
        // One path sets the status from a call: unknown.
        let unknown: [Code] = [
            .block([
                .if(Self.get(0), [.op(.localSet(1), [Self.work]), .leaf(.br(1))], []), Self.set(1, 0),
            ]),
            .op(.brIf(0), [Self.failed]),
        ]
        #expect(JumpThreading.run(unknown) == unknown)
        // The status is written after its constant on the way to the branch.
        let rewritten: [Code] = [
            .block([
                .if(Self.get(0), [Self.set(1, -1), .op(.localSet(1), [Self.get(0)]), .leaf(.br(1))], []),
                Self.set(1, 0),
            ]),
            .op(.brIf(0), [Self.failed]),
        ]
        #expect(JumpThreading.run(rewritten) == rewritten)
        // The test reads another local too.
        let more: Code = .op(.numeric(.i32LtS), [Self.get(1), Self.get(0)])
        let reading: [Code] = [
            .block([.if(Self.get(0), [Self.set(1, -1), .leaf(.br(1))], []), Self.set(1, 0)]),
            .op(.brIf(0), [more]),
        ]
        #expect(JumpThreading.run(reading) == reading)
        // A br_table reaches the join.
        let table: [Code] = [
            .block([.op(.brTable([0], default: 0), [Self.get(0)]), Self.set(1, 0)]),
            .op(.brIf(0), [Self.failed]),
        ]
        #expect(JumpThreading.run(table) == table)
    }

    @Test func threadedFunctionsComputeWhatTheyDid() throws {
        // An inlined `read_length` returning -1 on running out of input, tested by its caller;
        // and a found flag tested by an if.
        let wat = """
            (module (memory (export "memory") 1)
              (func (export "length") (param $p i32) (param $n i32) (result i32)
                (local $i i32) (local $len i32) (local $status i32) (local $b i32)
                (block $out
                  (loop $more
                    (if (i32.ge_u (local.get $i) (local.get $n))
                      (then (local.set $status (i32.const -1)) (br $out)))
                    (local.set $b (i32.load8_u (i32.add (local.get $p) (local.get $i))))
                    (local.set $len (i32.add (local.get $len) (local.get $b)))
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    (br_if $more (i32.eq (local.get $b) (i32.const 255))))
                  (local.set $status (i32.const 0)))
                (if (i32.lt_s (local.get $status) (i32.const 0)) (then (return (i32.const -2))))
                (local.get $len))
              (func (export "find") (param $p i32) (param $n i32) (param $v i32) (result i32)
                (local $i i32) (local $found i32)
                (block $done
                  (loop $next
                    (if (i32.ge_u (local.get $i) (local.get $n))
                      (then (local.set $found (i32.const 0)) (br $done)))
                    (if (i32.eq (i32.load8_u (i32.add (local.get $p) (local.get $i))) (local.get $v))
                      (then (local.set $found (i32.const 1)) (br $done)))
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    (br $next)))
                (if (local.get $found)
                  (then (i32.store8 (i32.add (local.get $p) (local.get $i)) (i32.const 0))
                    (return (local.get $i))))
                (i32.const -1))
              (data (i32.const 0) "\\03\\ff\\ff\\07\\ff\\02\\09"))
            """
        let input = try Pipeline(passes: []).run(Array(wat.utf8), file: "t.wat").bytes
        let result = try TestPaths.optimizer.run(Array(wat.utf8), file: "t.wat")
        #expect(result.passes.statistics.changes("thread-jumps") >= 2, "both joins threaded")
        for args: [UInt32] in [[0, 7], [1, 2], [1, 3], [4, 1], [0, 0], [5, 2]] {
            #expect(try LiftTests.call(result.bytes, "length", args) == LiftTests.call(input, "length", args))
            for v: UInt32 in [0xFF, 7, 9, 1] {
                #expect(
                    try LiftTests.call(result.bytes, "find", args + [v]) == LiftTests.call(input, "find", args + [v]))
            }
        }
    }
}
