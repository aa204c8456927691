import EGraph
import WasmModel

/// What is known of the values in registers and of the trees over them, in the e-graph's own
/// terms (`Facts`: constants, unsigned and signed ranges, known bits): a local's facts come
/// from the e-classes the elaborator wrote to it, a tree's from its leaves by the e-graph's
/// transfer functions (`Facts.make`), a narrow load's from `Facts.loaded` as lifting assumes
/// them. Tile guards on value variables and the conditions the compiler folds read these,
/// so the compiler re-derives nothing the e-graph does not know the same way.
///
/// Invariants: `pinned` facts hold at every point of the function (every value the register
/// is ever written satisfies them); `known` facts hold for the register's value at the
/// current point of straight-line code and are dropped when the register is written and at
/// every label (where other paths join). A register pair (i64, f64) is keyed by its low half.
struct RegisterFacts {
    var pinned: [VReg: Facts] = [:]
    var known: [VReg: Facts] = [:]

    /// Nothing known of any register.
    init() {}

    /// What holds of the value in `regs` (a value of type `type`).
    func facts(of regs: [VReg], _ type: ScalarType) -> Facts {
        guard let first = regs.first, regs.count == (type.bits == 64 ? 2 : 1) else { return Facts(type: type) }
        var f = Facts(type: type)
        if let p = pinned[first], p.type == type { f = f.meet(p) }
        if let k = known[first], k.type == type { f = f.meet(k) }
        return f.isContradictory ? Facts(type: type) : f
    }

    /// What holds of the value `tree` computes here, or nil for a reference value.
    func facts(of tree: Tree) -> Facts? {
        guard let type = ScalarType(tree.type) else { return nil }
        switch tree {
        case .registers(let r, _): return facts(of: r, type)
        case .constant(_, let bits): return Facts(type: type, constant: bits)
        case .global, .frame: return Facts(type: type)
        case .load(let op, _, _): return Facts.loaded(op) ?? Facts(type: type)
        case .op(let op, let kids):
            var children: [Facts] = []
            for kid in kids {
                guard let f = facts(of: kid) else { return Facts(type: type) }
                children.append(f)
            }
            return Facts.make(.numeric(op), children)
        case .select(_, let a, let b, let c):
            guard let fa = facts(of: a), let fb = facts(of: b), let fc = facts(of: c) else { return Facts(type: type) }
            return Facts.make(.select(type), [fa, fb, fc])
        }
    }

    /// The value of an i32 condition that is not a constant when the facts decide it, else nil.
    func decide(_ condition: Tree) -> Bool? {
        if case .constant = condition { return nil }
        guard condition.type == .i32, let c = facts(of: condition)?.constant else { return nil }
        return c != 0
    }

    /// Notes that `d` (just written) holds a value with facts `f` until it is written again.
    mutating func wrote(_ d: [VReg], _ f: Facts) {
        guard let first = d.first, f != Facts(type: f.type), !f.isContradictory else { return }
        known[first] = f
    }

    /// Forgets what held of `r` (it is written).
    mutating func written(_ r: VReg) { known[r] = nil }

    /// Forgets every straight-line fact (a label: other paths join here).
    mutating func joinPoint() { known = [:] }
}
