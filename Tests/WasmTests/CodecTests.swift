import Testing
import WasmDecode
import WasmEncode
import WasmModel

/// Decoding and encoding: round trips, minimal LEB128, kept custom and name sections, and
/// one-line errors with offsets or line:col for bad input.
@Suite struct CodecTests {
    static let sample = """
        (module $m
          (type $t (func (param i32 i32) (result i32)))
          (import "env" "f" (func $imp (param i32)))
          (memory 1 2)
          (table 2 funcref)
          (global $g (mut i32) (i32.const 1000000))
          (func $add (type $t) (local i64 i64 f32)
            (i32.add (local.get 0) (local.get 1)))
          (func $multi (param i32) (result i32 i64)
            (block (param i32) (result i32 i64)
              (i64.const -1))
          )
          (func (export "run") (result i32)
            (call $add (i32.const -129) (global.get $g))
            (i32.load16_u offset=4 align=1 (i32.const 8))
            i32.add
            (memory.fill (i32.const 0) (i32.const 0) (i32.const 0))
            (i32.trunc_sat_f32_s (f32.const 1.5)) i32.add
            (i32.extend8_s) )
          (elem (i32.const 0) $add $add)
          (data (i32.const 16) "hello")
        )
        """

    @Test func textRoundTripsThroughBinary() throws {
        let module = try WasmDecoder.decode(text: Self.sample, file: "sample.wat")
        #expect(module.types.count >= 2)
        #expect(module.imports.count == 1)
        #expect(module.functions.count == 3)
        #expect(module.names?.functions[1] == "add")
        #expect(module.names?.module == "m")
        let bytes = WasmEncoder.encode(module)
        var again = try WasmDecoder.decode(binary: bytes, file: "out.wasm")
        again.sourceMap = nil
        #expect(again == module)
        #expect(WasmEncoder.encode(again) == bytes)
    }

    @Test func localsAreWrittenAsRuns() throws {
        let module = try WasmDecoder.decode(text: Self.sample, file: "sample.wat")
        #expect(module.functions[0].locals == [.i64, .i64, .f32])
    }

    @Test func lebIsMinimal() {
        var w = ByteWriter()
        w.unsigned(UInt64(0))
        w.unsigned(UInt64(127))
        w.unsigned(UInt64(128))
        w.signed(-1)
        w.signed(63)
        w.signed(64)
        w.signed(-64)
        w.signed(-65)
        w.signed(Int64(Int32.min))
        #expect(
            w.bytes == [
                0x00, 0x7F, 0x80, 0x01, 0x7F, 0x3F, 0xC0, 0x00, 0x40, 0xBF, 0x7F, 0x80, 0x80, 0x80, 0x80,
                0x78,
            ])
        #expect(LEB128.unsignedSize(0) == 1)
        #expect(LEB128.unsignedSize(16_384) == 3)
        #expect(LEB128.signedSize(-65) == 2)
    }

    /// A non-minimal LEB128 in the input (`0x81 0x00` for 1) comes out minimal.
    @Test func paddedLebIsReencodedMinimally() throws {
        let input: [UInt8] = [
            0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
            0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7F,  // type: [] -> [i32]
            0x03, 0x02, 0x01, 0x00,  // func 0: type 0
            0x0A, 0x08, 0x01, 0x06, 0x00, 0x41, 0x81, 0x80, 0x00, 0x0B,  // i32.const 1 (padded)
        ]
        let module = try WasmDecoder.decode(binary: input, file: "padded.wasm")
        #expect(module.functions[0].body == [.i32Const(1), .end])
        let output = WasmEncoder.encode(module)
        #expect(output.count == input.count - 2)
        #expect(Array(output.suffix(8)) == [0x0A, 0x06, 0x01, 0x04, 0x00, 0x41, 0x01, 0x0B])
    }

    @Test func customSectionsKeepTheirPlace() throws {
        var module = try WasmDecoder.decode(text: "(module (func))", file: "a.wat")
        module.customSections = [
            CustomSection(name: "first", bytes: [1, 2, 3], after: 0),
            CustomSection(name: "after-type", bytes: [4], after: 1),
            CustomSection(name: "last", bytes: [], after: 11),
        ]
        let bytes = WasmEncoder.encode(module)
        let decoded = try WasmDecoder.decode(binary: bytes, file: "b.wasm")
        #expect(
            decoded.customSections
                == module.customSections.map { c in
                    // A section that followed a now-absent standard section stays in order.
                    CustomSection(name: c.name, bytes: c.bytes, after: c.name == "last" ? 10 : c.after)
                })
        // The first custom section comes right after the header.
        #expect(bytes[8] == 0)
    }

    // MARK: Bad input

    static func error(_ bytes: [UInt8]) -> WasmError? {
        do {
            _ = try WasmDecoder.decode(binary: bytes, file: "bad.wasm")
            return nil
        } catch {
            return error
        }
    }

    @Test func wrongMagic() {
        let e = Self.error([0x00, 0x61, 0x73, 0x6E, 1, 0, 0, 0])
        #expect(e?.description == "bad.wasm: offset 0x0: expected the magic number \\0asm")
    }

    @Test func wrongVersion() throws {
        let e = try #require(Self.error([0x00, 0x61, 0x73, 0x6D, 2, 0, 0, 0]))
        #expect(e.description.hasPrefix("bad.wasm: offset 0x"))
        #expect(e.description.lowercased().contains("version"))
    }

    @Test func truncated() throws {
        let module = try WasmDecoder.decode(text: Self.sample, file: "s.wat")
        let bytes = WasmEncoder.encode(module)
        for cut in [9, 20, bytes.count / 2, bytes.count - 1] {
            let e = try #require(Self.error(Array(bytes.prefix(cut))), "cut at \(cut)")
            #expect(e.description.hasPrefix("bad.wasm: offset 0x"), "\(e)")
            #expect(!e.description.contains("\n"))
        }
    }

    @Test func badLeb() throws {
        // A type section whose size is a LEB128 that never ends.
        let e = try #require(
            Self.error([0x00, 0x61, 0x73, 0x6D, 1, 0, 0, 0, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]))
        #expect(e.description.hasPrefix("bad.wasm: offset 0x"))
    }

    /// Malformed limits, over-long integers and later proposals' encodings: one line with the
    /// file and offset, saying what was expected or which proposal it is, no Swift debug text.
    @Test(
        arguments: [
            ([0x05, 0x04, 0x01, 0x03, 0x01, 0x01], "shared memory (the threads proposal)"),
            ([0x05, 0x04, 0x01, 0x04, 0x01, 0x01], "64-bit memory (the memory64 proposal)"),
            ([0x05, 0x04, 0x01, 0x09, 0x01, 0x01], "malformed limits: flags 9, expected 0"),
            ([0x05, 0x08, 0x01, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], "malformed LEB128 integer"),
            ([0x0D, 0x03, 0x01, 0x00, 0x00], "the tag section (the exception-handling proposal)"),
            ([0x01, 0x04, 0x01, 0x5F, 0x00, 0x00], "GC types (the GC proposal)"),
            ([0x01, 0x04, 0x01, 0x61, 0x00, 0x00], "malformed type: form 0x61, expected 0x60"),
            (
                [
                    0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7F, 0x03, 0x02, 0x01, 0x00, 0x0A, 0x16, 0x01, 0x14, 0x00,
                    0xFD,
                    0x0C, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00,
                    0x00,
                    0x0B,
                ], "v128.const is not supported (the SIMD proposal)"
            ),
        ] as [([UInt8], String)])
    func laterProposalsAndMalformedInputGetOneReadableLine(_ section: [UInt8], _ expected: String) throws {
        let e = try #require(Self.error([0x00, 0x61, 0x73, 0x6D, 1, 0, 0, 0] + section))
        #expect(e.description.hasPrefix("bad.wasm: offset 0x"), "\(e)")
        #expect(e.description.contains(expected), "\(e)")
        for debug in ["message(", "Message(", "integerRepresentation", "\n"] {
            #expect(!e.description.contains(debug), "\(e)")
        }
    }

    @Test func malformedTextNamesLineAndColumn() throws {
        do {
            _ = try WasmDecoder.decode(
                text: "(module\n  (func (i32.add (i32.const 1) (i32.bogus))))", file: "bad.wat")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("bad.wat:2:"), "\(error)")
        }
    }

    @Test func decodesFromAutodetectedBytes() throws {
        let text = try WasmDecoder.decode(Array("  (module (func))".utf8), file: "x")
        #expect(text.functions.count == 1)
        let binary = try WasmDecoder.decode(WasmEncoder.encode(text), file: "y")
        #expect(binary.functions.count == 1)
    }
}
