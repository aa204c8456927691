/// Little-endian byte order, as ELF32 for Arm stores words and Thumb stores halfwords.
public enum LittleEndian {
    public static func bytes(_ v: UInt32) -> [UInt8] {
        [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)]
    }

    public static func bytes(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }

    /// The word at `offset` of `b`; the caller has checked that four bytes are there.
    public static func word(_ b: [UInt8], at offset: Int) -> UInt32 {
        UInt32(b[offset]) | UInt32(b[offset + 1]) << 8 | UInt32(b[offset + 2]) << 16 | UInt32(b[offset + 3]) << 24
    }

    /// The halfword at `offset` of `b`; the caller has checked that two bytes are there.
    public static func halfword(_ b: [UInt8], at offset: Int) -> UInt16 {
        UInt16(b[offset]) | UInt16(b[offset + 1]) << 8
    }
}
