import Compile
import Foundation
import Harness
import Testing
import WAT
import WasmDecode
import WasmKit

/// Operators whose lowering is more than a tile's instructions — weft's own helpers
/// (`rules/thumb-helpers.wat`: float `min`, `max`, `sqrt`, `ceil`, `floor`, `trunc`,
/// `nearest`, the saturating truncations to i64), results of more than four words through a
/// caller's buffer, comparisons as values — compiled and run in the Cortex-M3 machine against
/// WasmKit on edge inputs. A NaN result is compared as Wasm allows: any NaN with the quiet
/// bit set (an arithmetic NaN), and the canonical NaN when no operand was a NaN with a payload.
@Suite struct CompiledOperatorTests {
    static let f32Edges: [UInt32] = [
        0, 0x8000_0000, 0x7F80_0000, 0xFF80_0000, 0x7FC0_0000, 0xFFC0_0000, 0x7FA0_0000, 0xFF80_0001, 0x7FC0_1234,
        0x3F80_0000, 0xBF80_0000, 0x3F00_0000, 0xBF00_0000, 0x3FC0_0000, 0xBFC0_0000, 0x4020_0000, 0xC020_0000,
        0x3EFF_FFFF, 0x3F00_0001, 0x4B00_0000, 0x4AFF_FFFF, 0xCAFF_FFFF, 0x4B7F_FFFF, 0x0000_0001, 0x8000_0001,
        0x007F_FFFF, 0x0080_0000, 0x7F7F_FFFF, 0xFF7F_FFFF, 0x4000_0000, 0x4080_0000, 0x5F00_0000, 0xDF00_0000,
        0x5EFF_FFFF, 0xDF00_0001, 0x5F80_0000, 0x5F7F_FFFF, 0x4049_0FDB, 0xC2F6_E979,
    ]
    static let f64Edges: [UInt64] = [
        0, 0x8000_0000_0000_0000, 0x7FF0_0000_0000_0000, 0xFFF0_0000_0000_0000, 0x7FF8_0000_0000_0000,
        0xFFF8_0000_0000_0000, 0x7FF4_0000_0000_0000, 0xFFF0_0000_0000_0001, 0x7FF8_0000_0000_1234,
        0x3FF0_0000_0000_0000, 0xBFF0_0000_0000_0000, 0x3FE0_0000_0000_0000, 0xBFE0_0000_0000_0000,
        0x3FF8_0000_0000_0000, 0xBFF8_0000_0000_0000, 0x4004_0000_0000_0000, 0xC004_0000_0000_0000,
        0x3FDF_FFFF_FFFF_FFFF, 0x3FE0_0000_0000_0001, 0x4330_0000_0000_0000, 0x432F_FFFF_FFFF_FFFF,
        0xC32F_FFFF_FFFF_FFFF, 0x0000_0000_0000_0001, 0x8000_0000_0000_0001, 0x000F_FFFF_FFFF_FFFF,
        0x0010_0000_0000_0000, 0x7FEF_FFFF_FFFF_FFFF, 0x4000_0000_0000_0000, 0x43E0_0000_0000_0000,
        0xC3E0_0000_0000_0000, 0x43DF_FFFF_FFFF_FFFF, 0xC3E0_0000_0000_0001, 0x43F0_0000_0000_0000,
        0x43EF_FFFF_FFFF_FFFF, 0x4009_21FB_5444_2D18, 0xC05E_DD2F_1A9F_BE77,
    ]

    /// Whether a compiled result equals WasmKit's, a NaN judged as Wasm allows (`bits` the
    /// width, `operands` the NaN operands' payloads decide canonical or arithmetic).
    static func agrees(_ got: UInt64, _ expected: UInt64, bits: Int, operands: [UInt64]) -> Bool {
        let exponent: UInt64 = bits == 32 ? 0x7F80_0000 : 0x7FF0_0000_0000_0000
        let quiet: UInt64 = bits == 32 ? 0x40_0000 : 0x8_0000_0000_0000
        let magnitude: UInt64 = bits == 32 ? 0x7FFF_FFFF : 0x7FFF_FFFF_FFFF_FFFF
        func isNaN(_ v: UInt64) -> Bool { v & magnitude > exponent }
        guard isNaN(expected) else { return got == expected }
        guard isNaN(got), got & quiet != 0 else { return false }
        let payloads = operands.filter(isNaN).contains { $0 & magnitude != exponent | quiet }
        return payloads || got & magnitude == exponent | quiet
    }

    /// Random operands biased to the float's interesting exponents, from `seed`.
    static func randomBits(_ count: Int, wide: Bool, seed: UInt64) -> [UInt64] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let r = rng.next()
            if wide {
                let exponent = UInt64(1023 - 60 + Int(r >> 56) % 120) << 52
                return r & 0x800F_FFFF_FFFF_FFFF | (r & 0x10 == 0 ? exponent : r & 0x7FF0_0000_0000_0000)
            }
            let exponent = UInt64(127 - 30 + Int(r >> 56) % 60) << 23
            return (r & 0x807F_FFFF | (r & 0x10 == 0 ? exponent : r & 0x7F80_0000)) & 0xFFFF_FFFF
        }
    }

    /// Compiles `wat` (optimized as `weft compile` does) and instantiates it in WasmKit.
    static func both(_ wat: String, file: String) throws -> (CompiledInstance, WasmKit.Instance) {
        let binary = try wat2wasm(wat)
        let module = try WasmDecoder.decode(binary, file: file)
        let compiled = try CompiledInstance(module: module, memory: .checked, optimize: true)
        let store = Store(engine: Engine())
        let reference = try parseWasm(bytes: binary).instantiate(store: store)
        return (compiled, reference)
    }

    static func bits(_ v: WasmKit.Value) -> UInt64 { CompiledInstance.bits(v) }

    @Test func floatHelpersComputeWhatWasmKitDoesOnEdgeValues() throws {
        var wat = "(module\n"
        for (t, i) in [("f32", "i32"), ("f64", "i64")] {
            for op in ["min", "max"] {
                wat += """
                    (func (export "\(t).\(op)") (param \(i) \(i)) (result \(i))
                      (\(i).reinterpret_\(t) (\(t).\(op) (\(t).reinterpret_\(i) (local.get 0)) (\(t).reinterpret_\(i) (local.get 1)))))

                    """
            }
            for op in ["sqrt", "ceil", "floor", "trunc", "nearest"] {
                wat += """
                    (func (export "\(t).\(op)") (param \(i)) (result \(i))
                      (\(i).reinterpret_\(t) (\(t).\(op) (\(t).reinterpret_\(i) (local.get 0)))))

                    """
            }
        }
        let (compiled, reference) = try Self.both(wat + ")", file: "float-helpers.wat")
        var checked = 0
        for wide in [false, true] {
            let t = wide ? "f64" : "f32"
            let edges = wide ? Self.f64Edges : Self.f32Edges.map(UInt64.init)
            let values = edges + Self.randomBits(300, wide: wide, seed: wide ? 64 : 32)
            func wasm(_ v: UInt64) -> WasmKit.Value { wide ? .i64(v) : .i32(UInt32(truncatingIfNeeded: v)) }
            for op in ["sqrt", "ceil", "floor", "trunc", "nearest"] {
                #expect(compiled.unsupported("\(t).\(op)") == nil)
                let f = try #require(reference.exports[function: "\(t).\(op)"])
                for a in values {
                    let expected = Self.bits(try f.invoke([wasm(a)])[0])
                    guard case .values(let got) = try compiled.invoke("\(t).\(op)", [a]), got.count == 1 else {
                        Issue.record("\(t).\(op)(0x\(String(a, radix: 16))): no value")
                        continue
                    }
                    #expect(
                        Self.agrees(got[0], expected, bits: wide ? 64 : 32, operands: [a]),
                        "\(t).\(op)(0x\(String(a, radix: 16))): WasmKit 0x\(String(expected, radix: 16)), compiled 0x\(String(got[0], radix: 16))"
                    )
                    checked += 1
                }
            }
            for op in ["min", "max"] {
                let f = try #require(reference.exports[function: "\(t).\(op)"])
                let pairs =
                    edges.flatMap { a in edges.map { (a, $0) } } + zip(values, values.reversed()).map { ($0, $1) }
                for (a, b) in pairs {
                    let expected = Self.bits(try f.invoke([wasm(a), wasm(b)])[0])
                    guard case .values(let got) = try compiled.invoke("\(t).\(op)", [a, b]), got.count == 1 else {
                        Issue.record("\(t).\(op): no value")
                        continue
                    }
                    #expect(
                        Self.agrees(got[0], expected, bits: wide ? 64 : 32, operands: [a, b]),
                        "\(t).\(op)(0x\(String(a, radix: 16)), 0x\(String(b, radix: 16))): WasmKit 0x\(String(expected, radix: 16)), compiled 0x\(String(got[0], radix: 16))"
                    )
                    checked += 1
                }
            }
        }
        print("float helpers: \(checked) calls compared")
        // The helpers are local functions of the object, and no libm routine is needed.
        let symbols = compiled.compiled.functions.map(\.symbol)
        #expect(symbols.contains("weft_f64_sqrt") && symbols.contains("weft_round_f32"))
        #expect(!compiled.compiled.undefined.contains { ["sqrt", "sqrtf", "floor", "fmin", "rint"].contains($0) })
    }

    @Test func saturatingTruncationsToI64MatchWasmKitAtTheRangeEdges() throws {
        var wat = "(module\n"
        for (t, i) in [("f32", "i32"), ("f64", "i64")] {
            for s in ["s", "u"] {
                wat += """
                    (func (export "\(t)_\(s)") (param \(i)) (result i64)
                      (i64.trunc_sat_\(t)_\(s) (\(t).reinterpret_\(i) (local.get 0))))
                    (func (export "i32_\(t)_\(s)") (param \(i)) (result i32)
                      (i32.trunc_sat_\(t)_\(s) (\(t).reinterpret_\(i) (local.get 0))))

                    """
            }
        }
        let (compiled, reference) = try Self.both(wat + ")", file: "trunc-sat.wat")
        var checked = 0
        for wide in [false, true] {
            let t = wide ? "f64" : "f32"
            let values =
                (wide ? Self.f64Edges : Self.f32Edges.map(UInt64.init))
                + Self.randomBits(200, wide: wide, seed: wide ? 640 : 320)
            for name in ["\(t)_s", "\(t)_u", "i32_\(t)_s", "i32_\(t)_u"] {
                let f = try #require(reference.exports[function: name])
                for a in values {
                    let argument: WasmKit.Value = wide ? .i64(a) : .i32(UInt32(truncatingIfNeeded: a))
                    let expected = Self.bits(try f.invoke([argument])[0])
                    let got = try compiled.invoke(name, [a])
                    #expect(
                        got == .values([expected]),
                        "\(name)(0x\(String(a, radix: 16))): WasmKit 0x\(String(expected, radix: 16)), compiled \(got)")
                    checked += 1
                }
            }
        }
        print("saturating truncations: \(checked) calls compared")
    }

    @Test func resultsOfMoreThanFourWordsComeBackThroughTheCallersBuffer() throws {
        let wat = """
            (module
              (type $t (func (param i32 i64) (result i32 i64 f32 i64 i32)))
              (table 2 funcref) (elem (i32.const 0) $many $other)
              (func $many (export "many") (type $t)
                (local.get 0) (local.get 1) (f32.const 1.5) (i64.add (local.get 1) (i64.const 1))
                (i32.add (local.get 0) (i32.const 7)))
              (func $other (type $t)
                (i32.const -1) (i64.const 0x0123456789abcdef) (f32.const -0.5) (local.get 1) (local.get 0))
              (func $six (param i32 i32 i32 i64 i32) (result i64 i64 i64)
                (i64.extend_i32_u (local.get 4)) (local.get 3) (i64.extend_i32_u (i32.add (local.get 0) (local.get 2))))
              (func (export "six") (param i32 i32 i32 i64 i32) (result i64 i64 i64)
                (call $six (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4)))
              (func (export "sum") (param i32 i64) (result i64)
                (local i32 i64 f32 i64 i32)
                (call $many (local.get 0) (local.get 1))
                (local.set 6) (local.set 5) (local.set 4) (local.set 3) (local.set 2)
                (i64.add (i64.add (local.get 3) (local.get 5)) (i64.extend_i32_u (i32.add (local.get 2) (local.get 6)))))
              (func (export "ind") (param i32 i32 i64) (result i32 i64 f32 i64 i32)
                (call_indirect (type $t) (local.get 1) (local.get 2) (local.get 0)))
              (func (export "early") (param i32) (result i64 i64 i32)
                (if (local.get 0) (then (return (i64.const 1) (i64.const 2) (i32.const 3))))
                (i64.const -4) (i64.const -5) (i32.const -6)))
            """
        let binary = try wat2wasm(wat)
        let module = try WasmDecoder.decode(binary, file: "big.wat")
        let reference = try parseWasm(bytes: binary).instantiate(store: Store(engine: Engine()))
        for optimize in [true, false] {
            let compiled = try CompiledInstance(module: module, memory: .checked, optimize: optimize)
            let calls: [(String, [WasmKit.Value])] = [
                ("many", [.i32(5), .i64(0xFFFF_FFFF)]), ("many", [.i32(0xFFFF_FFFF), .i64(UInt64.max)]),
                ("six", [.i32(1), .i32(2), .i32(3), .i64(0x1_0000_0004), .i32(5)]),
                ("sum", [.i32(9), .i64(0x7FFF_FFFF_FFFF_FFFF)]),
                ("ind", [.i32(0), .i32(3), .i64(4)]), ("ind", [.i32(1), .i32(3), .i64(4)]),
                ("ind", [.i32(2), .i32(3), .i64(4)]), ("early", [.i32(0)]), ("early", [.i32(1)]),
            ]
            for (name, args) in calls {
                #expect(compiled.unsupported(name) == nil)
                let expected: CompiledInstance.Outcome
                do {
                    expected = .values(try reference.exports[function: name]?.invoke(args).map(Self.bits) ?? [])
                } catch {
                    expected = .trap
                }
                let got = try compiled.invoke(name, args.map(Self.bits))
                #expect(got == expected, "\(name)(\(args)) optimize \(optimize): WasmKit \(expected), compiled \(got)")
            }
        }
    }

    @Test func memoryGrowsUpToItsDeclaredMaximumAndInitFromPassiveSegments() throws {
        let wat = """
            (module
              (memory 1 3)
              (data $hello "hello, world")
              (data (i32.const 16) "active")
              (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
              (func (export "size") (result i32) (memory.size))
              (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
              (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
              (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
              (func (export "init") (param i32 i32 i32) (memory.init $hello (local.get 0) (local.get 1) (local.get 2)))
              (func (export "init_active") (param i32 i32 i32) (memory.init 1 (local.get 0) (local.get 1) (local.get 2)))
              (func (export "drop") (data.drop $hello)))
            """
        let binary = try wat2wasm(wat)
        let module = try WasmDecoder.decode(binary, file: "grow.wat")
        for optimize in [true, false] {
            let reference = try parseWasm(bytes: binary).instantiate(store: Store(engine: Engine()))
            let compiled = try CompiledInstance(module: module, memory: .checked, optimize: optimize)
            let calls: [(String, [UInt32])] = [
                ("size", []), ("load", [65532]), ("load", [65533]), ("grow", [0]), ("grow", [1]), ("size", []),
                ("load", [65536]), ("store", [131068, 7]), ("load", [131068]), ("load", [131069]), ("grow", [2]),
                ("grow", [0xFFFF_FFFF]), ("grow", [1]), ("size", []), ("store", [196604, 9]), ("load", [196604]),
                ("load", [196605]), ("fill", [196600, 1, 8]), ("fill", [196600, 1, 9]), ("grow", [1]),
                ("init", [196600, 0, 4]), ("load", [196600]), ("init", [100, 8, 4]), ("load", [100]),
                ("init", [100, 9, 4]), ("init", [196605, 0, 4]), ("init", [0, 12, 0]), ("init_active", [0, 0, 0]),
                ("init_active", [0, 0, 1]), ("drop", []), ("init", [0, 0, 0]), ("init", [0, 0, 1]), ("load", [16]),
                ("size", []),
            ]
            for (name, args) in calls {
                let expected: CompiledInstance.Outcome
                do {
                    expected = .values(
                        try reference.exports[function: name]?.invoke(args.map { .i32($0) }).map(Self.bits) ?? [])
                } catch {
                    expected = .trap
                }
                let got = try compiled.invoke(name, args.map(UInt64.init))
                #expect(got == expected, "\(name)\(args) optimize \(optimize): WasmKit \(expected), compiled \(got)")
            }
        }
    }

    /// `i32.eq`, `i64.eq`, `i64.eqz` (and their kin) in every context a value can be in: a
    /// value returned or stored, extended to i64, an operand of arithmetic, a branch
    /// condition, a select's condition and arms, a float comparison's — with and without the
    /// optimizer, against WasmKit.
    @Test func comparisonsComputeInEveryContext() throws {
        let comparisons = [
            "(i32.eq (local.get 0) (local.get 1))", "(i32.ne (local.get 0) (i32.const 7))",
            "(i64.eq (local.get 2) (local.get 3))", "(i64.ne (local.get 2) (i64.const -1))",
            "(i64.eqz (local.get 2))", "(i32.eqz (local.get 0))", "(i64.lt_u (local.get 2) (local.get 3))",
            "(f32.eq (f32.convert_i32_s (local.get 0)) (f32.convert_i32_s (local.get 1)))",
            "(i32.eq (i64.eqz (local.get 2)) (i32.eqz (local.get 1)))",
        ]
        let contexts = [
            "C", "(i32.add C (local.get 0))", "(i32.xor C (i32.const 1))", "(i32.wrap_i64 (i64.extend_i32_u C))",
            "(select (local.get 0) (local.get 1) C)", "(select C (i32.const 5) (local.get 0))",
            "(select (i32.const 9) C (i64.eqz (local.get 3)))",
            "(if (result i32) C (then (i32.const 3)) (else (i32.const 4)))",
            "(block (result i32) (br_if 0 (i32.const 11) C) (drop) (i32.const 12))",
            "(block (result i32) (i32.store (i32.const 8) C) (i32.load (i32.const 8)))",
            "(i32.eq C (i64.eq (local.get 2) (i64.const 0)))", "(i32.wrap_i64 (select (local.get 2) (local.get 3) C))",
        ]
        var wat = "(module (memory 1)\n"
        var names: [String] = []
        for (i, c) in comparisons.enumerated() {
            for (j, context) in contexts.enumerated() {
                let name = "c\(i)_\(j)"
                names.append(name)
                wat += "(func (export \"\(name)\") (param i32 i32 i64 i64) (result i32) "
                wat += context.replacingOccurrences(of: "C", with: c) + ")\n"
            }
        }
        let binary = try wat2wasm(wat + ")")
        let module = try WasmDecoder.decode(binary, file: "comparisons.wat")
        let reference = try parseWasm(bytes: binary).instantiate(store: Store(engine: Engine()))
        let arguments: [[UInt64]] = [
            [0, 0, 0, 0], [7, 7, 1 << 32, 1 << 32], [1, 2, 1, 1 << 32], [0xFFFF_FFFF, 7, UInt64.max, UInt64.max],
            [5, 0, 0, 1], [0x8000_0000, 0x8000_0000, 1 << 63, 0],
        ]
        for optimize in [true, false] {
            let compiled = try CompiledInstance(module: module, memory: .checked, optimize: optimize)
            for name in names {
                #expect(compiled.unsupported(name) == nil, "\(name): \(compiled.unsupported(name) ?? "")")
                for a in arguments {
                    let values: [WasmKit.Value] = [.i32(UInt32(a[0])), .i32(UInt32(a[1])), .i64(a[2]), .i64(a[3])]
                    let expected = CompiledInstance.Outcome.values(
                        try reference.exports[function: name]?.invoke(values).map(Self.bits) ?? [])
                    let got = try compiled.invoke(name, a)
                    #expect(got == expected, "\(name)\(a) optimize \(optimize): WasmKit \(expected), compiled \(got)")
                }
            }
        }
    }
}
