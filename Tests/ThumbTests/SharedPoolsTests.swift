import ELF
import Harness
import Testing
import Thumb
import ThumbHarness

/// Functions laid out together (`SharedPools`): neighbours within the reach share one pool,
/// so a word they all load is stored once; each function keeps its labels (renumbered
/// apart), starts where its symbol says and runs in the emulator as it ran alone.
@Suite struct SharedPoolsTests {
    /// Function `k`: r0 = 0x12345678 + r0 * (k + 1), by a counted loop to its own label
    /// (the same label number in every function), then the constant from the pool.
    static func function(_ k: Int, filler: Int) -> [Item] {
        let loop = Label(0)
        let done = Label(1)
        return [
            .instruction(.mov(s: true, rd: .r1, .immediate(0))),
            .compareBranch(nonzero: false, .r0, done),
            .label(loop),
            .instruction(.data(.add, s: true, rd: .r1, rn: .r1, .immediate(UInt32(k + 1)))),
            .instruction(.data(.sub, s: true, rd: .r0, rn: .r0, .immediate(1))),
            .compareBranch(nonzero: true, .r0, loop),
            .label(done),
        ] + Array(repeating: .instruction(.nop), count: filler) + [
            .constant(.r2, 0x1234_5678),
            .instruction(.data(.add, s: false, rd: .r0, rn: .r1, .reg(.r2))),
            .instruction(.bx(.lr)),
            .pool,
        ]
    }

    /// The functions laid out alone, then together: the output, each one's bounds, and the
    /// bytes they took alone.
    static func together(_ functions: [[Item]], reach: Int) throws -> (Layout.Output, [SharedPools.Bounds], Int) {
        var alone: [Layout.Output] = []
        for f in functions {
            var layout = Layout(f)
            alone.append(try layout.assemble())
        }
        let (items, bounds) = SharedPools.combine(
            alone.map(\.items), sizes: alone.map(\.bytes.count), reach: reach)
        var layout = Layout(items)
        let sum = alone.reduce(0) { $0 + ($1.bytes.count + 3) / 4 * 4 }
        return (try layout.assemble(), bounds, sum)
    }

    static func machine(_ output: Layout.Output, _ bounds: [SharedPools.Bounds]) throws -> Machine {
        var object = ObjectFile()
        object.text = output.bytes
        object.dataInText = output.data.map { .init(start: UInt32($0.lowerBound), end: UInt32($0.upperBound)) }
        object.symbols = bounds.enumerated().map { k, b in
            let start = output.labels[b.start] ?? 0
            let end = output.labels[b.end] ?? start
            return .init(
                name: "f\(k)", section: .text, offset: UInt32(start), size: UInt32(end - start), kind: .function)
        }
        let machine = try Machine()
        try machine.load(object: try ELFWriter.write(object))
        return machine
    }

    @Test func neighboursStoreACommonWordOnce() throws {
        let functions = (0..<4).map { Self.function($0, filler: 10) }
        let (output, bounds, alone) = try Self.together(functions, reach: 1024)
        // Four pools of one word become one: 12 bytes fewer (alignment padding aside).
        #expect(output.bytes.count <= alone - 12, "\(output.bytes.count) together, \(alone) alone")
        #expect(output.data.count == 1)
        let machine = try Self.machine(output, bounds)
        for k in 0..<4 {
            for n: UInt32 in [0, 1, 5] {
                let expected = 0x1234_5678 &+ n &* UInt32(k + 1)
                #expect(try machine.call("f\(k)", [n]) == .returned(r0: expected, r1: n * UInt32(k + 1)))
            }
        }
    }

    /// Functions past the reach keep their own pools (a group ends before the one that would
    /// take it past), and the code still runs.
    @Test func aGroupEndsAtTheReach() throws {
        #expect(SharedPools.groupEnds([100, 100, 900, 100], reach: 1024) == [1, 3])
        #expect(SharedPools.groupEnds([2000, 10, 10], reach: 1024) == [0, 2])
        let functions = (0..<3).map { Self.function($0, filler: 300) }
        let (output, bounds, _) = try Self.together(functions, reach: 1024)
        #expect(output.data.count == 3)
        let machine = try Self.machine(output, bounds)
        for k in 0..<3 {
            #expect(
                try machine.call("f\(k)", [3]) == .returned(r0: 0x1234_5678 &+ 3 * UInt32(k + 1), r1: 3 * UInt32(k + 1))
            )
        }
    }
}
