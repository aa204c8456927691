import WAT
import WasmModel
import WasmParser

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Entry points for reading a module from bytes or text.
public enum WasmDecoder {
    /// Decodes a binary module (`\0asm` magic) or, failing that magic, a text module.
    public static func decode(_ bytes: [UInt8], file: String) throws(WasmError) -> Module {
        if bytes.starts(with: [0x00, 0x61, 0x73, 0x6D]) || !looksLikeText(bytes) {
            return try decode(binary: bytes, file: file)
        }
        return try decode(text: String(decoding: bytes, as: UTF8.self), file: file)
    }

    /// Decodes a binary module.
    public static func decode(binary bytes: [UInt8], file: String) throws(WasmError) -> Module {
        if bytes.count < 4 || !bytes.starts(with: [0x00, 0x61, 0x73, 0x6D]) {
            throw WasmError(file: file, location: .offset(0), message: "expected the magic number \\0asm")
        }
        if bytes.count < 8 {
            throw WasmError(
                file: file, location: .offset(bytes.count),
                message: "unexpected end of file: expected the version 1")
        }
        return try BinaryDecoder(bytes: bytes, file: file).decode()
    }

    /// Decodes a module in the text format (WasmKit's `WAT` parser, then the binary decoder).
    /// Errors in the text name the line and column.
    public static func decode(text: String, file: String) throws(WasmError) -> Module {
        var module: Module
        do {
            module = try decode(binary: binary(text: text, file: file), file: file)
        } catch {
            // An offset into the binary made from the text means nothing to its reader; the
            // message names the function (and the instruction) instead.
            var located = error
            if case .offset = located.location { located.location = .unknown }
            throw located
        }
        // Offsets into an intermediate binary would mislead; errors name instructions instead.
        module.sourceMap = nil
        return module
    }

    /// The binary module of text `text` (with its names), or its error at line:column.
    public static func binary(text: String, file: String) throws(WasmError) -> [UInt8] {
        let binary: [UInt8]
        do {
            binary = try wat2wasm(
                text, features: BinaryDecoder.features, options: EncodeOptions(nameSection: true))
        } catch {
            if let location = error.location {
                let (line, column) = location.computeLineAndColumn()
                var message = error.description
                if let r = message.ranges(of: " at ").last {
                    message = String(message[..<r.lowerBound])
                }
                throw WasmError(
                    file: file, location: .lineColumn(line, column + 1), message: readable(message))
            }
            throw WasmError(file: file, location: .unknown, message: error.description)
        }
        return binary
    }

    /// WasmKit's text errors sometimes print its internal types
    /// (`Unknown FunctionDecl Name(value: "$f", location: …)`); say `unknown function $f`.
    static func readable(_ message: String) -> String {
        var text = message
        if let name = text.firstMatch(of: #/Name\(value: "([^"]*)", location: Location\([^)]*\)\)/#) {
            text.replaceSubrange(name.range, with: name.output.1)
        }
        for (decl, word) in [
            ("FunctionDecl", "function"), ("GlobalDecl", "global"), ("MemoryDecl", "memory"),
            ("TableDecl", "table"),
            ("ElementDecl", "elem segment"), ("DataSegmentDecl", "data segment"), ("TypeDecl", "type"),
        ] {
            text = text.replacing(decl, with: word)
        }
        return text.prefix(1).lowercased() + text.dropFirst()
    }

    /// A heuristic for stdin: text starts (after whitespace/comments) with `(` or `;`.
    static func looksLikeText(_ bytes: [UInt8]) -> Bool {
        for b in bytes.prefix(4096) {
            switch b {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case UInt8(ascii: "("), UInt8(ascii: ";"): return true
            default: return false
            }
        }
        return false
    }
}
