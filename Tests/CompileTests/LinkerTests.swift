import Compile
import ELF
import Foundation
import Harness
import Testing
import Thumb
import ThumbHarness
import WAT
import WasmDecode
import WasmModel

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
          (func (export "divide") (param i64 i64) (result i64) (i64.div_s (local.get 0) (local.get 1)))
          (func (export "fixed") (param i32) (result i32)
            (i32.store (i32.const 0x404) (local.get 0))
            (i64.store (i32.const 0x1238) (i64.extend_i32_u (local.get 0)))
            (i32.add (i32.load (i32.const 0x404)) (i32.load (i32.const 0x1238)))))
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

    /// What a relocation of `type` against a symbol whose image value is `s` must resolve to,
    /// with the addend `a` the place held (REL).
    static func expected(_ type: UInt8, symbol s: UInt32, addend a: UInt32 = 0) -> UInt32 {
        switch type {
        case 10, 30: s & ~1
        case 47: (s &+ a) & 0xFFFF
        case 48: (s &+ a) >> 16
        default: s &+ a
        }
    }

    /// The addend a REL place of `type` holds in `bytes` at `offset`: an `R_ARM_ABS32` word's
    /// value, a `movw`/`movt` immediate read as signed 16 bits; 0 for branches (whose -4 is
    /// the pc bias).
    static func addend(_ type: UInt8, at offset: Int, in bytes: [UInt8]) -> UInt32 {
        switch type {
        case 2: return LittleEndian.word(bytes, at: offset)
        case 47, 48:
            let hi = UInt32(LittleEndian.halfword(bytes, at: offset))
            let lo = UInt32(LittleEndian.halfword(bytes, at: offset + 2))
            let imm = (hi & 0xF) << 12 | (hi >> 10 & 1) << 11 | (lo >> 12 & 7) << 8 | lo & 0xFF
            return UInt32(bitPattern: Int32(Int16(bitPattern: UInt16(imm))))
        default: return 0
        }
    }

    /// Each relocation of weft's object, found in each linked image (its section placed by a
    /// symbol defined in it), holds what the formulas give for its symbol's address (plus the
    /// addend the place holds) in that image: the two linkers agree on every one, of every
    /// type weft emits. Under `linked` the fixed addresses are `weft_memory + offset` words.
    @Test(arguments: [MemoryModel.checked, .linked])
    func everyRelocationResolvesAlikeByBothLinkers(_ memory: MemoryModel) throws {
        let module = try WasmDecoder.decode(try wat2wasm(Self.wat), file: "relocations.wat")
        let images = try CompiledInstance.linked(module: module, memory: memory)
        let object = images[0].compiled.object
        var types: Set<ObjectFile.RelocationType> = []
        if memory == .linked {
            let addends = object.relocations.filter { $0.symbol == "weft_memory" }.map {
                Self.addend($0.type.rawValue, at: Int($0.offset), in: object.bytes(of: $0.section))
            }
            // Each fixed address is reached from a relocated base within the 12-bit offset, and
            // some base carries an addend (where bases are placed is the compiler's choice).
            for address: UInt32 in [0x404, 0x1238, 0x123C] {
                #expect(
                    addends.contains { $0 <= address && address - $0 <= 4095 },
                    "0x\(String(address, radix: 16)): \(addends)")
            }
            #expect(addends.contains { $0 != 0 }, "weft_memory + \(addends)")
        }
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
                let a = Self.addend(r.type.rawValue, at: Int(r.offset), in: object.bytes(of: r.section))
                let want = Self.expected(r.type.rawValue, symbol: s, addend: a)
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
            #expect(try image.invoke("fixed", [7]) == .values([14]), "\(image.linker)")
            #expect(try image.read(4, at: 0x404) == [7, 0, 0, 0], "\(image.linker)")
        }
    }

    /// The symbol + addend forms `linked` memory uses, laid out by `Thumb.Layout` and linked by
    /// both linkers: literal words (`R_ARM_ABS32`, the word holds the addend: any 32-bit
    /// value, negative ones wrapping) and `movw`/`movt` pairs (`R_ARM_THM_MOVW_ABS_NC` /
    /// `MOVT_ABS`, both immediates hold the addend, a signed 16-bit value); the loaded values
    /// run in the machine are the symbol's address plus the addend.
    @Test func symbolPlusAddendFormsResolveAlikeByBothLinkers() throws {
        let words: [UInt32] = [0, 4, 0x1230, 0x0001_2345, 0xFFFF_FFF0]
        let pairs: [Int32] = [0, 0x404, 0x7FFF, -8, -32768]
        #expect(Layout.movwAddend(0x8000) == nil && Layout.movwAddend(0xFFFF_8000) == -32768)
        var functions: [(String, [Item])] = []
        for (k, a) in words.enumerated() {
            functions.append(("word\(k)", [.symbolConstant(.r0, "target", addend: a), .instruction(.bx(.lr)), .pool]))
        }
        for (k, a) in pairs.enumerated() {
            functions.append(("pair\(k)", [.address(.r0, "target", addend: a), .instruction(.bx(.lr)), .pool]))
        }
        var object = ObjectFile()
        for (name, items) in functions {
            var layout = Layout(items)
            object.appendFunction(try layout.assemble(), symbol: name)
        }
        object.bssSize = 0x2000
        object.symbols.append(.init(name: "target", section: .bss, offset: 0x1000, size: 16, kind: .object))
        let bytes = try ELFWriter.write(object)
        for linker in CompiledInstance.Linker.allCases {
            let (image, _) = try CompiledInstance.link(
                bytes, module: WasmModel.Module(), undefined: [], memory: .linked, linker: linker)
            let machine = try Machine()
            try machine.load(image: image)
            guard let target = machine.symbols["target"] else {
                Issue.record("\(linker): no target")
                continue
            }
            for (k, a) in words.enumerated() {
                let got = try machine.call("word\(k)")
                #expect(Self.r0(got) == target &+ a, "\(linker) word \(k)")
            }
            for (k, a) in pairs.enumerated() {
                let got = Self.r0(try machine.call("pair\(k)"))
                #expect(
                    got == target &+ UInt32(bitPattern: a),
                    "\(linker) pair \(k): \(got.map { String($0, radix: 16) } ?? "-")")
            }
        }
    }

    static func r0(_ outcome: Machine.Outcome) -> UInt32? {
        if case .returned(let r0, _) = outcome { return r0 }
        return nil
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

    /// weft's objects pass no enum (Wasm has none) and carry no `Tag_ABI_enum_size`, so GNU ld
    /// links one with arm-none-eabi-gcc's objects (variable-size enums, its default) and with
    /// clang's (32-bit enums), in either order, without warning that one "uses 32-bit enums
    /// yet the output is to use variable-size enums"; ld.lld links them without a word too.
    /// The gcc and clang objects linked together do get the warning: the check sees it.
    @Test func linkingWithGCCOrClangObjectsGivesNoEnumSizeWarning() throws {
        guard let gnu = CompiledInstance.Linker.gnu.path, let lld = CompiledInstance.Linker.lld.path,
            let gcc = Subprocess.which("arm-none-eabi-gcc"), let clang = Subprocess.toolchain("clang")
        else {
            try Test.cancel("arm-none-eabi-gcc, arm-none-eabi-ld, clang and ld.lld are needed (make deps)")
        }
        let scratch = ScratchSpace("weft-attributes")
        // No helper calls: libgcc (built by gcc, variable-size enums) stays out of the links.
        let wat = """
            (module
              (import "env" "ext" (func $ext (param i32) (result i32)))
              (memory 1)
              (func (export "f") (param i32) (result i32)
                (i32.store (i32.const 16) (local.get 0))
                (call $ext (local.get 0))))
            """
        let module = try WasmDecoder.decode(try wat2wasm(wat), file: "enums.wat")
        let weft = scratch.path("weft.o")
        try Data(try CompiledInstance.compile(module, memory: .linked).object).write(to: URL(fileURLWithPath: weft))
        // C passing an enum, defining the module's import `ext`.
        let source = scratch.path("mode.c")
        try
            "enum mode { OFF, ON }; enum mode mode_of(int x) { return x ? ON : OFF; } int EXT(int x) { return (int)mode_of(x); }"
            .write(toFile: source, atomically: true, encoding: .utf8)
        let gccObject = scratch.path("gcc.o")
        let clangObject = scratch.path("clang.o")
        for (compiler, arguments) in [
            (gcc, ["-mcpu=cortex-m3", "-mthumb", "-Os", "-DEXT=ext", "-c", source, "-o", gccObject]),
            (
                clang,
                [
                    "--target=thumbv7m-none-eabi", "-mcpu=cortex-m3", "-Oz", "-DEXT=ext", "-c", source, "-o",
                    clangObject,
                ]
            ),
        ] {
            let compiled = try Subprocess.run(compiler, arguments)
            #expect(compiled.status == 0, "\(compiler): \(compiled.stderr)")
        }
        /// The linker's messages linking `objects` into an image.
        func link(_ linker: String, _ objects: [String], _ options: [String] = []) throws -> String {
            let out = scratch.path("image.elf")
            let linked = try Subprocess.run(
                linker, ["-o", out, "-Ttext=0x8000000", "-e", "0x8000000"] + options + objects)
            #expect(linked.status == 0, "\(linker) \(objects): \(linked.stderr)")
            return linked.stderr
        }
        for objects in [[weft, gccObject], [gccObject, weft], [weft, clangObject], [clangObject, weft]] {
            let messages = try link(gnu, objects)
            let names = objects.map { $0.split(separator: "-").last ?? "" }
            #expect(!messages.contains("enums yet the output"), "\(names): \(messages)")
        }
        // Both define `ext`: the first one is taken.
        let mixed = try link(gnu, [gccObject, clangObject], ["-z", "muldefs"])
        #expect(mixed.contains("enums yet the output"), "the check would not see the warning: \(mixed)")
        #expect(try link(lld, [weft, gccObject]).isEmpty)
    }
}
