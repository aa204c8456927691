import WasmModel

/// A pure Wasm expression not yet computed: what the selector covers with tiles. Leaves are
/// values already in registers and constants; loads and global reads are leaves of a kind
/// too, computed only when a consumer asks (the function compiler forces them before any
/// store, call or write they could observe).
///
/// Invariant: `registers` has one register for 32-bit values and two (lo, hi) for 64-bit.
indirect enum Tree: Hashable {
    case registers([VReg], ValueType)
    /// A constant's bits (floats as their IEEE bits).
    case constant(ValueType, UInt64)
    case op(NumericOp, [Tree])
    case select(ValueType, Tree, Tree, Tree)
    case load(LoadOp, offset: UInt64, Tree)
    case global(Int, ValueType)

    var type: ValueType {
        switch self {
        case .registers(_, let t), .constant(let t, _), .select(let t, _, _, _), .global(_, let t): t
        case .op(let op, _): op.signature.result
        case .load(let op, _, _): op.type
        }
    }

    /// A leaf with nothing left to compute.
    var isComputed: Bool {
        switch self {
        case .registers, .constant: true
        default: false
        }
    }

    /// Whether evaluating it reads memory or a global, or may trap (so it must not move past
    /// a store, a call or a trap).
    var isOrdered: Bool {
        switch self {
        case .registers, .constant: false
        case .load, .global: true
        case .op(let op, let kids): op.canTrap || kids.contains(where: \.isOrdered)
        case .select(_, let a, let b, let c): a.isOrdered || b.isOrdered || c.isOrdered
        }
    }

    func reads(_ regs: Set<VReg>) -> Bool {
        switch self {
        case .registers(let r, _): r.contains(where: regs.contains)
        case .constant, .global: false
        case .op(_, let kids): kids.contains { $0.reads(regs) }
        case .select(_, let a, let b, let c): a.reads(regs) || b.reads(regs) || c.reads(regs)
        case .load(_, _, let a): a.reads(regs)
        }
    }

    func readsGlobal(_ g: Int) -> Bool {
        switch self {
        case .registers, .constant: false
        case .global(let k, _): k == g
        case .op(_, let kids): kids.contains { $0.readsGlobal(g) }
        case .select(_, let a, let b, let c): a.readsGlobal(g) || b.readsGlobal(g) || c.readsGlobal(g)
        case .load(_, _, let a): a.readsGlobal(g)
        }
    }
}

extension ValueType {
    /// Words of the value on Arm (i64 and f64 in a register pair).
    var words: Int { self == .i64 || self == .f64 ? 2 : 1 }
}
