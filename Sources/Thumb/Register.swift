/// An ARMv7-M core register. Invariant: the raw value is the register's number in encodings.
public enum Register: UInt8, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    case r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, sp, lr, pc

    /// r0–r7: the registers most 16-bit encodings can name.
    public var isLow: Bool { rawValue < 8 }
    var number: UInt16 { UInt16(rawValue) }

    public var description: String {
        switch self {
        case .sp: "sp"
        case .lr: "lr"
        case .pc: "pc"
        default: "r\(rawValue)"
        }
    }
}

/// A set of registers, as `push`, `pop`, `ldm` and `stm` name them. Invariant: bit n is
/// register n.
public struct RegisterList: Hashable, Sendable, CustomStringConvertible {
    public var bits: UInt16

    public init(bits: UInt16) { self.bits = bits }
    public init(_ registers: [Register]) { bits = registers.reduce(0) { $0 | 1 << $1.number } }

    public var registers: [Register] { Register.allCases.filter { contains($0) } }
    public func contains(_ r: Register) -> Bool { bits & 1 << r.number != 0 }
    public var count: Int { bits.nonzeroBitCount }
    /// Only r0–r7 and, for `push`/`pop`, the one extra register the 16-bit form allows.
    func isLow(plus extra: Register?) -> Bool {
        bits & ~(0xFF | (extra.map { 1 << $0.number } ?? 0)) == 0
    }

    public var description: String { "{" + registers.map(\.description).joined(separator: ", ") + "}" }
}

/// A condition code. Invariant: the raw value is its 4-bit encoding.
public enum Condition: UInt8, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    case eq, ne, hs, lo, mi, pl, vs, vc, hi, ls, ge, lt, gt, le, al

    /// The condition that holds exactly when this one does not (not for `al`).
    public var inverse: Condition { Condition(rawValue: rawValue ^ 1) ?? .al }

    /// Its assembler suffix (empty for `al`).
    public var description: String {
        ["eq", "ne", "hs", "lo", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", ""][Int(rawValue)]
    }
}
