import WasmModel

/// Size figures of an encoded module, as the bench and `--stats` report them.
public struct ModuleSize: Sendable, Equatable {
    /// Whole file.
    public var total: Int
    /// Payload bytes of the code section (id 10), 0 if there is none.
    public var code: Int
    public var functions: Int

    /// Reads the section headers of an encoded module (assumed well-formed, e.g. our output).
    public init(binary: [UInt8]) {
        total = binary.count
        code = 0
        functions = 0
        for section in Self.sections(binary) where section.id == 10 {
            code = section.payload.count
            var i = section.payload.lowerBound
            functions = Self.unsignedLEB(binary, at: &i)
        }
    }

    /// The sections of an encoded module in order: each one's id, its whole extent (id byte,
    /// size and payload) and its payload. Stops before a section that runs past the end.
    public static func sections(_ binary: [UInt8]) -> [(id: UInt8, whole: Range<Int>, payload: Range<Int>)] {
        var result: [(id: UInt8, whole: Range<Int>, payload: Range<Int>)] = []
        var i = 8
        while i < binary.count {
            let start = i
            let id = binary[i]
            i += 1
            let size = unsignedLEB(binary, at: &i)
            guard i + size <= binary.count else { break }
            result.append((id, start..<(i + size), i..<(i + size)))
            i += size
        }
        return result
    }

    /// An unsigned LEB128 at `i` (at most five bytes read), advancing `i` past it.
    static func unsignedLEB(_ binary: [UInt8], at i: inout Int) -> Int {
        var result = 0
        var shift = 0
        while i < binary.count {
            let b = binary[i]
            i += 1
            result |= Int(b & 0x7F) << shift
            shift += 7
            if b & 0x80 == 0 || shift > 35 { break }
        }
        return result
    }
}
