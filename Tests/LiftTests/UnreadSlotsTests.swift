import EGraph
import Harness
import IR
import Lift
import Passes
import Pipeline
import Testing
import WasmModel

@testable import Lower

/// Slots the extracted program never reads get no local and no writes: a variable of an
/// outer loop written before it is read in every iteration of an inner one (`t` below) is a
/// slot of both loops whose value only feeds itself; the elaborator drops it, so no zero is
/// written before the loops and no value is held across them, and the function computes
/// what it did.
@Suite struct UnreadSlotsTests {
    /// `rows(p, n)`: for n rows of 4 bytes, each byte `t` read, added (times 7) to a sum and
    /// written back plus one; `t` and the inner index `j` are loop slots the lifter keeps.
    static let rows = """
        (module (memory (export "memory") 1)
          (func (export "rows") (param $p i32) (param $n i32) (result i32)
            (local $i i32) (local $j i32) (local $t i32) (local $s i32)
            (local.set $s (i32.load (i32.const 64)))
            (block $done
              (br_if $done (i32.eqz (local.get $n)))
              (loop $outer
                (local.set $j (i32.const 0))
                (loop $inner
                  (local.set $t (i32.load8_u (i32.add (local.get $p) (local.get $j))))
                  (local.set $s (i32.add (local.get $s) (i32.mul (local.get $t) (i32.const 7))))
                  (i32.store8 (i32.add (local.get $p) (local.get $j)) (i32.add (local.get $t) (i32.const 1)))
                  (local.set $j (i32.add (local.get $j) (i32.const 1)))
                  (br_if $inner (i32.lt_u (local.get $j) (i32.const 4))))
                (local.set $p (i32.add (local.get $p) (i32.const 4)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br_if $outer (i32.lt_u (local.get $i) (local.get $n)))))
            (local.get $s)))
        """

    @Test func aSlotOnlyFeedingItselfIsUnread() throws {
        let module = try Pipeline(passes: []).run(Array(Self.rows.utf8), file: "rows.wat").module
        var lifter = Lifter(module: module)
        try lifter.lift(function: 0)
        var lifted = LiftedFunction(skeleton: lifter.skeleton, graph: lifter.graph)
        Lowering.extract(&lifted)
        let extraction = try #require(lifted.extraction)
        let unread = Elaborator.unreadSlots(lifted.skeleton, lifted.graph, extraction)
        // The variables (parameters 0-1, then i, j, t, s) of each loop's unread slots.
        var found: [[Int]] = []
        for label in lifted.skeleton.labels {
            guard case .loop = label.kind else { continue }
            found.append(
                label.slots.compactMap { slot in
                    guard unread.contains(slot.leaf), case .variable(let v) = slot.source else { return nil }
                    return v
                }.sorted())
        }
        // The outer loop: j (set to 0 first thing) and t; the inner loop: t. p, i, s and the
        // inner j are read.
        #expect(found == [[3, 4], [4]])
        // Elaborated with no code pass after it, the zeros written are `i`'s entry value and
        // the program's own `j = 0`; the unread slots of `t` and the outer `j` would each take
        // the entry's zero too.
        var options = PassOptions()
        options.only = []
        var log = PassLog()
        let code = Code.flatten(try Lowering.elaborate(lifted, type: 0, passes: options, log: &log).code)
        let zeros = zip(code, code.dropFirst()).filter { pair in
            if case (.i32Const(0), .localSet) = pair { return true }
            return false
        }
        #expect(zeros.count == 2, "\(code)")
    }

    @Test func elaboratedWithoutTheUnreadSlotsTheFunctionComputesWhatItDid() throws {
        let input = try Pipeline(passes: []).run(Array(Self.rows.utf8), file: "rows.wat").bytes
        let result = try TestPaths.optimizer.run(Array(Self.rows.utf8), file: "rows.wat")
        #expect(result.bytes.count < input.count)
        for args: [UInt32] in [[128, 3], [0, 0], [65_000, 1], [200, 40]] {
            #expect(try LiftTests.call(result.bytes, "rows", args) == LiftTests.call(input, "rows", args))
        }
    }
}
