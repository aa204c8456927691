/// A problem in a rules file: where (file:line:col), what, and a hint for fixing it.
///
/// Invariant: `description` is one line, `FILE:LINE:COL: error: MESSAGE (hint: HINT)` (just
/// `FILE: error: ...` for a file that cannot be read).
public struct RuleError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    public var hint: String?

    public init(file: String, line: Int, column: Int, message: String, hint: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    public var description: String {
        let place = line > 0 ? "\(file):\(line):\(column)" : file
        return "\(place): error: \(message)" + (hint.map { " (hint: \($0))" } ?? "")
    }
}

/// A position in a rules file.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public var description: String { "\(file):\(line):\(column)" }
}
