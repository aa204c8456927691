import Thumb
import WasmModel

/// Physical addresses `weft_memory + v` built once for a region where the local `v` does not
/// change (`InvariantAddresses`): the sums of `invariantPlan` computed at the entry, after the
/// local's one write, or in a loop's preheader, and held in `pinnedAddresses`, which seeds
/// each block's `physicalAddresses` (at every label and call) until the region ends: the end
/// of the construct holding the write or the loop, or the `else` of an `if` arm.
extension FunctionCompiler {
    /// Records a write of local `k` and, when the plan builds its sum after that write (no
    /// other write of `k` follows in the construct), builds it for the rest of the construct.
    mutating func wroteLocal(_ k: Int) {
        guard let scope = frames.last?.scope else { return }
        invariantAddresses.wrote(k, loops: openLoops, scope: scope, latestOpen: latestWriteOpen(k))
        let ordinal = invariantAddresses.writes[k] ?? 0
        if invariantPlan.afterWrite[k]?.contains(ordinal) == true, localTypes[k] == .i32, !isNative(k),
            pin(locals[k][0])
        {
            frames[frames.count - 1].pinned.append(locals[k][0])
        }
    }

    /// Whether the construct holding local `k`'s latest write is still open.
    func latestWriteOpen(_ k: Int) -> Bool {
        guard let scope = invariantAddresses.latestWriteScope[k] else { return false }
        return frames.contains { $0.scope == scope }
    }

    /// Records that a block built `weft_memory + r` anew, `r` a local's register.
    mutating func rebuiltSum(of r: VReg) {
        guard let k = localRegisters[r] else { return }
        invariantAddresses.rebuilt(k, loops: openLoops, dominated: latestWriteOpen(k))
    }

    /// A number for a construct (or an `if`'s `else` arm) entered now.
    mutating func nextScope() -> Int {
        scopeCount += 1
        return scopeCount
    }

    /// At the end of `frame` or its `if` arm: the sums built in it hold no further.
    mutating func unpin(_ frame: inout ControlFrame) {
        for r in frame.pinned { pinnedAddresses[r] = nil }
        frame.pinned = []
    }

    /// The sums the plan builds at the entry: those of the locals it never writes (the
    /// others are built after their write).
    mutating func pinAtEntry() {
        for k in invariantPlan.entry.sorted()
        where localTypes.indices.contains(k) && localTypes[k] == .i32 && !isNative(k) {
            _ = pin(locals[k][0])
        }
    }

    /// Before loop `ordinal`'s label (its preheader): the sums the plan builds for the loop;
    /// the registers whose sums the loop's end drops.
    mutating func pinForLoop(_ ordinal: Int) -> [VReg] {
        var pinned: [VReg] = []
        for k in invariantPlan.loops[ordinal] ?? []
        where localTypes.indices.contains(k) && localTypes[k] == .i32 && !isNative(k) {
            if pin(locals[k][0]) { pinned.append(locals[k][0]) }
        }
        return pinned
    }

    /// `t = weft_memory + r`, held until the region ends; false when there is no memory
    /// base or a sum of `r` is held already.
    mutating func pin(_ r: VReg) -> Bool {
        guard let base = memoryBase, pinnedAddresses[r] == nil else { return false }
        let t = sum(base, r, flagsFree: true)
        physicalAddresses[r] = t
        pinnedAddresses[r] = t
        return true
    }
}
