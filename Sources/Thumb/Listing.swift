/// Laid-out code as assembler source (GNU syntax, unified), as `weft compile -S` writes it:
/// one line per instruction in UAL, branch targets as local labels, literal pools as
/// `.word` (a symbol's address by name), switch tables as `.byte`/`.short` label
/// differences, calls and addresses by symbol.
///
/// Invariant: every item is written in the form layout chose (`Layout.Output.levels`): a
/// branch, literal load or compare-and-branch carries `.n` or `.w`, a switch table is
/// `tbb` or `tbh` as laid out, and pools and alignment are `.p2align` at the same places,
/// so an assembler gives the same bytes as the layout (relocated places aside, which an
/// assembler may resolve itself).
public struct Listing {
    /// A prefix that makes this code's local labels unique in the file (`.L<prefix>_<n>`).
    public var prefix: String
    /// Lines to write before the item at a byte offset (a function's symbol, say), by offset.
    public var symbolLines: [Int: [String]]

    public init(prefix: String, symbolLines: [Int: [String]] = [:]) {
        self.prefix = prefix
        self.symbolLines = symbolLines
    }

    /// A symbol as the assembler reads it: as is when it is an identifier, else quoted.
    public static func symbol(_ name: String) -> String {
        let plain =
            !name.isEmpty
            && name.utf8.allSatisfy { c in
                (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
                    || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_")
                    || c == UInt8(ascii: ".") || c == UInt8(ascii: "$")
            }
        let first = name.utf8.first ?? 0
        if plain && !(first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) { return name }
        var quoted = "\""
        for c in name.unicodeScalars {
            if c == "\"" || c == "\\" { quoted += "\\" }
            quoted.unicodeScalars.append(c)
        }
        return quoted + "\""
    }

    /// `symbol+addend` (or `-`), the operand of a relocated place.
    static func reference(_ symbol: String, _ addend: Int64) -> String {
        let s = Self.symbol(symbol)
        return addend == 0 ? s : addend > 0 ? "\(s)+\(addend)" : "\(s)-\(-addend)"
    }

    func label(_ l: Label) -> String { ".L\(prefix)_\(l.id)" }

    /// The lines of `output`'s code (an instruction, directive or label each; instructions
    /// and directives indented by a tab).
    public func lines(_ output: Layout.Output) -> [String] {
        let items = output.items
        guard output.levels.count == items.count, output.offsets.count == items.count else {
            // Code not laid out by `Layout` (a stub): its halfwords as they are.
            var out = symbolLines[0] ?? []
            var k = 0
            while k + 1 < output.bytes.count {
                let h = UInt16(output.bytes[k]) | UInt16(output.bytes[k + 1]) << 8
                out.append("\t.inst.n 0x\(String(h, radix: 16))")
                k += 2
            }
            return out
        }
        var out: [String] = []
        var pending: [Condition] = []
        // Each pool's entries in layout's order (`Layout.assignPools`: the loads since the
        // previous pool, equal ones once), by pool item, and the label of each.
        var pools: [Int: [Layout.PoolEntry]] = [:]
        var entries: [Layout.PoolEntry] = []
        for (k, item) in items.enumerated() {
            switch item {
            case .constant, .symbolConstant:
                let e = Layout.entry(item)
                if !entries.contains(e) { entries.append(e) }
            case .pool:
                pools[k] = entries
                entries = []
            default: break
            }
        }
        func entryLabel(pool: Int, _ j: Int) -> String { ".L\(prefix)_cp\(pool)_\(j)" }
        // The pool each load reads: walk backwards from the pools.
        var nextPool: [Int: Int] = [:]
        var upcoming: Int?
        for k in items.indices.reversed() {
            if case .pool = items[k] { upcoming = k }
            if let p = upcoming { nextPool[k] = p }
        }
        func width(_ wide: Bool) -> String { wide ? ".w" : ".n" }
        for (k, item) in items.enumerated() {
            if let lines = symbolLines[output.offsets[k]], k == 0 || output.offsets[k - 1] != output.offsets[k] {
                out += lines
            }
            var condition: Condition = .al
            if !pending.isEmpty {
                condition = pending.removeFirst()
            }
            let wide = output.levels[k] > 0
            switch item {
            case .instruction(let i):
                out.append("\t" + Assembly.text(i, condition: condition))
                if case .it(let c, let thens) = i, condition == .al { pending = [c] + thens.map { $0 ? c : c.inverse } }
            case .label(let l):
                out.append(label(l) + ":")
            case .branch(let c, let l):
                let cond = condition == .al ? c : condition
                out.append("\tb\(cond)\(width(wide)) \(label(l))")
            case .compareBranch(let nonzero, let r, let l):
                switch output.levels[k] {
                case 0: out.append("\tcb\(nonzero ? "n" : "")z \(r), \(label(l))")
                default:
                    out.append("\t" + Assembly.text(.compare(.cmp, rn: r, .immediate(0))))
                    let c: Condition = nonzero ? .ne : .eq
                    out.append("\tb\(c)\(width(output.levels[k] > 1)) \(label(l))")
                }
            case .call(let s):
                out.append("\tbl\(condition) \(Self.symbol(s))")
            case .tailCall(let s):
                out.append("\tb\(condition).w \(Self.symbol(s))")
            case .address(let r, let s, let addend):
                out.append("\tmovw\(condition) \(r), :lower16:\(Self.reference(s, Int64(addend)))")
                out.append("\tmovt\(condition) \(r), :upper16:\(Self.reference(s, Int64(addend)))")
            case .constant(let r, _), .symbolConstant(let r, _, _):
                let pool = nextPool[k] ?? -1
                let j = pools[pool]?.firstIndex(of: Layout.entry(item)) ?? 0
                out.append("\tldr\(condition)\(width(wide)) \(r), \(entryLabel(pool: pool, j))")
            case .pool:
                let entries = pools[k] ?? []
                guard !entries.isEmpty else { break }
                out.append("\t.p2align 2")
                for (j, entry) in entries.enumerated() {
                    out.append(entryLabel(pool: k, j) + ":")
                    switch entry {
                    case .value(let v): out.append("\t.word \(v)")
                    case .symbol(let s, let a): out.append("\t.word \(Self.reference(s, Int64(Int32(bitPattern: a))))")
                    }
                }
            case .switchTable(let index, let targets):
                let base = ".L\(prefix)_tb\(k)"
                out.append(
                    "\t" + Assembly.text(.tableBranch(halfwords: wide, rn: .pc, rm: index), condition: condition))
                out.append("\(base):")
                for t in targets { out.append("\t.\(wide ? "short" : "byte") (\(label(t))-\(base))/2") }
                if !wide && targets.count % 2 == 1 { out.append("\t.byte 0") }
            case .align(let n):
                out.append("\t.p2align \(n.trailingZeroBitCount)")
            }
        }
        return out
    }
}
