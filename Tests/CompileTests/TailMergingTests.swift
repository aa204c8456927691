import Compile
import Harness
import Pipeline
import Testing
import Thumb
import WAT
import WasmDecode
import WasmKit

@testable import Compile

/// Tail merging (`TailMerging`, `tail-merge`): paths that end in the same instructions before
/// the same join keep one copy. Wasm functions whose arms end alike are smaller with the pass
/// than without and run as WasmKit runs them; on hand-made items the pass splits no `it`
/// block, crosses no label and adds no branch that would not pay.
@Suite struct TailMergingTests {
    /// Arms storing the same fields before a join; early returns of the same value after the
    /// same stores; `br_table` cases ending in the same stores and a select (an `it` block)
    /// before leaving the block; a loop whose two paths end in the same update.
    static let wat = """
        (module (memory (export "memory") 1)
          (func (export "arms") (param i32 i32) (result i32) (local i32)
            (if (i32.lt_u (local.get 0) (i32.const 10))
              (then
                (local.set 2 (i32.mul (local.get 1) (i32.const 3)))
                (i32.store (i32.const 4160) (local.get 0))
                (i32.store (i32.const 4164) (i32.add (local.get 1) (i32.const 5)))
                (i32.store16 (i32.const 4168) (local.get 2)))
              (else
                (local.set 2 (i32.xor (local.get 1) (local.get 0)))
                (i32.store (i32.const 4160) (local.get 0))
                (i32.store (i32.const 4164) (i32.add (local.get 1) (i32.const 5)))
                (i32.store16 (i32.const 4168) (local.get 2))))
            (i32.add (i32.load (i32.const 4160)) (i32.load16_u (i32.const 4168))))
          (func (export "returns") (param i32 i32) (result i32)
            (if (i32.eqz (local.get 0))
              (then
                (i32.store (i32.const 4176) (local.get 1))
                (i32.store (i32.const 4180) (i32.add (local.get 1) (i32.const 1)))
                (return (i32.const 7))))
            (if (i32.gt_s (local.get 0) (local.get 1))
              (then
                (i32.store (i32.const 4184) (local.get 0))
                (i32.store (i32.const 4176) (local.get 1))
                (i32.store (i32.const 4180) (i32.add (local.get 1) (i32.const 1)))
                (return (i32.const 7))))
            (if (i32.lt_s (local.get 0) (i32.const -5))
              (then
                (i32.store (i32.const 4188) (local.get 0))
                (i32.store (i32.const 4176) (local.get 1))
                (i32.store (i32.const 4180) (i32.add (local.get 1) (i32.const 1)))
                (return (i32.const 7))))
            (i32.sub (local.get 0) (local.get 1)))
          (func (export "cases") (param i32 i32) (result i32)
            (block $out
              (block $c3
                (block $c2
                  (block $c1
                    (block $c0
                      (br_table $c0 $c1 $c2 $c3 $out (local.get 0)))
                    (i32.store (i32.const 4192) (i32.add (local.get 1) (i32.const 11)))
                    (i32.store8 (i32.const 4196) (select (local.get 1) (i32.const 9) (i32.lt_u (local.get 1) (i32.const 40))))
                    (i32.store16 (i32.const 4198) (i32.load16_u (i32.const 4200)))
                    (br $out))
                  (i32.store (i32.const 4192) (i32.sub (local.get 1) (i32.const 3)))
                  (i32.store8 (i32.const 4196) (select (local.get 1) (i32.const 9) (i32.lt_u (local.get 1) (i32.const 40))))
                  (i32.store16 (i32.const 4198) (i32.load16_u (i32.const 4200)))
                  (br $out))
                (i32.store (i32.const 4192) (i32.shl (local.get 1) (i32.const 2)))
                (i32.store8 (i32.const 4196) (select (local.get 1) (i32.const 9) (i32.lt_u (local.get 1) (i32.const 40))))
                (i32.store16 (i32.const 4198) (i32.load16_u (i32.const 4200)))
                (br $out))
              (i32.store (i32.const 4200) (local.get 1)))
            (i32.add (i32.load (i32.const 4192)) (i32.load8_u (i32.const 4196))))
          (func (export "loop") (param i32 i32) (result i32) (local i32)
            (loop $l
              (if (i32.and (local.get 0) (i32.const 1))
                (then
                  (local.set 2 (i32.add (local.get 2) (local.get 1)))
                  (local.set 1 (i32.rotl (local.get 1) (i32.const 3)))
                  (local.set 0 (i32.shr_u (local.get 0) (i32.const 1)))
                  (br_if $l (local.get 0)))
                (else
                  (local.set 2 (i32.xor (local.get 2) (local.get 1)))
                  (local.set 1 (i32.rotl (local.get 1) (i32.const 3)))
                  (local.set 0 (i32.shr_u (local.get 0) (i32.const 1)))
                  (br_if $l (local.get 0)))))
            (local.get 2)))
        """

    static let exports = ["arms", "returns", "cases", "loop"]

    static func compile(_ memory: MemoryModel, disabling disabled: Set<String> = []) throws
        -> CompilePipeline.Output
    {
        let module = try WasmDecoder.decode(try wat2wasm(wat), file: "tails.wat")
        return try CompiledInstance.compile(module, memory: memory, disabling: disabled)
    }

    static let values: [UInt32] = [
        0, 1, 2, 3, 4, 5, 9, 10, 11, 39, 40, 41, 0x7F, 0xFFFF_FFFB, 0xFFFF_FFFA, 0x8000_0000, 0x7FFF_FFFF,
        0xFFFF_FFFF, 0x1234_5678,
    ]

    /// Smaller with the pass than without, under `identity` and `linked` (whose fields are
    /// literal loads of `weft_memory + offset`, shared with the code), and every export gives
    /// what WasmKit gives on every pair of values, with the pass and without.
    @Test(arguments: [MemoryModel.identity, .linked])
    func sharedTailsAreKeptOnceAndRunAsWasmKitRunsThem(memory: MemoryModel) throws {
        let merged = try Self.compile(memory)
        let plain = try Self.compile(memory, disabling: [MachinePasses.tailMerge.name])
        #expect(merged.passes.statistics.changes(MachinePasses.tailMerge.name) >= 4)
        #expect(plain.passes.statistics.changes(MachinePasses.tailMerge.name) == 0)
        #expect(
            merged.compiled.object.text.count < plain.compiled.object.text.count,
            "\(merged.compiled.object.text.count) vs \(plain.compiled.object.text.count)")
        for output in [merged, plain] {
            let reference = try Differential.Instance(try wat2wasm(Self.wat), stackSize: 1 << 16)
            let instance = try CompiledInstance(output, memory: memory, linker: .lld)
            for export in Self.exports {
                for a in Self.values {
                    for b in Self.values {
                        let call = Differential.Call(export: export, arguments: [.i32(a), .i32(b)])
                        let got = try instance.observe(call)
                        let expected = reference.call(call)
                        #expect(got == expected, "\(export)(\(a), \(b)): \(got) vs \(expected)")
                    }
                }
            }
        }
    }

    // MARK: hand-made items

    static func store(_ rt: Register, _ offset: Int32) -> Item {
        .instruction(.store(.word, rt: rt, .offset(.r2, offset)))
    }
    static func move(_ rd: Register, _ v: UInt32) -> Item { .instruction(.mov(s: true, rd: rd, .immediate(v))) }
    static let exit = Item.instruction(.bx(.lr))

    /// Two paths to one label share `store; store; movs`: one keeps them, the other branches
    /// there, and the layout assembles.
    @Test func twoBranchesToOneLabelShareTheirCommonSuffix() throws {
        let join = Label(9)
        let items: [Item] = [
            .compareBranch(nonzero: true, .r0, Label(1)),
            Self.move(.r3, 1), Self.store(.r1, 0), Self.store(.r3, 4), Self.move(.r0, 7), .branch(.al, join),
            .label(Label(1)),
            Self.move(.r3, 2), Self.store(.r1, 0), Self.store(.r3, 4), Self.move(.r0, 7), .branch(.al, join),
            .label(join), Self.exit, .pool,
        ]
        let (out, merged) = TailMerging.run(items)
        #expect(merged == 1)
        #expect(out.count { $0 == Self.store(.r1, 0) } == 1)
        #expect(out.count { $0 == Self.move(.r3, 1) } == 1)
        #expect(out.count { $0 == Self.move(.r3, 2) } == 1)
        var layout = Layout(out)
        var before = Layout(items)
        #expect(try layout.assemble().bytes.count < before.assemble().bytes.count)
    }

    /// A common suffix that would start inside an `it` block stops at the block's end: both
    /// `it` blocks keep their instruction, and the layout (which rejects a label or branch
    /// inside a block) assembles.
    @Test func aSuffixDoesNotSplitAnITBlock() throws {
        let covered = Self.store(.r1, 8)
        let items: [Item] = [
            .compareBranch(nonzero: true, .r0, Label(1)),
            .instruction(.it(.eq, thens: [])), covered, Self.store(.r1, 0), Self.store(.r3, 4), Self.exit,
            .label(Label(1)),
            .instruction(.it(.ne, thens: [])), covered, Self.store(.r1, 0), Self.store(.r3, 4), Self.exit, .pool,
        ]
        let (out, merged) = TailMerging.run(items)
        #expect(merged == 1)
        #expect(out.count { $0 == covered } == 2)
        #expect(out.count { $0 == Self.store(.r1, 0) } == 1)
        for (k, item) in out.enumerated() {
            if case .instruction(.it) = item { #expect(out[k + 1] == covered) }
        }
        var layout = Layout(out)
        _ = try layout.assemble()
    }

    /// A label inside the common suffix is an entry: the suffix stops there, so (in one
    /// round) both copies of what lies before it stay, and the label still stands before its
    /// own code.
    @Test func aSuffixDoesNotCrossALabel() throws {
        let entry = Label(5)
        let items: [Item] = [
            .compareBranch(nonzero: true, .r0, Label(1)),
            .compareBranch(nonzero: true, .r1, entry),
            Self.move(.r3, 1), Self.store(.r1, 0), Self.store(.r3, 4), Self.exit,
            .label(Label(1)),
            Self.move(.r3, 1), .label(entry), Self.store(.r1, 0), Self.store(.r3, 4), Self.exit, .pool,
        ]
        let (out, _) = TailMerging.round(items)
        #expect(out.count { $0 == Self.move(.r3, 1) } == 2)
        #expect(out.count { $0 == Self.store(.r1, 0) } == 1)
        #expect(out.count { $0 == .label(entry) } == 1)
        let at = try #require(out.firstIndex(of: .label(entry)))
        // The label is followed (through any new labels) by the stores, or by the branch to
        // the one copy of them.
        let next = out[(at + 1)...].first { if case .label = $0 { false } else { true } }
        #expect(next == Self.store(.r1, 0) || { if case .branch(.al, _) = next { true } else { false } }())
        var layout = Layout(out)
        _ = try layout.assemble()
    }

    /// A one-instruction suffix far from the other copy would need a 32-bit branch to save a
    /// 16-bit instruction and a 16-bit branch: nothing changes.
    @Test func aMergeThatDoesNotPayIsLeftAlone() {
        let join = Label(9)
        let nops = [Item](repeating: .instruction(.nop), count: 1100)
        let items: [Item] =
            [.compareBranch(nonzero: true, .r0, Label(1)), Self.store(.r1, 0), .branch(.al, join)] + nops
            + [.label(Label(1)), Self.store(.r1, 0), .branch(.al, join), .label(join), Self.exit, .pool]
        #expect(TailMerging.run(items).merged == 0)
    }

    /// Two whole blocks alike: one keeps the code, and the other (left as `L1: b N`) goes,
    /// the branch to it going to the kept copy instead.
    @Test func aMergedWholeBlockGoesAndItsBranchesGoToTheKeptCopy() throws {
        let (join, first, second) = (Label(9), Label(1), Label(2))
        let items: [Item] = [
            .instruction(.compare(.cmp, rn: .r0, .immediate(1))), .branch(.eq, first), .branch(.hi, second),
            Self.move(.r0, 3), .branch(.al, join),
            .label(first), Self.move(.r3, 1), Self.store(.r1, 0), Self.store(.r3, 4), .branch(.al, join),
            .label(second), Self.move(.r3, 1), Self.store(.r1, 0), Self.store(.r3, 4), .branch(.al, join),
            .label(join), Self.exit, .pool,
        ]
        let (out, _) = TailMerging.run(items)
        #expect(out.count { $0 == Self.store(.r1, 0) } == 1)
        #expect(!out.contains(.label(first)))
        let equal = try #require(
            out.compactMap { item -> Label? in if case .branch(.eq, let l) = item { l } else { nil } }.first)
        let at = try #require(out.firstIndex(of: .label(equal)))
        let next = out[(at + 1)...].first { if case .label = $0 { false } else { true } }
        #expect(next == Self.move(.r3, 1))
        var layout = Layout(out)
        var before = Layout(items)
        #expect(try layout.assemble().bytes.count < before.assemble().bytes.count)
    }
}
