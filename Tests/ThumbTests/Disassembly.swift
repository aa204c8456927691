import Foundation
import Harness

/// `llvm-objdump` output and weft's UAL text brought to one canonical form, so the two can be
/// compared: width suffixes dropped, immediates in decimal, two-operand forms written with
/// three operands, the sources of commutative operations in order, and the aliases the
/// disassembler prefers (`push` for `stmdb sp!`, `neg` for `rsb #0`, ...) undone.
enum Disassembly {
    /// The instructions of `object`'s `.text`, as objdump prints them (one per entry).
    static func objdump(_ object: String) throws -> [String] {
        guard let tool = Subprocess.toolchain("llvm-objdump") else { return [] }
        let result = try Subprocess.run(tool, ["-d", "--triple=thumbv7m-none-eabi", object])
        var out: [String] = []
        for line in String(decoding: result.stdout, as: UTF8.self).split(separator: "\n") {
            // "      6c: b100         \tcbz\tr0, 0x70 <.text+0x70>   @ imm = #0x0"
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2, let colon = fields[0].firstIndex(of: ":"),
                fields[0][..<colon].allSatisfy({ $0 == " " || $0.isHexDigit })
            else { continue }
            out.append(fields.dropFirst(1).joined(separator: " "))
        }
        return out
    }

    static let dataOps: Set<String> = [
        "and", "bic", "orr", "orn", "eor", "add", "adc", "sbc", "sub", "rsb", "lsl", "lsr", "asr", "ror", "mul",
    ]
    static let commutative: Set<String> = ["and", "orr", "eor", "add", "adc", "mul"]
    static let conditions = ["eq", "ne", "hs", "lo", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le"]

    /// Splits `addseq` into its operation and the rest (`s`, condition).
    static func base(_ mnemonic: String) -> (String, String)? {
        for op in dataOps where mnemonic.hasPrefix(op) {
            let rest = String(mnemonic.dropFirst(op.count))
            let flagless = rest.hasPrefix("s") ? String(rest.dropFirst()) : rest
            if flagless.isEmpty || conditions.contains(flagless) { return (op, rest) }
        }
        return nil
    }

    static func normalize(_ text: String) -> String {
        var line = text.lowercased().trimmingCharacters(in: .whitespaces)
        // A branch target: objdump prints the address and, in a comment, the offset.
        var branchImmediate: String?
        if let at = line.range(of: "@ imm = ") {
            branchImmediate = String(line[at.upperBound...]).trimmingCharacters(in: .whitespaces)
        }
        if let at = line.firstIndex(of: "@") { line = String(line[..<at]) }
        line = line.replacingOccurrences(of: "\t", with: " ").trimmingCharacters(in: .whitespaces)
        var parts = line.split(separator: " ", maxSplits: 1).map(String.init)
        guard !parts.isEmpty else { return line }
        var mnemonic = parts[0]
        for suffix in [".w", ".n"] where mnemonic.hasSuffix(suffix) { mnemonic = String(mnemonic.dropLast(2)) }
        var operands = parts.count > 1 ? split(parts[1]) : []
        if let imm = branchImmediate, !operands.isEmpty { operands[operands.count - 1] = imm }
        operands = operands.map(decimal)
        switch mnemonic {
        case "addw": mnemonic = "add"
        case "subw": mnemonic = "sub"
        case "movw": mnemonic = "mov"
        default: break
        }
        if mnemonic.hasPrefix("movw") { mnemonic = "mov" + mnemonic.dropFirst(4) }
        if mnemonic.hasPrefix("neg"), operands.count == 2 {
            mnemonic = "rsb" + mnemonic.dropFirst(3)
            operands.append("#0")
        }
        if let (op, _) = base(mnemonic) {
            if operands.count == 2 { operands.insert(operands[0], at: 1) }
            if commutative.contains(op), operands.count == 3, operands[0] == operands[2], !operands[1].hasPrefix("#") {
                operands.swapAt(1, 2)
            }
        }
        // Single-register push and pop are written as indexed stores and loads.
        if mnemonic == "str", operands.count == 2, operands[1] == "[sp, #-4]!" { return "push {\(operands[0])}" }
        if mnemonic == "ldr", operands.count == 3, operands[1] == "[sp]", operands[2] == "#4" {
            return "pop {\(operands[0])}"
        }
        if mnemonic == "stmdb", operands.first == "sp!" {
            return "push " + operands.dropFirst().joined(separator: ", ")
        }
        if mnemonic == "ldm", operands.first == "sp!" { return "pop " + operands.dropFirst().joined(separator: ", ") }
        operands = operands.map { $0.replacingOccurrences(of: ", #0]", with: "]") }
        return ([mnemonic] + [operands.joined(separator: ", ")]).joined(separator: " ").trimmingCharacters(
            in: .whitespaces)
    }

    /// Operands split at top-level commas (not inside `[...]` or `{...}`).
    static func split(_ s: String) -> [String] {
        var out: [String] = []
        var depth = 0
        var current = ""
        for ch in s {
            if ch == "[" || ch == "{" { depth += 1 }
            if ch == "]" || ch == "}" { depth -= 1 }
            if ch == ",", depth == 0 {
                out.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(ch)
            }
        }
        if !current.trimmingCharacters(in: .whitespaces).isEmpty {
            out.append(current.trimmingCharacters(in: .whitespaces))
        }
        return out
    }

    /// `#0x1f` as `#31`, `#-0x4` as `#-4`, inside brackets too.
    static func decimal(_ operand: String) -> String {
        var out = ""
        var rest = Substring(operand)
        while let r = rest.range(of: "#") {
            out += rest[..<r.upperBound]
            rest = rest[r.upperBound...]
            let negative = rest.hasPrefix("-")
            let digits = negative ? rest.dropFirst() : rest
            if digits.hasPrefix("0x") {
                let hex = digits.dropFirst(2).prefix { $0.isHexDigit }
                if let v = UInt64(hex, radix: 16) {
                    out += (negative ? "-" : "") + String(v)
                    rest = digits.dropFirst(2 + hex.count)
                    continue
                }
            }
        }
        return out + rest
    }
}
