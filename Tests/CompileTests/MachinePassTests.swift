import Testing
import Thumb

@testable import Compile

/// The machine passes that drop instructions, on code written by hand: what each may remove
/// goes, and what it may not stays.
@Suite struct MachinePassTests {
    static let r0 = VReg(.r0)
    static let r1 = VReg(.r1)

    static func zero(_ r: VReg, flags: Bool = false) -> MachineInstruction {
        flags
            ? .instruction(.mov(s: true, rd: .r0, .immediate(0)), [r])
            : .flexible(.mov(s: false, rd: .r0, .immediate(0)), [r])
    }

    static func spill(_ r: VReg, _ slot: Int) -> MachineInstruction {
        MachineInstruction(.spill(slot: slot), regs: [r], defs: [], uses: [r])
    }

    /// A zero stored to two slots is moved in once; a label, a write of the register, and a
    /// move whose flags are wanted each keep the next one.
    @Test func aConstantMovedIntoARegisterHoldingItGoes() {
        let label = Label(1)
        let code: [MachineInstruction] = [
            Self.zero(Self.r0), Self.spill(Self.r0, 0),
            Self.zero(Self.r0), Self.spill(Self.r0, 1),  // goes
            .copy(Self.r1, Self.r0), Self.zero(Self.r1),  // goes: the copy holds 0
            MachineInstruction(.label(label), defs: [], uses: []), Self.zero(Self.r0),  // stays: a join
            // stays: r0 was written
            .instruction(.data(.add, s: false, rd: .r0, rn: .r0, .immediate(1)), [Self.r0]), Self.zero(Self.r0),
            Self.zero(Self.r0, flags: true),  // stays: its flags are wanted
        ]
        let out = KnownConstants.run(code)
        #expect(out.count == code.count - 2)
        #expect(out.filter { KnownConstants.value(of: $0) == 0 }.count == 3)
        #expect(out.contains(Self.zero(Self.r0, flags: true)))
    }

    /// `v` tested by `cbz` before a loop, never written in it: the `cbz` of `v` in the loop
    /// goes; `w`, written in the loop (and not tested again before the branch back), keeps
    /// its check.
    @Test func aZeroCheckEveryPathHasAlreadyPassedGoes() {
        var f = MachineFunction(name: "f")
        let v = VReg(VReg.first)
        let w = VReg(VReg.first + 1)
        let trap = Label(0)
        let (loop, done) = (Label(1), Label(2))
        func label(_ l: Label) -> MachineInstruction { MachineInstruction(.label(l), defs: [], uses: []) }
        func cbz(_ r: VReg) -> MachineInstruction {
            MachineInstruction(.compareBranch(nonzero: false, trap), regs: [r], defs: [], uses: [r])
        }
        f.code = [
            MachineInstruction(.constant(7), regs: [v], defs: [v], uses: []),
            MachineInstruction(.constant(9), regs: [w], defs: [w], uses: []),
            cbz(v), cbz(w),
            label(loop),
            cbz(v),  // goes: tested before the loop, not written since
            cbz(w),  // stays: written at the loop's end
            .instruction(.data(.sub, s: false, rd: .r0, rn: .r0, .immediate(1)), [w]),
            MachineInstruction(.branch(.ne, loop), defs: [], uses: []),
            label(done),
            MachineInstruction(.ret, defs: [], uses: []),
            label(trap),
            MachineInstruction(.ret, defs: [], uses: []),
        ]
        f.trapLabel = trap
        let removed = RedundantZeroChecks.run(&f)
        #expect(removed == 1)
        #expect(f.code.filter { if case .compareBranch(nonzero: false, _) = $0.op { true } else { false } }.count == 3)
        #expect(f.code[5].regs == [w])
    }

    /// At a join the facts of every path meet: `v` tested on one path only keeps its check
    /// after the join.
    @Test func aZeroCheckOnePathSkippedStays() {
        var f = MachineFunction(name: "g")
        let v = VReg(VReg.first)
        let (trap, other, join) = (Label(0), Label(1), Label(2))
        func label(_ l: Label) -> MachineInstruction { MachineInstruction(.label(l), defs: [], uses: []) }
        let cbz = MachineInstruction(.compareBranch(nonzero: false, trap), regs: [v], defs: [], uses: [v])
        f.code = [
            MachineInstruction(.constant(7), regs: [v], defs: [v], uses: []),
            MachineInstruction(.branch(.eq, other), defs: [], uses: []),
            cbz,
            MachineInstruction(.branch(.al, join), defs: [], uses: []),
            label(other),
            label(join),
            cbz,  // stays: the path through `other` did not test v
            MachineInstruction(.ret, defs: [], uses: []),
            label(trap),
            MachineInstruction(.ret, defs: [], uses: []),
        ]
        f.trapLabel = trap
        #expect(RedundantZeroChecks.run(&f) == 0)
    }
}
