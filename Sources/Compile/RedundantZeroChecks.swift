import Thumb

/// A machine pass before allocation: a branch-if-zero on a register already known non-zero
/// is dropped — a division's trap check after the code tested the divisor, or the null
/// check of a callee resolved once (`ResolvedCallee`) before each of its calls in a loop.
/// A register is known non-zero where every path to it passed a branch-if-zero on it that
/// fell through (or a branch-if-non-zero that was taken) with no definition of it since: a
/// forward dataflow over the blocks, intersecting at joins, iterated in reverse postorder to
/// a fixed point (the facts only shrink).
///
/// Invariant: only a `cbz` is removed, and only where those facts prove its register
/// non-zero on every path.
enum RedundantZeroChecks {
    static func run(_ f: inout MachineFunction) -> Int {
        let before = f.code.count
        let code = f.code
        let blocks = RegisterAllocator(f).blocks()
        let order = RegisterAllocator.reversePostorder(blocks)
        var predecessors = [[Int]](repeating: [], count: blocks.count)
        for (b, block) in blocks.enumerated() { for s in Set(block.successors) { predecessors[s].append(b) } }
        // The registers known non-zero at each block's end (nil: not reached yet).
        var out = [Set<VReg>?](repeating: nil, count: blocks.count)
        // What reaches `s` from `p`: the end's facts, less a register a `cbz` found zero on
        // the edge it takes, plus one a `cbnz` found non-zero.
        func along(_ p: Int, to s: Int) -> Set<VReg>? {
            guard var known = out[p] else { return nil }
            guard let last = blocks[p].range.last else { return known }
            let startsWith = { (l: Label) in blocks[s].range.first.map { code[$0].op == .label(l) } ?? false }
            switch code[last].op {
            case .compareBranch(nonzero: false, let l) where startsWith(l):
                known.remove(code[last].regs[0])
            case .compareBranch(nonzero: true, let l):
                if startsWith(l) {
                    if s != p + 1 { known.insert(code[last].regs[0]) }
                } else {
                    known.remove(code[last].regs[0])
                }
            default: break
            }
            return known
        }
        func entering(_ b: Int) -> Set<VReg> {
            guard b != order.first else { return [] }
            var result: Set<VReg>?
            for p in predecessors[b] {
                guard let known = along(p, to: b) else { continue }
                result = result.map { $0.intersection(known) } ?? known
            }
            return result ?? []
        }
        // Through a block: a check on a known register is redundant; a definition forgets its
        // register; a `cbz` falling through learns its own.
        func through(_ b: Int, _ known: inout Set<VReg>, redundant: (Int) -> Void) {
            for k in blocks[b].range {
                let i = code[k]
                if case .compareBranch(nonzero: false, _) = i.op, known.contains(i.regs[0]) {
                    redundant(k)
                    continue
                }
                for d in i.defs { known.remove(d) }
                if case .compareBranch(nonzero: false, _) = i.op { known.insert(i.regs[0]) }
            }
        }
        var changed = true
        while changed {
            changed = false
            for b in order {
                var known = entering(b)
                through(b, &known) { _ in }
                if out[b] != known {
                    out[b] = known
                    changed = true
                }
            }
        }
        var remove = Set<Int>()
        for b in blocks.indices {
            var known = out[b] == nil ? [] : entering(b)
            through(b, &known) { remove.insert($0) }
        }
        f.code = code.enumerated().filter { !remove.contains($0.offset) }.map(\.element)
        return before - f.code.count
    }
}
