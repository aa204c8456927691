/// A position in laid-out code that branches, tables and literal loads refer to.
public struct Label: Hashable, Sendable {
    public var id: Int
    public init(_ id: Int) { self.id = id }
}

/// What a function body is made of before addresses are known: instructions, branches to
/// labels, calls to symbols, constants from a literal pool, switch tables, alignment.
public enum Item: Hashable, Sendable {
    case instruction(ThumbInstruction)
    case label(Label)
    /// `b` or `b<c>` to a label: 16 bits when it reaches, else 32.
    case branch(Condition, Label)
    /// `cbz`/`cbnz` to a label: when the target is not 0–126 bytes ahead, `cmp rn, #0` and a
    /// conditional branch instead.
    case compareBranch(nonzero: Bool, Register, Label)
    /// `bl` to a symbol (a relocation), or `b.w` to it (a tail call).
    case call(String)
    case tailCall(String)
    /// `movw`+`movt` of a symbol's address plus an addend (REL: the addend is the 16-bit
    /// immediate both instructions hold, read as signed, so it lies in -32768...32767).
    case address(Register, String, addend: Int32 = 0)
    /// `ldr rt, =value`: a load from the pool that follows (shared between equal values).
    case constant(Register, UInt32)
    /// `ldr rt, =symbol + addend`: a symbol's address plus an addend (modulo 2^32) from the
    /// pool (an `abs32` fixup on the entry, which holds the addend: REL).
    case symbolConstant(Register, String, addend: UInt32 = 0)
    /// Where a literal pool goes (word aligned, after code that does not fall into it): it
    /// holds the constants loaded since the previous pool. A function has one at its end;
    /// layout adds islands inside a function whose loads would not reach it.
    case pool
    /// `tbb` (or `tbh` when a target is too far) on `index` with a table of `targets`. A
    /// target the table cannot reach (one behind it, such as a loop's start, or one past
    /// `tbh`'s 131,070 bytes) is reached through a trampoline (`b target`) layout places right
    /// after the table; so is one past `tbb`'s 510 bytes when that is smaller than `tbh`.
    case switchTable(index: Register, targets: [Label])
    /// Pads with `nop`s to a multiple of `bytes`.
    case align(Int)
}

/// A relocation the laid-out code needs: `symbol`'s address patched in at `offset`.
public struct Fixup: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case call, jump24, movw, movt, abs32
    }

    public var offset: Int
    public var symbol: String
    public var kind: Kind
}

/// Lays out a function: the smallest encoding of every branch that reaches its target
/// (branch relaxation), literal pools, switch tables and alignment, then the bytes.
///
/// Literal pools: each load reads the first pool after it (the constants between two pools
/// go in the second, equal ones shared). When a load would not reach the pool at the end
/// (`ldr.w` reaches 4,095 bytes), islands are placed inside the function, as LLVM's ARM
/// constant islands pass does: after the last unconditional branch or return that lies
/// past the load, else behind a branch around the island; a short stretch whose few loads
/// cost less as `movw`/`movt` than an island with its branch gets those instead. Islands
/// are placed on an upper bound of every item's size, so they stay in reach whatever
/// relaxation then picks. A function whose loads all reach its end pool is laid out as
/// before islands existed.
///
/// Switch tables: an entry whose target lies behind the table gets a trampoline after it
/// before relaxation; one too far ahead for `tbb` gets one when that costs less than `tbh`
/// (else the table becomes `tbh`), one too far for `tbh` always. Adding trampolines restarts
/// relaxation; each restart adds at least one, and an entry once routed through a trampoline
/// keeps it, so the restarts end.
///
/// Invariant: sizes only grow from one pass to the next (a branch, table, literal load or
/// compare that once needed a longer form keeps it), so the passes end; the final bytes use exactly the
/// sizes of the last pass, and every offset fits its encoding.
public struct Layout {
    public var items: [Item]

    public init(_ items: [Item]) { self.items = items }

    /// The laid-out code.
    public struct Output: Sendable {
        public var bytes: [UInt8]
        public var labels: [Label: Int]
        public var fixups: [Fixup]
        /// Byte ranges holding data (pools, tables): the `$d` mapping symbols.
        public var data: [Range<Int>]
        /// How many items needed a longer form than their shortest.
        public var relaxed: Int
        /// The items as laid out (with the islands and trampolines layout added): what
        /// `SharedPools` lays out again beside other functions.
        public var items: [Item]
        /// Per item of `items`, the form layout chose (0 the shortest; see `Layout.level`)
        /// and its offset in `bytes`: what the assembly listing (`Listing`) writes. Empty
        /// for code not laid out by `Layout`.
        public var levels: [UInt8] = []
        public var offsets: [Int] = []

        public init(
            bytes: [UInt8], labels: [Label: Int], fixups: [Fixup], data: [Range<Int>], relaxed: Int, items: [Item] = []
        ) {
            self.bytes = bytes
            self.labels = labels
            self.fixups = fixups
            self.data = data
            self.relaxed = relaxed
            self.items = items
        }
    }

    /// Per item, how long a form it needs: 0 the shortest; a compare-and-branch has three
    /// (cbz, cmp + 16-bit branch, cmp + 32-bit branch), the others two.
    var level: [UInt8] = []
    /// Per item, whether an `it` block covers it (its 16-bit forms then set no flags).
    var inIT: [Bool] = []
    /// The labels of the trampolines layout added after switch tables.
    var addedTrampolines = Set<Label>()

    /// Which items an `it` block covers; a label, pool, table or alignment inside a block,
    /// or a branch that is not its last instruction, is an error.
    static func coverage(_ items: [Item]) throws(EncodingError) -> [Bool] {
        var out: [Bool] = []
        var remaining = 0
        for item in items {
            let covered = remaining > 0
            out.append(covered)
            if covered { remaining -= 1 }
            switch item {
            case .instruction(let i):
                if !covered, case .it(_, let thens) = i { remaining = thens.count + 1 }
            case .branch, .call, .tailCall:
                if covered && remaining > 0 { throw fail("a branch inside an it block must be its last instruction") }
            case .constant, .symbolConstant:
                break
            default:
                if covered { throw fail("only instructions may sit inside an it block") }
            }
        }
        return out
    }

    /// A literal pool word: a value, or a symbol's address plus an addend (patched by the
    /// linker; the word holds the addend).
    enum PoolEntry: Hashable {
        case value(UInt32)
        case symbol(String, UInt32)
    }

    /// The entries of each pool (by item index), and the pool each literal load reads.
    var poolEntries: [Int: [PoolEntry]] = [:]
    var poolOf: [Int: Int] = [:]

    /// Fills `poolEntries` and `poolOf`: each load's entry in the first pool after it.
    mutating func assignPools() throws(EncodingError) {
        poolEntries = [:]
        poolOf = [:]
        var waiting: [Int] = []
        for k in items.indices {
            switch items[k] {
            case .constant, .symbolConstant: waiting.append(k)
            case .pool:
                var entries: [PoolEntry] = []
                for w in waiting {
                    let e = Self.entry(items[w])
                    if !entries.contains(e) { entries.append(e) }
                    poolOf[w] = k
                }
                poolEntries[k] = entries
                waiting = []
            default: break
            }
        }
        if !waiting.isEmpty { throw Self.fail("constants without a pool") }
    }

    func size(_ k: Int, at address: Int) throws(EncodingError) -> Int {
        switch items[k] {
        case .instruction(let i): return try Encoder.encode(i, inIT: inIT[k]).count * 2
        case .label: return 0
        case .branch: return level[k] > 0 ? 4 : 2
        case .compareBranch(_, let r, _):
            guard level[k] > 0 else { return 2 }
            return try Encoder.encode(.compare(.cmp, rn: r, .immediate(0))).count * 2 + (level[k] == 1 ? 2 : 4)
        case .call, .tailCall: return 4
        case .address: return 8
        case .constant, .symbolConstant: return level[k] > 0 ? 4 : 2
        case .pool:
            let count = poolEntries[k]?.count ?? 0
            return count == 0 ? 0 : (address % 4 == 0 ? 0 : 2) + 4 * count
        case .switchTable(_, let targets):
            let table = level[k] > 0 ? 2 * targets.count : (targets.count + 1) / 2 * 2
            return 4 + table
        case .align(let n): return (n - address % n) % n
        }
    }

    /// Addresses of every item given the current long/short choices.
    func addresses() throws(EncodingError) -> (items: [Int], labels: [Label: Int], end: Int) {
        var at = 0
        var out: [Int] = []
        var labels: [Label: Int] = [:]
        for k in items.indices {
            out.append(at)
            if case .label(let l) = items[k] { labels[l] = at }
            at += try size(k, at: at)
        }
        return (out, labels, at)
    }

    /// The address of the pool literal load `k` reads, and of its entry there.
    func literalAddress(_ k: Int, _ addresses: [Int]) -> Int {
        guard let p = poolOf[k] else { return 0 }
        let index = poolEntries[p]?.firstIndex(of: Self.entry(items[k])) ?? 0
        return (addresses[p] + 3) / 4 * 4 + 4 * index
    }

    static func fail(_ reason: String) -> EncodingError { EncodingError(instruction: .nop, reason: reason) }

    public mutating func assemble() throws(EncodingError) -> Output {
        routeBackwardEntries()
        inIT = try Self.coverage(items)
        try assignPools()
        try relax()
        // Trampolines relaxation adds after the islands may push a load out of reach again:
        // islands are then placed anew on the items as they are.
        var rounds = 0
        while try !literalsInReach() {
            rounds += 1
            guard rounds <= 8 else { throw Self.fail("literal islands and switch trampolines do not settle") }
            try placeIslands()
            inIT = try Self.coverage(items)
            try assignPools()
            try relax()
        }
        return try emit()
    }

    /// Branch relaxation: lengthens every item whose offset does not fit its current form,
    /// until all fit; a switch table entry out of reach gets a trampoline instead (then
    /// relaxation starts over on the new items).
    mutating func relax() throws(EncodingError) {
        var restarts = 0
        while let far = try relaxOnce() {
            restarts += 1
            guard restarts <= items.count else { throw Self.fail("switch table trampolines do not settle") }
            addTrampolines(far)
            inIT = try Self.coverage(items)
            try assignPools()
        }
    }

    /// One relaxation to a fixed point; the switch tables (by item) and the entries that need
    /// a trampoline, or nil when every item fits.
    mutating func relaxOnce() throws(EncodingError) -> [Int: Set<Label>]? {
        level = Array(repeating: 0, count: items.count)
        var changed = true
        var rounds = 0
        while changed {
            changed = false
            rounds += 1
            guard rounds < 64 else { throw Self.fail("branch relaxation does not settle") }
            let (addresses, labels, _) = try addresses()
            var farEntries: [Int: Set<Label>] = [:]
            for k in items.indices {
                let from = addresses[k]
                var fits = true
                switch items[k] {
                case .branch(let c, let label):
                    guard let to = labels[label] else { throw Self.fail("undefined label \(label.id)") }
                    let offset = to - (from + 4)
                    fits = level[k] > 0 || (c == .al ? (-2048...2046).contains(offset) : (-256...254).contains(offset))
                case .compareBranch(_, let r, let label):
                    guard let to = labels[label] else { throw Self.fail("undefined label \(label.id)") }
                    switch level[k] {
                    case 0: fits = r.isLow && (0...126).contains(to - (from + 4))
                    case 1:
                        let cmp = try Encoder.encode(.compare(.cmp, rn: r, .immediate(0))).count * 2
                        fits = (-256...254).contains(to - (from + cmp + 4))
                    default: fits = true
                    }
                case .constant(let r, _), .symbolConstant(let r, _, _):
                    let offset = literalAddress(k, addresses) - ((from + 4) & ~3)
                    fits = level[k] > 0 || (r.isLow && offset >= 0 && offset <= 1020)
                case .switchTable(_, let targets):
                    let table = from + 4
                    let reach = level[k] == 0 ? 255 : 0xFFFF
                    var far: [Label] = []
                    var seen = Set<Label>()
                    for l in targets where seen.insert(l).inserted {
                        guard let to = labels[l] else { throw Self.fail("undefined label \(l.id)") }
                        if to < table || (to - table) / 2 > reach { far.append(l) }
                    }
                    guard !far.isEmpty else { break }
                    // A trampoline out of reach too: the table itself is too long.
                    if far.contains(where: addedTrampolines.contains) {
                        guard level[k] == 0 else { throw Self.fail("switch table too long") }
                        fits = false
                        break
                    }
                    // Past tbb: a trampoline per far target (16 bits when its branch reaches
                    // 2 KB, else 32) against tbh's second byte per entry; only while every
                    // trampoline the table could get (32 bits each) lies within tbb's reach.
                    let end = table + (targets.count + 1) / 2 * 2
                    let trampolines = far.reduce(0) { sum, l in sum + ((labels[l] ?? 0) - end < 1800 ? 2 : 4) }
                    let room = end - table + 4 * seen.count <= 510
                    if level[k] == 0, !room || trampolines >= targets.count / 2 * 2 {
                        fits = false
                    } else {
                        farEntries[k] = Set(far)
                    }
                default: break
                }
                if !fits {
                    level[k] += 1
                    changed = true
                }
            }
            if !farEntries.isEmpty { return farEntries }
        }
        return nil
    }

    /// The first label number the trampolines of switch tables take (above the emitter's
    /// and the islands').
    static let trampolineLabels = 3_000_000

    /// A label number above every label of the items (and at least `trampolineLabels`).
    func freshLabel() -> Int {
        var top = Self.trampolineLabels - 1
        for item in items { if case .label(let l) = item { top = max(top, l.id) } }
        return top + 1
    }

    /// Routes the `far` entries of each switch table (by item) through a trampoline placed
    /// right after the table (nothing falls into it: the table always branches).
    mutating func addTrampolines(_ far: [Int: Set<Label>]) {
        var next = freshLabel()
        var out: [Item] = []
        out.reserveCapacity(items.count + far.count * 4)
        for (k, item) in items.enumerated() {
            guard let routed = far[k], case .switchTable(let index, let targets) = item else {
                out.append(item)
                continue
            }
            var trampoline: [Label: Label] = [:]
            var after: [Item] = []
            for l in targets where routed.contains(l) && trampoline[l] == nil {
                let t = Label(next)
                next += 1
                addedTrampolines.insert(t)
                trampoline[l] = t
                after += [.label(t), .branch(.al, l)]
            }
            out.append(.switchTable(index: index, targets: targets.map { trampoline[$0] ?? $0 }))
            out += after
        }
        items = out
    }

    /// Routes every switch table entry whose target lies behind the table through a
    /// trampoline (`tbb`/`tbh` branch forward only), before addresses are known.
    mutating func routeBackwardEntries() {
        var defined = Set<Label>()
        var far: [Int: Set<Label>] = [:]
        for (k, item) in items.enumerated() {
            switch item {
            case .label(let l): defined.insert(l)
            case .switchTable(_, let targets):
                let behind = Set(targets.filter(defined.contains))
                if !behind.isEmpty { far[k] = behind }
            default: break
            }
        }
        if !far.isEmpty { addTrampolines(far) }
    }

    /// Whether every literal load reaches its entry with `ldr.w` (±4,095 bytes).
    func literalsInReach() throws(EncodingError) -> Bool {
        let (addresses, _, _) = try addresses()
        for k in items.indices {
            switch items[k] {
            case .constant, .symbolConstant:
                let offset = literalAddress(k, addresses) - ((addresses[k] + 4) & ~3)
                if offset.magnitude > 4095 { return false }
            default: break
            }
        }
        return true
    }

    /// The most bytes item `k` can take in any form at any address.
    func largestSize(_ k: Int) throws(EncodingError) -> Int {
        switch items[k] {
        case .instruction(let i): return try Encoder.encode(i, inIT: inIT[k]).count * 2
        case .label: return 0
        case .branch, .call, .tailCall, .constant, .symbolConstant: return 4
        case .compareBranch(_, let r, _):
            return try Encoder.encode(.compare(.cmp, rn: r, .immediate(0))).count * 2 + 4
        case .address: return 8
        case .pool: return 2 + 4 * (poolEntries[k]?.count ?? 0)
        case .switchTable(_, let targets): return 4 + 2 * targets.count + 1
        case .align(let n): return max(0, n - 2)
        }
    }

    /// Whether code never falls through item `k` into the next (an island may follow it).
    func endsFlow(_ k: Int) -> Bool {
        guard !inIT[k] else { return false }
        switch items[k] {
        case .branch(.al, _), .tailCall: return true
        case .instruction(.pop(let list)): return list.contains(.pc)
        case .instruction(.bx), .instruction(.udf): return true
        default: return false
        }
    }

    /// The farthest an island may lie past the first load it serves, in upper-bound bytes
    /// (`ldr.w` reaches 4,095 past the word-aligned pc, which is the load's address + 2 or
    /// more; what is left covers the island's alignment).
    static let islandReach = 4000

    /// First label number islands use for their branches around (above the emitter's).
    static let islandLabels = 2_000_000

    /// Inserts islands until, on upper-bound sizes, every load lies within `islandReach`
    /// of its entry; see the type's documentation.
    mutating func placeIslands() throws(EncodingError) {
        // Above the labels of islands placed before (layout may place islands twice).
        var nextLabel = Self.islandLabels
        for item in items {
            if case .label(let l) = item, l.id >= nextLabel, l.id < Self.trampolineLabels { nextLabel = l.id + 1 }
        }
        var from = 0
        var rounds = 0
        while true {
            rounds += 1
            guard rounds <= items.count + 1 else { throw Self.fail("literal islands do not settle") }
            inIT = try Self.coverage(items)
            try assignPools()
            // Scan from the last island (or the start) for the first item at which the pool
            // ahead would fall out of reach of the segment's first load.
            var at = 0
            var firstLoad: Int?  // address of the segment's first load
            var loads: [(item: Int, at: Int)] = []  // the segment's loads and their addresses
            var entries: [PoolEntry] = []
            var barrier: Int?  // index after the last flow-ending item past the first load
            var overflow: Int?
            var k = from
            while k < items.count {
                if case .pool = items[k] {
                    (firstLoad, loads, entries, barrier) = (nil, [], [], nil)
                    at += try largestSize(k)
                    k += 1
                    continue
                }
                var addedEntry = 0
                if case .constant = items[k] {
                    if !entries.contains(Self.entry(items[k])) { addedEntry = 1 }
                } else if case .symbolConstant = items[k] {
                    if !entries.contains(Self.entry(items[k])) { addedEntry = 1 }
                }
                let size = try largestSize(k)
                if let first = firstLoad {
                    // The island, were it placed after this item (with a branch around it).
                    let end = at + size + 4 + 2 + 4 * (entries.count + addedEntry)
                    if end - first > Self.islandReach {
                        overflow = k
                        break
                    }
                }
                switch items[k] {
                case .constant, .symbolConstant:
                    if firstLoad == nil { firstLoad = at }
                    loads.append((k, at))
                    if addedEntry == 1 { entries.append(Self.entry(items[k])) }
                default: break
                }
                at += size
                if firstLoad != nil, endsFlow(k) { barrier = k + 1 }
                k += 1
            }
            guard let k = overflow else { return }
            if let b = barrier {
                items.insert(.pool, at: b)
                from = b
                continue
            }
            // No flow-ending item: an island behind a branch, before item k (before the `it`
            // of a block k lies in), or the stretch's loads as movw/movt when that is smaller.
            var place = k
            while place > 0, inIT[place] { place -= 1 }
            let near = loads.filter { $0.item < place }
            let served = near.map(\.item)
            guard let firstServed = served.first else { throw Self.fail("no place for a literal island") }
            // Bytes each way: movw (and movt for a value past 16 bits) per load, against a
            // load per load (16 bits within 1020 bytes of the island, for a low register),
            // an entry per value, the branch and the alignment.
            let wide = near.reduce(0) { sum, load in
                switch items[load.item] {
                case .constant(_, let v): sum + (v > 0xFFFF ? 8 : 4)
                default: sum + 8
                }
            }
            // movw/movt carry an addend only as a signed 16-bit immediate (REL).
            let encodable = served.allSatisfy { k in
                if case .symbolConstant(_, _, let a) = items[k] { return Self.movwAddend(a) != nil }
                return true
            }
            let island = near.reduce(4 + 2 + 4 * Set(served.map { Self.entry(items[$0]) }).count) { sum, load in
                switch items[load.item] {
                case .constant(let r, _), .symbolConstant(let r, _, _): sum + (r.isLow && at - load.at <= 1000 ? 2 : 4)
                default: sum + 4
                }
            }
            if served.allSatisfy({ !inIT[$0] }), encodable, wide < island {
                for w in served.reversed() {
                    switch items[w] {
                    case .constant(let r, let v):
                        var words: [Item] = [.instruction(.movw(rd: r, UInt16(v & 0xFFFF)))]
                        if v > 0xFFFF { words.append(.instruction(.movt(rd: r, UInt16(v >> 16)))) }
                        items.replaceSubrange(w...w, with: words)
                    case .symbolConstant(let r, let symbol, let a):
                        items[w] = .address(r, symbol, addend: Self.movwAddend(a) ?? 0)
                    default: break
                    }
                }
                from = firstServed
                continue
            }
            let around = Label(nextLabel)
            nextLabel += 1
            items.insert(contentsOf: [.branch(.al, around), .pool, .label(around)], at: place)
            from = place + 1
        }
    }

    static func entry(_ item: Item) -> PoolEntry {
        switch item {
        case .symbolConstant(_, let s, let a): .symbol(s, a)
        case .constant(_, let v): .value(v)
        default: .value(0)
        }
    }

    /// An addend (modulo 2^32) as a `movw`/`movt` pair's REL addend: a signed 16-bit value,
    /// or nil when it is out of that range.
    public static func movwAddend(_ a: UInt32) -> Int32? {
        let v = Int32(bitPattern: a)
        return v >= -32768 && v <= 32767 ? v : nil
    }

    func emit() throws(EncodingError) -> Output {
        let (addresses, labels, end) = try addresses()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(end)
        var fixups: [Fixup] = []
        var data: [Range<Int>] = []
        func put(_ halfwords: [UInt16]) { for h in halfwords { bytes += [UInt8(h & 0xFF), UInt8(h >> 8)] } }
        for k in items.indices {
            let from = addresses[k]
            assert(bytes.count == from)
            switch items[k] {
            case .instruction(let i): put(try Encoder.encode(i, inIT: inIT[k]))
            case .label: break
            case .branch(let c, let label):
                let offset = Int32((labels[label] ?? 0) - (from + 4))
                put(
                    level[k] > 0 ? try Encoder.wideBranch(c, offset: offset) : try Encoder.encode(.b(c, offset: offset))
                )
            case .compareBranch(let nonzero, let r, let label):
                if level[k] > 0 {
                    let cmp = try Encoder.encode(.compare(.cmp, rn: r, .immediate(0)))
                    put(cmp)
                    let offset = Int32((labels[label] ?? 0) - (from + 2 * cmp.count + 4))
                    let c: Condition = nonzero ? .ne : .eq
                    put(
                        level[k] == 1
                            ? try Encoder.encode(.b(c, offset: offset)) : try Encoder.wideBranch(c, offset: offset))
                } else {
                    put(
                        try Encoder.encode(
                            .cbz(nonzero: nonzero, rn: r, offset: Int32((labels[label] ?? 0) - (from + 4)))))
                }
            case .call(let symbol):
                fixups.append(Fixup(offset: from, symbol: symbol, kind: .call))
                put(try Encoder.encode(.bl(offset: -4)))
            case .tailCall(let symbol):
                fixups.append(Fixup(offset: from, symbol: symbol, kind: .jump24))
                put(try Encoder.wideBranch(.al, offset: -4))
            case .address(let r, let symbol, let addend):
                // REL: both immediates hold the addend; the linker adds the symbol's address
                // and keeps the low (movw) or high (movt) half of the sum.
                guard addend >= -32768, addend <= 32767 else { throw Self.fail("movw/movt addend out of range") }
                let immediate = UInt16(truncatingIfNeeded: addend)
                fixups.append(Fixup(offset: from, symbol: symbol, kind: .movw))
                fixups.append(Fixup(offset: from + 4, symbol: symbol, kind: .movt))
                put(try Encoder.encode(.movw(rd: r, immediate)))
                put(try Encoder.encode(.movt(rd: r, immediate)))
            case .constant(let r, _), .symbolConstant(let r, _, _):
                let offset = Int32(literalAddress(k, addresses) - ((from + 4) & ~3))
                let load = ThumbInstruction.load(.word, rt: r, .literal(offset))
                put(level[k] > 0 ? try Encoder.wideLiteral(.word, r, offset: offset) : try Encoder.encode(load))
            case .pool:
                guard let pool = poolEntries[k], !pool.isEmpty else { break }
                if from % 4 != 0 { put([0xBF00]) }
                data.append(bytes.count..<bytes.count + 4 * pool.count)
                for e in pool {
                    var v: UInt32 = 0
                    switch e {
                    case .value(let x): v = x
                    case .symbol(let s, let a):
                        fixups.append(Fixup(offset: bytes.count, symbol: s, kind: .abs32))
                        v = a
                    }
                    bytes += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)]
                }
            case .switchTable(let index, let targets):
                let halfwords = level[k] > 0
                put(try Encoder.encode(.tableBranch(halfwords: halfwords, rn: .pc, rm: index)))
                let table = from + 4
                let start = bytes.count
                for l in targets {
                    let entry = ((labels[l] ?? table) - table) / 2
                    guard entry >= 0, entry <= (halfwords ? 0xFFFF : 0xFF) else {
                        throw Self.fail("switch target out of range")
                    }
                    if halfwords {
                        bytes += [UInt8(entry & 0xFF), UInt8(entry >> 8)]
                    } else {
                        bytes.append(UInt8(entry))
                    }
                }
                if bytes.count % 2 != 0 { bytes.append(0) }
                data.append(start..<bytes.count)
            case .align(let n):
                let pad = (n - from % n) % n
                guard pad % 2 == 0 else { throw Self.fail("alignment of odd code") }
                for _ in 0..<pad / 2 { put([0xBF00]) }
            }
        }
        var output = Output(
            bytes: bytes, labels: labels, fixups: fixups, data: data, relaxed: level.count { $0 > 0 }, items: items)
        output.levels = level
        output.offsets = addresses
        return output
    }
}

extension Encoder {
    /// The 32-bit form of `b`/`b<c>` (used when layout chose it, even if the offset would
    /// now fit 16 bits).
    public static func wideBranch(_ c: Condition, offset: Int32) throws(EncodingError) -> Result {
        let i = ThumbInstruction.b(c, offset: offset)
        if c == .al {
            guard offset >= -(1 << 24), offset < 1 << 24, offset % 2 == 0 else { throw fail(i, "branch out of range") }
            return longBranch(offset, link: false)
        }
        guard offset >= -(1 << 20), offset < 1 << 20, offset % 2 == 0 else { throw fail(i, "branch out of range") }
        let v = UInt32(bitPattern: offset)
        return [
            0xF000 | UInt16(v >> 20 & 1) << 10 | UInt16(c.rawValue) << 6 | UInt16(v >> 12 & 0x3F),
            0x8000 | UInt16(v >> 18 & 1) << 13 | UInt16(v >> 19 & 1) << 11 | UInt16(v >> 1 & 0x7FF),
        ]
    }

    /// The 32-bit pc-relative load (`ldr.w rt, [pc, #offset]` for words), the form layout
    /// keeps once chosen even if the 16-bit one would now reach.
    public static func wideLiteral(
        _ width: MemoryWidth = .word, _ rt: Register, offset: Int32
    ) throws(EncodingError) -> Result {
        guard offset.magnitude <= 4095 else {
            throw fail(.load(width, rt: rt, .literal(offset)), "literal offset out of range (±4095)")
        }
        return [
            wideBase(true, width, imm12: false) | 0xF | (offset >= 0 ? 0x80 : 0),
            rt.number << 12 | UInt16(offset.magnitude),
        ]
    }
}
