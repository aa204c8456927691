import WasmModel

/// The scalar types of values in the pure e-graph.
public enum ScalarType: UInt8, Hashable, Sendable, CustomStringConvertible {
    case i32 = 0x7F
    case i64 = 0x7E
    case f32 = 0x7D
    case f64 = 0x7C

    public init?(_ t: ValueType) {
        switch t {
        case .i32: self = .i32
        case .i64: self = .i64
        case .f32: self = .f32
        case .f64: self = .f64
        default: return nil
        }
    }

    public var valueType: ValueType {
        switch self {
        case .i32: .i32
        case .i64: .i64
        case .f32: .f32
        case .f64: .f64
        }
    }

    /// Width in bits.
    public var bits: Int { self == .i32 || self == .f32 ? 32 : 64 }

    /// All ones in the type's width.
    public var mask: UInt64 { bits == 32 ? 0xFFFF_FFFF : .max }

    public var description: String { valueType.description }
}

/// An operator of the pure expression language the e-graph holds: Wasm constants, numeric
/// instructions, `select`, and leaves (values the e-graph does not look into: a local's value
/// on entry to a region, an effect's result).
///
/// Invariant: `arity` is the number of children a node with this operator has (0...3), and a
/// constant's `payload` is its bit pattern masked to the type's width.
public struct Op: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: UInt8, Hashable, Sendable {
        case constant
        case leaf
        case numeric
        case select
    }

    public let kind: Kind
    public let arity: UInt8
    /// `NumericOp.rawValue` for `.numeric`; the `ScalarType` raw value otherwise.
    public let code: UInt16
    /// A constant's bits, or a leaf's number.
    public let payload: UInt64

    private init(kind: Kind, arity: UInt8, code: UInt16, payload: UInt64) {
        self.kind = kind
        self.arity = arity
        self.code = code
        self.payload = payload
    }

    public static func constant(_ type: ScalarType, _ bits: UInt64) -> Op {
        Op(kind: .constant, arity: 0, code: UInt16(type.rawValue), payload: bits & type.mask)
    }

    public static func leaf(_ type: ScalarType, _ number: UInt64) -> Op {
        Op(kind: .leaf, arity: 0, code: UInt16(type.rawValue), payload: number)
    }

    public static func numeric(_ op: NumericOp) -> Op {
        Op(kind: .numeric, arity: UInt8(op.signature.operands.count), code: op.rawValue, payload: 0)
    }

    public static func select(_ type: ScalarType) -> Op {
        Op(kind: .select, arity: 3, code: UInt16(type.rawValue), payload: 0)
    }

    /// The numeric instruction, for `.numeric` operators.
    public var numericOp: NumericOp? { kind == .numeric ? NumericOp(rawValue: code) : nil }

    /// The type of the value this operator produces.
    public var type: ScalarType {
        if let op = numericOp { return ScalarType(op.signature.result) ?? .i32 }
        return ScalarType(rawValue: UInt8(truncatingIfNeeded: code)) ?? .i32
    }

    public var description: String {
        switch kind {
        case .constant:
            let t = type
            switch t {
            case .i32: return "(i32.const \(Int32(bitPattern: UInt32(truncatingIfNeeded: payload))))"
            case .i64: return "(i64.const \(Int64(bitPattern: payload)))"
            default: return "(\(t).const bits:0x\(String(payload, radix: 16)))"
            }
        case .leaf: return "%\(type):\(payload)"
        case .numeric: return numericOp?.name ?? "?"
        case .select: return "select"
        }
    }
}
