/// An e-node: an operator and up to three child e-classes, stored inline so a node is a small
/// flat value that hashes without touching the heap.
///
/// Invariant: exactly the first `op.arity` children are meaningful; the others are
/// `EClassId.none`. In the e-graph's hash-cons, children are canonical.
public struct ENode: Hashable, Sendable, CustomStringConvertible {
    public let op: Op
    public private(set) var c0: EClassId
    public private(set) var c1: EClassId
    public private(set) var c2: EClassId

    public init(_ op: Op, _ children: [EClassId] = []) {
        precondition(children.count == Int(op.arity), "\(op) takes \(op.arity) operands, given \(children.count)")
        self.op = op
        c0 = children.count > 0 ? children[0] : .none
        c1 = children.count > 1 ? children[1] : .none
        c2 = children.count > 2 ? children[2] : .none
    }

    public var arity: Int { Int(op.arity) }

    public func child(_ i: Int) -> EClassId {
        switch i {
        case 0: c0
        case 1: c1
        default: c2
        }
    }

    public var children: [EClassId] { (0..<arity).map(child) }

    /// The same node with each child replaced by `f(child)`.
    public func mapChildren(_ f: (EClassId) -> EClassId) -> ENode {
        var n = self
        if arity > 0 { n.c0 = f(c0) }
        if arity > 1 { n.c1 = f(c1) }
        if arity > 2 { n.c2 = f(c2) }
        return n
    }

    public var description: String {
        arity == 0 ? op.description : "(\(op) \(children.map(\.description).joined(separator: " ")))"
    }
}
