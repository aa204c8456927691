import Foundation
import Harness
import Testing
import Thumb

/// The encoder against LLVM: thousands of instances of every form, written as UAL text,
/// assembled by `clang --target=thumbv7m-none-eabi` and compared halfword by halfword; then
/// weft's bytes disassembled by `llvm-objdump` back to the same text.
@Suite struct EncoderTests {
    static let count = Int(ProcessInfo.processInfo.environment["WEFT_THUMB_INSTANCES"] ?? "") ?? 6000

    /// Assembles `lines` (UAL, one instruction each) with LLVM; the `.text` bytes (and, with
    /// `disassemble`, objdump's text of each instruction).
    static func assemble(_ lines: [String], disassemble: Bool = false) throws -> (
        bytes: [UInt8], errors: String, text: [String]
    ) {
        guard let clang = Subprocess.toolchain("clang"), let objcopy = Subprocess.toolchain("llvm-objcopy") else {
            throw Failure("clang and llvm-objcopy of the Swift toolchain are needed")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("weft-thumb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("a.s").path
        let object = dir.appendingPathComponent("a.o").path
        let binary = dir.appendingPathComponent("a.bin").path
        try ([".syntax unified", ".thumb"] + lines).joined(separator: "\n").appending("\n")
            .write(toFile: source, atomically: true, encoding: .utf8)
        let assembled = try Subprocess.run(clang, ["--target=thumbv7m-none-eabi", "-c", source, "-o", object])
        guard assembled.status == 0 else { return ([], assembled.stderr, []) }
        let copied = try Subprocess.run(objcopy, ["-O", "binary", "--only-section=.text", object, binary])
        guard copied.status == 0 else { throw Failure("llvm-objcopy: \(copied.stderr)") }
        let text = disassemble ? try Disassembly.objdump(object) : []
        return (Array(try Data(contentsOf: URL(fileURLWithPath: binary))), "", text)
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    /// Each assembler error with the line it is about (the source has two directives first).
    static func explain(_ errors: String, _ lines: [String], limit: Int = 12) -> String {
        var out: [String] = []
        for error in errors.split(separator: "\n") where error.contains("error:") {
            let parts = error.split(separator: ":")
            guard parts.count > 2, let n = Int(parts[1]), lines.indices.contains(n - 3) else { continue }
            out.append("\(lines[n - 3])  <- \(parts.dropFirst(4).joined(separator: ":"))")
            if out.count == limit { break }
        }
        return out.joined(separator: "\n")
    }

    static func bytes(_ halfwords: [UInt16]) -> [UInt8] { halfwords.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }

    static func hex(_ halfwords: [UInt16]) -> String {
        halfwords.map { String(format: "%04x", $0) }.joined(separator: " ")
    }

    /// Instances the encoder accepts, with their text and encodings. IT blocks stay whole:
    /// a block whose members do not all encode is dropped.
    static func encodable(seed: UInt64, count: Int) -> (instructions: [ThumbInstruction], rejected: [ThumbInstruction])
    {
        var generator = InstanceGenerator(seed: seed)
        let all = generator.instances(count)
        var kept: [ThumbInstruction] = []
        var rejected: [ThumbInstruction] = []
        var k = 0
        while k < all.count {
            var group = [all[k]]
            if case .it(_, let thens) = all[k] { group = Array(all[k...min(k + thens.count + 1, all.count - 1)]) }
            k += group.count
            do {
                _ = try ITBlocks.encode(group)
                kept += group
            } catch {
                if group.count == 1 { rejected.append(group[0]) }
            }
        }
        return (kept, rejected)
    }

    @Test func everyFormMatchesLLVMsAssembler() throws {
        let (instructions, _) = Self.encodable(seed: 0x7417_0001, count: Self.count)
        let encodings = try ITBlocks.encode(instructions)
        let lines = ITBlocks.text(instructions)
        let (expected, errors, _) = try Self.assemble(lines)
        #expect(errors.isEmpty, "LLVM rejects weft's text:\n\(Self.explain(errors, lines))")
        guard errors.isEmpty else { return }
        var offset = 0
        var narrow = 0
        for (k, halfwords) in encodings.enumerated() {
            let ours = Self.bytes(halfwords)
            let theirs = Array(expected[min(offset, expected.count)..<min(offset + ours.count, expected.count)])
            if ours != theirs {
                let next = Array(expected[min(offset, expected.count)..<min(offset + 4, expected.count)])
                Issue.record(
                    "\(lines[k]): weft \(Self.hex(halfwords)), LLVM \(next.map { String(format: "%02x", $0) }.joined())"
                )
                return
            }
            offset += ours.count
            if halfwords.count == 1 { narrow += 1 }
        }
        #expect(offset == expected.count)
        // Every case of the model, and every address form, is among the instances compared.
        func kind(_ i: ThumbInstruction) -> String {
            var k = String(String(describing: i).prefix { $0 != "(" })
            switch i {
            case .load(_, _, let a), .store(_, _, let a), .loadDual(_, _, let a), .storeDual(_, _, let a):
                k += "." + String(String(describing: a).prefix { $0 != "(" })
            default: break
            }
            return k
        }
        let kinds = Set(instructions.map(kind))
        let addressed =
            ["load", "store"].flatMap { op in
                ["offset", "preIndexed", "postIndexed", "register"].map { "\(op).\($0)" }
            } + [
                "load.literal", "load.unprivileged", "store.unprivileged", "loadDual.offset", "loadDual.preIndexed",
                "storeDual.postIndexed",
            ]
        for expected in [
            "data", "compare", "mov", "mvn", "shift", "movw", "movt", "mul", "mla", "mls", "longMultiply", "divide",
            "bits", "extend", "bfi", "bfc", "bitfieldExtract", "saturate", "loadMultiple", "storeMultiple", "push",
            "pop", "b",
            "bl",
            "bx", "blx", "cbz", "it", "tableBranch", "udf", "nop", "barrier",
        ] + addressed {
            #expect(kinds.contains(expected), "no \(expected) instance was compared")
        }
        #expect(instructions.count > Self.count * 3 / 4, "most generated instances should be encodable")
        #expect(narrow > instructions.count / 4 && narrow < instructions.count * 3 / 4)
        print("thumb encoder: \(instructions.count) instances, \(narrow) narrow, identical to LLVM")
    }

    @Test func everyITConditionAndMask() throws {
        // 14 conditions × 15 masks, each block filled with flag-setting and plain moves.
        var instructions: [ThumbInstruction] = []
        for c in Condition.allCases where c != .al {
            for length in 0...3 {
                for bits in 0..<(1 << length) {
                    let thens = (0..<length).map { bits >> $0 & 1 == 1 }
                    instructions.append(.it(c, thens: thens))
                    for k in 0...length {
                        instructions.append(
                            k % 2 == 0
                                ? .data(.add, s: true, rd: .r1, rn: .r1, .immediate(1))
                                : .mov(s: false, rd: .r2, .immediate(UInt32(k))))
                    }
                }
            }
        }
        let encodings = try ITBlocks.encode(instructions)
        let (expected, errors, _) = try Self.assemble(ITBlocks.text(instructions))
        #expect(errors.isEmpty, "\(errors.prefix(300))")
        #expect(Self.bytes(encodings.flatMap { $0 }) == expected)
        #expect(instructions.count { if case .it = $0 { true } else { false } } == 14 * 15)
    }

    @Test func objdumpReadsWeftsBytesBackAsItsText() throws {
        let (instructions, _) = Self.encodable(seed: 0x7417_0002, count: Self.count / 2)
        let encodings = try ITBlocks.encode(instructions)
        let raw = encodings.map { h in
            h.count == 1
                ? ".inst.n 0x\(String(h[0], radix: 16))"
                : ".inst.w 0x\(String(UInt32(h[0]) << 16 | UInt32(h[1]), radix: 16))"
        }
        let (_, errors, disassembled) = try Self.assemble(raw, disassemble: true)
        #expect(errors.isEmpty, "\(errors.prefix(400))")
        let ours = ITBlocks.text(instructions)
        #expect(disassembled.count == ours.count)
        var differences = 0
        for (theirs, mine) in zip(disassembled, ours) where Disassembly.normalize(theirs) != Disassembly.normalize(mine)
        {
            differences += 1
            if differences <= 8 {
                Issue.record("objdump: \(Disassembly.normalize(theirs))  weft: \(Disassembly.normalize(mine))")
            }
        }
        #expect(differences == 0)
    }
}

/// Register choices the architecture leaves UNPREDICTABLE (or that encode something else)
/// are refused with a reason, so a code generator cannot emit them by accident.
@Suite struct RegisterCheckTests {
    @Test(arguments: [
        ThumbInstruction.data(.and, s: false, rd: .sp, rn: .r0, .immediate(1)),
        .data(.orr, s: false, rd: .r0, rn: .sp, .reg(.r1)),
        .data(.add, s: false, rd: .sp, rn: .r1, .immediate(4)),
        .data(.eor, s: false, rd: .r0, rn: .r1, .reg(.pc)),
        .mov(s: true, rd: .sp, .reg(.r0)),
        .mul(s: false, rd: .r0, rn: .sp, rm: .r1),
        .divide(signed: true, rd: .pc, rn: .r0, rm: .r1),
        .longMultiply(.umull, lo: .r0, hi: .r0, rn: .r1, rm: .r2),
        .bits(.clz, rd: .r0, rm: .sp),
        .movw(rd: .pc, 1),
        .load(.byte, rt: .pc, .offset(.r0, 0)),
        .store(.word, rt: .pc, .offset(.r0, 0)),
        .load(.word, rt: .r0, .postIndexed(.r0, 4)),
        .loadDual(rt: .r0, rt2: .r0, .offset(.r1, 0)),
        .loadMultiple(rn: .r0, writeback: true, RegisterList([.r0, .r1]), decrementBefore: false),
        .storeMultiple(rn: .r1, writeback: false, RegisterList([.r0, .pc]), decrementBefore: false),
        .push(RegisterList([.r4, .pc])),
        .pop(RegisterList([.lr, .pc])),
    ])
    func isRefused(_ i: ThumbInstruction) {
        #expect(throws: EncodingError.self) { try Encoder.encode(i) }
    }

    @Test func theSpecialFormsStayAllowed() throws {
        // sp arithmetic, the 16-bit mov and add of any registers, loads into pc and sp.
        for i: ThumbInstruction in [
            .data(.add, s: false, rd: .sp, rn: .sp, .immediate(8)),
            .data(.sub, s: false, rd: .r0, rn: .sp, .immediate(8)),
            .data(.add, s: false, rd: .r0, rn: .r0, .reg(.sp)), .mov(s: false, rd: .sp, .reg(.r7)),
            .mov(s: false, rd: .r8, .reg(.pc)), .load(.word, rt: .pc, .offset(.sp, 4)), .pop(RegisterList([.r4, .pc])),
            .compare(.cmp, rn: .sp, .immediate(0)),
        ] {
            _ = try Encoder.encode(i)
        }
    }
}
