import ELF
import Testing
import Thumb
import ThumbHarness

/// Functions encoded by weft, written as ELF objects, loaded into the Unicorn Cortex-M3 and
/// called: arguments in registers and on the stack, loops, calls through relocations,
/// memory, traps and runaway loops.
@Suite struct MachineTests {
    /// An object with one global function per entry, each a run of instructions.
    static func object(_ functions: [(String, [ThumbInstruction])]) throws -> [UInt8] {
        var object = ObjectFile()
        for (name, body) in functions {
            let start = UInt32(object.text.count)
            for halfwords in try ITBlocks.encode(body) {
                for h in halfwords { object.text += [UInt8(h & 0xFF), UInt8(h >> 8)] }
            }
            object.symbols.append(
                .init(
                    name: name, section: .text, offset: start, size: UInt32(object.text.count) - start, kind: .function)
            )
        }
        return try ELFWriter.write(object)
    }

    @Test func aSupervisorCallRunsTheHostAndResumesAfterIt() throws {
        let machine = try Machine()
        var object = ObjectFile()
        // svc #7; adds r0, #1; svc #9; bx lr
        object.text = [0x07, 0xDF, 0x01, 0x30, 0x09, 0xDF, 0x70, 0x47]
        object.symbols.append(.init(name: "f", section: .text, offset: 0, size: 8, kind: .function))
        try machine.load(object: try ELFWriter.write(object))
        var seen: [(UInt8, UInt32)] = []
        machine.supervisorCall = { n, m in
            seen.append((n, m.register(0)))
            m.setRegister(0, m.register(0) &* 10)
        }
        #expect(try machine.call("f", [4]) == .returned(r0: 410, r1: 0))
        #expect(seen.map(\.0) == [7, 9])
        #expect(seen.map(\.1) == [4, 41])
        machine.supervisorCall = nil
        guard case .trapped(let exception, _) = try machine.call("f", [4]) else {
            Issue.record("a svc with no host should end the call")
            return
        }
        #expect(exception == Machine.supervisorCallException)
    }

    @Test func argumentsComeInRegistersThenOnTheStack() throws {
        let machine = try Machine()
        try machine.load(
            object: try Self.object([
                (
                    "sum5",
                    [
                        .load(.word, rt: .r12, .offset(.sp, 0)),
                        .data(.add, s: false, rd: .r0, rn: .r0, .reg(.r1)),
                        .data(.add, s: false, rd: .r0, rn: .r0, .reg(.r2)),
                        .data(.add, s: false, rd: .r0, rn: .r0, .reg(.r3)),
                        .data(.add, s: false, rd: .r0, rn: .r0, .reg(.r12)),
                        .bx(.lr),
                    ]
                )
            ]))
        #expect(try machine.call("sum5", [1, 20, 300, 4000, 50000]) == .returned(r0: 54321, r1: 20))
    }

    @Test func aLoopRunsAndALongMultiplyFillsTwoRegisters() throws {
        let machine = try Machine()
        // count(n): r1 = 0; while n != 0 { r1 += 3; n -= 1 }; return r1 * 0x10000000 as 64 bits.
        try machine.load(
            object: try Self.object([
                (
                    "count",
                    [
                        .mov(s: true, rd: .r1, .immediate(0)),  // 0
                        .cbz(nonzero: false, rn: .r0, offset: 4),  // 2: to 10
                        .data(.add, s: true, rd: .r1, rn: .r1, .immediate(3)),  // 4
                        .data(.sub, s: true, rd: .r0, rn: .r0, .immediate(1)),  // 6
                        .b(.al, offset: -10),  // 8: to 2
                        .mov(s: false, rd: .r2, .immediate(0x1000_0000)),  // 10
                        .longMultiply(.umull, lo: .r0, hi: .r1, rn: .r1, rm: .r2),
                        .bx(.lr),
                    ]
                )
            ]))
        #expect(try machine.call("count", [7]) == .returned(r0: 0x5000_0000, r1: 1))
        #expect(try machine.call("count", [0]) == .returned(r0: 0, r1: 0))
    }

    @Test func callsGoThroughRelocationsAndReadData() throws {
        let machine = try Machine()
        try machine.load(object: try Self.object([("ext", [.mov(s: false, rd: .r0, .immediate(99)), .bx(.lr)])]))
        try machine.load(object: try ELFWriter.write(try ELFTests.sample()))
        guard let g = machine.symbols["g"] else {
            Issue.record("g not loaded")
            return
        }
        // f calls g and ext, then returns the word at `table`: g's address, Thumb bit set.
        #expect(try machine.call("f") == .returned(r0: g, r1: 0))
        #expect(g & 1 == 1, "a Thumb function's symbol is odd")
    }

    @Test func memoryIsWrittenAndReadBack() throws {
        let machine = try Machine()
        try machine.load(
            object: try Self.object([
                (
                    "fill",
                    [
                        .store(.word, rt: .r1, .postIndexed(.r0, 4)),
                        .store(.half, rt: .r1, .offset(.r0, 0)),
                        .store(.byte, rt: .r1, .offset(.r0, 2)),
                        .bx(.lr),
                    ]
                )
            ]))
        let buffer = try machine.allocate([UInt8](repeating: 0xEE, count: 8))
        _ = try machine.call("fill", [buffer, 0x1122_3344])
        #expect(try machine.read(8, at: buffer) == [0x44, 0x33, 0x22, 0x11, 0x44, 0x33, 0x44, 0xEE])
    }

    @Test func udfTrapsAndAnEndlessLoopRunsOutOfBudget() throws {
        let machine = try Machine()
        try machine.load(
            object: try Self.object([
                ("trap", [.mov(s: true, rd: .r0, .immediate(1)), .udf(7)]),
                ("spin", [.b(.al, offset: -4)]),
            ]))
        let trapped = try machine.call("trap")
        #expect(trapped == .trapped(exception: Machine.undefinedInstruction, pc: Machine.codeBase + 2), "\(trapped)")
        guard case .runaway = try machine.call("spin", budget: 1000) else {
            Issue.record("an endless loop was not stopped")
            return
        }
        // The machine is usable after both.
        try machine.load(object: try Self.object([("one", [.mov(s: true, rd: .r0, .immediate(1)), .bx(.lr)])]))
        #expect(try machine.call("one") == .returned(r0: 1, r1: 0))
    }
}
