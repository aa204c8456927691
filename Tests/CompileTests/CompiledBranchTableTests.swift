import Compile
import ELF
import Foundation
import Harness
import Testing
import WAT
import WasmDecode

/// `br_table` compiled by `weft compile` and run in the Cortex-M3 machine against WasmKit:
/// a table's entries land on their targets' code (no trampoline `b`) when no value moves;
/// a loop's start behind the table and targets past `tbb`'s reach still run right; a small
/// table becomes a compare chain.
@Suite struct CompiledBranchTableTests {
    /// What `tbb`/`tbh` tables of `f` hold: per table, whether it is `tbh` and the code
    /// offsets (from the function's start) its entries land on.
    struct Table {
        var halfwords: Bool
        var targets: [Int]
    }

    /// Compiles `wat` (not optimized), checks `f` (one i32 parameter) on 0–9 and edge-biased
    /// arguments against WasmKit, and returns `f`'s bytes and its tables.
    static func run(_ wat: String, memory: MemoryModel = .identity) throws -> (
        code: [UInt8], tables: [Table]
    ) {
        let binary = try wat2wasm(wat)
        let module = try WasmDecoder.decode(binary, file: "table.wat")
        let compiled = try CompiledInstance(module: module, memory: memory)
        #expect(compiled.unsupported("f") == nil)
        let reference = try Differential.Instance(binary)
        var rng = SplitMix64(seed: 5)
        // Every case of the small tables, and edge-biased values.
        let cases = (UInt32(0)..<10).map { Differential.Call(export: "f", arguments: [.i32($0)]) }
        for call in cases + Differential.calls([("f", ["i32"])], perExport: 12, rng: &rng) {
            let (got, want) = (try compiled.observe(call), reference.call(call))
            #expect(got == want, "f(\(call.arguments.map(KernelRunner.describe))): \(got) against WasmKit \(want)")
        }
        return try Self.tables(of: "f", in: compiled.compiled.object)
    }

    /// Function `name`'s bytes in `object` and its tables.
    static func tables(of name: String, in object: ObjectFile) throws -> (code: [UInt8], tables: [Table]) {
        guard let symbol = object.symbols.first(where: { $0.name == name }) else {
            Issue.record("no symbol \(name)")
            return ([], [])
        }
        let start = Int(symbol.offset)
        let code = Array(object.text[start..<start + Int(symbol.size)])
        var tables: [Table] = []
        var k = 0
        while k + 4 <= code.count {
            let h1 = UInt16(code[k]) | UInt16(code[k + 1]) << 8
            let h2 = UInt16(code[k + 2]) | UInt16(code[k + 3]) << 8
            // tbb/tbh [pc, rm]: E8DF F00m / F01m; the table is the data range right after it.
            if h1 == 0xE8DF, h2 & 0xFFE0 == 0xF000,
                let data = object.dataInText.first(where: { Int($0.start) == start + k + 4 })
            {
                let halfwords = h2 & 0x10 != 0
                let base = k + 4
                var targets: [Int] = []
                var at = base
                let end = Int(data.end) - start
                while at < end {
                    let entry = halfwords ? Int(code[at]) | Int(code[at + 1]) << 8 : Int(code[at])
                    at += halfwords ? 2 : 1
                    // A byte table's padding: a zero past the entries would land on the table.
                    if entry == 0 && !halfwords && at == end { break }
                    targets.append(base + 2 * entry)
                }
                tables.append(Table(halfwords: halfwords, targets: targets))
                k = end
                continue
            }
            k += 2
        }
        return (code, tables)
    }

    /// Whether the instruction at `offset` is an unconditional `b` (a trampoline).
    static func isBranch(_ code: [UInt8], at offset: Int) -> Bool {
        guard offset + 4 <= code.count else { return false }
        let h1 = UInt16(code[offset]) | UInt16(code[offset + 1]) << 8
        let h2 = UInt16(code[offset + 2]) | UInt16(code[offset + 3]) << 8
        return h1 & 0xF800 == 0xE000 || (h1 & 0xF800 == 0xF000 && h2 & 0xD000 == 0x9000)
    }

    /// Seven cases (two sharing a block) and a default, each block ending in a `br` out.
    static let forward = """
        (module
          (func (export "f") (param $x i32) (result i32) (local $r i32)
            (block $d (block $c5 (block $c4 (block $c3 (block $c2 (block $c1 (block $c0
              (br_table $c0 $c1 $c2 $c3 $c4 $c5 $c1 $d (local.get $x)))
              (local.set $r (i32.const 11)) (br $d))
              (local.set $r (i32.add (local.get $x) (i32.const 22))) (br $d))
              (local.set $r (i32.mul (local.get $x) (local.get $x))) (br $d))
              (local.set $r (i32.xor (local.get $x) (i32.const 0x55))) (br $d))
              (local.set $r (i32.const 77)) (br $d))
              (local.set $r (i32.shl (local.get $x) (i32.const 3))))
            (i32.add (local.get $r) (i32.const 1))))
        """

    @Test func aTableOfForwardBlocksBranchesStraightToThem() throws {
        let (code, tables) = try Self.run(Self.forward)
        #expect(tables.count == 1)
        for table in tables {
            #expect(table.targets.count >= 7)
            for t in table.targets {
                #expect(!Self.isBranch(code, at: t), "the entry to \(t) lands on a trampoline")
            }
        }
    }

    /// A loop whose `br_table` goes back to its start (behind the table), to two blocks
    /// inside it and out; n is first taken modulo 256, so it ends.
    static let loop = """
        (module
          (func (export "f") (param $n i32) (result i32) (local $s i32)
            (local.set $n (i32.and (local.get $n) (i32.const 255)))
            (block $out
              (loop $top
                (local.set $s (i32.add (local.get $s) (local.get $n)))
                (block $b (block $a
                  (br_table $top $a $top $b $a $top $b $out
                    (select (i32.and (local.get $n) (i32.const 7)) (i32.const 7)
                      (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
                  (local.set $s (i32.mul (local.get $s) (i32.const 3)))
                  (br $top))
                (local.set $s (i32.xor (local.get $s) (local.get $n)))
                (br $top)))
            (local.get $s)))
        """

    @Test func aTableBranchingBackToItsLoopRunsRight() throws {
        let (code, tables) = try Self.run(Self.loop)
        #expect(tables.count == 1)
        // The loop's start is reached through one trampoline; the blocks directly.
        for table in tables {
            #expect(Set(table.targets.filter { Self.isBranch(code, at: $0) }).count == 1)
        }
    }

    /// A table whose first case holds `n` statements of code, so the later cases lie past
    /// `tbb`'s 510 bytes: tbh, or trampolines for them.
    static func far(statements n: Int) -> String {
        var w = "(module (func (export \"f\") (param $x i32) (result i32) (local $r i32)\n"
        w += "(block $d (block $c3 (block $c2 (block $c1 (block $c0\n"
        w += "(br_table $c0 $c1 $c2 $c3 $c1 $c2 $d (local.get $x)))\n"
        for i in 0..<n {
            w += "(local.set $r (i32.xor (i32.mul (local.get $r) (i32.const \(i * 7919 + 65537))) (local.get $x)))\n"
        }
        w += "(br $d))\n"
        w += "(local.set $r (i32.const 22)) (br $d))\n"
        w += "(local.set $r (i32.add (local.get $x) (i32.const 33))) (br $d))\n"
        w += "(local.set $r (i32.const 44)))\n"
        return w + "(local.get $r)))"
    }

    @Test func aTableWithCasesPastTbbsReachRunsRight() throws {
        let (code, tables) = try Self.run(Self.far(statements: 120))
        #expect(code.count > 1000)
        #expect(tables.count == 1)
        for table in tables {
            // Some entry reaches past 510 bytes: tbh, or through a trampoline after the table.
            let far = table.halfwords || table.targets.contains { Self.isBranch(code, at: $0) }
            #expect(far)
        }
    }

    /// Blocks with a result: the values move into the block's register, so the entries go
    /// through trampolines that move them; small tables as compare chains.
    static let results = """
        (module
          (func (export "f") (param $x i32) (result i32)
            (i32.add (i32.const 1)
              (block $d (result i32) (block $c1 (result i32) (block $c0 (result i32)
                (br_table $c0 $c1 $c0 $c1 $c1 $c0 $d (i32.const 5) (local.get $x)))
                (i32.add (i32.const 100)))
                (i32.mul (i32.const 3)))))
          (func (export "small") (param $x i32) (result i32)
            (block $d (block $c0
              (br_table $c0 $d (i32.sub (local.get $x) (i32.const 40))))
              (return (i32.const 7)))
            (i32.const 9)))
        """

    @Test func tablesMovingValuesAndSmallTablesRunRight() throws {
        let (_, tables) = try Self.run(Self.results)
        #expect(tables.count == 1)
        let binary = try wat2wasm(Self.results)
        let compiled = try CompiledInstance(module: try WasmDecoder.decode(binary, file: "t.wat"), memory: .identity)
        let reference = try Differential.Instance(binary)
        var rng = SplitMix64(seed: 9)
        for call in Differential.calls([("small", ["i32"])], perExport: 12, rng: &rng) + [
            Differential.Call(export: "small", arguments: [.i32(40)])
        ] {
            #expect(
                try compiled.observe(call) == reference.call(call),
                "small(\(call.arguments.map(KernelRunner.describe)))")
        }
        // Two entries, one the default's: `cmp r, #40; beq`, no table.
        #expect(try Self.tables(of: "small", in: compiled.compiled.object).tables.isEmpty)
    }
}
