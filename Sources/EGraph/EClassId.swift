/// The identity of an e-class: an index into the e-graph's union-find.
///
/// Invariant: two ids name the same class exactly when `EGraph.find` maps them to the same
/// canonical id; only canonical ids index `EGraph`'s class storage.
public struct EClassId: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let raw: UInt32

    public init(_ raw: UInt32) { self.raw = raw }

    /// A filler for the unused child slots of a node with fewer than three children.
    public static let none = EClassId(UInt32.max)

    public static func < (a: EClassId, b: EClassId) -> Bool { a.raw < b.raw }

    public var description: String { "e\(raw)" }
}
