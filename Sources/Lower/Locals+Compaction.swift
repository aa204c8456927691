import EGraph
import WasmModel

/// The `compact-locals` job: declared locals nothing reads or writes any more are dropped
/// and the rest renumbered.
extension Locals {
    /// Drops declared locals nothing uses any more (after the last clean-up).
    public mutating func compact() {
        count()
        var map = Array(repeating: UInt32.max, count: types.count)
        var kept: [ValueType] = []
        var keptFacts: [Facts?] = []
        for i in types.indices where i < parameterCount || gets[i] + sets[i] > 0 {
            map[i] = UInt32(kept.count)
            kept.append(types[i])
            keptFacts.append(facts[i])
        }
        code = Self.renumberRegion(code, map)
        types = kept
        facts = keptFacts
    }
}
