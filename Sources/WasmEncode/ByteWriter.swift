/// An append-only byte buffer with the Wasm binary primitives: minimal LEB128 integers,
/// little-endian floats, length-prefixed names and vectors.
///
/// Invariant: every integer is written in its shortest LEB128 form.
public struct ByteWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func byte(_ b: UInt8) { bytes.append(b) }
    public mutating func append(_ bs: some Sequence<UInt8>) { bytes.append(contentsOf: bs) }

    public mutating func unsigned(_ value: UInt64) {
        var v = value
        repeat {
            var b = UInt8(v & 0x7F)
            v >>= 7
            if v != 0 { b |= 0x80 }
            bytes.append(b)
        } while v != 0
    }

    public mutating func unsigned(_ value: UInt32) { unsigned(UInt64(value)) }
    public mutating func unsigned(_ value: Int) { unsigned(UInt64(value)) }

    public mutating func signed(_ value: Int64) {
        var v = value
        while true {
            let b = UInt8(truncatingIfNeeded: v) & 0x7F
            v >>= 7
            let done = (v == 0 && b & 0x40 == 0) || (v == -1 && b & 0x40 != 0)
            bytes.append(done ? b : b | 0x80)
            if done { return }
        }
    }

    public mutating func fixed32(_ value: UInt32) {
        for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt32(i)))) }
    }

    public mutating func fixed64(_ value: UInt64) {
        for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))) }
    }

    public mutating func name(_ s: String) {
        let utf8 = Array(s.utf8)
        unsigned(utf8.count)
        bytes.append(contentsOf: utf8)
    }

    /// Writes `content` prefixed by its byte length.
    public mutating func sized(_ content: (inout ByteWriter) -> Void) {
        var inner = ByteWriter()
        content(&inner)
        unsigned(inner.bytes.count)
        bytes.append(contentsOf: inner.bytes)
    }

    public mutating func vector<C: Collection>(
        _ items: C, _ each: (inout ByteWriter, C.Element) -> Void
    ) {
        unsigned(items.count)
        for item in items { each(&self, item) }
    }
}

/// Sizes of LEB128 encodings, for cost models that count bytes without writing them.
public enum LEB128 {
    public static func unsignedSize(_ value: UInt64) -> Int {
        var v = value >> 7
        var n = 1
        while v != 0 {
            v >>= 7
            n += 1
        }
        return n
    }

    public static func signedSize(_ value: Int64) -> Int {
        var w = ByteWriter()
        w.signed(value)
        return w.bytes.count
    }
}
