/// Which instructions of a straight-line run an `it` block covers, and with which condition.
///
/// Invariant: an `it` with n further letters covers exactly the next n + 1 instructions; the
/// first gets its condition, each later one its condition or the inverse (then / else).
public enum ITBlocks {
    /// For each instruction, the condition an enclosing `it` gives it (nil outside one).
    public static func conditions(_ instructions: [ThumbInstruction]) -> [Condition?] {
        var out: [Condition?] = []
        var pending: [Condition] = []
        for instruction in instructions {
            if !pending.isEmpty {
                out.append(pending.removeFirst())
                continue
            }
            out.append(nil)
            if case .it(let c, let thens) = instruction { pending = [c] + thens.map { $0 ? c : c.inverse } }
        }
        return out
    }

    /// The halfwords of each instruction of `instructions`, in its IT context.
    public static func encode(_ instructions: [ThumbInstruction]) throws(EncodingError) -> [[UInt16]] {
        let conditions = conditions(instructions)
        var out: [[UInt16]] = []
        for (i, instruction) in instructions.enumerated() {
            out.append(try Encoder.encode(instruction, inIT: conditions[i] != nil))
        }
        return out
    }

    /// Each instruction's text with the condition its `it` block gives it.
    public static func text(_ instructions: [ThumbInstruction]) -> [String] {
        zip(instructions, conditions(instructions)).map { Assembly.text($0, condition: $1 ?? .al) }
    }
}
