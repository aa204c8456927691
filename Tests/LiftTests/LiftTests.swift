import Harness
import Pipeline
import Testing
import WasmKit
import WasmModel

/// Lifting and re-emission: effects keep their order, shared values go through a local,
/// trapping operators stay put, and optimized functions behave exactly like the original on
/// thousands of generated inputs.
@Suite struct LiftTests {
    static func optimize(_ wat: String) throws -> WasmModel.Module {
        try TestPaths.optimizer.run(Array(wat.utf8), file: "t.wat").module
    }

    static func body(_ wat: String, function: Int = 0) throws -> String {
        try optimize(wat).functions[function].body.map(\.text).joined(separator: " ")
    }

    @Test func aSharedValueIsComputedOnceWhenThatIsSmaller() throws {
        // Recomputing `local.get 0 i32.extend8_s` (3 bytes) is smaller than a tee and a get.
        let text = try Self.body(
            """
            (module (func (export "f") (param i32) (result i32)
              local.get 0 i32.const 24 i32.shl i32.const 24 i32.shr_s
              local.get 0 i32.const 24 i32.shl i32.const 24 i32.shr_s i32.mul))
            """)
        #expect(text == "local.get 0 i32.extend8_s local.get 0 i32.extend8_s i32.mul end")
        // A longer value is computed once.
        let shared = try Self.body(
            """
            (module (func (export "f") (param i32 i32) (result i32)
              local.get 0 local.get 1 i32.mul i32.const 1000 i32.add
              local.get 0 local.get 1 i32.mul i32.const 1000 i32.add i32.rotl))
            """)
        #expect(shared.contains("i32.add local.tee 0 local.get 0 i32.rotl"), "\(shared)")
    }

    @Test func localsBecomeValueFlow() throws {
        // Through locals, a set and a get, the rules see x*1+0 and the locals disappear.
        let text = try Self.body(
            """
            (module (func (export "f") (param i32) (result i32) (local i32 i32)
              local.get 0 i32.const 1 i32.mul local.set 1
              local.get 1 i32.const 0 i32.add local.set 2
              local.get 2))
            """)
        #expect(text == "local.get 0 end")
    }

    /// A value merged at the end of an `if` holds what every arm's value holds: a byte loaded
    /// on both paths is a byte after the join, so masking it with 255 goes. With one arm a
    /// full word, the mask stays.
    @Test func aJoinKnowsWhatEveryPathBrings() throws {
        func body(_ second: String) throws -> String {
            try Self.body(
                """
                (module (memory 1) (func (export "f") (param i32 i32) (result i32)
                  (i32.and
                    (if (result i32) (local.get 1)
                      (then (i32.load8_u (local.get 0)))
                      (else (\(second) offset=1 (local.get 0))))
                    (i32.const 255))))
                """)
        }
        let bytes = try body("i32.load8_u")
        #expect(!bytes.contains("i32.and"), "\(bytes)")
        let word = try body("i32.load")
        #expect(word.contains("i32.and"), "\(word)")
    }

    /// A loop head's slot holds what its entry and back edges bring: a character reloaded as a
    /// byte each iteration is a byte in the body. Reloaded as a word on the back edge, its
    /// mask stays.
    @Test func aLoopHeadKnowsWhatItsEdgesBring() throws {
        func body(_ reload: String) throws -> String {
            try Self.body(
                """
                (module (memory 1) (func (export "f") (param i32) (result i32) (local i32 i32)
                  (local.set 1 (i32.load8_u (local.get 0)))
                  (loop
                    (local.set 2 (i32.add (local.get 2) (i32.and (local.get 1) (i32.const 255))))
                    (local.set 0 (i32.add (local.get 0) (i32.const 1)))
                    (local.set 1 (\(reload) (local.get 0)))
                    (br_if 0 (local.get 1)))
                  (local.get 2)))
                """)
        }
        let bytes = try body("i32.load8_u")
        #expect(!bytes.contains("i32.and"), "\(bytes)")
        let word = try body("i32.load")
        #expect(word.contains("i32.and"), "\(word)")
    }

    @Test func effectsKeepTheirOrder() throws {
        // Two calls feed a subtraction: whatever the rules and inlining do, $a runs first.
        let wat = """
            (module
              (global $g (mut i32) (i32.const 3))
              (func $a (result i32) global.get $g i32.const 1 i32.add global.set $g global.get $g)
              (func $b (result i32) global.get $g i32.const 10 i32.mul global.set $g global.get $g)
              (func (export "f") (result i32)
                call $a i32.const 0 i32.add call $b i32.const 0 i32.or i32.sub))
            """
        let optimized = try TestPaths.optimizer.run(Array(wat.utf8), file: "t.wat").bytes
        #expect(try Self.call(optimized, "f", []) == ["i32:\(UInt32(bitPattern: 4 - 40))"])
    }

    @Test func aDroppedEffectIsNeverLost() throws {
        // x * 0 is 0, but x comes from a call that writes a global: the write stays.
        let wat = """
            (module
              (global $g (export "g") (mut i32) (i32.const 0))
              (func $h (result i32) i32.const 1 global.set $g i32.const 7)
              (func (export "f") (result i32) call $h i32.const 0 i32.mul global.get $g i32.add))
            """
        let optimized = try TestPaths.optimizer.run(Array(wat.utf8), file: "t.wat").bytes
        #expect(try Self.call(optimized, "f", []) == ["i32:1"])
    }

    @Test func aTrappingDivisionIsNotRewritten() throws {
        // A division by a variable may trap: it stays on the spine (its operands are optimized).
        let text = try Self.body(
            """
            (module (func (export "f") (param i32 i32) (result i32)
              local.get 0 i32.const 0 i32.add local.get 1 i32.div_u))
            """)
        #expect(text == "local.get 0 local.get 1 i32.div_u end")
    }

    @Test func aSmallCalleeIsInlinedAndRemoved() throws {
        // mix is called once and is private: inlined, its constant argument folded, removed.
        let module = try Self.optimize(
            """
            (module
              (func $mix (param i32 i32) (result i32) local.get 0 local.get 1 i32.add i32.const 1 i32.shr_s)
              (func (export "f") (param i32) (result i32) local.get 0 i32.const 0 call $mix))
            """)
        #expect(module.functions.count == 1)
        let text = module.functions[0].body.map(\.text).joined(separator: " ")
        #expect(text == "local.get 0 i32.const 1 i32.shr_s end")
    }

    @Test func noPackUnpackRoundTripSurvivesASeam() throws {
        // Two i32s packed into an i64 by a callee and unpacked by the caller: after inlining,
        // the rules take the round trip apart.
        let module = try Self.optimize(
            """
            (module
              (func $pair (param i32 i32) (result i64)
                local.get 0 i64.extend_i32_u local.get 1 i64.extend_i32_u i64.const 32 i64.shl i64.or)
              (func (export "f") (param i32 i32) (result i32) (local i64)
                local.get 0 local.get 1 call $pair local.set 2
                local.get 2 i32.wrap_i64 local.get 2 i64.const 32 i64.shr_u i32.wrap_i64 i32.sub))
            """)
        #expect(module.functions.count == 1)
        #expect(module.functions[0].body.map(\.text).joined(separator: " ") == "local.get 0 local.get 1 i32.sub end")
    }

    @Test func recursionIsNeverInlinedForever() throws {
        let wat = """
            (module (func $fac (export "fac") (param i64) (result i64)
              local.get 0 i64.eqz if (result i64) i64.const 1
              else local.get 0 local.get 0 i64.const 1 i64.sub call $fac i64.mul end))
            """
        let optimized = try TestPaths.optimizer.run(Array(wat.utf8), file: "t.wat")
        #expect(optimized.module.functions.count == 1)
        #expect(optimized.module.functions[0].body.contains(.call(0)))
    }

    @Test func storedValuesAreForwardedToLoads() throws {
        // A store then a narrower signed load of the same bytes: the load becomes extend8_s.
        let forwarded = try Self.body(
            """
            (module (memory 1) (func (export "f") (param i32 i32) (result i32)
              local.get 0 local.get 1 i32.store offset=4
              local.get 0 i32.load8_s offset=4))
            """)
        #expect(!forwarded.contains("i32.load"), "\(forwarded)")
        #expect(forwarded.contains("i32.extend8_s"))
        // A store through another address may alias: the load stays.
        let kept = try Self.body(
            """
            (module (memory 1) (func (export "f") (param i32 i32 i32) (result i32)
              local.get 0 local.get 1 i32.store
              local.get 2 i32.const 7 i32.store
              local.get 0 i32.load))
            """)
        #expect(kept.contains("i32.load"), "\(kept)")
        // Across a block the bytes are known only when every way out of it stored them.
        let wat = """
            (module (memory (export "memory") 1) (func (export "f") (param i32 i32) (result i32)
              block local.get 0 i32.const 5 i32.store local.get 1 br_if 0
                local.get 0 i32.const 9 i32.store end
              local.get 0 i32.load))
            """
        let optimized = try TestPaths.optimizer.run(Array(wat.utf8), file: "t.wat")
        #expect(optimized.module.functions[0].body.contains { if case .load = $0 { true } else { false } })
        #expect(try Self.call(optimized.bytes, "f", [8, 0]).first == "i32:9")
        #expect(try Self.call(optimized.bytes, "f", [8, 1]).first == "i32:5")
    }

    @Test func loopsKeepTheirCarriedValues() throws {
        // A loop-carried sum and counter, and a value read after the loop.
        let wat = """
            (module (func (export "f") (param i32) (result i32) (local i32 i32)
              block loop
                local.get 1 local.get 2 i32.add local.set 1
                local.get 2 i32.const 1 i32.add local.tee 2
                local.get 0 i32.ge_u br_if 1
                br 0
              end end
              local.get 1 i32.const 1000 i32.mul local.get 2 i32.add))
            """
        let optimized = try TestPaths.optimizer.run(Array(wat.utf8), file: "t.wat").bytes
        for n: UInt32 in [1, 2, 5, 10] {
            let sum = (0..<n).reduce(0, +)
            #expect(try Self.call(optimized, "f", [n]) == ["i32:\(sum * 1000 + n)"])
        }
    }

    @Test func aReadIsNotMovedAcrossATeeOfItsLocal() throws {
        // local.get 0 is read before the tee writes local 0; commuting the add would read
        // the new value.
        let wat = """
            (module (func (export "f") (param i32) (result i32)
              local.get 0 local.get 0 i32.const 5 i32.mul local.tee 0 i32.add local.get 0 i32.add))
            """
        let original = try TestPaths.optimizer.run(Array(wat.utf8), file: "t.wat").bytes
        #expect(try Self.call(original, "f", [3]) == Self.reference([3]) { 3 + 15 + 15 })
    }

    static func reference(_ args: [UInt32], _ f: () -> UInt32) -> [String] { ["i32:\(f())"] }

    /// Results of calling `export` (or its trap) and the first 64 bytes of memory.
    static func call(_ binary: [UInt8], _ export: String, _ args: [UInt32]) throws -> [String] {
        let module = try parseWasm(bytes: binary)
        let store = Store(engine: Engine())
        let instance = try module.instantiate(store: store)
        guard let f = instance.exports[function: export] else { return ["no export"] }
        var out: [String]
        do {
            out = try f.invoke(args.map { .i32($0) }).map {
                switch $0 {
                case .i32(let v): "i32:\(v)"
                case .i64(let v): "i64:\(v)"
                default: "\($0)"
                }
            }
        } catch let trap as WasmKit.Trap {
            out = ["trap: \(trap.description.prefix(40))"]
        }
        if case .memory(let memory) = instance.export("memory") {
            out.append(
                memory.withUnsafeBufferPointer(offset: 0, count: 64) { $0.map { String($0) }.joined(separator: ",") })
        }
        return out
    }

    /// Random functions over the patterns the rules target, with calls that write memory
    /// (so effect order is visible), loads, tees and traps, run before and after on many
    /// inputs.
    @Test func generatedFunctionsBehaveTheSame() throws {
        var rng = SplitMix64(seed: 0x5EED)
        var checked = 0
        var changed = 0
        for _ in 0..<120 {
            let expr = Self.expression(&rng, depth: 5)
            let wat = """
                (module
                  (memory (export "memory") 1)
                  (func $log (param i32) (result i32)
                    (i32.store8 (i32.load8_u (i32.const 0)) (i32.add (local.get 0) (i32.const 1)))
                    (i32.store8 (i32.const 0) (i32.add (i32.load8_u (i32.const 0)) (i32.const 1)))
                    local.get 0)
                  (func (export "f") (param i32 i32) (result i32) (local i32)
                    i32.const 0 i32.const 8 i32.store8
                    \(expr)))
                """
            let input = try Pipeline(passes: []).run(Array(wat.utf8), file: "gen.wat").bytes
            let output = try TestPaths.optimizer.run(Array(wat.utf8), file: "gen.wat").bytes
            if output != input { changed += 1 }
            #expect(output.count <= input.count)
            for _ in 0..<25 {
                let args = [Self.interesting(&rng), Self.interesting(&rng)]
                let want = try Self.call(input, "f", args)
                let got = try Self.call(output, "f", args)
                #expect(got == want, "\(expr) on \(args)")
                checked += 1
            }
        }
        #expect(checked == 3_000)
        #expect(changed > 60, "the rules should change most generated functions")
    }

    static func interesting(_ rng: inout SplitMix64) -> UInt32 {
        switch rng.next() % 4 {
        case 0: return [0, 1, 2, 5, 6, 7, 0x7F, 0x80, 0xFF, 0xFFFF_FFFF, 0x8000_0000][Int(rng.next() % 11)]
        case 1: return UInt32(truncatingIfNeeded: rng.next() % 16)
        default: return UInt32(truncatingIfNeeded: rng.next())
        }
    }

    /// A random i32 expression (folded WAT) over params 0 and 1 and local 2.
    static func expression(_ rng: inout SplitMix64, depth: Int) -> String {
        let leaves = [
            "(local.get 0)", "(local.get 1)", "(local.get 2)", "(i32.const 0)", "(i32.const 1)", "(i32.const -1)",
            "(i32.const 6)", "(i32.const 8)", "(i32.const 24)", "(i32.const 255)", "(i32.load8_u (i32.const 3))",
        ]
        if depth == 0 || rng.next() % 5 == 0 { return leaves[Int(rng.next() % UInt64(leaves.count))] }
        func sub() -> String { expression(&rng, depth: depth - 1) }
        let binary = [
            "i32.add", "i32.sub", "i32.mul", "i32.and", "i32.or", "i32.xor", "i32.shl", "i32.shr_u", "i32.shr_s",
            "i32.eq", "i32.ne", "i32.lt_u", "i32.gt_u", "i32.le_u", "i32.ge_u", "i32.lt_s", "i32.ge_s", "i32.rotl",
        ]
        switch rng.next() % 12 {
        case 0: return "(call $log \(sub()))"
        case 1: return "(local.tee 2 \(sub()))"
        case 2: return "(select \(sub()) \(sub()) \(sub()))"
        case 3:
            let op = ["i32.rem_u", "i32.div_u", "i32.rem_s", "i32.div_s"][Int(rng.next() % 4)]
            let d = ["(i32.const 8)", "(i32.const 6)", "(i32.const 7)", "(i32.const -1)", "(local.get 1)"][
                Int(rng.next() % 5)]
            return "(\(op) \(sub()) \(d))"
        case 4:
            let op = ["i32.eqz", "i32.extend8_s", "i32.extend16_s", "i32.clz", "i32.popcnt"][Int(rng.next() % 5)]
            return "(\(op) \(sub()))"
        case 5: return "(i32.wrap_i64 (i64.and (i64.extend_i32_u \(sub())) (i64.const 0xFFFFFFFF)))"
        case 6: return "(i32.shr_s (i32.shl \(sub()) (i32.const 24)) (i32.const 24))"
        default:
            return "(\(binary[Int(rng.next() % UInt64(binary.count))]) \(sub()) \(sub()))"
        }
    }
}
