import ELF
import Harness
import Testing
import Thumb
import ThumbHarness

/// Branch layout: relaxation matches LLVM's assembler on random code with branches over
/// every distance; compare-and-branch, literal pools and switch tables run correctly in the
/// emulator whichever form their distances need.
@Suite struct LayoutTests {
    @Test func branchRelaxationMatchesLLVM() throws {
        var rng = SplitMix64(seed: 0xB4A1)
        var generator = InstanceGenerator(seed: 0xB4A2)
        var items: [Item] = []
        var lines: [String] = []
        let labelCount = 40
        var placed = 0
        for step in 0..<600 {
            // Labels spread through the code; branches to any of them, far or near.
            if step % 15 == 0, placed < labelCount {
                items.append(.label(Label(placed)))
                lines.append("L\(placed):")
                placed += 1
            }
            switch rng.below(6) {
            case 0:
                // Mostly a nearby label, behind or ahead; sometimes any.
                let target =
                    rng.below(4) == 0 ? rng.below(labelCount) : min(max(placed - 2 + rng.below(5), 0), labelCount - 1)
                let c = rng.below(2) == 0 ? Condition.al : [Condition.eq, .ne, .lt, .hi][rng.below(4)]
                items.append(.branch(c, Label(target)))
                lines.append("b\(c) L\(target)")
            case 1:
                // A run of filler: far targets need long forms.
                let n = rng.below(4) == 0 ? 60 + rng.below(400) : rng.below(20)
                for _ in 0..<n {
                    items.append(.instruction(.nop))
                    lines.append("nop")
                }
            default:
                var i = generator.arithmetic()
                while (try? Encoder.encode(i)) == nil { i = generator.arithmetic() }
                items.append(.instruction(i))
                lines.append(Assembly.text(i))
            }
        }
        while placed < labelCount {
            items.append(.label(Label(placed)))
            lines.append("L\(placed):")
            placed += 1
        }
        var layout = Layout(items)
        let ours = try layout.assemble()
        let (theirs, errors, _) = try EncoderTests.assemble(lines)
        #expect(errors.isEmpty, "\(errors.prefix(300))")
        #expect(ours.bytes.count == theirs.count)
        let branches = items.count { if case .branch = $0 { true } else { false } }
        #expect(ours.relaxed > branches / 10 && ours.relaxed < branches * 9 / 10, "near and far branches both")
        if let k = zip(ours.bytes, theirs).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            Issue.record("first difference at byte \(k) of \(theirs.count)")
        }
    }

    /// Assembles `items` as one function `f` and loads it.
    static func machine(_ items: [Item]) throws -> Machine {
        var layout = Layout(items)
        let output = try layout.assemble()
        var object = ObjectFile()
        object.text = output.bytes
        object.dataInText = output.data.map { .init(start: UInt32($0.lowerBound), end: UInt32($0.upperBound)) }
        object.symbols = [
            .init(name: "f", section: .text, offset: 0, size: UInt32(output.bytes.count), kind: .function)
        ]
        let machine = try Machine()
        try machine.load(object: try ELFWriter.write(object))
        return machine
    }

    static func nops(_ n: Int) -> [Item] { Array(repeating: .instruction(.nop), count: n) }

    @Test(arguments: [0, 100, 400])
    func aCountedLoopRunsWhateverItsLength(_ filler: Int) throws {
        // r1 = 0; loop: r1 += 2; r0 -= 1; cbnz r0, loop (backward: cmp + bne); return r1.
        let loop = Label(0)
        let machine = try Self.machine(
            [.instruction(.mov(s: true, rd: .r1, .immediate(0))), .label(loop)] + Self.nops(filler) + [
                .instruction(.data(.add, s: true, rd: .r1, rn: .r1, .immediate(2))),
                .instruction(.data(.sub, s: true, rd: .r0, rn: .r0, .immediate(1))),
                .compareBranch(nonzero: true, .r0, loop),
                .instruction(.mov(s: false, rd: .r0, .reg(.r1))), .instruction(.bx(.lr)),
            ])
        #expect(try machine.call("f", [5]) == .returned(r0: 10, r1: 10))
    }

    @Test(arguments: [0, 300])
    func aForwardCompareBranchSkipsCode(_ filler: Int) throws {
        let skip = Label(0)
        let machine = try Self.machine(
            [.instruction(.mov(s: false, rd: .r1, .immediate(7))), .compareBranch(nonzero: false, .r0, skip)]
                + Self.nops(filler) + [.instruction(.mov(s: false, rd: .r1, .immediate(9))), .label(skip)]
                + [.instruction(.mov(s: false, rd: .r0, .reg(.r1))), .instruction(.bx(.lr))])
        #expect(try machine.call("f", [0]) == .returned(r0: 7, r1: 7))
        #expect(try machine.call("f", [1]) == .returned(r0: 9, r1: 9))
    }

    @Test(arguments: [0, 600])
    func constantsComeFromThePool(_ filler: Int) throws {
        // Two loads of one constant share an entry; far from the pool the load is 32 bits.
        let machine = try Self.machine(
            [.constant(.r0, 0x1234_5678), .constant(.r1, 0xCAFE_F00D)] + Self.nops(filler) + [
                .constant(.r2, 0x1234_5678),
                .instruction(.data(.eor, s: false, rd: .r0, rn: .r0, .reg(.r2))),
                .instruction(.data(.add, s: false, rd: .r0, rn: .r0, .reg(.r1))), .instruction(.bx(.lr)), .pool,
            ])
        #expect(try machine.call("f") == .returned(r0: 0xCAFE_F00D, r1: 0xCAFE_F00D))
    }

    /// Loads farther than 4,095 bytes from the end pool read islands inside the function:
    /// after a return when one lies past the load, else behind a branch around the island;
    /// a lone load far from everything becomes movw/movt. Every value arrives, on both
    /// paths of a function with a return in its middle.
    @Test(arguments: [(1, 3000), (40, 100), (400, 6)])
    func constantsFarFromTheEndPoolComeFromIslands(_ constants: Int, _ filler: Int) throws {
        func stretch(_ seed: UInt32) -> (items: [Item], sum: UInt32) {
            var items: [Item] = [.instruction(.mov(s: false, rd: .r0, .immediate(0)))]
            var sum: UInt32 = 0
            for i in 0..<UInt32(constants) {
                let c = (i &+ seed) &* 2_654_435_761 | 0x0100_0000
                sum &+= c
                items += [.constant(.r1, c), .instruction(.data(.add, s: false, rd: .r0, rn: .r0, .reg(.r1)))]
                items += Self.nops(filler)
            }
            return (items + [.instruction(.mov(s: false, rd: .r1, .reg(.r0))), .instruction(.bx(.lr))], sum)
        }
        let (a, sumA) = stretch(1)
        let (b, sumB) = stretch(7)
        let other = Label(0)
        let items = [.compareBranch(nonzero: false, .r0, other)] + a + [.label(other)] + b + [.pool]
        var layout = Layout(items)
        let output = try layout.assemble()
        #expect(output.bytes.count > 8000)
        let islands = layout.items.count { $0 == .pool } - 1
        let movw = layout.items.count { if case .instruction(.movw) = $0 { true } else { false } }
        if constants == 1 {
            #expect(islands == 0 && movw == 2)
        } else {
            #expect(islands >= 2 && movw == 0)
        }
        let machine = try Self.machine(items)
        #expect(try machine.call("f", [1]) == .returned(r0: sumA, r1: sumA))
        #expect(try machine.call("f", [0]) == .returned(r0: sumB, r1: sumB))
        // One stretch alone (no return inside): islands behind branches.
        let single = try Self.machine(a.dropLast() + [.instruction(.bx(.lr)), .pool])
        #expect(try single.call("f") == .returned(r0: sumA, r1: sumA))
    }

    @Test func aLabelInsideAnITBlockIsAnError() {
        var layout = Layout([.instruction(.it(.eq, thens: [true])), .label(Label(0)), .instruction(.nop)])
        #expect(throws: EncodingError.self) { try layout.assemble() }
        var branching = Layout([
            .instruction(.it(.eq, thens: [true])), .branch(.al, Label(0)), .instruction(.nop), .label(Label(0)),
        ])
        #expect(throws: EncodingError.self) { try branching.assemble() }
    }

    @Test(arguments: [0, 600])
    func aSwitchTableReachesEveryCase(_ filler: Int) throws {
        // switch (r0) { case 0: 10; case 1: 20; default (2): 30 }, cases far when filler > 0.
        let cases = [Label(0), Label(1), Label(2)]
        let done = Label(3)
        var items: [Item] = [
            .instruction(.compare(.cmp, rn: .r0, .immediate(2))),
            .instruction(.it(.hi, thens: [])), .instruction(.mov(s: false, rd: .r0, .immediate(2))),
            .switchTable(index: .r0, targets: cases),
        ]
        for (k, label) in cases.enumerated() {
            items += [.label(label)] + (k == 1 ? Self.nops(filler) : [])
            items += [.instruction(.mov(s: false, rd: .r0, .immediate(UInt32(10 * (k + 1))))), .branch(.al, done)]
        }
        items += [.label(done), .instruction(.bx(.lr))]
        let machine = try Self.machine(items)
        for (input, expected) in [(0, 10), (1, 20), (2, 30), (7, 30)] {
            guard case .returned(let r0, _) = try machine.call("f", [UInt32(input)]) else {
                Issue.record("switch(\(input)) did not return")
                continue
            }
            #expect(r0 == UInt32(expected), "switch(\(input))")
        }
    }

    /// `r1 = 0; loop: r1 += 3; r0 -= 1; switch (r0 == 0) { case 0: loop; case 1: done }`,
    /// `back` nops inside the loop and `ahead` nops between the table and `done`: the loop's
    /// start lies behind the table, `done` past tbb's reach (600) or tbh's (70,000).
    static func loopThroughATable(back: Int, ahead: Int) -> [Item] {
        let loop = Label(0)
        let done = Label(1)
        return [.instruction(.mov(s: false, rd: .r1, .immediate(0))), .label(loop)] + nops(back) + [
            .instruction(.data(.add, s: false, rd: .r1, rn: .r1, .immediate(3))),
            .instruction(.data(.sub, s: true, rd: .r0, rn: .r0, .immediate(1))),
            .instruction(.it(.ne, thens: [false])), .instruction(.mov(s: false, rd: .r2, .immediate(0))),
            .instruction(.mov(s: false, rd: .r2, .immediate(1))),
            .switchTable(index: .r2, targets: [loop, done]),
        ] + nops(ahead) + [.label(done), .instruction(.mov(s: false, rd: .r0, .reg(.r1))), .instruction(.bx(.lr))]
    }

    @Test(arguments: [(0, 0), (1200, 0), (0, 600), (1200, 70000)])
    func aSwitchTableReachesATargetBehindItOrPastItsReachThroughATrampoline(_ back: Int, _ ahead: Int) throws {
        let items = Self.loopThroughATable(back: back, ahead: ahead)
        var layout = Layout(items)
        let output = try layout.assemble()
        // The table's entries: the loop's through a trampoline right after it; done directly
        // while tbb or tbh reaches it (tbh for 600 bytes: one entry more costs less than
        // a trampoline), else through a second trampoline.
        guard let k = layout.items.firstIndex(where: { if case .switchTable = $0 { true } else { false } }),
            case .switchTable(_, let entries) = layout.items[k]
        else {
            Issue.record("no table")
            return
        }
        let trampolines = layout.items[(k + 1)...].prefix {
            if case .label = $0 { true } else if case .branch(.al, _) = $0 { true } else { false }
        }
        let routed = trampolines.compactMap { if case .branch(.al, let l) = $0 { l } else { nil } }
        #expect(Set(routed) == (ahead > 60000 ? [Label(0), Label(1)] : [Label(0)]))
        #expect(entries[0] != Label(0) && (entries[1] == Label(1)) == (ahead < 60000))
        // Long forms: the loop's trampoline past 2 KB, tbh, done's trampoline past 2 KB.
        #expect(output.relaxed == (back > 0 ? 1 : 0) + (ahead == 600 ? 1 : 0) + (ahead > 60000 ? 1 : 0))
        let machine = try Self.machine(items)
        for n: UInt32 in [1, 2, 5] {
            #expect(try machine.call("f", [n]) == .returned(r0: 3 * n, r1: 3 * n), "loop of \(n)")
        }
    }

    @Test func aSwitchTableToTargetsAheadHasNoTrampolines() throws {
        // switch (r0) { case 0, 2: 10; case 1: 20; default: 30 }: every entry lands on its case.
        let cases = [Label(0), Label(1), Label(0)]
        let (other, done) = (Label(2), Label(3))
        let items: [Item] = [
            .instruction(.compare(.cmp, rn: .r0, .immediate(3))), .branch(.hs, other),
            .switchTable(index: .r0, targets: cases),
            .label(Label(0)), .instruction(.mov(s: false, rd: .r0, .immediate(10))), .branch(.al, done),
            .label(Label(1)), .instruction(.mov(s: false, rd: .r0, .immediate(20))), .branch(.al, done),
            .label(other), .instruction(.mov(s: false, rd: .r0, .immediate(30))),
            .label(done), .instruction(.bx(.lr)),
        ]
        var layout = Layout(items)
        let output = try layout.assemble()
        #expect(layout.items == items)
        // cmp, bhs, tbb, a table of 3 entries (padded to 4 bytes); the cases follow directly
        // (case 0 at 12, case 1 past its 32-bit mov and its branch at 18).
        #expect(Array(output.bytes[8..<12]) == [2, 5, 2, 0])
        let machine = try Self.machine(items)
        for (input, expected) in [(0, 10), (1, 20), (2, 10), (3, 30), (9, 30)] {
            guard case .returned(let r0, _) = try machine.call("f", [UInt32(input)]) else {
                Issue.record("switch(\(input)) did not return")
                continue
            }
            #expect(r0 == UInt32(expected), "switch(\(input))")
        }
    }

    /// A table longer than tbb's reach, one entry a loop's start behind it: its trampoline
    /// lies past the table, so the table is tbh (trampolines for tbb would be out of reach too).
    @Test func aTableLongerThanTbbsReachIsTbh() throws {
        let loop = Label(0)
        let done = Label(1)
        let items: [Item] = [
            .instruction(.mov(s: false, rd: .r1, .immediate(0))), .label(loop),
            .instruction(.data(.add, s: false, rd: .r1, rn: .r1, .immediate(3))),
            .instruction(.data(.sub, s: true, rd: .r0, rn: .r0, .immediate(1))),
            .instruction(.it(.ne, thens: [false])), .instruction(.mov(s: false, rd: .r2, .immediate(0))),
            .instruction(.mov(s: false, rd: .r2, .immediate(600))),
            .switchTable(index: .r2, targets: [loop] + Array(repeating: done, count: 600)),
            .label(done), .instruction(.mov(s: false, rd: .r0, .reg(.r1))), .instruction(.bx(.lr)),
        ]
        var layout = Layout(items)
        let output = try layout.assemble()
        #expect(output.bytes.count > 1200)
        let machine = try Self.machine(items)
        #expect(try machine.call("f", [4]) == .returned(r0: 12, r1: 12))
    }
}
