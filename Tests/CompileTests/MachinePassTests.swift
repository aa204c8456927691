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

    static func label(_ l: Label) -> MachineInstruction { MachineInstruction(.label(l), defs: [], uses: []) }
    static func branch(_ c: Condition, _ l: Label) -> MachineInstruction {
        MachineInstruction(.branch(c, l), defs: [], uses: [])
    }
    static func reload(_ r: VReg, _ slot: Int) -> MachineInstruction {
        MachineInstruction(.reload(slot: slot), regs: [r], defs: [r], uses: [])
    }

    /// A zero stored to two slots is moved in once; a loop header, a write of the register,
    /// and a move whose flags are wanted each keep the next one.
    @Test func aConstantMovedIntoARegisterHoldingItGoes() {
        let label = Label(1)
        let code: [MachineInstruction] = [
            Self.zero(Self.r0), Self.spill(Self.r0, 0),
            Self.zero(Self.r0), Self.spill(Self.r0, 1),  // goes
            .copy(Self.r1, Self.r0), Self.zero(Self.r1),  // goes: the copy holds 0
            Self.label(label), Self.zero(Self.r0),  // stays: a loop header
            // stays: r0 was written
            .instruction(.data(.add, s: false, rd: .r0, rn: .r0, .immediate(1)), [Self.r0]), Self.zero(Self.r0),
            Self.zero(Self.r0, flags: true),  // stays: its flags are wanted
            Self.branch(.ne, label),
        ]
        let out = KnownConstants.run(code)
        #expect(out.count == code.count - 2)
        #expect(out.filter { KnownConstants.value(of: $0) == 0 }.count == 3)
        #expect(out.contains(Self.zero(Self.r0, flags: true)))
    }

    /// A zero wanted in r8 (a 32-bit `mov.w`) while r0 holds zero becomes `mov r8, r0`
    /// (16 bits); wanted in r1 (a 16-bit `movs`) it stays a constant.
    @Test func aWideConstantARegisterHoldsBecomesACopy() {
        let r8 = VReg(.r8)
        let out = KnownConstants.run([Self.zero(Self.r0), Self.zero(r8), Self.zero(Self.r1)])
        #expect(out == [Self.zero(Self.r0), .copy(r8, Self.r0), Self.zero(Self.r1)])
    }

    /// A loop that never writes r0 nor the slot keeps what r0 held on entry: the reload at its
    /// header goes. A loop whose back edge brings r0 written keeps it.
    @Test func aReloadALoopNeverInvalidatesGoes() {
        let (loop, other) = (Label(1), Label(2))
        let write = MachineInstruction.instruction(.data(.add, s: false, rd: .r1, rn: .r1, .immediate(1)), [Self.r1])
        let clobber = MachineInstruction.instruction(.data(.add, s: false, rd: .r0, rn: .r0, .immediate(1)), [Self.r0])
        let kept = ReloadsAfterSpills.run([
            Self.spill(Self.r0, 0), Self.label(loop), Self.reload(Self.r0, 0), write, Self.branch(.ne, loop),
        ])
        #expect(kept.count == 4)
        let written = ReloadsAfterSpills.run([
            Self.spill(Self.r0, 0), Self.label(other), Self.reload(Self.r0, 0), clobber, Self.branch(.ne, other),
        ])
        #expect(written.count == 5)
    }

    /// What a register holds flows through a conditional branch's fall-through and into a
    /// join both of whose paths agree on it; a join where one path wrote the register, and a
    /// loop header, forget it.
    @Test func aReloadEveryPathHasAlreadyDoneGoes() {
        let (other, join, loop, after) = (Label(1), Label(2), Label(3), Label(4))
        let write = MachineInstruction.instruction(.data(.add, s: false, rd: .r0, rn: .r0, .immediate(1)), [Self.r0])
        let code: [MachineInstruction] = [
            Self.spill(Self.r0, 0),
            Self.branch(.eq, other),
            Self.reload(Self.r0, 0),  // goes: the fall-through keeps r0
            Self.branch(.al, join),
            Self.label(other),
            Self.label(join),
            Self.reload(Self.r0, 0),  // goes: both paths agree
            Self.branch(.ne, after),
            write,
            Self.label(after),
            Self.reload(Self.r0, 0),  // stays: the fall-through wrote r0
            Self.label(loop),
            Self.reload(Self.r0, 0),  // stays: a loop header
            write,
            Self.branch(.ne, loop),
        ]
        let out = ReloadsAfterSpills.run(code)
        #expect(out.count == code.count - 2)
        #expect(out.filter { if case .reload = $0.op { true } else { false } }.count == 2)
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

    static func constant(_ r: VReg, _ c: UInt32) -> MachineInstruction {
        MachineInstruction(.constant(c), regs: [r], defs: [r], uses: [])
    }

    /// The registers each instruction names, in order (virtual ones only).
    static func virtuals(_ f: MachineFunction) -> [[VReg]] {
        f.code.map { $0.regs.filter(\.isVirtual) }
    }

    /// A register holding 7 for one read and, after that, 9 for a loop's reads is two webs:
    /// the loop's value gets a register of its own, and each read names its definition's.
    @Test func aRegisterReusedForAnotherValueBecomesTwoRegisters() {
        var f = MachineFunction(name: "f")
        let v = f.fresh()
        let loop = Label(1)
        f.code = [
            Self.constant(v, 7), .copy(Self.r0, v),
            Self.constant(v, 9), Self.label(loop), .copy(Self.r1, v), Self.branch(.ne, loop),
        ]
        #expect(Webs.run(&f) == 1)
        let names = Self.virtuals(f)
        #expect(names[0] == [v] && names[1] == [v])
        #expect(names[2] != [v] && names[2].count == 1)
        #expect(names[4] == names[2])
        #expect(f.nextVirtual == v.id + 2)
    }

    /// A value defined on two paths and read after their join is one web (both definitions
    /// reach the read); so is a register a conditional move reads and writes.
    @Test func definitionsReachingOneReadStayOneRegister() {
        var f = MachineFunction(name: "f")
        let v = f.fresh()
        let x = f.fresh()
        let (other, join) = (Label(1), Label(2))
        f.code = [
            Self.constant(x, 1),
            Self.branch(.eq, other),
            Self.constant(v, 7), Self.branch(.al, join),
            Self.label(other), Self.constant(v, 9),
            Self.label(join),
            MachineInstruction(.moveIf(.eq), regs: [v, x], defs: [v], uses: [v, x]),
            .copy(Self.r0, v),
        ]
        let before = f.code
        #expect(Webs.run(&f) == 0)
        #expect(f.code == before)
    }

    static func store(_ value: VReg, at address: VReg) -> MachineInstruction {
        .instruction(.store(.word, rt: .r0, .offset(.r1, 0)), [value, address])
    }

    static func ret(_ r: VReg) -> MachineInstruction { MachineInstruction(.ret, regs: [r], defs: [], uses: [r]) }

    /// A zero moved into r1 for a store while r5 holds zero: the store takes r5 and the move
    /// goes; so does a copy whose one reader can read its source.
    @Test func aValueAnotherRegisterHoldsIsReadFromThere() {
        let (r2, r3, r5) = (VReg(.r2), VReg(.r3), VReg(.r5))
        var f = MachineFunction(name: "f")
        f.code = [
            Self.zero(r5), Self.store(r5, at: Self.r0),
            Self.zero(Self.r1), Self.store(Self.r1, at: r2),  // the zero goes: r5 holds it
            .copy(r3, r2), Self.store(r5, at: r3),  // the copy goes: r2 holds the address
            Self.ret(r5),
        ]
        #expect(ValueForwarding.run(&f) == 2)
        #expect(
            f.code == [
                Self.zero(r5), Self.store(r5, at: Self.r0), Self.store(r5, at: r2), Self.store(r5, at: r2),
                Self.ret(r5),
            ])
    }

    /// The register stays when its holder is written before a read, when it is still read
    /// after its block, when a return reads it (a fixed register), or when the reader would
    /// grow (a high holder in a 16-bit store).
    @Test func aValueStaysWhereAReadCannotTakeTheHolder() {
        let (r2, r5, r8) = (VReg(.r2), VReg(.r5), VReg(.r8))
        let l = Label(1)
        let cases: [[MachineInstruction]] = [
            // r5 is written between the zero and its read.
            [Self.zero(r5), Self.zero(Self.r1), Self.zero(r5, flags: true), Self.store(Self.r1, at: r2), Self.ret(r5)],
            // r1 is read in the next block.
            [
                Self.zero(r5), Self.zero(Self.r1), Self.store(Self.r1, at: r2), Self.label(l),
                Self.store(Self.r1, at: r5),
            ],
            // a return reads r0.
            [Self.zero(r5), Self.zero(Self.r0), Self.store(r5, at: r2), Self.ret(Self.r0)],
            // only r8 holds zero: `str r8, [r2]` takes 32 bits where `str r1, [r2]` takes 16.
            [Self.zero(r8), Self.zero(Self.r1), Self.store(Self.r1, at: r2), Self.ret(r8)],
        ]
        for code in cases {
            var f = MachineFunction(name: "f")
            f.code = code
            #expect(ValueForwarding.run(&f) == 0, "\(code)")
            #expect(f.code == code)
        }
    }

    /// Two forwardings that each hold alone but not together: the zero in r1 may be read from
    /// r5, and r5's zero from r1 — removing both would leave no zero. The check on the
    /// rewritten code keeps one of them.
    @Test func forwardingsThatUndoEachOtherAreNotBothMade() {
        let (r2, r5) = (VReg(.r2), VReg(.r5))
        var f = MachineFunction(name: "f")
        f.code = [
            Self.zero(Self.r1), Self.zero(r5), Self.store(r5, at: r2), Self.zero(Self.r1), Self.store(Self.r1, at: r2),
            Self.ret(r2),
        ]
        let removed = ValueForwarding.run(&f)
        #expect(removed >= 1)
        // Whatever went, every store still stores a register the code set to zero before it.
        var zeros = Set<VReg>()
        for i in f.code {
            if KnownConstants.value(of: i) == 0, let d = i.defs.first { zeros.insert(d) }
            if case .instruction(.store) = i.op { #expect(zeros.contains(i.regs[0]), "\(f.code)") }
        }
    }

    static func asr(_ d: VReg, _ s: VReg, _ k: UInt8) -> MachineInstruction {
        .flexible(.mov(s: false, rd: .r0, .register(ShiftedRegister(.r1, .asr, k))), [d, s])
    }

    static func ssat(_ d: VReg, _ s: VReg, asr: UInt8 = 0) -> MachineInstruction {
        .instruction(.saturate(signed: true, rd: .r0, rn: .r1, bits: 16, asr: asr), [d, s])
    }

    /// `asr x, y, #1; ssat d, #16, x` is `ssat d, #16, y, asr #1` when x has no other reader;
    /// a shift read again, or whose source is written before the saturation, stays.
    @Test func aShiftReadOnlyBySaturationBecomesItsShift() {
        var f = MachineFunction(name: "f")
        let (x, y, d) = (f.fresh(), f.fresh(), f.fresh())
        f.code = [Self.constant(y, 5), Self.asr(x, y, 1), Self.ssat(d, x), .copy(Self.r0, d)]
        #expect(SaturationShifts.run(&f) == 1)
        #expect(f.code == [Self.constant(y, 5), Self.ssat(d, y, asr: 1), .copy(Self.r0, d)])

        var g = MachineFunction(name: "g")
        let (a, b, c, e) = (g.fresh(), g.fresh(), g.fresh(), g.fresh())
        g.code = [
            Self.constant(b, 5), Self.asr(a, b, 2), Self.ssat(c, a), .copy(Self.r0, a),  // a read again
            Self.asr(e, b, 3), Self.constant(b, 6), Self.ssat(c, e),  // b written between
        ]
        let before = g.code
        #expect(SaturationShifts.run(&g) == 0)
        #expect(g.code == before)
    }

    /// `(a > b) - (a < b)` compares once: the second `cmp r0, r1` goes while the first's
    /// flags stand; one after r0 is written, after a flag-setting instruction or at a label
    /// stays.
    @Test func aCompareRepeatingTheStandingOneGoes() {
        let (r0, r1, r2, r3) = (Self.r0, Self.r1, VReg(.r2), VReg(.r3))
        let compare = MachineInstruction.instruction(.compare(.cmp, rn: .r0, .reg(.r1)), [r0, r1])
        func set(_ c: Condition, _ d: VReg) -> MachineInstruction {
            MachineInstruction(.setIf(c), regs: [d], defs: [d], uses: [])
        }
        let add = MachineInstruction.instruction(.data(.add, s: false, rd: .r0, rn: .r0, .immediate(1)), [r0])
        let adds = MachineInstruction.instruction(.data(.add, s: true, rd: .r0, rn: .r0, .immediate(1)), [r2])
        let code: [MachineInstruction] = [
            compare, set(.hi, r2), compare,  // goes: the flags stand
            set(.lo, r3), Self.branch(.eq, Label(2)), compare,  // goes: a branch keeps them
            add, compare,  // stays: r0 written
            adds, compare,  // stays: the flags written
            Self.label(Label(1)), compare,  // stays: another path joins
        ]
        let out = FlagReuse.withoutRepeatedCompares(code)
        #expect(out.count == code.count - 2)
        #expect(out.filter { $0 == compare }.count == 4)
        #expect(Array(out.prefix(4)) == [compare, set(.hi, r2), set(.lo, r3), Self.branch(.eq, Label(2))])
    }
}
