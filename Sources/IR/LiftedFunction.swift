import EGraph

/// A lifted function as the skeleton passes see it: the skeleton and the e-graph its classes
/// live in (before saturation, or saturated).
///
/// Invariant: every class the skeleton names is a class of `graph`, and the skeleton keeps
/// the invariants `Skeleton` documents.
public struct LiftedFunction: Sendable {
    public var skeleton: Skeleton
    public var graph: EGraph

    public init(skeleton: Skeleton, graph: EGraph) {
        self.skeleton = skeleton
        self.graph = graph
    }

    /// The function as text (`SkeletonText`).
    public var text: String { SkeletonText.text(skeleton, graph: graph) }
}
