import Compile
import Foundation
import Harness
import Pipeline
import Testing
import WAT
import WasmDecode
import WasmKit

/// Tiles chosen by what is known of their operands or by a shape the natives compile to one
/// instruction: each module compiled by `weft compile`'s pipeline (optimized, identity
/// memory), its instructions read back by `llvm-objdump`, and run in the Cortex-M3 machine
/// against WasmKit on edge arguments.
@Suite struct CompiledTileTests {
    /// A module compiled as `weft compile` does: its instructions (objdump's text, mnemonic
    /// and operands), the running instance and the module's binary (for WasmKit).
    struct Compiled {
        var instructions: [String]
        var instance: CompiledInstance
        var binary: [UInt8]
    }

    static func compiled(_ wat: String, optimize: Bool = true) throws -> Compiled {
        let binary = try wat2wasm(wat)
        let module = try WasmDecoder.decode(binary, file: "tiles.wat")
        let output = try CompiledInstance.compile(module, memory: .identity, optimize: optimize)
        let instance = try CompiledInstance(output, memory: .identity, linker: .lld)
        return Compiled(instructions: try instructions(output.object), instance: instance, binary: binary)
    }

    /// The instructions of an object's `.text` as `llvm-objdump -d` prints them.
    static func instructions(_ object: [UInt8]) throws -> [String] {
        guard let tool = Subprocess.toolchain("llvm-objdump") else { return [] }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("weft-tiles-\(UUID().uuidString).o")
        try Data(object).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let result = try Subprocess.run(tool, ["-d", "--triple=thumbv7m-none-eabi", path.path])
        var out: [String] = []
        for line in String(decoding: result.stdout, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 3, fields[0].contains(":") else { continue }
            out.append(fields.dropFirst(1).joined(separator: " ").trimmingCharacters(in: .whitespaces))
        }
        return out
    }

    /// Each export called with each argument tuple gives what WasmKit gives.
    static func agree(_ c: Compiled, _ exports: [String], _ arguments: [[WasmKit.Value]]) throws {
        let reference = try Differential.Instance(c.binary)
        for export in exports {
            for args in arguments {
                let call = Differential.Call(export: export, arguments: args)
                #expect(try c.instance.observe(call) == reference.call(call), "\(export)\(args)")
            }
        }
    }

    static let edges: [UInt32] = [
        0, 1, 7, 8, 15, 31, 32, 33, 0x7F, 0xFF, 0x8000_0000, 0x7FFF_FFFF, 0xFFFF_FFFF, 0x1234_5678,
    ]

    /// `p + 1` and `p + 2`, each read and written (shared values in the e-graph), fold into
    /// the accesses' offsets under `weft compile` (`load-offset-fold-wrapping`: the target's
    /// address arithmetic wraps, so p = 0xFFFFFFFF, whose `p + 1` is Wasm address 0, reads
    /// and writes the same bytes both ways): no address sums are left.
    @Test func anAddressSharedByAccessesFoldsIntoTheirOffsets() throws {
        let c = try Self.compiled(
            """
            (module (memory (export "memory") 1)
              (data (i32.const 0) "\\01\\02\\03\\04\\05")
              (func (export "swap12") (param $p i32)
                (local $a i32)
                (local.set $a (i32.load8_u (i32.add (local.get $p) (i32.const 1))))
                (i32.store8 (i32.add (local.get $p) (i32.const 1)) (i32.load8_u (i32.add (local.get $p) (i32.const 2))))
                (i32.store8 (i32.add (local.get $p) (i32.const 2)) (local.get $a))))
            """)
        #expect(!c.instructions.contains { $0.hasPrefix("add") }, "\(c.instructions)")
        #expect(c.instructions.contains { $0.hasSuffix("[r0, #0x1]") || $0.hasSuffix("[r0, #1]") }, "\(c.instructions)")
        try Self.agree(c, ["swap12"], [[.i32(0)], [.i32(1)], [.i32(65533)], [.i32(0xFFFF_FFFF)]])
    }

    /// An address written constant first, `c + p` — LLVM's `0 + sym` for a global, compiled
    /// as the input has it when the optimizer's candidate is no smaller — folds `c` into the
    /// access's offset as `p + c` does: no register holds `c`, no add forms the address.
    @Test func aConstantFirstAddressFoldsIntoTheOffset() throws {
        let c = try Self.compiled(
            """
            (module (memory (export "memory") 1)
              (func (export "get") (param $p i32) (result i32)
                (i32.add
                  (i32.load (i32.add (i32.const 8) (local.get $p)))
                  (i32.load8_u (i32.add (i32.const 1) (local.get $p))))))
            """, optimize: false)
        #expect(c.instructions.contains { $0.hasSuffix("[r0, #0x8]") }, "\(c.instructions)")
        #expect(c.instructions.contains { $0.hasSuffix("[r0, #0x1]") }, "\(c.instructions)")
        #expect(!c.instructions.contains { $0.contains("#0x8") && $0.hasPrefix("mov") }, "\(c.instructions)")
        try Self.agree(c, ["get"], [[.i32(0)], [.i32(3)], [.i32(65520)]])
    }

    /// A comparator as LLVM writes `order((int64_t)a, (int64_t)b)` on 16-bit keys: both
    /// operands fit in 32 bits, so the 64-bit comparisons are word comparisons (the
    /// `narrow-u-i64` rules, the wrap priced as the copy it is) and the two share one `cmp`:
    /// no `sbcs`, no zero high words.
    @Test func sixtyFourBitComparisonsOfNarrowValuesCompareWordsOnce() throws {
        let c = try Self.compiled(
            """
            (module (memory (export "memory") 1)
              (data (i32.const 0) "\\01\\00\\ff\\ff\\02\\80\\ff\\ff\\05\\00")
              (func (export "order") (param i32 i32) (result i32) (local i64 i64)
                (i32.sub
                  (i64.gt_s (local.tee 2 (i64.load16_u (local.get 0))) (local.tee 3 (i64.load16_u (local.get 1))))
                  (i64.lt_s (local.get 2) (local.get 3)))))
            """)
        #expect(!c.instructions.contains { $0.hasPrefix("sbc") }, "\(c.instructions)")
        #expect(c.instructions.filter { $0.hasPrefix("cmp") }.count == 1, "\(c.instructions)")
        try Self.agree(
            c, ["order"], [(0, 2), (2, 0), (4, 4), (2, 6), (4, 2), (8, 0), (0, 8)].map { [.i32($0.0), .i32($0.1)] })
    }

    /// A multiply by one more or one less than a power of two is one shifted add or reverse
    /// subtract (`mul-pow2-plus-one`: `add r0, r0, r0, lsl #2`; `mul-pow2-minus-one`:
    /// `rsb r0, r0, r0, lsl #3`): no constant moved into a register, no `mul`.
    @Test func aMultiplyByAPowerOfTwoPlusOrMinusOneIsAShiftedAdd() throws {
        let c = try Self.compiled(
            """
            (module (memory (export "memory") 1)
              (func (export "times5") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 5)))
              (func (export "times7") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 7)))
              (func (export "times33") (param i32) (result i32) (i32.mul (i32.const 33) (local.get 0))))
            """)
        #expect(!c.instructions.contains { $0.hasPrefix("mul") || $0.hasPrefix("mov") }, "\(c.instructions)")
        #expect(c.instructions.contains { $0.hasPrefix("rsb") && $0.hasSuffix("lsl #3") }, "\(c.instructions)")
        try Self.agree(c, ["times5", "times7", "times33"], Self.edges.map { [.i32($0)] })
    }

    /// Parameters saved in callee-saved registers across calls are not copied back into
    /// r0–r3 for a call that comes before anything wrote r0–r3 (`RedundantCopies`): the first
    /// call takes them where they arrived.
    @Test func argumentsStillInPlaceAreNotCopiedBack() throws {
        let c = try Self.compiled(
            """
            (module
              (import "env" "g" (func $g (param i32 i32 i32) (result i32)))
              (memory (export "memory") 1)
              (func (export "twice") (param i32 i32 i32) (result i32)
                (i32.add
                  (call $g (local.get 0) (local.get 1) (local.get 2))
                  (call $g (local.get 0) (local.get 1) (local.get 2)))))
            """)
        let first = try #require(c.instructions.firstIndex { $0.hasPrefix("bl") }, "\(c.instructions)")
        let intoArguments = c.instructions[..<first].filter {
            $0.hasPrefix("mov r0,") || $0.hasPrefix("mov r1,") || $0.hasPrefix("mov r2,")
        }
        #expect(intoArguments.isEmpty, "\(c.instructions)")
        #expect(try c.instance.invoke("twice", [1, 2, 3]) == .values([0]))  // the stub import returns 0
    }

    /// A shift count the facts bound below 32 (`x & 7`, a local holding `x & 15`) is used as it
    /// is: Wasm's count modulo 32 needs no `and #31` then (a register shift by 32 or more would
    /// give 0). A count with no bound keeps its mask.
    @Test func aShiftCountKnownBelow32IsNotMaskedAgain() throws {
        let bounded = try Self.compiled(
            """
            (module (memory (export "memory") 1)
              (func (export "shl") (param i32 i32) (result i32)
                (i32.shl (local.get 0) (i32.and (local.get 1) (i32.const 7))))
              (func (export "shr") (param i32 i32) (result i32) (local $k i32)
                (local.set $k (i32.and (local.get 1) (i32.const 15)))
                (i32.xor (i32.shr_u (local.get 0) (local.get $k)) (i32.shr_s (local.get 1) (local.get $k)))))
            """)
        #expect(!bounded.instructions.contains { $0.hasSuffix("#0x1f") }, "\(bounded.instructions)")
        #expect(bounded.instructions.contains { $0.hasPrefix("lsl") })
        #expect(bounded.instructions.contains { $0.hasPrefix("lsr") })
        #expect(bounded.instructions.contains { $0.hasPrefix("asr") })
        let pairs = Self.edges.flatMap { a in Self.edges.map { [WasmKit.Value.i32(a), .i32($0)] } }
        try Self.agree(bounded, ["shl", "shr"], pairs)

        let unbounded = try Self.compiled(
            """
            (module (memory (export "memory") 1)
              (func (export "shl") (param i32 i32) (result i32) (i32.shl (local.get 0) (local.get 1))))
            """)
        #expect(unbounded.instructions.contains { $0.hasSuffix("#0x1f") }, "\(unbounded.instructions)")
        try Self.agree(unbounded, ["shl"], pairs)
    }

    /// Clamps to a saturation's range are one `ssat`/`usat`: `min(max(x, -32768), 32767)`
    /// written with a shared local (as C's `if (x > 32767) ...` compiles), `max(min(x, 255),
    /// 0)`, and a lone `min` whose operand the facts bound below (an `i32.load8_s` plus 2). A clamp
    /// to a range that is not one (-100…100) and a lone `min` of an unbounded value keep
    /// their compares. Run on both sides of every bound.
    @Test func aClampToASaturationRangeIsOneInstruction() throws {
        let c = try Self.compiled(
            """
            (module (memory (export "memory") 1)
              (data (i32.const 0) "\\80\\7f\\ff\\00\\7e\\81\\7d\\01")
              (func (export "s16") (param i32) (result i32) (local $v i32)
                (local.set $v (select (local.get 0) (i32.const -32768) (i32.gt_s (local.get 0) (i32.const -32768))))
                (select (local.get $v) (i32.const 32767) (i32.lt_s (local.get $v) (i32.const 32767))))
              (func (export "u8") (param i32) (result i32) (local $v i32)
                (local.set $v (select (i32.const 255) (local.get 0) (i32.gt_s (local.get 0) (i32.const 255))))
                (select (i32.const 0) (local.get $v) (i32.lt_s (local.get $v) (i32.const 0))))
              (func (export "s8") (param i32) (result i32) (local $v i32)
                (local.set $v (i32.add (i32.load8_s (i32.and (local.get 0) (i32.const 7))) (i32.const 2)))
                (select (local.get $v) (i32.const 127) (i32.le_s (local.get $v) (i32.const 127)))))
            """)
        #expect(c.instructions.filter { $0.hasPrefix("ssat") }.count == 2, "\(c.instructions)")
        #expect(c.instructions.filter { $0.hasPrefix("usat") }.count == 1, "\(c.instructions)")
        #expect(!c.instructions.contains { $0.hasPrefix("cmp") || $0.hasPrefix("it") }, "\(c.instructions)")
        let values: [UInt32] = [
            0, 1, 2, 126, 127, 128, 129, 254, 255, 256, 32766, 32767, 32768, 0xFFFF_8001, 0xFFFF_8000, 0xFFFF_7FFF,
            0xFFFF_FFFF, 0xFFFF_FF80, 0xFFFF_FF7F, 0x8000_0000, 0x7FFF_FFFF,
        ]
        try Self.agree(c, ["s16", "u8", "s8"], values.map { [.i32($0)] })

        let kept = try Self.compiled(
            """
            (module (memory (export "memory") 1)
              (func (export "c100") (param i32) (result i32) (local $v i32)
                (local.set $v (select (local.get 0) (i32.const -100) (i32.gt_s (local.get 0) (i32.const -100))))
                (select (local.get $v) (i32.const 100) (i32.lt_s (local.get $v) (i32.const 100))))
              (func (export "min") (param i32) (result i32)
                (select (local.get 0) (i32.const 127) (i32.lt_s (local.get 0) (i32.const 127)))))
            """)
        #expect(!kept.instructions.contains { $0.hasPrefix("ssat") || $0.hasPrefix("usat") }, "\(kept.instructions)")
        try Self.agree(kept, ["c100", "min"], (values + [99, 100, 101, 0xFFFF_FF9C, 0xFFFF_FF9B]).map { [.i32($0)] })
    }

    /// An i64 `and`/`or`/`xor` with a constant one of whose halves keeps that half (all ones
    /// for `and`, zero for `or`/`xor`) is a move (or nothing) on that half and one
    /// immediate instruction (`bic`, `orn` where the plain immediate does not encode) on the
    /// other: no constant is built in registers.
    @Test func anI64MaskKeepingAHalfIsOneInstructionOnTheOther() throws {
        let c = try Self.compiled(
            """
            (module (memory (export "memory") 1)
              (func (export "and_keep_high") (param i64) (result i64) (i64.and (local.get 0) (i64.const -256)))
              (func (export "and_keep_low") (param i64) (result i64)
                (i64.and (local.get 0) (i64.const 0xFF00FFFFFFFFFFFF)))
              (func (export "or_orn") (param i64) (result i64) (i64.or (local.get 0) (i64.const -256)))
              (func (export "or_keep_low") (param i64) (result i64)
                (i64.or (local.get 0) (i64.const 0x0001000000000000)))
              (func (export "xor_keep_low") (param i64) (result i64)
                (i64.xor (local.get 0) (i64.const 0x8000000000000000))))
            """)
        let computing = c.instructions.filter { !$0.hasPrefix("bx") && !$0.hasPrefix("nop") }
        #expect(computing.count == 6, "\(c.instructions)")
        #expect(computing.contains { $0.hasPrefix("bic") } && computing.contains { $0.hasPrefix("orn") })
        let values: [UInt64] = [
            0, 1, 0xFF, 0x100, 0xFFFF_FFFF, 0x1_0000_0000, 0x00FF_0000_0000_0000, 0x8000_0000_0000_0000,
            0xFFFF_FFFF_FFFF_FFFF, 0x0123_4567_89AB_CDEF,
        ]
        try Self.agree(
            c, ["and_keep_high", "and_keep_low", "or_orn", "or_keep_low", "xor_keep_low"],
            values.map { [.i64($0)] })
    }

    /// Products of values known to be extended 32-bit ones — narrow i64 loads, extensions, an
    /// i64 constant in range — are one long multiply (`smull`, `umull`), not `umull` and two
    /// `mla` on the halves.
    @Test func aProductOfExtendedLoadsIsOneLongMultiply() throws {
        let c = try Self.compiled(
            """
            (module (memory (export "memory") 1)
              (data (i32.const 16) "\\00\\00\\00\\80\\ff\\ff\\ff\\ff\\ff\\ff\\ff\\7f\\03\\00\\00\\00\\fe\\ff\\ff\\ff")
              (func (export "s") (param i32 i32) (result i64)
                (i64.mul (i64.load32_s (local.get 0)) (i64.load32_s (local.get 1))))
              (func (export "u") (param i32 i32) (result i64)
                (i64.mul (i64.load32_u (local.get 0)) (i64.load32_u (local.get 1))))
              (func (export "k") (param i32 i32) (result i64)
                (i64.mul (i64.load32_s (local.get 0)) (i64.const -1000)))
              (func (export "a") (param i32 i32) (result i64)
                (i64.add (i64.load (i32.const 20))
                  (i64.mul (i64.load32_s (local.get 0)) (i64.extend_i32_s (i32.load (local.get 1)))))))
            """)
        for long in ["smull", "umull"] {
            #expect(c.instructions.contains { $0.hasPrefix(long + " ") }, "no \(long) in \(c.instructions)")
        }
        // No half computed for nothing: the loads are `ldr`, with no `asr #31` for a high word.
        #expect(!c.instructions.contains { $0.hasPrefix("mla") || $0.hasPrefix("asr") }, "\(c.instructions)")
        let addresses: [UInt32] = [16, 20, 24, 28, 32]
        let pairs = addresses.flatMap { a in addresses.map { [WasmKit.Value.i32(a), .i32($0)] } }
        try Self.agree(c, ["s", "u", "k", "a"], pairs)
    }

    /// A big-endian field's byte swap, as compilers write it for Wasm, is `rev16` (`revsh`
    /// sign-extended, `rev` for 32 bits); the `or` of the shifted halves only where the
    /// field's upper bits are known 0 (a 16-bit load), or where a `strh` stores only the
    /// swapped half.
    @Test func byteSwapsAreRevInstructions() throws {
        let c = try Self.compiled(
            """
            (module (memory (export "memory") 1)
              (data (i32.const 16) "\\12\\34\\56\\78\\9a\\bc\\de\\f0\\80\\01\\ff\\7f\\00\\80")
              (func (export "be16") (param i32) (result i32) (local i32)
                (local.set 1 (i32.load16_u offset=2 align=1 (local.get 0)))
                (i32.and (i32.or (i32.shl (local.get 1) (i32.const 8)) (i32.shr_u (local.get 1) (i32.const 8)))
                  (i32.const 65535)))
              (func (export "sh") (param i32) (result i32) (local i32)
                (local.set 1 (i32.load16_u (local.get 0)))
                (i32.extend16_s (i32.or (i32.shl (local.get 1) (i32.const 8)) (i32.shr_u (local.get 1) (i32.const 8)))))
              (func (export "put") (param i32) (local i32)
                (local.set 1 (i32.load16_u offset=2 (local.get 0)))
                (i32.store16 (local.get 0)
                  (i32.or (i32.shl (local.get 1) (i32.const 8)) (i32.shr_u (local.get 1) (i32.const 8)))))
              (func (export "sw16") (param i32) (result i32)
                (i32.or (i32.and (i32.shr_u (local.get 0) (i32.const 8)) (i32.const 255))
                  (i32.shl (i32.and (local.get 0) (i32.const 255)) (i32.const 8))))
              (func (export "be32") (param i32) (result i32) (local i32)
                (local.set 1 (i32.load align=1 (local.get 0)))
                (i32.or
                  (i32.or (i32.shl (local.get 1) (i32.const 24))
                    (i32.shl (i32.and (local.get 1) (i32.const 65280)) (i32.const 8)))
                  (i32.or (i32.and (i32.shr_u (local.get 1) (i32.const 8)) (i32.const 65280))
                    (i32.shr_u (local.get 1) (i32.const 24))))))
            """)
        for swap in ["rev", "rev16", "revsh"] {
            #expect(c.instructions.contains { $0.hasPrefix(swap + " ") }, "no \(swap) in \(c.instructions)")
        }
        #expect(!c.instructions.contains { $0.hasPrefix("orr") }, "\(c.instructions)")
        let addresses: [[WasmKit.Value]] = (16...28).map { [.i32(UInt32($0))] }
        // `put` writes memory: it runs last, each agreement starting from a fresh reference.
        try Self.agree(c, ["sw16"], Self.edges.map { [.i32($0)] })
        try Self.agree(c, ["be16", "sh", "be32", "put"], addresses)

        // Without a bound on the upper bits the `or` form is no swap, and none is used.
        let wide = try Self.compiled(
            """
            (module (memory (export "memory") 1)
              (func (export "f") (param i32) (result i32)
                (i32.and (i32.or (i32.shl (local.get 0) (i32.const 8)) (i32.shr_u (local.get 0) (i32.const 8)))
                  (i32.const 65535))))
            """)
        #expect(!wide.instructions.contains { $0.hasPrefix("rev") }, "\(wide.instructions)")
        try Self.agree(wide, ["f"], Self.edges.map { [.i32($0)] })
    }

    /// An i64 compared with zero for a branch is the `orrs` of its halves, not an `eor` with a
    /// zero register per half.
    @Test func anI64ComparedWithZeroIsTheOrOfItsHalves() throws {
        let c = try Self.compiled(
            """
            (module (memory (export "memory") 1)
              (func (export "f") (param i64 i64) (result i32)
                (if (i64.ne (i64.shr_u (local.get 0) (local.get 1)) (i64.const 0)) (then (return (i32.const 7))))
                (i32.const 9)))
            """)
        #expect(c.instructions.contains { $0.hasPrefix("orrs") }, "\(c.instructions)")
        #expect(!c.instructions.contains { $0.hasPrefix("eor") }, "\(c.instructions)")
        let values: [UInt64] = [0, 1, 0x1_0000_0000, 0x8000_0000_0000_0000, .max]
        try Self.agree(c, ["f"], values.flatMap { v in [0, 1, 32, 63].map { [.i64(v), .i64($0)] } })
    }

    /// A comparison's value is the smallest of its value tiles and its flags under an `ite`:
    /// `a != b` is `subs; it ne; movne #1` (6 bytes), not `sub; clz; lsr; eor` (12), and
    /// `a > b` is `cmp; ite hi; mov #1; mov #0`.
    @Test func aComparisonsValueTakesTheSmallestForm() throws {
        let c = try Self.compiled(
            """
            (module (memory (export "memory") 1)
              (func (export "ne") (param i32 i32) (result i32) (i32.ne (local.get 0) (local.get 1)))
              (func (export "ne5") (param i32) (result i32) (i32.ne (local.get 0) (i32.const 5)))
              (func (export "nem") (param i32) (result i32) (i32.ne (local.get 0) (i32.const -3)))
              (func (export "gtu") (param i32 i32) (result i32) (i32.gt_u (local.get 0) (local.get 1))))
            """)
        #expect(!c.instructions.contains { $0.hasPrefix("clz") }, "\(c.instructions)")
        #expect(c.instructions.filter { $0.hasPrefix("movne") }.count == 3, "\(c.instructions)")
        #expect(c.instructions.contains { $0.hasPrefix("movhi") }, "\(c.instructions)")
        let pairs = Self.edges.flatMap { a in [0, 5, 0xFFFF_FFFD, a].map { [WasmKit.Value.i32(a), .i32($0)] } }
        try Self.agree(c, ["ne", "gtu"], pairs)
        try Self.agree(c, ["ne5", "nem"], (Self.edges + [5, 0xFFFF_FFFD]).map { [.i32($0)] })
    }

    /// A comparison with a constant outside `cmp`'s 8-bit immediate compares with its
    /// neighbour where that one fits, the condition adjusted: `x > -1` is `cmp x, #0` (ge),
    /// `x <u 256` is `cmp x, #255` (ls) — never `cmp.w`. At the ends of the range (no
    /// neighbour) the constant stays.
    @Test func aComparisonWithAConstantUsesTheNeighbourThatFits() throws {
        let c = try Self.compiled(
            """
            (module (memory (export "memory") 1)
              (func (export "gts") (param i32) (result i32) (i32.gt_s (local.get 0) (i32.const -1)))
              (func (export "les") (param i32) (result i32) (i32.le_s (local.get 0) (i32.const -1)))
              (func (export "ltu") (param i32) (result i32) (i32.lt_u (local.get 0) (i32.const 256)))
              (func (export "geu") (param i32) (result i32) (i32.ge_u (local.get 0) (i32.const 256)))
              (func (export "lts") (param i32) (result i32) (i32.lt_s (local.get 0) (i32.const 256)))
              (func (export "gtu") (param i32) (result i32) (i32.gt_u (local.get 0) (i32.const 0xffffffff)))
              (func (export "branch") (param i32) (result i32)
                (if (result i32) (i32.gt_s (local.get 0) (i32.const -1)) (then (i32.const 7)) (else (i32.const 9)))))
            """)
        #expect(!c.instructions.contains { $0.hasPrefix("cmp.w") || $0.hasPrefix("cmn") }, "\(c.instructions)")
        let values: [UInt32] = Self.edges + [255, 256, 257, 0xFFFF_FFFE, 0x8000_0001]
        try Self.agree(c, ["gts", "les", "ltu", "geu", "lts", "gtu", "branch"], values.map { [.i32($0)] })
    }

    /// Code no path reaches is not compiled: after a loop that only branches back or returns,
    /// the function's end has no epilogue of its own (one return, the loop's).
    @Test func nothingFollowsALoopThatNeverCompletes() throws {
        let c = try Self.compiled(
            """
            (module (memory (export "memory") 1)
              (func (export "fill") (param i32 i32) (local i32)
                (loop
                  (if (i32.ge_u (local.get 2) (local.get 1)) (then (return)))
                  (i32.store8 (i32.add (local.get 0) (local.get 2)) (local.get 2))
                  (local.set 2 (i32.add (local.get 2) (i32.const 1)))
                  (br 0))))
            """)
        let returns = c.instructions.filter { $0.hasPrefix("bx\tlr") || $0.hasPrefix("bx lr") || $0.contains("pc}") }
        #expect(returns.count == 1, "\(c.instructions)")
        try Self.agree(c, ["fill"], [[.i32(64), .i32(0)], [.i32(64), .i32(5)], [.i32(100), .i32(17)]])
    }

    /// A count a branch bounds on the path that falls through it (`if (n > 23) return`) is
    /// used as it is there: `1 << n` needs no `and #31`. Without the branch it keeps it.
    @Test func aShiftCountABranchBoundsIsNotMasked() throws {
        let c = try Self.compiled(
            """
            (module (memory (export "memory") 1)
              (func (export "bit") (param i32 i32) (result i32)
                (if (i32.gt_u (local.get 0) (i32.const 23)) (then (return (i32.const 0))))
                (i32.or (local.get 1) (i32.shl (i32.const 1) (local.get 0)))))
            """)
        #expect(!c.instructions.contains { $0.hasPrefix("and") && $0.hasSuffix("#0x1f") }, "\(c.instructions)")
        try Self.agree(c, ["bit"], Self.edges.flatMap { n in [0, 0x8000_0000].map { [.i32(n), .i32($0)] } })
        let open = try Self.compiled(
            """
            (module (memory (export "memory") 1)
              (func (export "bit") (param i32 i32) (result i32)
                (i32.or (local.get 1) (i32.shl (i32.const 1) (local.get 0)))))
            """)
        #expect(open.instructions.contains { $0.hasPrefix("and") && $0.hasSuffix("#0x1f") }, "\(open.instructions)")
    }

    /// A word plus the carry out of a + b, as clang's Wasm writes a 64-bit sum's high word
    /// (`h + ((a + b) <u a)`), is `adds` then `adc #0`: no compare, no 0/1 in a register.
    @Test func aCarryOutAddedToAWordIsAddWithCarry() throws {
        let c = try Self.compiled(
            """
            (module (memory (export "memory") 1)
              (func (export "high") (param i32 i32 i32) (result i32)
                (i32.add (local.get 2) (i32.lt_u (i32.add (local.get 0) (local.get 1)) (local.get 0))))
              (func (export "high_b") (param i32 i32 i32) (result i32)
                (i32.add (i32.lt_u (i32.add (local.get 0) (local.get 1)) (local.get 1)) (local.get 2))))
            """)
        #expect(c.instructions.filter { $0.hasPrefix("adc") }.count == 2, "\(c.instructions)")
        #expect(!c.instructions.contains { $0.hasPrefix("cmp") || $0.hasPrefix("it") }, "\(c.instructions)")
        let edges = Self.edges
        try Self.agree(
            c, ["high", "high_b"], edges.flatMap { a in edges.map { [.i32(a), .i32($0), .i32(0x7FFF_FFFF)] } })
    }

    /// A test of one bit is a 16-bit `lsls` of it into the sign flag (`tst`/`ands` take 4
    /// bytes), read as `mi`/`pl`: the bits below it, shifted in too, decide nothing (values
    /// with only lower bits set run through every test).
    @Test func aTestOfOneBitShiftsItIntoTheSignFlag() throws {
        let c = try Self.compiled(
            """
            (module (memory (export "memory") 1)
              (func (export "branch") (param i32 i32) (result i32)
                (if (i32.and (local.get 0) (i32.const 4)) (then (return (local.get 1))))
                (i32.add (local.get 1) (i32.const 9)))
              (func (export "clear") (param i32 i32) (result i32)
                (if (i32.eqz (i32.and (local.get 0) (i32.const 32))) (then (return (local.get 1))))
                (i32.const 3))
              (func (export "pick") (param i32 i32 i32) (result i32)
                (select (local.get 1) (local.get 2) (i32.ne (i32.and (local.get 0) (i32.const 1)) (i32.const 0)))))
            """)
        #expect(!c.instructions.contains { $0.hasPrefix("tst") || $0.hasPrefix("and") }, "\(c.instructions)")
        #expect(c.instructions.filter { $0.hasPrefix("lsls") }.count == 3, "\(c.instructions)")
        let bits: [UInt32] = [0, 1, 3, 4, 7, 31, 32, 33, 63, 0xFFFF_FFDF, 0xFFFF_FFFB, 0x8000_0000]
        try Self.agree(c, ["branch", "clear"], bits.map { [.i32($0), .i32(100)] })
        try Self.agree(c, ["pick"], bits.map { [.i32($0), .i32(5), .i32(6)] })
    }

    /// A range check by an offset (`if (n - 1 >=u 10) return`: 1 ≤ n ≤ 10 after it) bounds
    /// `n` too, and the bound holds inside a loop and past a block that never write `n`:
    /// `i >> n` in the loop needs no `and #31`. A loop that writes `n` keeps it.
    @Test func aRangeCheckBoundsItsLocalThroughConstructsThatDoNotWriteIt() throws {
        func module(_ step: String) -> String {
            """
            (module (memory (export "memory") 1)
              (func (export "count") (param i32 i32) (result i32) (local i32)
                (if (i32.ge_u (i32.add (local.get 0) (i32.const -1)) (i32.const 10)) (then (return (i32.const -1))))
                (block (br_if 0 (local.get 1)) (local.set 1 (i32.const 3)))
                (loop $l
                  (local.set 2 (i32.add (local.get 2) (i32.shr_u (local.get 1) (local.get 0))))
                  \(step)
                  (local.set 1 (i32.sub (local.get 1) (i32.const 1)))
                  (br_if $l (local.get 1)))
                (local.get 2)))
            """
        }
        let c = try Self.compiled(module(""))
        #expect(!c.instructions.contains { $0.hasPrefix("and") && $0.hasSuffix("#0x1f") }, "\(c.instructions)")
        let args: [[WasmKit.Value]] = [0, 1, 5, 10, 11, 33, 0xFFFF_FFFF].flatMap { n in
            [0, 1, 40].map { [.i32(n), .i32($0)] }
        }
        try Self.agree(c, ["count"], args)
        let written = try Self.compiled(module("(local.set 0 (i32.add (local.get 0) (i32.const 7)))"))
        #expect(
            written.instructions.contains { $0.hasPrefix("and") && $0.hasSuffix("#0x1f") }, "\(written.instructions)")
        try Self.agree(written, ["count"], args)
    }

    /// A test of a value against zero uses the flags the instruction computing it sets: no
    /// `cmp r, #0` after `adds` for a select's `it eq` (`reuse-flags`), nor before a loop's
    /// branch back (`subs; bne`, where `cbnz` cannot go backwards).
    @Test func aTestAgainstZeroUsesTheFlagsItsOperandSet() throws {
        let c = try Self.compiled(
            """
            (module (memory (export "memory") 1)
              (func (export "sel") (param i32 i32 i32 i32) (result i32)
                (select (local.get 2) (local.get 3) (i32.eqz (i32.add (local.get 0) (local.get 1)))))
              (func (export "count") (param i32 i32) (result i32) (local i32)
                (loop $l
                  (local.set 2 (i32.add (local.get 2) (local.get 0)))
                  (local.set 1 (i32.sub (local.get 1) (i32.const 1)))
                  (br_if $l (local.get 1)))
                (local.get 2)))
            """)
        #expect(!c.instructions.contains { $0.hasPrefix("cmp") }, "\(c.instructions)")
        let edges = Self.edges
        try Self.agree(
            c, ["sel"], edges.flatMap { a in [0, 1, 0 &- a].map { [.i32(a), .i32($0), .i32(5), .i32(9)] } })
        try Self.agree(c, ["count"], [0, 1, 7, 0xFFFF_FFFF].flatMap { a in [1, 2, 33].map { [.i32(a), .i32($0)] } })
    }
}
