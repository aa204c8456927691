/// A user-facing error about an input: the file, where in it, and what was expected.
///
/// Invariant: `description` is one line, `FILE: LOCATION: MESSAGE`, so the CLI can print it
/// as is and exit non-zero.
public struct WasmError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where in the input the error is.
    public enum Location: Hashable, Sendable {
        /// A byte offset into a binary.
        case offset(Int)
        /// A 1-based line and column in a text file.
        case lineColumn(Int, Int)
        /// An instruction of a defined function (when no byte offset is known).
        case instruction(function: UInt32, index: Int)
        /// Somewhere not more precisely known (e.g. a whole section).
        case unknown
    }

    public var file: String
    public var location: Location
    public var message: String

    public init(file: String = "<input>", location: Location, message: String) {
        self.file = file
        self.location = location
        self.message = message
    }

    public var description: String {
        let flat = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        switch location {
        case .offset(let o): return "\(file): offset 0x\(String(o, radix: 16)): \(flat)"
        case .lineColumn(let l, let c): return "\(file):\(l):\(c): \(flat)"
        case .instruction(let f, let i): return "\(file): function \(f), instruction \(i): \(flat)"
        case .unknown: return "\(file): \(flat)"
        }
    }
}
