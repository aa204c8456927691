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
            functions = LEB128.decodeUnsigned(binary, at: &i, maxBytes: 5).map { Int($0) } ?? 0
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
            guard let size = LEB128.decodeUnsigned(binary, at: &i, maxBytes: 5).map({ Int($0) }),
                i + size <= binary.count
            else { break }
            result.append((id, start..<(i + size), i..<(i + size)))
            i += size
        }
        return result
    }
}
