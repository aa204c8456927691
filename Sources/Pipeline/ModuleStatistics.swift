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
        var i = 8
        func leb() -> Int {
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
        while i < binary.count {
            let id = binary[i]
            i += 1
            let size = leb()
            let start = i
            if id == 10 {
                code = size
                functions = leb()
            }
            i = start + size
        }
    }
}
