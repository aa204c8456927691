import Thumb

/// Tail merging (cross-jumping, as LLVM's BranchFolding and GCC's crossjumping do at -Os), a
/// machine pass on the laid-out items: code paths that end in the same instructions and then
/// go to the same place — blocks branching unconditionally to one label, or falling through
/// into it; blocks ending in the same return (`pop {…, pc}`, `bx lr`) or the same tail call —
/// keep one copy of their longest common suffix behind a new label, and the others branch to
/// it, when that saves bytes.
///
/// The suffixes are found with a trie per join point over each path's items read backwards
/// (each item is in at most one path, so the trie is linear in the function); its nodes are
/// visited deepest first, so each path gets the longest suffix it shares. A suffix starts at
/// no label (a label is an entry: the suffix stops there), inside no `it` block, and holds no
/// item whose encoding depends on its address other than symbolic ones (literal loads name
/// their constant, branches their label). Bytes are counted with the Encoder: the removed
/// copy at its shortest forms, the new branch at 32 bits unless an upper bound of its
/// distance fits 16 with a margin for literal islands. Layout still picks every final form.
///
/// Invariant: every path executes the same instructions in the same order as before, only
/// by a branch into another copy; labels already present keep their place, and new ones are
/// numbered from `firstLabel` (below literal islands' and switch trampolines').
enum TailMerging {
    /// The first label number the pass takes (above the emitter's epilogue, below islands').
    static let firstLabel = 1_500_000
    /// Where literal islands' labels start (`Layout.islandLabels`).
    static let labelCeiling = 2_000_000

    /// Where a path goes once its suffix is done: a label (branched to or fallen into), or
    /// out of the function by the exit item itself (a return or a tail call).
    enum Join: Hashable {
        case label(Label)
        case exit(Item)
    }

    /// One path into a join: its shareable items lie in `start..<end`; `terminator` is the
    /// item after them that goes to the join (nil when the path falls into the label at
    /// `end`).
    struct Path {
        var join: Join
        var start: Int
        var end: Int
        var terminator: Int?
    }

    /// Merges tails until nothing more merges (a few rounds at most); the items and how
    /// many paths now branch into another's copy.
    static func run(_ items: [Item]) -> (items: [Item], merged: Int) {
        var out = items
        var total = 0
        for _ in 0..<4 {
            let (next, merged) = round(out)
            let (threaded, removed) = thread(next)
            guard merged + removed > 0 else { break }
            out = threaded
            total += merged + removed
        }
        return (out, total)
    }

    /// Which items an `it` block covers (the instructions after the `it`).
    static func coverage(_ items: [Item]) -> [Bool] {
        var out: [Bool] = []
        out.reserveCapacity(items.count)
        var remaining = 0
        for item in items {
            let covered = remaining > 0
            out.append(covered)
            if covered {
                remaining -= 1
            } else if case .instruction(.it(_, let thens)) = item {
                remaining = thens.count + 1
            }
        }
        return out
    }

    /// Whether two copies of the item at different addresses do the same: no pc-relative
    /// operand held as a number, no change of flow past the next item.
    static func shareable(_ item: Item) -> Bool {
        switch item {
        case .instruction(let i):
            switch i {
            case .b, .bl, .bx, .cbz, .tableBranch, .udf: return false
            case .load(_, _, .literal), .store(_, _, .literal), .loadDual(_, _, .literal), .storeDual(_, _, .literal):
                return false
            case .pop(let list), .loadMultiple(_, _, let list, _): return !list.contains(.pc)
            default:
                let r = i.registers
                return !r.reads.contains(.pc) && !r.writes.contains(.pc)
            }
        case .branch(let c, _): return c != .al
        case .compareBranch, .call, .constant, .symbolConstant, .address: return true
        case .label, .tailCall, .pool, .switchTable, .align: return false
        }
    }

    /// The item as an exit of the function (a return or a tail call), when it is one.
    static func isExit(_ item: Item) -> Bool {
        switch item {
        case .instruction(.pop(let list)): list.contains(.pc)
        case .instruction(.bx): true
        case .tailCall: true
        default: false
        }
    }

    /// The fewest bytes the item can take (what removing a copy surely saves).
    static func smallest(_ item: Item, inIT: Bool) -> Int {
        switch item {
        case .instruction(let i): (try? Encoder.encode(i, inIT: inIT).count * 2) ?? 4
        case .label, .pool, .align: 0
        case .branch, .compareBranch, .constant, .symbolConstant, .switchTable: 2
        case .call, .tailCall: 4
        case .address: 8
        }
    }

    /// The most bytes the item can take (for an upper bound of distances).
    static func largest(_ item: Item, inIT: Bool, poolEntries: Int) -> Int {
        switch item {
        case .instruction(let i): (try? Encoder.encode(i, inIT: inIT).count * 2) ?? 4
        case .label: 0
        case .branch, .call, .tailCall, .constant, .symbolConstant: 4
        case .compareBranch: 6
        case .address: 8
        case .pool: 2 + 4 * poolEntries
        case .switchTable(_, let targets): 5 + 2 * targets.count
        case .align(let n): max(0, n - 2)
        }
    }

    /// Upper-bound distance within which a new `b` is taken as 16 bits (2,046 reach; the
    /// rest a margin for literal islands layout may place between).
    static let shortReach = 1536

    /// Upper bounds of the items' addresses (pools counted by the loads since the previous
    /// one), and of the end.
    static func upperBounds(_ items: [Item], inIT: [Bool]) -> [Int] {
        var address: [Int] = []
        address.reserveCapacity(items.count + 1)
        var at = 0
        var loads = 0
        for (k, item) in items.enumerated() {
            address.append(at)
            at += largest(item, inIT: inIT[k], poolEntries: loads)
            switch item {
            case .constant, .symbolConstant: loads += 1
            case .pool: loads = 0
            default: break
            }
        }
        address.append(at)
        return address
    }

    /// Whether control never falls through the item into the next.
    static func endsFlow(_ item: Item, covered: Bool) -> Bool {
        guard !covered else { return false }
        switch item {
        case .branch(.al, _), .tailCall, .instruction(.udf): return true
        default: return isExit(item)
        }
    }

    /// Upper-bound distance within which a conditional branch keeps its 16-bit form (254
    /// reach, less a margin).
    static let shortConditionalReach = 200

    /// Blocks that are only a branch (what a merged whole block leaves, `L: b N`), entered
    /// by branches alone: those branches go to `N` directly and the block goes, when every
    /// reference is a branch whose 16-bit form (upper bound) still reaches. A block a
    /// compare-and-branch or a switch table names stays (their reach is forward and short).
    static func thread(_ items: [Item]) -> (items: [Item], removed: Int) {
        let inIT = coverage(items)
        // Per branch-only block: its label run and the target.
        var forward: [Label: Label] = [:]
        var blocks: [(first: Int, branch: Int)] = []
        var k = 1
        while k < items.count {
            guard case .label = items[k], endsFlow(items[k - 1], covered: inIT[k - 1]) else {
                k += 1
                continue
            }
            var j = k
            var run: [Label] = []
            while j < items.count, case .label(let l) = items[j] {
                run.append(l)
                j += 1
            }
            if j < items.count, !inIT[j], case .branch(.al, let target) = items[j], !run.contains(target) {
                for l in run { forward[l] = target }
                blocks.append((k, j))
            }
            k = j
        }
        guard !blocks.isEmpty else { return (items, 0) }
        // The final target of each label through chains of such blocks (a cycle stays put).
        func final(_ l: Label) -> Label {
            var at = l
            var steps = 0
            while let next = forward[at], steps < 8 {
                at = next
                steps += 1
            }
            return forward[at] == nil ? at : l
        }
        var position: [Label: Int] = [:]
        for (k, item) in items.enumerated() { if case .label(let l) = item { position[l] = k } }
        // A label some other item than a branch names keeps its block.
        var pinned = Set<Label>()
        for item in items {
            switch item {
            case .compareBranch(_, _, let l): pinned.insert(l)
            case .switchTable(_, let targets): pinned.formUnion(targets)
            default: break
            }
        }
        let address = upperBounds(items, inIT: inIT)
        var retarget: [Int: Label] = [:]
        var removedBlocks: [(first: Int, branch: Int)] = []
        var references: [Label: [Int]] = [:]
        for (k, item) in items.enumerated() {
            if case .branch(_, let l) = item, forward[l] != nil { references[l, default: []].append(k) }
        }
        for block in blocks {
            let labels = items[block.first..<block.branch].compactMap { item -> Label? in
                if case .label(let l) = item { l } else { nil }
            }
            guard !labels.contains(where: pinned.contains) else { continue }
            let target = final(labels[0])
            guard target != labels[0], let to = position[target] else { continue }
            let sites = labels.flatMap { references[$0] ?? [] }
            let reach = sites.allSatisfy { k in
                guard case .branch(let c, _) = items[k] else { return false }
                return abs(address[to] - address[k]) <= (c == .al ? shortReach : shortConditionalReach)
            }
            guard reach else { continue }
            for k in sites { retarget[k] = target }
            removedBlocks.append(block)
        }
        guard !removedBlocks.isEmpty else { return (items, 0) }
        var drop = [Bool](repeating: false, count: items.count)
        for block in removedBlocks { for k in block.first...block.branch { drop[k] = true } }
        var out: [Item] = []
        out.reserveCapacity(items.count)
        for (k, item) in items.enumerated() where !drop[k] {
            if let l = retarget[k], case .branch(let c, _) = item {
                out.append(.branch(c, l))
            } else {
                out.append(item)
            }
        }
        return (out, removedBlocks.count)
    }

    /// One round: every join's paths merged as far as it pays.
    static func round(_ items: [Item]) -> (items: [Item], merged: Int) {
        let inIT = coverage(items)
        // The first label of each run of labels stands for the run (one place).
        var canonical: [Label: Label] = [:]
        var runHead: Label?
        for item in items {
            if case .label(let l) = item {
                if runHead == nil { runHead = l }
                canonical[l] = runHead
            } else {
                runHead = nil
            }
        }
        let address = upperBounds(items, inIT: inIT)

        // The paths: each run of shareable items ending at an exit, an unconditional branch
        // or a label it falls into.
        var paths: [Path] = []
        func shareableStart(before end: Int) -> Int {
            var s = end
            while s > 0, shareable(items[s - 1]) { s -= 1 }
            return s
        }
        for k in items.indices {
            let item = items[k]
            if !inIT[k], isExit(item) {
                paths.append(Path(join: .exit(item), start: shareableStart(before: k), end: k, terminator: k))
            } else if !inIT[k], case .branch(.al, let l) = item {
                paths.append(
                    Path(
                        join: .label(canonical[l] ?? l), start: shareableStart(before: k), end: k, terminator: k))
            } else if case .label(let l) = item, k > 0, shareable(items[k - 1]) {
                paths.append(Path(join: .label(canonical[l] ?? l), start: shareableStart(before: k), end: k))
            }
        }

        // The trie of suffixes: node 0.. are roots (one per join, in first-seen order).
        struct Key: Hashable {
            var parent: Int
            var item: Item
        }
        var depth: [Int] = []
        var members: [[Int]] = []
        var child: [Key: Int] = [:]
        var roots: [Join: Int] = [:]
        for (p, path) in paths.enumerated() {
            let root: Int
            if let r = roots[path.join] {
                root = r
            } else {
                root = depth.count
                roots[path.join] = root
                depth.append(0)
                members.append([])
            }
            var node = root
            var k = path.end
            while k > path.start {
                k -= 1
                let key = Key(parent: node, item: items[k])
                if let c = child[key] {
                    node = c
                } else {
                    node = depth.count
                    child[key] = node
                    depth.append(depth[key.parent] + 1)
                    members.append([])
                }
                members[node].append(p)
            }
        }

        // Bytes removing path p's last d items (and its terminator) saves, before the branch.
        var prefixBytes: [Int] = [0]
        prefixBytes.reserveCapacity(items.count + 1)
        for k in items.indices { prefixBytes.append(prefixBytes[k] + smallest(items[k], inIT: inIT[k])) }
        func removed(_ p: Int, _ d: Int) -> Int {
            let path = paths[p]
            let terminator = path.terminator.map { smallest(items[$0], inIT: false) } ?? 0
            return prefixBytes[path.end] - prefixBytes[path.end - d] + terminator
        }
        func branchBytes(from p: Int, to keeper: Int, _ d: Int) -> Int {
            let distance = abs(address[paths[keeper].end - d] - address[paths[p].end - d])
            return distance <= shortReach ? 2 : 4
        }
        func startsBlock(_ p: Int, _ d: Int) -> Bool { !inIT[paths[p].end - d] }

        // Deepest nodes first (then creation order): each path gets its longest shared suffix.
        let candidates = members.indices.filter { members[$0].count >= 2 }.sorted {
            (depth[$0], -$0) > (depth[$1], -$1)
        }
        var kept = Set<Int>()
        var assigned: [Int: (keeper: Int, depth: Int)] = [:]
        for n in candidates {
            let d = depth[n]
            let open = members[n].filter { assigned[$0] == nil && !kept.contains($0) && startsBlock($0, d) }
            let keepers = members[n].filter { kept.contains($0) && startsBlock($0, d) }
            let keeper: Int
            if let first = keepers.first {
                keeper = first
            } else {
                guard open.count >= 2 else { continue }
                // A path falling into the join keeps its copy (it needs no branch), else the last.
                keeper = open.first { paths[$0].terminator == nil } ?? open[open.count - 1]
            }
            var any = false
            for p in open where p != keeper && removed(p, d) > branchBytes(from: p, to: keeper, d) {
                assigned[p] = (keeper, d)
                any = true
            }
            if any { kept.insert(keeper) }
        }
        guard !assigned.isEmpty else { return (items, 0) }

        // New labels, one per place in a kept copy, numbered in the order of the places.
        var nextLabel = firstLabel
        for item in items {
            if case .label(let l) = item, l.id >= nextLabel, l.id < labelCeiling { nextLabel = l.id + 1 }
        }
        var placeLabel: [Int: Label] = [:]
        for place in Set(assigned.values.map { paths[$0.keeper].end - $0.depth }).sorted() {
            placeLabel[place] = Label(nextLabel)
            nextLabel += 1
        }
        // Each removed copy: its items (and terminator) replaced by a branch into the kept one.
        var replaced: [Int: (end: Int, to: Label)] = [:]
        for (p, a) in assigned {
            let path = paths[p]
            guard let label = placeLabel[paths[a.keeper].end - a.depth] else { continue }
            replaced[path.end - a.depth] = ((path.terminator ?? path.end - 1) + 1, label)
        }
        var out: [Item] = []
        out.reserveCapacity(items.count + placeLabel.count)
        var k = 0
        while k < items.count {
            if let label = placeLabel[k] { out.append(.label(label)) }
            if let r = replaced[k] {
                // Not when the kept copy comes right after (it is fallen into).
                if placeLabel[r.end] != r.to { out.append(.branch(.al, r.to)) }
                k = r.end
            } else {
                out.append(items[k])
                k += 1
            }
        }
        return (out, assigned.count)
    }
}
