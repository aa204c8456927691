import WasmModel

/// Inlining hints from the code metadata section `metadata.code.inline` (the WebAssembly
/// compilation-hints proposal): items attached to `call` instructions by their byte offset
/// from the start of the function body, each with a one-byte payload. Weft reads a payload
/// of 64 or more ("inline often") as `--inline CALLEE` and 0 ("never") as `--no-inline
/// CALLEE`; values between are left to the cost model. A malformed section is ignored (a
/// custom section never makes a module invalid).
public struct CompilationHints: Sendable {
    public var inline: Set<UInt32> = []
    public var noInline: Set<UInt32> = []

    public init(_ module: Module) {
        guard let section = module.customSections.first(where: { $0.name == "metadata.code.inline" }),
            let map = module.sourceMap
        else { return }
        var reader = Reader(bytes: section.bytes)
        let imported = module.importedFunctionCount
        guard let functions = reader.u32() else { return }
        for _ in 0..<functions {
            guard let f = reader.u32(), let items = reader.u32() else { return }
            let i = Int(f) - imported
            for _ in 0..<items {
                guard let offset = reader.u32(), let size = reader.u32(), let payload = reader.bytes(Int(size)) else {
                    return
                }
                guard i >= 0, i < map.instructionOffsets.count, i < map.bodyStarts.count,
                    i < module.functions.count, let value = payload.first
                else { continue }
                let target = map.bodyStarts[i] + Int(offset)
                guard let k = map.instructionOffsets[i].firstIndex(of: target),
                    k < module.functions[i].body.count, case .call(let callee) = module.functions[i].body[k]
                else { continue }
                if value >= 64 { inline.insert(callee) }
                if value == 0 { noInline.insert(callee) }
            }
        }
    }

    struct Reader {
        let bytes: [UInt8]
        var position = 0

        mutating func u32() -> UInt32? {
            var result: UInt32 = 0
            var shift: UInt32 = 0
            while position < bytes.count, shift < 35 {
                let b = bytes[position]
                position += 1
                result |= UInt32(b & 0x7F) << shift
                if b & 0x80 == 0 { return result }
                shift += 7
            }
            return nil
        }

        mutating func bytes(_ n: Int) -> [UInt8]? {
            guard n >= 0, position + n <= bytes.count else { return nil }
            defer { position += n }
            return Array(bytes[position..<position + n])
        }
    }
}
