/// The Cortex-M3 MPU region that holds linear memory under `--memory mpu` (ARMv7-M PMSAv7):
/// a power-of-two size from 32 bytes, its base aligned to it, split in eight subregions from
/// 256 bytes up, of which those past the reserve are disabled.
///
/// Invariant: `size` is a power of two ≥ 32; `bytes` (what `weft_memory` spans) is at least
/// the reserve, at most `size`, and a whole number of subregions when `size` ≥ 256 (else
/// `size`); `disabledSubregions` has a bit set for each subregion at or past `bytes`.
public struct MPURegion: Sendable, Hashable {
    /// The region number `weft_init` programs (0–7; a higher number wins where regions
    /// overlap).
    public var number: UInt8
    /// The region's size and alignment in bytes.
    public var size: UInt64
    /// The bytes `weft_memory` spans: the reserve rounded up to a subregion.
    public var bytes: UInt64
    /// The SRD field: subregion `k` (of `size / 8` bytes) is disabled when bit `k` is set.
    public var disabledSubregions: UInt8

    /// The smallest region holding `reserve` bytes.
    public init(reserve: UInt64, number: UInt8) {
        self.number = number
        var size: UInt64 = 32
        while size < reserve { size <<= 1 }
        self.size = size
        if size >= 256 {
            let sub = size / 8
            let used = max(1, (reserve + sub - 1) / sub)
            bytes = used * sub
            disabledSubregions = UInt8(truncatingIfNeeded: 0xFF << used)
        } else {
            bytes = size
            disabledSubregions = 0
        }
    }

    /// The RBAR value's low bits (VALID and REGION): the linker adds `weft_memory`'s address.
    public var baseAddressBits: UInt32 { 0x10 | UInt32(number) }

    /// The RASR value: execute never, full access (privileged and unprivileged read/write),
    /// normal shareable write-through memory (TEX 000, S 1, C 1, B 0, as ARM recommends for
    /// internal SRAM), the disabled subregions, the size, enabled.
    public var attributes: UInt32 {
        let xn: UInt32 = 1 << 28
        let fullAccess: UInt32 = 0b011 << 24
        let normal: UInt32 = 1 << 18 | 1 << 17
        let sizeField = UInt32(size.trailingZeroBitCount - 1) << 1
        return xn | fullAccess | normal | UInt32(disabledSubregions) << 8 | sizeField | 1
    }

    /// The MPU's registers (System Control Space).
    public static let controlRegister: UInt32 = 0xE000_ED94
    public static let baseAddressRegister: UInt32 = 0xE000_ED9C
    public static let attributeRegister: UInt32 = 0xE000_EDA0
    /// MPU_CTRL's ENABLE and PRIVDEFENA bits: the MPU on, privileged code keeping the default
    /// memory map wherever no region says otherwise.
    public static let enableWithDefaultMap: UInt32 = 0b101
    /// The symbol of the two words (RBAR, RASR) a firmware that manages the MPU itself applies.
    public static let symbol = "weft_mpu_region"
}
