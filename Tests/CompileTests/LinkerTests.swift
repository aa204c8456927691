import Compile
import ELF
import Foundation
import Harness
import Testing
import WAT
import WasmDecode

/// weft's objects linked by GNU ld (`arm-none-eabi-ld`) and by LLVM's (`ld.lld`): every
/// relocation weft emits resolves to the same place by either, by ELF for the Arm
/// Architecture's formulas (a Thumb function's address has its low bit set; a `bl` or `b.w`
/// reaches the function itself).
@Suite struct LinkerTests {
    /// Calls (`bl`), a tail call (`b.w`), a helper call (`__aeabi_ldivmod`), literal-pool
    /// addresses of the memory, a global and the tables, the function records' words, the
    /// read-only table's and the written table's words (`.rodata`, `.data`) and a funcref
    /// global's (`.data`).
    static let wat = """
        (module
          (type $u (func (param i32) (result i32)))
          (import "env" "ext" (func $ext (param i32) (result i32)))
          (memory 1)
          (global $count (mut i32) (i32.const 0))
          (table 4 funcref)
          (elem (i32.const 0) $inc $ext $triple)
          (table $w 2 funcref)
          (elem (table $w) (i32.const 0) func $inc)
          (global $fr (mut funcref) (ref.func $triple))
          (func (export "store") (param i32) (table.set $w (local.get 0) (global.get $fr)))
          (func (export "via") (param i32 i32) (result i32) (call_indirect $w (type $u) (local.get 0) (local.get 1)))
          (func $inc (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
          (func $triple (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
          (func (export "indirect") (param i32 i32) (result i32)
            (global.set $count (i32.add (global.get $count) (i32.const 1)))
            (call_indirect (type $u) (local.get 0) (local.get 1)))
          (func (export "direct") (param i32) (result i32)
            (i32.store (i32.const 16) (call $ext (local.get 0)))
            (call $triple (call $inc (local.get 0))))
          (func (export "tail") (param i32) (result i32) (call $inc (i32.add (local.get 0) (i32.const 2))))
          (func (export "divide") (param i64 i64) (result i64) (i64.div_s (local.get 0) (local.get 1))))
        """

    /// The value a relocation of `type` at `place` resolved to in `image`, decoded from the
    /// instruction or word there: a word, a branch's target, or a `movw`/`movt` immediate.
    static func resolved(_ type: UInt8, at place: UInt32, in image: ELFFile) -> UInt32? {
        guard
            let section = image.sections.first(where: {
                $0.isAllocated && !$0.isNoBits && place >= $0.address && place + 4 <= $0.address + $0.size
            })
        else { return nil }
        let at = Int(place - section.address)
        let word = LittleEndian.word(section.bytes, at: at)
        let hi = UInt32(LittleEndian.halfword(section.bytes, at: at))
        let lo = UInt32(LittleEndian.halfword(section.bytes, at: at + 2))
        switch type {
        case 2: return word
        case 10, 30:
            // BL / B.W (T4): S:I1:I2:imm10:imm11:0, I = not(J xor S).
            let s = hi >> 10 & 1
            let i1 = ~(lo >> 13 ^ s) & 1
            let i2 = ~(lo >> 11 ^ s) & 1
            let raw = s << 24 | i1 << 23 | i2 << 22 | (hi & 0x3FF) << 12 | (lo & 0x7FF) << 1
            let offset = Int32(bitPattern: raw << 7) >> 7
            return UInt32(bitPattern: Int32(bitPattern: place &+ 4) &+ offset)
        case 47, 48:
            // MOVW / MOVT (T3): imm4:i:imm3:imm8.
            return (hi & 0xF) << 12 | (hi >> 10 & 1) << 11 | (lo >> 12 & 7) << 8 | lo & 0xFF
        default: return nil
        }
    }

    /// What a relocation of `type` against a symbol whose image value is `s` must resolve to.
    static func expected(_ type: UInt8, symbol s: UInt32) -> UInt32 {
        switch type {
        case 10, 30: s & ~1
        case 47: s & 0xFFFF
        case 48: s >> 16
        default: s
        }
    }

    /// Each relocation of weft's object, found in each linked image (its section placed by a
    /// symbol defined in it), holds what the formulas give for its symbol's address in that
    /// image: the two linkers agree on every one, of every type weft emits.
    @Test func everyRelocationResolvesAlikeByBothLinkers() throws {
        let module = try WasmDecoder.decode(try wat2wasm(Self.wat), file: "relocations.wat")
        let images = try CompiledInstance.linked(module: module, memory: .checked)
        let object = images[0].compiled.object
        var types: Set<ObjectFile.RelocationType> = []
        for image in images {
            let linked = try ELFFile(image.image)
            var address: [String: UInt32] = [:]
            for symbol in linked.symbols
            where symbol.section != 0 && !symbol.name.isEmpty && !symbol.name.hasPrefix("$") {
                if address[symbol.name] == nil { address[symbol.name] = symbol.value }
            }
            for r in object.relocations {
                types.insert(r.type)
                // Where the section landed: by any symbol defined in it (a function's value
                // has the Thumb bit, its offset not).
                guard let anchor = object.symbols.first(where: { $0.section == r.section }),
                    let placed = address[anchor.name]
                else {
                    Issue.record("\(image.linker): section \(r.section) not found in the image")
                    continue
                }
                let base = placed &- anchor.offset &- (anchor.kind == .function ? 1 : 0)
                guard let s = address[r.symbol] else {
                    Issue.record("\(image.linker): \(r.symbol) is not in the image")
                    continue
                }
                let got = Self.resolved(r.type.rawValue, at: base &+ r.offset, in: linked)
                let want = Self.expected(r.type.rawValue, symbol: s)
                let place = "\(r.section)+0x\(String(r.offset, radix: 16))"
                let values = "0x\(String(got ?? 0, radix: 16)), not 0x\(String(want, radix: 16))"
                #expect(got == want, "\(image.linker): \(r.type) against \(r.symbol) at \(place): \(values)")
            }
        }
        #expect(types.isSuperset(of: [.abs32, .thmCall, .thmJump24]), "relocation types seen: \(types)")

        for image in images {
            #expect(try image.invoke("indirect", [4, 0]) == .values([5]), "\(image.linker)")
            #expect(try image.invoke("indirect", [4, 2]) == .values([12]), "\(image.linker)")
            #expect(try image.invoke("indirect", [4, 3]) == .trap, "\(image.linker)")
            #expect(try image.invoke("direct", [4]) == .values([15]), "\(image.linker)")
            #expect(try image.invoke("via", [4, 0]) == .values([5]), "\(image.linker)")
            #expect(try image.invoke("via", [4, 1]) == .trap, "\(image.linker)")
            #expect(try image.invoke("store", [1]) == .values([]), "\(image.linker)")
            #expect(try image.invoke("via", [4, 1]) == .values([12]), "\(image.linker)")
            #expect(try image.invoke("tail", [4]) == .values([7]), "\(image.linker)")
            let quotient = try image.invoke("divide", [UInt64(bitPattern: -12), 5])
            #expect(quotient == .values([UInt64(bitPattern: -2)]), "\(image.linker)")
        }
    }

    /// One object with a table, linked by GNU ld and by ld.lld: the two images' `weft_table`
    /// words (each a funcref: its function's record, or 0) point to records that are equal word
    /// by word, each record's address odd (a Thumb address: `blx` on an even one
    /// would switch to the Arm state and fault) and its function's address plus one, and
    /// `call_indirect` runs through each entry in both.
    @Test func bothLinkersWriteTheSameTableOfThumbAddresses() throws {
        let wat = """
            (module
              (type $u (func (param i32) (result i32)))
              (type $b (func (param i32 i32) (result i32)))
              (import "env" "ext" (func $ext (param i32) (result i32)))
              (table 6 funcref)
              (elem (i32.const 0) $inc $triple $ext $sub $dec)
              (func $inc (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
              (func $triple (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
              (func $sub (param i32 i32) (result i32) (i32.sub (local.get 0) (local.get 1)))
              (func $dec (param i32) (result i32) (i32.sub (local.get 0) (i32.const 1)))
              (func (export "run") (param i32 i32) (result i32)
                (call_indirect (type $u) (local.get 0) (local.get 1))))
            """
        let module = try WasmDecoder.decode(try wat2wasm(wat), file: "table.wat")
        let images = try CompiledInstance.linked(module: module, memory: .checked)
        var tables: [[UInt32]] = []
        for image in images {
            let file = try ELFFile(image.image)
            guard let table = file.symbols.first(where: { $0.name == "weft_table" }) else {
                Issue.record("\(image.linker): no weft_table")
                return
            }
            #expect(table.size == 6 * 4, "\(image.linker): weft_table has \(table.size) bytes")
            let entries = try (0..<Int(table.size) / 4).map { try image.machine.word(at: table.value + UInt32(4 * $0)) }
            // Each entry's record: the function's address (its symbol value, which has the
            // Thumb bit), then its signature id.
            let functions = Dictionary(
                file.symbols.filter { $0.type == 2 }.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
            var words: [UInt32] = []  // the records' words: where each record lies may differ
            for (slot, index) in [1, 2, 0, 3, 4].enumerated() {
                let symbol = image.compiled.functionSymbols[index]
                let record = entries[slot]
                #expect(record != 0, "\(image.linker): entry \(slot) (\(symbol)) is null")
                let address = try image.machine.word(at: record)
                words += [address, try image.machine.word(at: record + 4)]
                #expect(
                    address & 1 == 1, "\(image.linker): entry \(slot) (\(symbol)) is 0x\(String(address, radix: 16))")
                #expect(address == functions[symbol], "\(image.linker): entry \(slot) is not \(symbol)'s address")
            }
            #expect(entries[5] == 0, "\(image.linker): the null entry")
            tables.append(words)
        }
        #expect(tables.count == 2)
        if tables.count == 2 {
            for k in tables[0].indices where tables[0][k] != tables[1][k] {
                Issue.record(
                    "word \(k): arm-none-eabi-ld 0x\(String(tables[0][k], radix: 16)), ld.lld 0x\(String(tables[1][k], radix: 16))"
                )
            }
        }
        for image in images {
            #expect(try image.invoke("run", [10, 0]) == .values([11]), "\(image.linker)")
            #expect(try image.invoke("run", [10, 1]) == .values([30]), "\(image.linker)")
            #expect(try image.invoke("run", [10, 2]) == .values([0]), "\(image.linker)")  // the stub import
            #expect(try image.invoke("run", [10, 3]) == .trap, "\(image.linker)")  // another type
            #expect(try image.invoke("run", [10, 4]) == .values([9]), "\(image.linker)")
            #expect(try image.invoke("run", [10, 5]) == .trap, "\(image.linker)")  // null
            #expect(try image.invoke("run", [10, 6]) == .trap, "\(image.linker)")  // out of bounds
        }
    }

}
