import Thumb

/// The constant address bases a function's accesses rebuild block after block, as its
/// compilation met them, and the bases worth materializing once at its entry instead (LLVM's
/// constant hoisting, for the addresses of module statics).
///
/// Under `identity` a base is the constant itself (a register holding `b`); under `linked` it
/// is `weft_memory + b` (a literal). Each use records the bytes one register holding the base
/// from the function's entry would save there: a rebuild in a later block (the constant's
/// instruction again, or the literal's load), a 32-bit access that a base in its 16-bit reach
/// makes 16-bit, an indexed access `b + (i << k)` that becomes `[base, i, lsl #k]` (no shift,
/// no address sum).
///
/// Invariant: `savings` holds only positive figures, keyed by base; `plan` is sorted by
/// decreasing saving, then by base, so the same function gets the same plan.
struct AddressBases: Sendable {
    /// The bytes each base would save, summed over its uses.
    var savings: [UInt64: Int] = [:]
    /// How many blocks materialized each base (the first is paid in any case).
    var rebuilds: [UInt64: Int] = [:]

    /// What a register holding one base for the whole function costs: a callee-saved
    /// register's share of the push, or a spill and reload under pressure.
    static let holdingCost = 2

    /// Records that a block built `base` anew, at `bytes` (its instruction, or a literal's load).
    mutating func rebuilt(_ base: UInt64, bytes: Int) {
        rebuilds[base, default: 0] += 1
        // The first build stays (at the entry); every later one is saved.
        if rebuilds[base, default: 0] > 1 { savings[base, default: 0] += bytes }
    }

    /// Records that a use of `base` would save `bytes` with the base in a register.
    mutating func used(_ base: UInt64, saving bytes: Int) {
        guard bytes > 0 else { return }
        savings[base, default: 0] += bytes
    }

    /// The bases that pay for their register, the most saving first, at most `limit`.
    func plan(limit: Int = 4) -> [UInt64] {
        let paying = savings.filter { $0.value > Self.holdingCost }
        return paying.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(limit).map(\.key)
    }

    /// The bytes of the cheapest instruction building `c` (a `movs` of 0–255, a `mov.w`,
    /// `mvn` or `movw`, else a literal's load and its pool word or `movw`/`movt`).
    static func constantBytes(_ c: UInt32) -> Int {
        if c <= 255 { return 2 }
        if c <= 0xFFFF || ModifiedImmediate.encode(c) != nil || ModifiedImmediate.encode(~c) != nil { return 4 }
        return 6
    }
}
