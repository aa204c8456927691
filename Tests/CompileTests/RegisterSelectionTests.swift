import Testing
import Thumb

@testable import Compile

/// The allocator's select step: a value colored first leaves a register to the neighbour
/// still to be colored whose copy wants it.
@Suite struct RegisterSelectionTests {
    static func add(_ d: VReg, _ a: VReg, _ b: VReg) -> MachineInstruction {
        .instruction(.data(.add, s: false, rd: .r0, rn: .r1, .reg(.r2)), [d, a, b])
    }

    /// `a` arrives in r0 and leaves in r0, but `t`, live beside it with many short-lived
    /// neighbours (so `a` cannot be coalesced into r0), is used more and colored first: it
    /// takes r1, not the r0 `a` wants, and no `mov` moves the argument.
    @Test func aValueColoredFirstLeavesAnArgumentItsRegister() throws {
        var f = MachineFunction(name: "f")
        let a = f.fresh()
        let t = f.fresh()
        f.code = [.copy(a, VReg(.r0)), MachineInstruction(.constant(1), regs: [t], defs: [t], uses: [])]
        for k in 0..<16 {
            let u = f.fresh()
            f.code += [MachineInstruction(.constant(UInt32(k)), regs: [u], defs: [u], uses: []), Self.add(u, u, t)]
            f.code += [.instruction(.compare(.cmp, rn: .r0, .reg(.r1)), [u, t])]
        }
        f.code += [Self.add(a, a, t), .copy(VReg(.r0), a), MachineInstruction(.ret, defs: [], uses: [VReg(.r0)])]
        var allocator = RegisterAllocator(f)
        let out = try allocator.allocate()
        #expect(allocator.assignment[a.id] == .r0)
        #expect(allocator.assignment[t.id] != .r0)
        #expect(!out.code.contains { $0.isCopy && $0.uses == [VReg(.r0)] && $0.defs != [VReg(.r0)] })
    }
}
