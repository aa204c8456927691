/// Values kept by e-class id without hashing: a 4-byte position for every id the graph had
/// made when the table was made (merged-away classes included), the values themselves packed
/// in the order they were first set — so ids that never get a value (most, after merging)
/// cost 4 bytes, not a value's size.
///
/// Invariant: `position.count` is that id count; `position[i]` is -1 or an index of `values`,
/// no two ids sharing one; ids the graph makes later have no slot.
struct ClassTable<Value> {
    private var position: [Int32]
    private var values: [Value] = []

    /// A table with no values, for the ids of `graph`.
    init(for graph: EGraph) {
        position = Array(repeating: -1, count: graph.classNodes.count)
    }

    subscript(id: EClassId) -> Value? {
        get {
            let p = position[Int(id.raw)]
            return p < 0 ? nil : values[Int(p)]
        }
        set {
            let i = Int(id.raw)
            guard let newValue else {
                position[i] = -1
                return
            }
            if position[i] >= 0 {
                values[Int(position[i])] = newValue
            } else {
                position[i] = Int32(values.count)
                values.append(newValue)
            }
        }
    }
}

extension ClassTable: Sendable where Value: Sendable {}
