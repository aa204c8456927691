import EGraph

/// A lifted function as the passes see it: the skeleton, the e-graph its classes live in
/// (before saturation, or saturated) and, once extraction has run, the program it chose —
/// what both elaborators (to Wasm, to Thumb-2) read.
///
/// Invariant: every class the skeleton names is a class of `graph`, and the skeleton keeps
/// the invariants `Skeleton` documents; `extraction`, when set, was computed over `graph` and
/// `skeleton` as they are (it is set after the last pass, and running passes clears it).
public struct LiftedFunction: Sendable {
    public var skeleton: Skeleton
    public var graph: EGraph
    /// For each class, the node extraction chose and the cost of its program (nil before
    /// extraction).
    public var extraction: Extractor?

    public init(skeleton: Skeleton, graph: EGraph) {
        self.skeleton = skeleton
        self.graph = graph
    }

    /// The function as text (`SkeletonText`).
    public var text: String { SkeletonText.text(skeleton, graph: graph, extraction: extraction) }
}
