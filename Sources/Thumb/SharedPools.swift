/// Neighbouring functions laid out as one stretch of code so that they share literal pools.
///
/// Each function ends with its own pool, so a word every function loads (the memory's base
/// under `linked`, a table's address, a common constant) is stored once per function, 4
/// bytes each time. Laid out together, the functions of a *group* (neighbours whose code
/// adds up to at most `reach` bytes) in which two load an equal word keep only the last
/// one's end pool: every literal load of the group reads the first pool after it
/// (`Layout`), so equal words are stored once per group. The bound keeps the group's loads
/// within the 16-bit `ldr rt, [pc, #imm]`'s 1,020 bytes in most cases; a load that does not reach is made `ldr.w` by relaxation (4,095
/// bytes), and a function longer than that has its islands from its own layout already.
///
/// Invariant: the items of each function are the ones its own layout produced (islands and
/// trampolines included), their labels renumbered apart; only end pools of functions other
/// than each sharing group's last are dropped; each function starts word aligned at its
/// `start` label, and its `end` label follows its last item (its pool, when it kept one).
public enum SharedPools {
    /// A function's place in the combined code: the labels at its first and after its last
    /// item.
    public struct Bounds: Sendable {
        public var start: Label
        public var end: Label

        /// The function's bytes in `output` (the combined code laid out).
        public func span(in output: Layout.Output) -> Range<Int> {
            let from = output.labels[start] ?? 0
            return from..<max(from, output.labels[end] ?? from)
        }
    }

    /// The bytes of neighbours that share a pool (`weft compile`'s choice).
    public static let reach = 1024

    /// Label numbers of function `k` (from 0) are moved up by `(k + 1) * stride`: above
    /// every label a function's layout uses (the emitter's, islands', trampolines').
    static let stride = 10_000_000

    /// Groups `sizes` (the functions' bytes when laid out alone) into runs of neighbours of
    /// at most `reach` bytes: the index of each group's last function.
    public static func groupEnds(_ sizes: [Int], reach: Int) -> Set<Int> {
        var ends = Set<Int>()
        var total = 0
        for (k, size) in sizes.enumerated() {
            if k > 0, total + size > reach {
                ends.insert(k - 1)
                total = 0
            }
            total += (size + 3) / 4 * 4
        }
        if !sizes.isEmpty { ends.insert(sizes.count - 1) }
        return ends
    }

    /// The words a function's end pool holds: those its loads after its last island read.
    static func endPoolWords(_ items: [Item]) -> Set<Layout.PoolEntry> {
        var words = Set<Layout.PoolEntry>()
        for item in items.dropLast() {
            switch item {
            case .constant, .symbolConstant: words.insert(Layout.entry(item))
            case .pool: words = []
            default: break
            }
        }
        return words
    }

    /// The functions whose end pool goes: all but the last of each group in which two
    /// functions load an equal word (a group with none keeps every pool: moving words
    /// farther saves nothing and may lengthen loads).
    static func dropped(_ functions: [[Item]], sizes: [Int], reach: Int) -> Set<Int> {
        let ends = groupEnds(sizes, reach: reach).sorted()
        var out = Set<Int>()
        var first = 0
        for end in ends {
            var seen = Set<Layout.PoolEntry>()
            var shared = false
            for k in first...end {
                let words = endPoolWords(functions[k])
                if !seen.isDisjoint(with: words) { shared = true }
                seen.formUnion(words)
            }
            if shared { out.formUnion(first..<end) }
            first = end + 1
        }
        return out
    }

    /// The functions' items (`Layout.Output.items`) as one list, with their bounds.
    public static func combine(_ functions: [[Item]], sizes: [Int], reach: Int) -> (items: [Item], bounds: [Bounds]) {
        let drop = dropped(functions, sizes: sizes, reach: reach)
        var items: [Item] = []
        var bounds: [Bounds] = []
        for (k, function) in functions.enumerated() {
            let shift = (k + 1) * stride
            func moved(_ l: Label) -> Label { Label(l.id + shift) }
            var body = function
            if drop.contains(k), case .pool? = body.last { body.removeLast() }
            let start = Label(shift - 2)
            let end = Label(shift - 1)
            items.append(.align(4))
            items.append(.label(start))
            for item in body {
                switch item {
                case .label(let l): items.append(.label(moved(l)))
                case .branch(let c, let l): items.append(.branch(c, moved(l)))
                case .compareBranch(let nonzero, let r, let l):
                    items.append(.compareBranch(nonzero: nonzero, r, moved(l)))
                case .switchTable(let index, let targets):
                    items.append(.switchTable(index: index, targets: targets.map(moved)))
                default: items.append(item)
                }
            }
            items.append(.label(end))
            bounds.append(Bounds(start: start, end: end))
        }
        return (items, bounds)
    }
}
