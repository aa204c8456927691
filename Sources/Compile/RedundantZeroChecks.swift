/// A machine pass before allocation: a branch-if-zero on a register already known non-zero
/// (a branch-if-zero on it fell through earlier in the block and nothing redefined it) is
/// dropped — a division's trap check after the code tested the divisor, say.
///
/// Invariant: only a `cbz` is removed, and only when the same register was tested by a
/// `cbz` earlier in the same block with no definition of it between.
enum RedundantZeroChecks {
    static func run(_ f: inout MachineFunction) -> Int {
        let before = f.code.count
        var known = Set<VReg>()
        var code: [MachineInstruction] = []
        code.reserveCapacity(f.code.count)
        for i in f.code {
            switch i.op {
            case .label: known = []
            case .compareBranch(nonzero: false, _) where known.contains(i.regs[0]): continue
            default: break
            }
            for d in i.defs { known.remove(d) }
            code.append(i)
            if case .compareBranch(nonzero: false, _) = i.op { known.insert(i.regs[0]) }
        }
        f.code = code
        return before - code.count
    }
}
