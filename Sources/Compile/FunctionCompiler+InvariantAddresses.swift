import Thumb
import WasmModel

/// Physical addresses `weft_memory + v` built once for a region where the local `v` does not
/// change (`InvariantAddresses`): the sums of `invariantPlan` computed at the entry, after the
/// local's one write outside every block, or in a loop's preheader, and held in
/// `pinnedAddresses`, which seeds each block's `physicalAddresses` (at every label and call)
/// until the region ends.
extension FunctionCompiler {
    /// Records a write of local `k` and, when the plan builds its sum after that write (its
    /// one write, outside every block), builds it.
    mutating func wroteLocal(_ k: Int) {
        let top = frames.count == 1
        invariantAddresses.wrote(k, loops: openLoops, top: top)
        if top, invariantPlan.afterWrite.contains(k), localTypes[k] == .i32 {
            pin(locals[k][0])
        }
    }

    /// The sums the plan builds at the entry: those of the locals it never writes (the
    /// others are built after their write).
    mutating func pinAtEntry() {
        for k in invariantPlan.entry.sorted() where localTypes.indices.contains(k) && localTypes[k] == .i32 {
            pin(locals[k][0])
        }
    }

    /// Before loop `ordinal`'s label (its preheader): the sums the plan builds for the loop;
    /// the registers whose sums the loop's end drops.
    mutating func pinForLoop(_ ordinal: Int) -> [VReg] {
        var pinned: [VReg] = []
        for k in invariantPlan.loops[ordinal] ?? [] where localTypes.indices.contains(k) && localTypes[k] == .i32 {
            let r = locals[k][0]
            guard pinnedAddresses[r] == nil else { continue }
            pin(r)
            pinned.append(r)
        }
        return pinned
    }

    /// `t = weft_memory + r`, held until the region ends.
    mutating func pin(_ r: VReg) {
        guard let base = memoryBase else { return }
        guard pinnedAddresses[r] == nil else { return }
        let t = f.fresh()
        let add = ThumbInstruction.data(.add, s: false, rd: .r0, rn: .r1, .reg(.r2))
        var m = MachineInstruction.instruction(add, [t, base, r])
        m.op = .flexible(add)
        emit(m)
        physicalAddresses[r] = t
        pinnedAddresses[r] = t
    }
}
