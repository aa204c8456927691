/// LEB128, the variable-length integers of the Wasm binary format: seven bits a byte, low
/// bits first, the high bit set on every byte but the last. The one implementation the
/// encoder, the decoder's size figures, the cost models and the statistics share.
///
/// Invariant: the encoders write the shortest form (an unsigned value ends at its highest
/// set bit; a signed one once the remaining bits equal the sign bit of the last byte), and
/// the sizes are exactly the number of bytes the encoders write.
public enum LEB128 {
    /// Appends the shortest unsigned encoding of `value` to `bytes`.
    public static func encodeUnsigned(_ value: UInt64, into bytes: inout [UInt8]) {
        var v = value
        repeat {
            var b = UInt8(v & 0x7F)
            v >>= 7
            if v != 0 { b |= 0x80 }
            bytes.append(b)
        } while v != 0
    }

    /// Appends the shortest signed (two's complement) encoding of `value` to `bytes`.
    public static func encodeSigned(_ value: Int64, into bytes: inout [UInt8]) {
        var v = value
        while true {
            let b = UInt8(truncatingIfNeeded: v) & 0x7F
            v >>= 7
            let done = (v == 0 && b & 0x40 == 0) || (v == -1 && b & 0x40 != 0)
            bytes.append(done ? b : b | 0x80)
            if done { return }
        }
    }

    /// The shortest unsigned encoding of `value`.
    public static func unsigned(_ value: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        encodeUnsigned(value, into: &bytes)
        return bytes
    }

    /// The shortest signed encoding of `value`.
    public static func signed(_ value: Int64) -> [UInt8] {
        var bytes: [UInt8] = []
        encodeSigned(value, into: &bytes)
        return bytes
    }

    /// Bytes of the shortest unsigned encoding of `value` (1 to 10).
    public static func unsignedSize(_ value: UInt64) -> Int {
        var v = value >> 7
        var n = 1
        while v != 0 {
            v >>= 7
            n += 1
        }
        return n
    }

    /// Bytes of the shortest signed encoding of `value` (1 to 10).
    public static func signedSize(_ value: Int64) -> Int {
        var v = value
        var n = 0
        while true {
            let b = v & 0x7F
            v >>= 7
            n += 1
            if (v == 0 && b & 0x40 == 0) || (v == -1 && b & 0x40 != 0) { return n }
        }
    }

    /// The unsigned integer encoded at `index` in `bytes`, read in at most `maxBytes` bytes
    /// (5 for a u32, 10 for a u64; at most 10), with `index` advanced past it. Nil, and
    /// `index` unchanged, when the input ends before the last byte or the encoding is longer
    /// than `maxBytes`. Bits beyond 64 are dropped; callers bound the value by `maxBytes`.
    public static func decodeUnsigned<Bytes: RandomAccessCollection<UInt8>>(
        _ bytes: Bytes, at index: inout Int, maxBytes: Int
    ) -> UInt64? where Bytes.Index == Int {
        var result: UInt64 = 0
        var i = index
        for k in 0..<min(maxBytes, 10) {
            guard i >= bytes.startIndex, i < bytes.endIndex else { return nil }
            let b = bytes[i]
            i += 1
            result |= UInt64(b & 0x7F) << UInt64(7 * k)
            if b & 0x80 == 0 {
                index = i
                return result
            }
        }
        return nil
    }

    /// The signed integer encoded at `index` in `bytes`, as `decodeUnsigned` reads it (at
    /// most `maxBytes` bytes, at most 10), sign-extended from its last byte.
    public static func decodeSigned<Bytes: RandomAccessCollection<UInt8>>(
        _ bytes: Bytes, at index: inout Int, maxBytes: Int
    ) -> Int64? where Bytes.Index == Int {
        let start = index
        guard let raw = decodeUnsigned(bytes, at: &index, maxBytes: maxBytes) else { return nil }
        let bits = 7 * (index - start)
        guard bits < 64, raw & (1 << UInt64(bits - 1)) != 0 else { return Int64(bitPattern: raw) }
        return Int64(bitPattern: raw | (~0 << UInt64(bits)))
    }
}
