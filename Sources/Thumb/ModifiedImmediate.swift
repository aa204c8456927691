/// Thumb-2's modified immediate constants (ThumbExpandImm): an 8-bit value, one of three
/// byte-replicated patterns, or an 8-bit value with its top bit set rotated right by 8–31.
public enum ModifiedImmediate {
    /// The 12-bit field `i:imm3:imm8` that expands to `value`, or nil when none does.
    public static func encode(_ value: UInt32) -> UInt16? {
        let b = value & 0xFF
        if value <= 0xFF { return UInt16(value) }
        if value == b << 16 | b { return 0x100 | UInt16(b) }
        let h = value >> 8 & 0xFF
        if value == h << 24 | h << 8 { return 0x200 | UInt16(h) }
        if value == b * 0x0101_0101 { return 0x300 | UInt16(b) }
        // Rotations: value = (0x80 | low7) ror n, 8 <= n <= 31.
        for n in 8...31 {
            let unrotated = value << n | value >> (32 - n)
            if unrotated & ~0xFF == 0 && unrotated & 0x80 != 0 {
                return UInt16(n) << 7 | UInt16(unrotated & 0x7F)
            }
        }
        return nil
    }

    /// The value a 12-bit field expands to.
    public static func decode(_ field: UInt16) -> UInt32 {
        let imm8 = UInt32(field & 0xFF)
        switch field >> 8 {
        case 0: return imm8
        case 1: return imm8 << 16 | imm8
        case 2: return imm8 << 24 | imm8 << 8
        case 3: return imm8 * 0x0101_0101
        default:
            let n = UInt32(field >> 7)
            let v = 0x80 | UInt32(field & 0x7F)
            return v >> n | v << (32 - n)
        }
    }
}
