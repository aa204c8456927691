/// Tokens of the rules language: parentheses, `=>`, atoms (names, `?variables`, numbers),
/// each with its line and column. `;` starts a comment to the end of the line.
struct Token: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        case open
        case close
        case arrow
        case atom(String)
    }

    var kind: Kind
    var line: Int
    var column: Int
    /// The comment lines right before this token (for a rule's description).
    var comment: String?
}

/// Works on the text's UTF-8 bytes (the syntax is ASCII); columns count Unicode scalars, so a
/// comment or atom with non-ASCII text moves the column by its characters, not its bytes.
struct Lexer {
    static func tokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var line = 1
        var column = 1
        var comment: [String] = []
        let bytes = Array(text.utf8)
        var i = 0
        /// Scalars in `bytes[a..<b]` (bytes that do not continue a UTF-8 sequence).
        func scalars(_ a: Int, _ b: Int) -> Int {
            var n = 0
            for k in a..<b where bytes[k] & 0xC0 != 0x80 { n += 1 }
            return n
        }
        func take(_ kind: Token.Kind, width: Int, columns: Int) {
            let c = comment.isEmpty ? nil : comment.joined(separator: " ")
            tokens.append(Token(kind: kind, line: line, column: column, comment: c))
            comment = []
            i += width
            column += columns
        }
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\n"):
                line += 1
                column = 1
                i += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                i += 1
                column += 1
            case UInt8(ascii: ";"):
                var j = i
                while j < bytes.count && bytes[j] != UInt8(ascii: "\n") { j += 1 }
                var start = i
                while start < j && bytes[start] == UInt8(ascii: ";") { start += 1 }
                comment.append(String(decoding: bytes[start..<j], as: UTF8.self).trimmingSpaces())
                column += scalars(i, j)
                i = j
            case UInt8(ascii: "("): take(.open, width: 1, columns: 1)
            case UInt8(ascii: ")"): take(.close, width: 1, columns: 1)
            case UInt8(ascii: "=") where i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: ">"):
                take(.arrow, width: 2, columns: 2)
            default:
                var j = i
                scan: while j < bytes.count {
                    switch bytes[j] {
                    case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"),
                        UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ";"):
                        break scan
                    default: j += 1
                    }
                }
                take(.atom(String(decoding: bytes[i..<j], as: UTF8.self)), width: j - i, columns: scalars(i, j))
            }
        }
        return tokens
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return String(s)
    }
}
