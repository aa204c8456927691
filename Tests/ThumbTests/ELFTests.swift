import ELF
import Foundation
import Harness
import Testing
import Thumb

/// Objects from `ELFWriter`: `llvm-readelf -a` reads them without a warning, and `ld.lld` and
/// `arm-none-eabi-ld` link them with an object clang wrote, every relocation resolved to the
/// right place.
@Suite struct ELFTests {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// `f` calls `g` and the import `ext`, reads `table` through movw/movt; `table` (in
    /// .data) holds `g`'s address; `counter` is in .bss.
    static func sample() throws -> ObjectFile {
        var object = ObjectFile()
        let f: [ThumbInstruction] = [
            .push(RegisterList([.r4, .lr])),
            .bl(offset: -4),  // g
            .bl(offset: -4),  // ext
            .movw(rd: .r0, 0),  // :lower16:table
            .movt(rd: .r0, 0),  // :upper16:table
            .load(.word, rt: .r0, .offset(.r0, 0)),
            .pop(RegisterList([.r4, .pc])),
        ]
        let g: [ThumbInstruction] = [.data(.add, s: true, rd: .r0, rn: .r0, .immediate(1)), .bx(.lr)]
        // h tail-calls ext (b.w with R_ARM_THM_JUMP24).
        let encodedF = try ITBlocks.encode(f)
        let encodedG = try ITBlocks.encode(g)
        let encodedH = [try Encoder.wideBranch(.al, offset: -4)]
        var offsets: [UInt32] = []
        var text: [UInt8] = []
        for halfwords in encodedF + encodedG + encodedH {
            offsets.append(UInt32(text.count))
            for w in halfwords { text += [UInt8(w & 0xFF), UInt8(w >> 8)] }
        }
        object.text = text
        let gStart = offsets[f.count]
        let hStart = offsets[f.count + g.count]
        object.symbols = [
            .init(name: "f", section: .text, offset: 0, size: gStart, kind: .function),
            .init(name: "g", section: .text, offset: gStart, size: hStart - gStart, kind: .function),
            .init(name: "h", section: .text, offset: hStart, size: 4, kind: .function),
            .init(name: "ext", section: nil, kind: .none),
            .init(name: "table", section: .data, offset: 0, size: 4, kind: .object),
            .init(name: "counter", section: .bss, offset: 0, size: 4, kind: .object, global: false),
        ]
        object.data = [0, 0, 0, 0]
        object.bssSize = 4
        object.relocations = [
            .init(offset: offsets[1], symbol: "g", type: .thmCall),
            .init(offset: offsets[2], symbol: "ext", type: .thmCall),
            .init(offset: offsets[3], symbol: "table", type: .thmMovwAbsNC),
            .init(offset: offsets[4], symbol: "table", type: .thmMovtAbs),
            .init(offset: hStart, symbol: "ext", type: .thmJump24),
            .init(section: .data, offset: 0, symbol: "g", type: .abs32),
        ]
        return object
    }

    static func scratch() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("weft-elf-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func tool(_ name: String) throws -> String {
        guard let path = Subprocess.toolchain(name) ?? Subprocess.which(name) else {
            throw Failure(description: "\(name) is not installed (make deps)")
        }
        return path
    }

    @Test func readelfReadsItWithoutAWarning() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/w.o"
        try Data(try ELFWriter.write(try Self.sample())).write(to: URL(fileURLWithPath: path))
        let result = try Subprocess.run(try Self.tool("llvm-readelf"), ["-a", path])
        let out = String(decoding: result.stdout, as: UTF8.self)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty && !out.lowercased().contains("warning"), "\(result.stderr)\(out)")
        // Compared with runs of spaces collapsed.
        let words = out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for expected in [
            "Type: REL (Relocatable file)", "Machine: ARM", "Flags: 0x5000000", "R_ARM_THM_CALL 00000017 g",
            "R_ARM_THM_CALL 00000000 ext", "R_ARM_THM_MOVW_ABS_NC 00000000 table", "R_ARM_THM_MOVT_ABS 00000000 table",
            "R_ARM_ABS32 00000017 g", "R_ARM_THM_JUMP24 00000000 ext", "00000001 22 FUNC GLOBAL DEFAULT 1 f",
            "00000000 0 NOTYPE GLOBAL DEFAULT UND ext",
            "00000000 0 NOTYPE LOCAL DEFAULT 1 $t", "00000000 4 OBJECT GLOBAL DEFAULT 2 table",
        ] {
            #expect(words.contains(expected), "llvm-readelf -a lacks \(expected)")
        }
        let attributes = try Subprocess.run(try Self.tool("llvm-readelf"), ["--arch-specific", path])
        let described = String(decoding: attributes.stdout, as: UTF8.self).split(whereSeparator: \.isWhitespace)
            .joined(separator: " ")
        for expected in [
            "Value: cortex-m3", "Description: ARM v7", "Description: Microcontroller", "Description: Thumb-2",
        ] {
            #expect(described.contains(expected), "attributes lack \(expected): \(described)")
        }
    }

    /// Links the sample with an object clang assembled (defining `ext`) and checks where
    /// each relocation landed.
    @Test(arguments: ["ld.lld", "arm-none-eabi-ld"])
    func linkersResolveEveryRelocation(_ linker: String) throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(try ELFWriter.write(try Self.sample())).write(to: URL(fileURLWithPath: dir + "/w.o"))
        try """
        .syntax unified
        .thumb
        .text
        .globl ext
        .type ext, %function
        .thumb_func
        ext:
            bx lr
        .globl _start
        .thumb_func
        _start:
            b f
        .section .note.GNU-stack,"",%progbits
        """.write(toFile: dir + "/ext.s", atomically: true, encoding: .utf8)
        let assembled = try Subprocess.run(
            try Self.tool("clang"), ["--target=thumbv7m-none-eabi", "-c", dir + "/ext.s", "-o", dir + "/ext.o"])
        #expect(assembled.status == 0, "\(assembled.stderr)")
        let linked = try Subprocess.run(
            try Self.tool(linker), ["-o", dir + "/a.elf", "-Ttext=0x20000", dir + "/w.o", dir + "/ext.o"])
        #expect(linked.status == 0 && !linked.stderr.contains("warning"), "\(linker): \(linked.stderr)")
        guard linked.status == 0 else { return }
        let symbols = try Subprocess.run(try Self.tool("llvm-nm"), [dir + "/a.elf"])
        var address: [String: UInt32] = [:]
        for line in String(decoding: symbols.stdout, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 3, let v = UInt32(parts[0], radix: 16) { address[String(parts[2])] = v }
        }
        let dump = try Subprocess.run(
            try Self.tool("llvm-objdump"), ["-d", "--triple=thumbv7m-none-eabi", dir + "/a.elf"])
        let text = String(decoding: dump.stdout, as: UTF8.self)
        guard let g = address["g"], let ext = address["ext"], let table = address["table"] else {
            Issue.record("symbols missing: \(address)")
            return
        }
        #expect(text.contains(String(format: "bl\t0x%x <g>", g)), "\(text)")
        #expect(text.contains(String(format: "bl\t0x%x <ext>", ext)), "\(text)")
        #expect(text.contains(String(format: "b.w\t0x%x <ext>", ext)), "\(text)")
        #expect(text.contains(String(format: "movw\tr0, #0x%x", table & 0xFFFF)), "\(text)")
        #expect(text.contains(String(format: "movt\tr0, #0x%x", table >> 16)), "\(text)")
        // The data word holds g's address with the Thumb bit.
        let contents = try Subprocess.run(try Self.tool("llvm-objdump"), ["-s", "-j", ".data", dir + "/a.elf"])
        let word = String(
            format: "%02x%02x%02x%02x", (g | 1) & 0xFF, (g | 1) >> 8 & 0xFF, (g | 1) >> 16 & 0xFF, (g | 1) >> 24)
        #expect(String(decoding: contents.stdout, as: UTF8.self).contains(word), "\(word)")
    }

    @Test func aRelocationAgainstAnUnknownSymbolIsAnError() throws {
        var object = try Self.sample()
        object.relocations.append(.init(offset: 0, symbol: "missing", type: .thmCall))
        #expect(throws: ELFError.self) { try ELFWriter.write(object) }
    }
}
