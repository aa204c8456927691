import Harness
import Pipeline
import Testing
import WasmModel

/// Shadow-stack frames: removed under `--assume-dead-stack` when only written, kept when
/// anything could read them or see their address, and never touched without the assumption.
/// Also forwarding of globals, which makes LLVM's and hand-written frame idioms look alike.
@Suite struct FrameEliminationTests {
    static let deadStack = Result {
        Pipeline.optimize(rules: try TestPaths.rules, assumptions: Assumptions(deadStack: true))
    }

    /// The optimized body of the export `f`, as text.
    static func body(_ functions: String, assume: Bool = true) throws -> String {
        let wat = """
            (module
              (import "env" "use" (func $use (param i32)))
              (memory (export "memory") 1)
              (global $__stack_pointer (mut i32) (i32.const 4096))
              (global $g (export "g") (mut i32) (i32.const 0))
            \(functions))
            """
        let pipeline = assume ? try deadStack.get() : try TestPaths.optimizer
        let module = try pipeline.run(Array(wat.utf8), file: "t.wat").module
        guard let export = module.exports.first(where: { $0.name == "f" }), case .function(let f) = export.kind else {
            return "no export f"
        }
        return module.functions[Int(f) - module.importedFunctionCount].body.map(\.text).joined(separator: " ")
    }

    /// LLVM's frame: the entry value of the stack pointer kept in a local, the frame below it.
    static func frame(_ between: String, size: Int = 16) -> String {
        """
        (func (export "f") (param i32) (result i32) (local i32)
          global.get $__stack_pointer i32.const \(size) i32.sub local.tee 1 global.set $__stack_pointer
          \(between)
          local.get 1 i32.const \(size) i32.add global.set $__stack_pointer
          local.get 0)
        """
    }

    @Test func aFrameOnlyWrittenDisappearsWithItsStackPointerAdjustment() throws {
        let f = Self.frame(
            "local.get 1 local.get 0 i32.store offset=12 local.get 1 local.get 0 i64.extend_i32_u i64.store")
        #expect(try Self.body(f) == "local.get 0 end")
        // A store above the frame writes the caller's memory: it stays, the frame goes.
        let above = try Self.body(
            Self.frame("local.get 1 local.get 0 i32.store offset=8 local.get 1 local.get 0 i32.store offset=16"))
        #expect(
            above == "global.get 0 i32.const 16 i32.sub local.get 0 i32.store offset=16 local.get 0 end", "\(above)")
        // Without the assumption, the stores are memory the host can see: all stays.
        let kept = try Self.body(f, assume: false)
        #expect(kept.contains("global.set 0") && kept.contains("i32.store offset=12"), "\(kept)")
    }

    @Test func aFrameReadBackIsForwardedThenRemoved() throws {
        let f = Self.frame("local.get 1 local.get 0 i32.store offset=8 local.get 1 i32.load offset=8 local.set 0")
        #expect(try Self.body(f) == "local.get 0 end")
    }

    @Test(arguments: [
        // A slot read that no store covers: the frame is read.
        "local.get 1 local.get 0 i32.store offset=8 local.get 1 i32.load offset=4 local.set 0",
        // The frame's address is passed to a call, stored, or kept in a global.
        "local.get 1 local.get 0 i32.store offset=8 local.get 1 call $use",
        "local.get 1 local.get 0 i32.store offset=8 i32.const 64 local.get 1 i32.store",
        "local.get 1 local.get 0 i32.store offset=8 local.get 1 i32.const 4 i32.add global.set $g",
        // A store that writes the frame's last bytes and the caller's first.
        "local.get 1 local.get 0 i64.extend_i32_u i64.store offset=12",
        // Memory read through the frame by a bulk copy.
        "local.get 1 local.get 0 i32.store offset=8 i32.const 64 local.get 1 i32.const 8 memory.copy",
    ])
    func aFrameThatMayBeReadStays(_ between: String) throws {
        let text = try Self.body(Self.frame(between))
        #expect(text.contains("global.set 0"), "\(between): \(text)")
    }

    @Test func aFrameLeftByABranchOrNotRestoredStays() throws {
        // A return between the adjustments leaves the stack pointer lowered in the original.
        let early = try Self.body(
            Self.frame("local.get 1 local.get 0 i32.store offset=8 local.get 0 if i32.const 1 return end"))
        #expect(early.contains("global.set 0"), "\(early)")
        // Released to a different value than it was allocated from.
        let moved = try Self.body(
            """
            (func (export "f") (param i32) (result i32) (local i32)
              global.get $__stack_pointer i32.const 16 i32.sub local.tee 1 global.set $__stack_pointer
              local.get 1 local.get 0 i32.store offset=8
              local.get 1 i32.const 32 i32.add global.set $__stack_pointer
              local.get 0)
            """)
        #expect(moved.contains("global.set 0"), "\(moved)")
    }

    @Test func anInlinedCalleesFrameGoesBeforeItsCallers() throws {
        // The callee returns a struct through the caller's frame (LLVM's sret), and has a
        // frame of its own; after inlining and forwarding neither frame is left.
        let text = try Self.body(
            """
            (func $stats (param i32 i32) (local i32)
              global.get $__stack_pointer i32.const 32 i32.sub local.tee 2 global.set $__stack_pointer
              local.get 2 local.get 1 i32.store offset=28
              local.get 0 local.get 1 i32.const 1 i32.add i32.store
              local.get 0 local.get 1 i32.const 2 i32.mul i32.store offset=4
              local.get 2 i32.const 32 i32.add global.set $__stack_pointer)
            (func (export "f") (param i32) (result i32) (local i32)
              global.get $__stack_pointer i32.const 16 i32.sub local.tee 1 global.set $__stack_pointer
              local.get 1 local.get 0 call $stats
              local.get 1 i32.load local.get 1 i32.load offset=4 i32.add
              local.get 1 i32.const 16 i32.add global.set $__stack_pointer)
            """)
        #expect(!text.contains("global") && !text.contains("store") && !text.contains("call"), "\(text)")
    }

    @Test func aGlobalReadAfterItsWriteIsTheValueWritten() throws {
        // Valid without any assumption: no call in between can change $g.
        let text = try Self.body(
            """
            (func (export "f") (param i32) (result i32)
              local.get 0 global.set $g global.get $g local.get 0 i32.sub)
            """, assume: false)
        #expect(text == "local.get 0 global.set 1 i32.const 0 end", "\(text)")
        // A call may change it: read again.
        let called = try Self.body(
            """
            (func (export "f") (param i32) (result i32)
              local.get 0 global.set $g local.get 0 call $use global.get $g)
            """, assume: false)
        #expect(called.hasSuffix("global.get 1 end"), "\(called)")
    }
}
