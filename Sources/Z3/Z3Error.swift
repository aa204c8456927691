/// A failure reported by Z3 (a parse error in a query, an invalid argument, an exception
/// inside the solver), with Z3's own message.
///
/// Invariant: `description` is one line.
public struct Z3Error: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    public var description: String { "z3: \(message)" }
}
