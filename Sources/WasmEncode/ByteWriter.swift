import WasmModel

/// An append-only byte buffer with the Wasm binary primitives: minimal LEB128 integers,
/// little-endian floats, length-prefixed names and vectors.
///
/// Invariant: every integer is written in its shortest LEB128 form.
public struct ByteWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func byte(_ b: UInt8) { bytes.append(b) }
    public mutating func append(_ bs: some Sequence<UInt8>) { bytes.append(contentsOf: bs) }

    public mutating func unsigned(_ value: UInt64) { LEB128.encodeUnsigned(value, into: &bytes) }

    public mutating func unsigned(_ value: UInt32) { unsigned(UInt64(value)) }
    public mutating func unsigned(_ value: Int) { unsigned(UInt64(value)) }

    public mutating func signed(_ value: Int64) { LEB128.encodeSigned(value, into: &bytes) }

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
