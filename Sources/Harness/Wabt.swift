import Foundation
import WasmDecode
import WasmModel

/// wabt's `wasm-validate` (1.0.32 on Debian 12) as a second, independent validator.
///
/// That version predates two Wasm 3.0 rules the spec suite uses — typed function references
/// with subtyping, and `global.get` of a non-imported global in a constant expression — so
/// modules that use them are reported as `beyondWabt` instead of being checked.
public enum Wabt {
    public enum Verdict: Equatable, Sendable {
        case valid
        case invalid(String)
        case beyondWabt(String)
    }

    public static func validate(_ binary: [UInt8]) throws -> Verdict {
        guard let module = try? WasmDecoder.decode(binary: binary, file: "output.wasm") else {
            return try Subprocess.wasmValidate(binary).map(Verdict.invalid) ?? .valid
        }
        if let reason = beyondWabt(module) { return .beyondWabt(reason) }
        return try Subprocess.wasmValidate(binary).map(Verdict.invalid) ?? .valid
    }

    /// Why wabt 1.0.32 cannot judge `module`, if it cannot.
    public static func beyondWabt(_ m: Module) -> String? {
        func typed(_ t: ValueType) -> Bool {
            if case .ref(let r) = t {
                return !r.nullable || { if case .concrete = r.heap { true } else { false } }()
            }
            return false
        }
        func typed(_ r: RefType) -> Bool { typed(.ref(r)) }
        let reason = "typed function references"
        if m.types.contains(where: {
            $0.params.contains(where: typed) || $0.results.contains(where: typed)
        }) {
            return reason
        }
        for imp in m.imports {
            switch imp.kind {
            case .table(let t) where typed(t.element): return reason
            case .global(let g) where typed(g.type): return reason
            default: break
            }
        }
        if m.tables.contains(where: { typed($0.type.element) || $0.initializer != nil }) {
            return reason
        }
        if m.globals.contains(where: { typed($0.type.type) }) { return reason }
        let importedGlobals = UInt32(m.importedGlobalCount)
        var constants = m.globals.map(\.initializer) + m.elements.flatMap(\.items)
        for e in m.elements {
            if case .active(_, let offset) = e.mode { constants.append(offset) }
            if e.type != .funcref && e.type != RefType(nullable: false, heap: .func)
                && e.type != .externref
            {
                return reason
            }
        }
        for d in m.data { if case .active(_, let offset) = d.mode { constants.append(offset) } }
        for expr in constants {
            for case .globalGet(let g) in expr where g >= importedGlobals {
                return "global.get of a defined global in a constant expression"
            }
        }
        for f in m.functions {
            if f.locals.contains(where: typed) { return reason }
            for inst in f.body {
                switch inst {
                case .callRef, .refAsNonNull, .brOnNull, .brOnNonNull: return reason
                case .block(.value(let t)), .loop(.value(let t)), .if(.value(let t)):
                    if typed(t) { return reason }
                case .selectTyped(let ts): if ts.contains(where: typed) { return reason }
                case .refNull(.concrete): return reason
                default: break
                }
            }
        }
        return nil
    }
}
