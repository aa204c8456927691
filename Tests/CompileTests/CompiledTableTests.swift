import Compile
import Foundation
import Harness
import Pipeline
import Testing
import WAT
import WasmDecode
import WasmKit

/// Wasm 2.0's reference types and tables compiled (optimized and not, linked by GNU ld and by
/// ld.lld) and run in the Cortex-M3 machine call by call beside WasmKit, the state carried
/// from call to call: every table operator on several tables (one read-only, one growing up to
/// its maximum, one of externref), passive, active and declarative segments, `elem.drop`,
/// funcref and externref globals, parameters and `select`, and the traps: out-of-bounds
/// accesses, a range check before any write, a null entry or another signature called.
@Suite struct CompiledTableTests {
    /// A call's arguments as WasmKit takes them and as the machine's words (an externref is
    /// the host's word, null 0).
    static func word(_ v: WasmKit.Value) -> UInt64 {
        switch v {
        case .ref(.extern(let n)): UInt64(n ?? 0)
        case .ref(.function(let n)): n == nil ? 0 : 1
        default: CompiledInstance.bits(v)
        }
    }

    /// What a compiled call should give for WasmKit's outcome: an externref as its word, a
    /// funcref as 0 when null, else `nonNull` (its record's address, not WasmKit's).
    static func expected(_ values: [WasmKit.Value], got: CompiledInstance.Outcome) -> CompiledInstance.Outcome {
        guard case .values(let words) = got, words.count == values.count else { return .values(values.map(word)) }
        return .values(
            zip(values, words).map { v, w in
                if case .ref(.function(let f)) = v { return f == nil ? 0 : (w == 0 ? 1 : w) }
                return word(v)
            })
    }

    /// Runs `calls` in order on WasmKit and on each compiled image (optimized and not, by each
    /// linker; once with every value in a stack slot, the allocator's last resort; once in
    /// the identity memory model, `.data` at address 0).
    static func run(_ wat: String, file: String, calls: [(String, [WasmKit.Value])]) throws {
        let binary = try wat2wasm(wat)
        let module = try WasmDecoder.decode(binary, file: file)
        for variant in 0..<4 {
            let images =
                switch variant {
                case 2: [try CompiledInstance(module: module, memory: .checked, spillEverywhere: true)]
                case 3: [try CompiledInstance(module: module, memory: .identity, optimize: true)]
                default: try CompiledInstance.linked(module: module, memory: .checked, optimize: variant == 1)
                }
            let optimize = ["not optimized", "optimized", "spilled everywhere", "identity memory model"][variant]
            for image in images {
                #expect(image.compiled.unsupported.isEmpty, "\(image.compiled.unsupported)")
                let reference = try parseWasm(bytes: binary).instantiate(store: Store(engine: Engine()))
                for (step, (name, args)) in calls.enumerated() {
                    let got = try image.invoke(name, args.map(Self.word))
                    var want: CompiledInstance.Outcome
                    do {
                        let values = try reference.exports[function: name]?.invoke(args) ?? []
                        want = Self.expected(values, got: got)
                    } catch {
                        want = .trap
                    }
                    #expect(
                        got == want,
                        "step \(step) \(name)\(args) \(optimize) \(image.linker): WasmKit \(want), compiled \(got)"
                    )
                }
            }
        }
    }

    static let funcrefModule = """
        (module
          (type $i (func (result i32)))
          (type $ii (func (param i32) (result i32)))
          (table $t0 4 funcref)
          (table $t1 2 6 funcref)
          (elem (table $t0) (i32.const 0) func $one $two)
          (elem $p funcref (ref.func $three) (ref.null func) (ref.func $two) (ref.func $inc))
          (elem $p2 func $one $three)
          (elem $d declare func $four)
          (elem (table $t1) (i32.const 1) func $three)
          (global $gf (mut funcref) (ref.func $three))
          (global $gc funcref (ref.func $two))
          (func $one (type $i) (i32.const 1))
          (func $two (type $i) (i32.const 2))
          (func $three (type $i) (i32.const 3))
          (func $four (type $i) (i32.const 4))
          (func $inc (type $ii) (i32.add (local.get 0) (i32.const 1)))
          (func $id (param funcref) (result funcref) (local.get 0))
          (func (export "call0") (param i32) (result i32) (call_indirect $t0 (type $i) (local.get 0)))
          (func (export "call1") (param i32) (result i32) (call_indirect $t1 (type $i) (local.get 0)))
          (func (export "callinc") (param i32 i32) (result i32)
            (call_indirect $t1 (type $ii) (local.get 1) (local.get 0)))
          (func (export "isnull0") (param i32) (result i32) (ref.is_null (table.get $t0 (local.get 0))))
          (func (export "isnull1") (param i32) (result i32) (ref.is_null (table.get $t1 (local.get 0))))
          (func (export "get1") (param i32) (result funcref) (table.get $t1 (local.get 0)))
          (func (export "set_four") (param i32) (table.set $t1 (local.get 0) (ref.func $four)))
          (func (export "set_null") (param i32) (table.set $t1 (local.get 0) (ref.null func)))
          (func (export "move") (param i32 i32) (table.set $t1 (local.get 1) (table.get $t0 (local.get 0))))
          (func (export "size0") (result i32) (table.size $t0))
          (func (export "size1") (result i32) (table.size $t1))
          (func (export "grow1") (param i32) (result i32) (table.grow $t1 (ref.func $two) (local.get 0)))
          (func (export "grownull1") (param i32) (result i32) (table.grow $t1 (ref.null func) (local.get 0)))
          (func (export "fill1") (param i32 i32 i32)
            (table.fill $t1 (local.get 0) (table.get $t0 (local.get 1)) (local.get 2)))
          (func (export "copy11") (param i32 i32 i32) (table.copy $t1 $t1 (local.get 0) (local.get 1) (local.get 2)))
          (func (export "copy10") (param i32 i32 i32) (table.copy $t1 $t0 (local.get 0) (local.get 1) (local.get 2)))
          (func (export "init") (param i32 i32 i32) (table.init $t1 $p (local.get 0) (local.get 1) (local.get 2)))
          (func (export "init2") (param i32 i32 i32) (table.init $t1 $p2 (local.get 0) (local.get 1) (local.get 2)))
          (func (export "initdecl") (param i32 i32 i32) (table.init $t1 $d (local.get 0) (local.get 1) (local.get 2)))
          (func (export "initactive") (param i32 i32 i32) (table.init $t1 0 (local.get 0) (local.get 1) (local.get 2)))
          (func (export "drop") (elem.drop $p))
          (func (export "dropactive") (elem.drop 0))
          (func (export "gfcall") (result i32)
            (table.set $t1 (i32.const 0) (global.get $gf)) (call_indirect $t1 (type $i) (i32.const 0)))
          (func (export "gccall") (result i32)
            (table.set $t1 (i32.const 0) (global.get $gc)) (call_indirect $t1 (type $i) (i32.const 0)))
          (func (export "gfset") (param i32)
            (global.set $gf (select (result funcref) (ref.func $one) (ref.null func) (local.get 0))))
          (func (export "gfnull") (result i32) (ref.is_null (global.get $gf)))
          (func (export "viaparam") (param i32) (result i32)
            (table.set $t1 (i32.const 0) (call $id (table.get $t0 (local.get 0))))
            (call_indirect $t1 (type $i) (i32.const 0)))
          (func (export "funcnull") (result i32) (ref.is_null (ref.func $four))))
        """

    @Test func funcrefTablesGrowFillCopyAndInitAsWasmKitDoes() throws {
        let i = { (v: UInt32) in WasmKit.Value.i32(v) }
        let calls: [(String, [WasmKit.Value])] = [
            ("size0", []), ("size1", []), ("call0", [i(0)]), ("call0", [i(1)]), ("call0", [i(2)]),
            ("call0", [i(4)]), ("call0", [i(0xFFFF_FFFF)]), ("call1", [i(0)]), ("call1", [i(1)]),
            ("callinc", [i(1), i(41)]), ("isnull0", [i(1)]), ("isnull0", [i(3)]), ("isnull0", [i(4)]),
            ("get1", [i(0)]), ("get1", [i(1)]), ("get1", [i(2)]), ("funcnull", []),
            // Setting: in bounds, out of bounds, null, from another table.
            ("set_four", [i(0)]), ("call1", [i(0)]), ("set_four", [i(2)]), ("set_null", [i(0)]),
            ("call1", [i(0)]), ("move", [i(1), i(0)]), ("call1", [i(0)]), ("move", [i(4), i(0)]),
            ("move", [i(0), i(2)]),
            // Growing up to the maximum 6: by 0, by 2, past it, by a huge count.
            ("grow1", [i(0)]), ("grow1", [i(2)]), ("size1", []), ("call1", [i(2)]), ("call1", [i(3)]),
            ("grow1", [i(3)]), ("grow1", [i(0xFFFF_FFFF)]), ("grownull1", [i(1)]), ("isnull1", [i(4)]),
            ("call1", [i(4)]), ("grow1", [i(1)]), ("size1", []), ("grow1", [i(1)]), ("call1", [i(5)]),
            ("isnull1", [i(6)]),
            // Fill: in bounds, up to the end, past it (a trap that writes nothing), at the end.
            ("fill1", [i(2), i(0), i(3)]), ("call1", [i(2)]), ("call1", [i(4)]), ("call1", [i(5)]),
            ("fill1", [i(5), i(1), i(2)]), ("call1", [i(5)]), ("fill1", [i(6), i(1), i(0)]),
            ("fill1", [i(7), i(1), i(0)]), ("fill1", [i(0xFFFF_FFFF), i(1), i(2)]),
            // Copy: between tables, overlapping forward and backward, out of bounds.
            ("copy10", [i(0), i(0), i(3)]), ("call1", [i(0)]), ("call1", [i(1)]), ("isnull1", [i(2)]),
            ("set_four", [i(3)]), ("copy11", [i(1), i(0), i(4)]), ("call1", [i(1)]), ("call1", [i(2)]),
            ("isnull1", [i(3)]), ("call1", [i(4)]), ("copy11", [i(0), i(1), i(5)]), ("call1", [i(0)]),
            ("call1", [i(1)]), ("isnull1", [i(2)]), ("call1", [i(3)]), ("call1", [i(4)]),
            ("copy11", [i(2), i(0), i(5)]), ("call1", [i(2)]), ("copy11", [i(6), i(0), i(0)]),
            ("copy11", [i(0), i(7), i(0)]), ("copy10", [i(0), i(2), i(3)]), ("copy10", [i(0), i(4), i(0)]),
            ("copy10", [i(0), i(5), i(0)]),
            // Init: passive (with a null item and another signature), past its end, then dropped.
            ("init", [i(0), i(0), i(4)]), ("call1", [i(0)]), ("isnull1", [i(1)]), ("call1", [i(2)]),
            ("call1", [i(3)]), ("callinc", [i(3), i(9)]), ("init", [i(4), i(2), i(2)]), ("call1", [i(4)]),
            ("init", [i(5), i(3), i(2)]), ("init", [i(5), i(0), i(2)]), ("init", [i(6), i(4), i(0)]),
            ("init", [i(6), i(5), i(0)]), ("init2", [i(0), i(0), i(2)]), ("call1", [i(1)]), ("drop", []),
            ("init", [i(0), i(0), i(0)]), ("init", [i(0), i(0), i(1)]), ("drop", []), ("init2", [i(0), i(1), i(1)]),
            ("call1", [i(0)]),
            // Declarative and active segments behave as dropped ones.
            ("initdecl", [i(0), i(0), i(0)]), ("initdecl", [i(0), i(0), i(1)]), ("initactive", [i(0), i(0), i(0)]),
            ("initactive", [i(0), i(0), i(1)]), ("dropactive", []), ("call0", [i(1)]),
            // Globals, parameters and select of references.
            ("gfcall", []), ("gccall", []), ("gfnull", []), ("gfset", [i(1)]), ("gfcall", []), ("gfset", [i(0)]),
            ("gfnull", []), ("gfcall", []), ("viaparam", [i(1)]), ("viaparam", [i(3)]), ("viaparam", [i(9)]),
        ]
        try Self.run(Self.funcrefModule, file: "tables.wat", calls: calls)
    }

    @Test func externrefTablesAndGlobalsHoldTheHostsWord() throws {
        let wat = """
            (module
              (table $x 3 externref)
              (table $g 1 4 externref)
              (global $gx (mut externref) (ref.null extern))
              (func (export "set") (param i32 externref) (table.set $x (local.get 0) (local.get 1)))
              (func (export "get") (param i32) (result externref) (table.get $x (local.get 0)))
              (func (export "isnull") (param externref) (result i32) (ref.is_null (local.get 0)))
              (func (export "fill") (param i32 externref i32) (table.fill $x (local.get 0) (local.get 1) (local.get 2)))
              (func (export "grow") (param externref i32) (result i32) (table.grow $g (local.get 0) (local.get 1)))
              (func (export "getg") (param i32) (result externref) (table.get $g (local.get 0)))
              (func (export "copy") (param i32 i32 i32) (table.copy $g $x (local.get 0) (local.get 1) (local.get 2)))
              (func (export "gset") (param externref) (global.set $gx (local.get 0)))
              (func (export "gget") (result externref) (global.get $gx))
              (func (export "pick") (param externref externref i32) (result externref)
                (select (result externref) (local.get 0) (local.get 1) (local.get 2))))
            """
        let x = { (n: Int?) in WasmKit.Value.ref(.extern(n)) }
        let i = { (v: UInt32) in WasmKit.Value.i32(v) }
        let calls: [(String, [WasmKit.Value])] = [
            ("get", [i(0)]), ("set", [i(1), x(0x1234_5678)]), ("get", [i(1)]), ("set", [i(3), x(7)]),
            ("isnull", [x(nil)]), ("isnull", [x(5)]), ("fill", [i(0), x(9), i(2)]), ("get", [i(0)]), ("get", [i(1)]),
            ("get", [i(2)]), ("fill", [i(2), x(11), i(2)]), ("get", [i(2)]), ("grow", [x(3), i(2)]),
            ("getg", [i(2)]), ("grow", [x(3), i(2)]), ("grow", [x(4), i(1)]), ("getg", [i(3)]),
            ("copy", [i(1), i(0), i(3)]), ("getg", [i(1)]), ("getg", [i(3)]), ("copy", [i(2), i(1), i(3)]),
            ("gget", []), ("gset", [x(42)]), ("gget", []), ("pick", [x(1), x(2), i(0)]), ("pick", [x(1), x(2), i(5)]),
        ]
        try Self.run(wat, file: "externref.wat", calls: calls)
    }

    /// Without a declared maximum a table keeps its initial size: growing by 0 gives the size,
    /// by more -1 (Wasm lets an implementation refuse any growth; WasmKit grows).
    @Test func aTableWithoutAMaximumRefusesToGrowPastItsInitialSize() throws {
        let wat = """
            (module
              (table $t 2 funcref)
              (func (export "grow") (param i32) (result i32) (table.grow $t (ref.null func) (local.get 0)))
              (func (export "size") (result i32) (table.size $t)))
            """
        let module = try WasmDecoder.decode(try wat2wasm(wat), file: "nomax.wat")
        for image in try CompiledInstance.linked(module: module, memory: .checked) {
            #expect(try image.invoke("grow", [0]) == .values([2]), "\(image.linker)")
            #expect(try image.invoke("grow", [1]) == .values([0xFFFF_FFFF]), "\(image.linker)")
            #expect(try image.invoke("size", []) == .values([2]), "\(image.linker)")
        }
    }

    /// Every table is its own data symbol; table 0 keeps `weft_table`; an exported table is
    /// also its export name; a table no code writes lies in `.rodata`.
    @Test func eachTableIsItsOwnSymbolAndTableZeroKeepsWeftTable() throws {
        let wat = """
            (module
              (type $i (func (result i32)))
              (table 2 funcref) (table 1 3 funcref) (table (export "tab") 1 externref)
              (elem (table 1) (i32.const 0) func $f)
              (func $f (type $i) (i32.const 5))
              (func (export "g") (param i32) (result i32) (table.grow 1 (ref.null func) (local.get 0)))
              (func (export "c") (param i32) (result i32) (call_indirect 1 (type $i) (local.get 0))))
            """
        let module = try WasmDecoder.decode(try wat2wasm(wat), file: "symbols.wat")
        let output = try CompiledInstance.compile(module, memory: .checked)
        let symbols = Dictionary(
            output.compiled.object.symbols.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(symbols["weft_table"]?.section == .rodata)
        #expect(symbols["weft_table"]?.size == 8)
        #expect(symbols["weft_table_1"]?.section == .data)
        #expect(symbols["weft_table_1"]?.size == 12, "storage for the maximum")
        #expect(symbols["weft_table_1_size"]?.section == .data)
        #expect(symbols["weft_table_2"]?.offset == symbols["tab"]?.offset)
        #expect(symbols["tab"]?.section == .data)
        for image in try CompiledInstance.linked(module: module, memory: .checked) {
            #expect(try image.invoke("c", [0]) == .values([5]), "\(image.linker)")
            #expect(try image.invoke("g", [2]) == .values([1]), "\(image.linker)")
            #expect(try image.invoke("c", [2]) == .trap, "\(image.linker)")
            #expect(try image.invoke("g", [1]) == .values([0xFFFF_FFFF]), "\(image.linker)")
        }
    }

    /// A signature whose id is 0 (the first type, `$two`) is checked with `cbnz` on the loaded
    /// id instead of a compare and a branch; calls through entries of the other signatures
    /// still trap, as WasmKit does.
    @Test func aSignatureWithIdZeroIsCheckedByCbnzAndOthersStillTrap() throws {
        let wat = """
            (module
              (type $two (func (param i32 i32) (result i32)))
              (type $one (func (param i32) (result i32)))
              (type $none (func))
              (table 4 funcref)
              (elem (i32.const 0) func $add $sub $neg $nop)
              (func $add (type $two) (i32.add (local.get 0) (local.get 1)))
              (func $sub (type $two) (i32.sub (local.get 0) (local.get 1)))
              (func $neg (type $one) (i32.sub (i32.const 0) (local.get 0)))
              (func $nop (type $none))
              (func (export "two") (param i32 i32 i32) (result i32)
                (i32.add
                  (call_indirect (type $two) (local.get 1) (local.get 2) (local.get 0))
                  (i32.mul
                    (call_indirect (type $two) (local.get 2) (local.get 1) (local.get 0))
                    (call_indirect (type $two) (local.get 1) (local.get 1) (local.get 0)))))
              (func (export "one") (param i32 i32) (result i32)
                (call_indirect (type $one) (local.get 1) (local.get 0))))
            """
        let module = try WasmDecoder.decode(try wat2wasm(wat), file: "ids.wat")
        var options = CompileOptions(memory: .linked)
        options.passes.printAfter = ["post-increments"]
        let pipeline = CompilePipeline(tiles: try CompiledInstance.tiles.get(), options: options, optimizer: nil)
        let output = try pipeline.run(module, file: "ids.wat")
        let code = output.passes.printed.first { $0.hasPrefix("; after post-increments (function two)") } ?? ""
        // The three calls through parameter 0 share one lookup at the entry (`ResolvedCallee`).
        #expect(code.components(separatedBy: "compareBranch(nonzero: true").count - 1 == 1, "\(code)")
        let object = output.compiled.object
        // Each record is the code address, then the id.
        for (name, id) in [("weft_funcref_0", 0), ("weft_funcref_1", 0), ("weft_funcref_2", 1), ("weft_funcref_3", 2)] {
            let record = try #require(object.symbols.first { $0.name == name }, "\(name)")
            let word = object.rodata[Int(record.offset) + 4..<Int(record.offset) + 8]
            #expect(word.reversed().reduce(0) { $0 << 8 | Int($1) } == id, "\(name)")
        }
        var calls: [(String, [WasmKit.Value])] = []
        for entry in 0..<5 {
            calls.append(("two", [.i32(UInt32(entry)), .i32(9), .i32(4)]))
            calls.append(("one", [.i32(UInt32(entry)), .i32(9)]))
        }
        try Self.run(wat, file: "ids.wat", calls: calls)
    }

    /// With `--hot`, what the hot export reaches through references is compiled too: a
    /// function named by `ref.func`, one a segment may put in a table `call_indirect` reads.
    @Test func hotExportsReachWhatTheirReferencesName() throws {
        let wat = """
            (module
              (type $i (func (result i32)))
              (table 2 funcref)
              (elem $p func $seven $eight)
              (func $seven (type $i) (i32.const 7))
              (func $eight (type $i) (i32.const 8))
              (func $cold (export "cold") (result i32) (i32.const 9))
              (func $set (param i32) (table.set (local.get 0) (ref.func $seven)))
              (func (export "run") (param i32) (result i32)
                (call $set (i32.const 0))
                (table.init $p (i32.const 1) (i32.const 1) (i32.const 1))
                (call_indirect (type $i) (local.get 0))))
            """
        let module = try WasmDecoder.decode(try wat2wasm(wat), file: "hot.wat")
        for image in try CompiledInstance.linked(module: module, memory: .checked, hot: ["run"]) {
            #expect(try image.invoke("run", [0]) == .values([7]), "\(image.linker)")
            #expect(try image.invoke("run", [1]) == .values([8]), "\(image.linker)")
            #expect(!image.compiled.functions.contains { $0.symbol == "cold" }, "\(image.linker)")
        }
    }

    /// What weft does not compile is refused with one line naming the feature, never a crash.
    @Test func importedTablesAndFuncrefGlobalsAreRefusedInOneLine() throws {
        let cases = [
            ("(module (import \"env\" \"t\" (table 1 funcref)))", "an imported table (env.t)"),
            ("(module (import \"env\" \"g\" (global funcref)))", "an imported funcref global (env.g)"),
        ]
        for (wat, message) in cases {
            let module = try WasmDecoder.decode(try wat2wasm(wat), file: "refused.wat")
            do {
                _ = try CompiledInstance.compile(module, memory: .checked)
                Issue.record("\(wat): compiled")
            } catch {
                let text = "\(error)"
                #expect(text.contains(message), "\(text)")
                #expect(!text.contains("\n"), "\(text)")
            }
        }
    }
}
