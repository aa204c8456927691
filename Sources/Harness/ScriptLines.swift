/// The 1-based line of each top-level directive of a `.wast` script, in order, found in one
/// linear scan (comments, strings and nesting skipped), so that reporting a line per
/// directive stays linear in the script's size.
struct ScriptLines {
    private(set) var lines: [Int] = []

    init(_ text: String) {
        let bytes = Array(text.utf8)
        var i = 0
        var line = 1
        var depth = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "\n"):
                line += 1
                i += 1
            case UInt8(ascii: ";") where i + 1 < n && bytes[i + 1] == UInt8(ascii: ";"):
                while i < n && bytes[i] != UInt8(ascii: "\n") { i += 1 }
            case UInt8(ascii: "(") where i + 1 < n && bytes[i + 1] == UInt8(ascii: ";"):
                // Block comment, possibly nested.
                var nest = 0
                while i < n {
                    if bytes[i] == UInt8(ascii: "(") && i + 1 < n && bytes[i + 1] == UInt8(ascii: ";") {
                        nest += 1
                        i += 2
                    } else if bytes[i] == UInt8(ascii: ";") && i + 1 < n && bytes[i + 1] == UInt8(ascii: ")") {
                        nest -= 1
                        i += 2
                        if nest == 0 { break }
                    } else {
                        if bytes[i] == UInt8(ascii: "\n") { line += 1 }
                        i += 1
                    }
                }
            case UInt8(ascii: "\""):
                i += 1
                while i < n && bytes[i] != UInt8(ascii: "\"") {
                    if bytes[i] == UInt8(ascii: "\\") { i += 1 }
                    if i < n && bytes[i] == UInt8(ascii: "\n") { line += 1 }
                    i += 1
                }
                i += 1
            case UInt8(ascii: "("):
                if depth == 0 { lines.append(line) }
                depth += 1
                i += 1
            case UInt8(ascii: ")"):
                depth = max(0, depth - 1)
                i += 1
            default:
                i += 1
            }
        }
    }
}
