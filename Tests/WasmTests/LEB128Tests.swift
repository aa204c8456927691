import Testing
import WasmModel

/// `LEB128`, the one implementation of Wasm's variable-length integers: known encodings
/// written as hex, sizes at the 7-bit boundaries, and decoding that refuses truncated or
/// over-long input.
@Suite struct LEB128Tests {
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }
            .joined(separator: " ")
    }

    static func bytes(_ hex: String) -> [UInt8] {
        hex.split(separator: " ").compactMap { UInt8($0, radix: 16) }
    }

    @Test(arguments: [
        (UInt64(0), "00"), (1, "01"), (127, "7f"), (128, "80 01"), (300, "ac 02"), (16_383, "ff 7f"),
        (16_384, "80 80 01"), (624_485, "e5 8e 26"), (0xFFFF_FFFF, "ff ff ff ff 0f"),
        (.max, "ff ff ff ff ff ff ff ff ff 01"),
    ])
    func unsignedVectors(_ value: UInt64, _ expected: String) {
        #expect(Self.hex(LEB128.unsigned(value)) == expected)
        #expect(LEB128.unsignedSize(value) == Self.bytes(expected).count)
        var i = 0
        #expect(LEB128.decodeUnsigned(Self.bytes(expected), at: &i, maxBytes: 10) == value)
        #expect(i == Self.bytes(expected).count)
    }

    @Test(arguments: [
        (Int64(0), "00"), (1, "01"), (-1, "7f"), (63, "3f"), (64, "c0 00"), (-64, "40"), (-65, "bf 7f"),
        (8191, "ff 3f"), (8192, "80 c0 00"), (-8192, "80 40"), (-8193, "ff bf 7f"), (-123_456, "c0 bb 78"),
        (Int64(Int32.min), "80 80 80 80 78"), (.min, "80 80 80 80 80 80 80 80 80 7f"),
        (.max, "ff ff ff ff ff ff ff ff ff 00"),
    ])
    func signedVectors(_ value: Int64, _ expected: String) {
        #expect(Self.hex(LEB128.signed(value)) == expected)
        #expect(LEB128.signedSize(value) == Self.bytes(expected).count)
    }

    /// Sizes change exactly where a value needs one more group of seven bits (for signed
    /// values, one more including the sign bit).
    @Test func sizesAtTheSevenBitBoundaries() {
        for k in 1...9 {
            let boundary = UInt64(1) << UInt64(7 * k)
            #expect(LEB128.unsignedSize(boundary - 1) == k)
            #expect(LEB128.unsignedSize(boundary) == k + 1)
            let half = Int64(1) << Int64(7 * k - 1)
            #expect(LEB128.signedSize(half - 1) == k)
            #expect(LEB128.signedSize(half) == k + 1)
            #expect(LEB128.signedSize(-half) == k)
            #expect(LEB128.signedSize(-half - 1) == k + 1)
        }
    }

    @Test func appendingKeepsWhatWasThere() {
        var bytes: [UInt8] = [0xAA]
        LEB128.encodeUnsigned(624_485, into: &bytes)
        LEB128.encodeSigned(-123_456, into: &bytes)
        #expect(Self.hex(bytes) == "aa e5 8e 26 c0 bb 78")
    }

    @Test func decodingReadsFromTheIndexAndStopsAtTheLastByte() {
        let input = Self.bytes("aa e5 8e 26 05")
        var i = 1
        #expect(LEB128.decodeUnsigned(input, at: &i, maxBytes: 5) == 624_485)
        #expect(i == 4)
        #expect(LEB128.decodeUnsigned(input, at: &i, maxBytes: 5) == 5)
        #expect(i == 5)
        // A padded (non-minimal) encoding still decodes.
        var j = 0
        #expect(LEB128.decodeUnsigned(Self.bytes("81 80 00"), at: &j, maxBytes: 5) == 1)
        #expect(j == 3)
        // An ArraySlice keeps its parent's indices.
        let slice = input[1...]
        var k = 1
        #expect(LEB128.decodeUnsigned(slice, at: &k, maxBytes: 5) == 624_485)
    }

    @Test func truncatedOrOverlongInputIsRefused() {
        var i = 0
        #expect(LEB128.decodeUnsigned(Self.bytes("e5 8e"), at: &i, maxBytes: 5) == nil)
        #expect(i == 0)
        #expect(LEB128.decodeUnsigned([UInt8](), at: &i, maxBytes: 5) == nil)
        #expect(LEB128.decodeUnsigned(Self.bytes("80 80 80 80 80 00"), at: &i, maxBytes: 5) == nil)
        #expect(i == 0)
        #expect(LEB128.decodeUnsigned(Self.bytes("80 80 80 80 80 00"), at: &i, maxBytes: 6) == 0)
        #expect(i == 6)
        var past = 3
        #expect(LEB128.decodeUnsigned(Self.bytes("01"), at: &past, maxBytes: 5) == nil)
        #expect(past == 3)
    }

    /// Signed decoding sign-extends from the last byte read, padded encodings included (the
    /// linker's 5-byte relocatable immediates).
    @Test func signedDecodingExtendsTheSignOfItsLastByte() {
        for (hex, value) in [
            ("7f", Int64(-1)), ("80 7f", -128), ("3f", 63), ("c0 00", 64), ("80 80 80 80 00", 0),
            ("ff ff ff ff 0f", 0xFFFF_FFFF), ("80 80 80 80 78", Int64(Int32.min)),
            ("80 80 80 80 80 80 80 80 80 7f", Int64.min),
        ] {
            var index = 0
            #expect(LEB128.decodeSigned(Self.bytes(hex), at: &index, maxBytes: 10) == value, "\(hex)")
            #expect(index == Self.bytes(hex).count)
        }
        var index = 0
        #expect(LEB128.decodeSigned(Self.bytes("80 80"), at: &index, maxBytes: 10) == nil && index == 0)
    }
}
