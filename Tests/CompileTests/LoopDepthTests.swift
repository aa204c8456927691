import Testing
import Thumb

@testable import Compile

/// The loop depths that weigh spill costs (`RegisterAllocator.loopDepths`) are those of
/// natural loops: a rotated inner loop whose exit path lies between its label and its body
/// does not count that path in, so the outer loop's code there weighs as outer-loop code and
/// the inner loop's induction variables outweigh it.
@Suite struct LoopDepthTests {
    @Test func anInnerLoopsExitPathLaidOutInsideItsLabelRangeIsOuterLoopCode() throws {
        let v = VReg(Register.r0)
        let (outer, inner, body, exit) = (Label(0), Label(1), Label(2), Label(9))
        var f = MachineFunction(name: "f")
        f.code = [
            MachineInstruction(.label(outer), defs: [], uses: []),  // 0: outer header
            MachineInstruction(.compareBranch(nonzero: false, exit), regs: [v], defs: [], uses: [v]),  // 1
            MachineInstruction(.label(inner), defs: [], uses: []),  // 2: inner header
            MachineInstruction(.branch(.lo, body), defs: [], uses: []),  // 3: to the body, laid out below
            .instruction(.nop, []),  // 4: the inner loop's exit path, in the outer loop
            MachineInstruction(.branch(.al, outer), defs: [], uses: []),  // 5: outer back edge
            MachineInstruction(.label(body), defs: [], uses: []),  // 6: inner body
            .instruction(.nop, []),  // 7
            MachineInstruction(.branch(.al, inner), defs: [], uses: []),  // 8: inner back edge
            MachineInstruction(.label(exit), defs: [], uses: []),  // 9
            MachineInstruction(.ret, defs: [], uses: []),  // 10
        ]
        let allocator = RegisterAllocator(f)
        let depths = allocator.loopDepths(allocator.blocks())
        #expect(depths == [1, 1, 2, 2, 1, 1, 2, 2, 2, 0, 0])
    }

    /// Two branches back to one header (a `continue` and the loop's end) make one loop, not
    /// two.
    @Test func aLoopWithTwoBranchesBackIsOneLevel() throws {
        let v = VReg(Register.r0)
        let (head, exit) = (Label(0), Label(1))
        var f = MachineFunction(name: "f")
        f.code = [
            MachineInstruction(.label(head), defs: [], uses: []),
            MachineInstruction(.compareBranch(nonzero: false, exit), regs: [v], defs: [], uses: [v]),
            MachineInstruction(.compareBranch(nonzero: true, head), regs: [v], defs: [], uses: [v]),
            .instruction(.nop, []),
            MachineInstruction(.branch(.al, head), defs: [], uses: []),
            MachineInstruction(.label(exit), defs: [], uses: []),
            MachineInstruction(.ret, defs: [], uses: []),
        ]
        let allocator = RegisterAllocator(f)
        #expect(allocator.loopDepths(allocator.blocks()) == [1, 1, 1, 1, 1, 0, 0])
    }
}
