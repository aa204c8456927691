/// The sorts a query declares its constants at.
public enum Sort: Hashable, Sendable, CustomStringConvertible {
    case bool
    case int
    case bitVector(Int)

    /// The sort in SMT-LIB2 syntax.
    public var description: String {
        switch self {
        case .bool: "Bool"
        case .int: "Int"
        case .bitVector(let w): "(_ BitVec \(w))"
        }
    }
}
