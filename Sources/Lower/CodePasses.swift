import Passes
import WasmModel

/// The passes over elaborated code (`Locals`: structured code trees over locals), each one
/// job: branch structure simplified, joins that only feed a test of a constant threaded
/// past it, single-use locals sunk into their readers (`local.tee`
/// where a value is read again), writes nobody reads removed, locals coalesced by liveness,
/// zero writes that fresh locals already hold dropped, unused locals compacted away, loops
/// whose first exit test cannot pass tested last.
///
/// Invariant: each leaves code whose flattening is a valid body with the same meaning
/// (`Code`'s invariant); `coalesce-locals` refuses (a `LoweringFailure`) code that reads a
/// declared local before writing it.
public enum CodePasses {
    static func changes(_ before: [Code], _ after: [Code]) -> Int { before == after ? 0 : 1 }

    public static let simplifyBranches = Pass<Locals>("simplify-branches") { l in
        let before = l.code
        l.code = Branches.simplify(l.code)
        return changes(before, l.code)
    }

    public static let threadJumps = Pass<Locals>("thread-jumps") { l in
        let before = l.code
        l.code = JumpThreading.run(l.code)
        return changes(before, l.code)
    }

    public static let rotateLoops = Pass<Locals>("rotate-loops") { l in
        let before = l.code
        l.code = LoopRotation.apply(l.code, parameterCount: l.parameterCount)
        return changes(before, l.code)
    }

    public static let sinkLocals = Pass<Locals>("sink-locals") { l in
        let before = l.code
        l.cleanUp()
        return changes(before, l.code)
    }

    public static let removeDeadWrites = Pass<Locals>("remove-dead-writes") { l in
        let before = l.code
        l.count()
        l.code = l.removeDead(l.code)
        return changes(before, l.code)
    }

    public static let coalesceLocals = Pass<Locals>("coalesce-locals") { (l: inout Locals) throws(PassFailure) in
        let before = l.types.count
        do throws(LoweringFailure) {
            try l.coalesce()
        } catch {
            throw PassFailure(pass: "coalesce-locals", reason: error.reason)
        }
        return before - l.types.count
    }

    public static let elideZeroInitialization = Pass<Locals>("elide-zero-init") { l in
        let before = l.code
        l.elideZeroInitialization()
        return changes(before, l.code)
    }

    public static let compactLocals = Pass<Locals>("compact-locals") { l in
        let before = l.types.count
        l.compact()
        return before - l.types.count
    }

    /// Every code pass's name, in pipeline order.
    public static let names = [
        "simplify-branches", "thread-jumps", "sink-locals", "remove-dead-writes", "coalesce-locals", "elide-zero-init",
        "compact-locals", "rotate-loops",
    ]
}

/// Elaborated code as Wasm text, one instruction a line, indented by nesting (for
/// `--print-after`).
public enum CodeText {
    public static func text(_ code: [Code], types: [ValueType], parameterCount: Int) -> String {
        var lines: [String] = []
        let declared = types.dropFirst(parameterCount).map(\.description).joined(separator: " ")
        lines.append("locals (\(declared))")
        var depth = 1
        for i in Code.flatten(code) {
            switch i {
            case .end, .else: depth = max(1, depth - 1)
            default: break
            }
            lines.append(String(repeating: "  ", count: depth) + i.text)
            switch i {
            case .block, .loop, .if, .else: depth += 1
            default: break
            }
        }
        return lines.joined(separator: "\n")
    }
}
