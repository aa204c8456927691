/// Renames each virtual register's **webs** apart (Muchnick's webs; LLVM's "rename
/// independent subregisters" and Cranelift's SSA values get the same effect): a web is a set
/// of definitions and uses that reaching definitions connect, and two webs of one register
/// share nothing but its name.
///
/// The function compiler gives each Wasm local one virtual register for the whole function,
/// and Wasm producers reuse locals freely (LLVM's WebAssembly backend colors its registers
/// into as few locals as it can; weft's own lowering coalesces locals for smaller Wasm). A
/// local that holds a count in one loop and a pointer in the next is one long live range to
/// the allocator: it interferes with everything in both loops, is spilled across both, and
/// a constant it holds in one is not rematerialized because another definition exists.
/// After renaming, each web is allocated (and spilled, split or rematerialized) on its own.
///
/// Union-find over the occurrences: a block's live-in values each get an entry node; a
/// definition starts a new node, a use joins the node reaching it in the block (the entry
/// node before any definition), and each block's last node of a value joins its
/// successors' entry nodes. A value an instruction both reads and writes (a conditional
/// move, a read-modify-write) keeps one node there, so the instruction names one register.
/// Linear in the code and the live-in sets.
///
/// Invariant: only virtual registers are renamed; every instruction reads, from the
/// register it names, the value its original register held there (each use's web contains
/// every definition that reaches it), so the function computes the same.
enum Webs {
    /// Renames the webs of `f`'s virtual registers apart; returns how many new registers it
    /// made (0: every register was one web).
    static func run(_ f: inout MachineFunction) -> Int {
        let allocator = RegisterAllocator(f)
        let blocks = allocator.blocks()
        let (liveIn, _) = allocator.liveSets(blocks)
        var sets = DisjointSets()
        // Entry nodes of each block's live-in virtual registers.
        var entries = [[Int: Int]](repeating: [:], count: blocks.count)
        for b in blocks.indices {
            for v in liveIn[b] where v >= VReg.first { entries[b][v] = sets.add() }
        }
        // The node each instruction's occurrence of a register belongs to.
        var occurrences = [[(register: Int, node: Int)]](repeating: [], count: f.code.count)
        for (b, block) in blocks.enumerated() {
            var current = entries[b]
            for k in block.range {
                let i = f.code[k]
                var here: [(register: Int, node: Int)] = []
                func reaching(_ v: Int) -> Int {
                    if let n = here.first(where: { $0.register == v })?.node { return n }
                    if let n = current[v] { return n }
                    // Read with no definition reaching it on any path (never, in code the
                    // compiler builds): a web of its own.
                    let n = sets.add()
                    current[v] = n
                    return n
                }
                for u in i.uses where u.isVirtual { here.append((u.id, reaching(u.id))) }
                for d in i.defs where d.isVirtual {
                    if let n = here.first(where: { $0.register == d.id })?.node {
                        current[d.id] = n
                    } else {
                        let n = sets.add()
                        current[d.id] = n
                        here.append((d.id, n))
                    }
                }
                for r in i.regs where r.isVirtual && !here.contains(where: { $0.register == r.id }) {
                    here.append((r.id, reaching(r.id)))
                }
                occurrences[k] = here
            }
            for s in block.successors {
                for (v, n) in entries[s] {
                    if let c = current[v] { sets.union(c, n) }
                }
            }
        }
        // Name the webs: each register's first web (in code order) keeps its name.
        var nameOfRoot: [Int: Int] = [:]
        var named = Set<Int>()
        var next = f.nextVirtual
        var made = 0
        for k in f.code.indices {
            for (v, n) in occurrences[k] {
                let root = sets.find(n)
                guard nameOfRoot[root] == nil else { continue }
                if named.insert(v).inserted {
                    nameOfRoot[root] = v
                } else {
                    nameOfRoot[root] = next
                    next += 1
                    made += 1
                }
            }
        }
        guard made > 0 else { return 0 }
        for k in f.code.indices where !occurrences[k].isEmpty {
            var map: [Int: Int] = [:]
            for (v, n) in occurrences[k] {
                if let name = nameOfRoot[sets.find(n)], name != v { map[v] = name }
            }
            guard !map.isEmpty else { continue }
            func renamed(_ r: VReg) -> VReg { map[r.id].map(VReg.init) ?? r }
            f.code[k].regs = f.code[k].regs.map(renamed)
            f.code[k].defs = f.code[k].defs.map(renamed)
            f.code[k].uses = f.code[k].uses.map(renamed)
        }
        f.nextVirtual = next
        return made
    }
}

/// Disjoint sets of the integers 0..<count (union by size, path halving).
///
/// Invariant: `parent[x] == x` exactly for the representatives; `size` is meaningful only
/// at representatives.
struct DisjointSets {
    private var parent: [Int] = []
    private var size: [Int] = []

    /// A new singleton set; returns its element.
    mutating func add() -> Int {
        parent.append(parent.count)
        size.append(1)
        return parent.count - 1
    }

    mutating func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }

    mutating func union(_ a: Int, _ b: Int) {
        var a = find(a)
        var b = find(b)
        guard a != b else { return }
        if size[a] < size[b] { swap(&a, &b) }
        parent[b] = a
        size[a] += size[b]
    }
}
