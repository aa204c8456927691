import Rules
import WasmModel

extension Counterexample: CustomStringConvertible {
    /// The counterexample in Wasm notation: each pattern variable, then what each side gives,
    /// e.g. `?x = (i32.const -1), ?c = (i32.const 0); left: trap (integer divide by zero),
    /// right: (i32.const -1)`.
    public var description: String {
        let values = binding.values.map { "?\($0.name) = \(Self.wasm($0.bits, $0.type))" }
        return values.joined(separator: ", ") + "; left: \(Self.wasm(left, type)), right: \(Self.wasm(right, type))"
    }

    static func wasm(_ e: Evaluation, _ type: ValueType) -> String {
        switch e {
        case .trap(let t): "trap (\(t))"
        case .value(let v): wasm(v, type)
        }
    }

    /// `(i32.const N)`: small values in signed decimal, others in hex.
    public static func wasm(_ bits: UInt64, _ type: ValueType) -> String {
        let signed = type == .i32 ? Int64(Int32(truncatingIfNeeded: bits)) : Int64(bitPattern: bits)
        let masked = type == .i32 ? bits & 0xFFFF_FFFF : bits
        let text = signed.magnitude < 65536 ? "\(signed)" : "0x" + String(masked, radix: 16)
        return "(\(type).const \(text))"
    }
}
