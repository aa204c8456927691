import EGraph
import Synchronization
import Thumb
import WasmModel

/// Extraction costs for `weft compile`: each operator's Thumb-2 bytes as the tiles lower it
/// (the selector's cost of the operator over register operands, constants by the cheapest
/// constant tile), so the e-graph picks the form that lowers smallest rather than the form
/// that is smallest as Wasm — an `i64.mul` (a multiply and two multiply-accumulates) loses to
/// an equal shift, a comparison whose value must be materialized costs its `ite` and moves.
///
/// Invariant: the costs come from the same tiles the selector covers with (computed once,
/// when the model is made); an operator no tile computes costs `unsupported`, so extraction
/// takes any equivalent form the tiles have.
public struct ThumbSizeCost: CostModel, Sendable {
    public static let unsupported = 1 << 20

    let operators: [NumericOp: Int]
    let selects: [ScalarType: Int]
    let tiles: TileSet
    /// Costs with constant operands and of constants already computed (extraction asks for
    /// the same few again and again, across every function of a module).
    let known = Known()

    final class Known: Sendable {
        struct Key: Hashable {
            var op: Op
            var operands: [UInt64?]
        }
        let costs = Mutex<[Key: Int]>([:])
    }

    public init(tiles: TileSet) {
        self.tiles = tiles
        var selector = Selector(tiles: tiles)
        let operand = Self.operand
        var operators: [NumericOp: Int] = [:]
        for op in NumericOp.allCases {
            let (operands, _) = op.signature
            let tree = Tree.op(op, operands.enumerated().map { operand($0.element, $0.offset) })
            operators[op] = (try? selector.best(tree, flags: false).cost) ?? Self.unsupported
        }
        // The wrap tile's `mov` of the low word is a copy the register allocator coalesces
        // (the low word's register becomes the result's): priced as the copy it is, nothing.
        operators[.i32WrapI64] = 0
        var selects: [ScalarType: Int] = [:]
        for t in [ScalarType.i32, .i64, .f32, .f64] {
            let v = t.valueType
            let tree = Tree.select(v, operand(v, 0), operand(v, 1), operand(.i32, 2))
            selects[t] = (try? selector.best(tree, flags: false).cost) ?? Self.unsupported
        }
        self.operators = operators
        self.selects = selects
    }

    /// With constant operands: the selector's cover of the operator over those constants
    /// (immediate forms, constant shifts) and registers for the rest.
    public func cost(_ op: Op, operands: [UInt64?]) -> Int {
        guard let numeric = op.numericOp, operands.count == numeric.signature.operands.count else { return cost(op) }
        let key = Known.Key(op: op, operands: operands)
        if let c = known.costs.withLock({ $0[key] }) { return c }
        let c = selectedCost(numeric, operands: operands)
        known.costs.withLock { $0[key] = c }
        return c
    }

    func selectedCost(_ numeric: NumericOp, operands: [UInt64?]) -> Int {
        var selector = Selector(tiles: tiles)
        let kids: [Tree] = operands.enumerated().map { k, v in
            let t = numeric.signature.operands[k]
            return v.map { .constant(t, $0) } ?? Self.operand(t, k)
        }
        return (try? selector.best(.op(numeric, kids), flags: false).cost) ?? Self.unsupported
    }

    /// Operand k of an operator costed alone: virtual registers (never low-register bound).
    static func operand(_ t: ValueType, _ k: Int) -> Tree {
        .registers(t.words == 2 ? [VReg(2 * k + 16), VReg(2 * k + 17)] : [VReg(2 * k + 16)], t)
    }

    public func cost(_ op: Op) -> Int {
        switch op.kind {
        case .constant:
            let key = Known.Key(op: op, operands: [])
            if let c = known.costs.withLock({ $0[key] }) { return c }
            let c = constantCost(op)
            known.costs.withLock { $0[key] = c }
            return c
        case .leaf: return 0
        case .numeric: return op.numericOp.flatMap { operators[$0] } ?? Self.unsupported
        case .select: return selects[op.type] ?? Self.unsupported
        }
    }

    /// A constant an instruction can take as its immediate usually costs nothing more (the
    /// tiles fold it); one that cannot costs its cheapest materialization.
    func constantCost(_ op: Op) -> Int {
        let selector = Selector(tiles: tiles)
        func word(_ v: UInt64) -> Int {
            let w = UInt32(truncatingIfNeeded: v)
            if w <= 4095 || ModifiedImmediate.encode(w) != nil { return 1 }
            return selector.constantCost(w) ?? 8
        }
        return op.type.bits == 32 ? word(op.payload) : word(op.payload) + word(op.payload >> 32)
    }
}
