import EGraph

/// One way to lower a saturated function: the operator costs extraction minimizes (the
/// target's or Wasm's bytes) and what holding a shared value in a register costs per use when
/// a target's bytes are priced (`Elaborator.sharingPrice`; nil: Wasm's `local.tee`/`local.get`
/// bytes).
///
/// No one choice gives the fewest Thumb-2 bytes on every function: whether a value is better
/// held or computed again at each use depends on how many registers the function already
/// keeps live, and extraction by the tiles' bytes or by Wasm's bytes each picks the smaller
/// program on some functions and the larger on others. So `weft compile` lowers each function
/// every way `search` lists, once its inlining is decided, and keeps the one with the fewest
/// bytes (`SaturatePass.searchLowerings`).
///
/// Invariant: the first choice of a list is the one used alone (without the search, and in
/// inlining trials); the lists are fixed, so the same input gives the same output.
struct LoweringChoice: Equatable {
    /// Whose operator costs extraction minimizes.
    enum Costs: Equatable {
        /// The target's (`SaturatePass.extraction`, e.g. Thumb-2 tile bytes).
        case target
        /// Encoded Wasm bytes (`WasmSizeCost`).
        case wasm
        /// The target's (Wasm's for Wasm output), extracted exactly (`ExactExtractionOptions`):
        /// tried only for the functions named, after the greedy choices.
        case exact
    }

    var costs: Costs
    var sharingPrice: Int?

    /// The cost model extraction takes for this choice, `target` being the pass's own.
    func model(target: (any CostModel & Sendable)?) -> (any CostModel & Sendable)? {
        costs == .wasm ? nil : target
    }

    /// The choices tried for a function extracted exactly: for a target, every searched
    /// price; for Wasm output, Wasm's sharing.
    static func exactChoices(priced: Bool) -> [LoweringChoice] {
        guard priced else { return [LoweringChoice(costs: .exact, sharingPrice: nil)] }
        return searchedPrices.map { LoweringChoice(costs: .exact, sharingPrice: $0) }
    }

    /// Bytes per use of holding a shared value in a register, used alone (measured on both
    /// bench corpora and 40 random modules, 2026-11-30: 1, 2, 3 and 4 tried; 2 gives the
    /// smallest sums).
    static let sharingPrice = 2

    /// The prices a search tries, the one used alone first (bench/programs, relocated,
    /// 2026-12-02: {2} 31,774 bytes, {2, 3} 31,652, {1, 2, 3, 4} 31,620, eight prices up to 12
    /// 31,572 at twice the lowering time).
    static let searchedPrices = [sharingPrice, 1, 3, 4]

    /// How many of a search's lowerings, the smallest by estimate, are measured thoroughly
    /// (`FunctionSizer`): the rest are ranked by their estimates alone (bench/programs under
    /// every model, 2026-12-03: 4 gives the bytes of measuring all sixteen thoroughly, 2 from
    /// 4 to 48 bytes more a model, 0.15% at most, and compiles protocol in 2.8 s, not 3.8).
    static let thoroughlyMeasured = 2

    /// The choices for a function lowered for a target (`priced`; else Wasm output, one
    /// choice); with `search`, every searched price under the target's costs, then under
    /// Wasm's (choices with the same costs adjacent, so each extraction is made once).
    static func choices(priced: Bool, search: Bool) -> [LoweringChoice] {
        guard priced else { return [LoweringChoice(costs: .wasm, sharingPrice: nil)] }
        guard search else { return [LoweringChoice(costs: .target, sharingPrice: sharingPrice)] }
        return [Costs.target, .wasm].flatMap { costs in
            searchedPrices.map { LoweringChoice(costs: costs, sharingPrice: $0) }
        }
    }
}
