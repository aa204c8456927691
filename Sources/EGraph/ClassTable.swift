/// Values kept by e-class id in one flat array, read and written without hashing: a slot for
/// every id the graph had made when the table was made (merged-away classes included).
///
/// Invariant: `slots.count` is that id count; ids the graph makes later have no slot.
struct ClassTable<Value> {
    private var slots: [Value?]

    /// A table with no values, for the ids of `graph`.
    init(for graph: EGraph) {
        slots = Array(repeating: nil, count: graph.classNodes.count)
    }

    subscript(id: EClassId) -> Value? {
        get { slots[Int(id.raw)] }
        set { slots[Int(id.raw)] = newValue }
    }
}

extension ClassTable: Sendable where Value: Sendable {}
