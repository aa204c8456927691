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

struct Lexer {
    static func tokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var line = 1
        var column = 1
        var comment: [String] = []
        let chars = Array(text.unicodeScalars)
        var i = 0
        func take(_ kind: Token.Kind, width: Int) {
            let c = comment.isEmpty ? nil : comment.joined(separator: " ")
            tokens.append(Token(kind: kind, line: line, column: column, comment: c))
            comment = []
            i += width
            column += width
        }
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "\n":
                line += 1
                column = 1
                i += 1
            case " ", "\t", "\r":
                i += 1
                column += 1
            case ";":
                var j = i
                while j < chars.count && chars[j] != "\n" { j += 1 }
                var textOfComment = String(String.UnicodeScalarView(chars[i..<j]))
                while textOfComment.hasPrefix(";") { textOfComment.removeFirst() }
                comment.append(textOfComment.trimmingSpaces())
                column += j - i
                i = j
            case "(": take(.open, width: 1)
            case ")": take(.close, width: 1)
            case "=" where i + 1 < chars.count && chars[i + 1] == ">": take(.arrow, width: 2)
            default:
                var j = i
                while j < chars.count, !" \t\r\n();".unicodeScalars.contains(chars[j]) { j += 1 }
                take(.atom(String(String.UnicodeScalarView(chars[i..<j]))), width: j - i)
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
