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
    /// The Wasm address `top + c` inside the function's shadow-stack frame, which lives on the
    /// native stack (`NativeFrame`): `top` is the stack pointer's value on entry. An i32 that
    /// never changes in the function, so it may be computed anywhere.
    case frame(Int)

    var type: ValueType {
        switch self {
        case .registers(_, let t), .constant(let t, _), .select(let t, _, _, _), .global(_, let t): t
        case .frame: .i32
        case .op(let op, _): op.signature.result
        case .load(let op, _, _): op.type
        }
    }

    /// A leaf with nothing left to compute.
    var isComputed: Bool {
        switch self {
        case .registers, .constant, .frame: true
        default: false
        }
    }

    /// Whether evaluating it reads memory or a global, or may trap (so it must not move past
    /// a store, a call or a trap).
    var isOrdered: Bool {
        switch self {
        case .registers, .constant, .frame: false
        case .load, .global: true
        case .op(let op, let kids): op.canTrap || kids.contains(where: \.isOrdered)
        case .select(_, let a, let b, let c): a.isOrdered || b.isOrdered || c.isOrdered
        }
    }

    /// Whether the value is 0 or 1 (a comparison, or `and`/`or`/`select` of such).
    var isBoolean: Bool {
        switch self {
        case .constant(_, let v): v <= 1
        case .op(let op, let kids):
            switch op {
            case .i32Eqz, .i64Eqz, .i32Eq, .i32Ne, .i32LtS, .i32LtU, .i32GtS, .i32GtU, .i32LeS, .i32LeU, .i32GeS,
                .i32GeU, .i64Eq, .i64Ne, .i64LtS, .i64LtU, .i64GtS, .i64GtU, .i64LeS, .i64LeU, .i64GeS, .i64GeU,
                .f32Eq, .f32Ne, .f32Lt, .f32Gt, .f32Le, .f32Ge, .f64Eq, .f64Ne, .f64Lt, .f64Gt, .f64Le, .f64Ge:
                true
            case .i32And, .i32Or, .i32Xor: kids.allSatisfy(\.isBoolean)
            default: false
            }
        case .select(_, let a, let b, _): a.isBoolean && b.isBoolean
        default: false
        }
    }

    /// The tree's height (a leaf is 1), counted only up to `limit`: the walk never goes deeper,
    /// so it costs at most the nodes within `limit` levels of the root.
    func height(upTo limit: Int) -> Int {
        guard limit > 1 else { return min(limit, 1) }
        let kids: [Tree]
        switch self {
        case .registers, .constant, .global, .frame: return 1
        case .op(_, let k): kids = k
        case .select(_, let a, let b, let c): kids = [a, b, c]
        case .load(_, _, let a): kids = [a]
        }
        var tallest = 0
        for kid in kids where tallest < limit - 1 { tallest = max(tallest, kid.height(upTo: limit - 1)) }
        return 1 + tallest
    }

    /// Every register the tree reads.
    var registersRead: Set<VReg> {
        switch self {
        case .registers(let r, _): Set(r)
        case .constant, .global, .frame: []
        case .op(_, let kids): kids.reduce(into: Set<VReg>()) { $0.formUnion($1.registersRead) }
        case .select(_, let a, let b, let c): a.registersRead.union(b.registersRead).union(c.registersRead)
        case .load(_, _, let a): a.registersRead
        }
    }

    /// The tree with registers renamed by `map`.
    func renaming(_ map: [VReg: VReg]) -> Tree {
        switch self {
        case .registers(let r, let t): .registers(r.map { map[$0] ?? $0 }, t)
        case .constant, .global, .frame: self
        case .op(let op, let kids): .op(op, kids.map { $0.renaming(map) })
        case .select(let t, let a, let b, let c): .select(t, a.renaming(map), b.renaming(map), c.renaming(map))
        case .load(let op, let offset, let a): .load(op, offset: offset, a.renaming(map))
        }
    }

    func reads(_ regs: Set<VReg>) -> Bool {
        switch self {
        case .registers(let r, _): r.contains(where: regs.contains)
        case .constant, .global, .frame: false
        case .op(_, let kids): kids.contains { $0.reads(regs) }
        case .select(_, let a, let b, let c): a.reads(regs) || b.reads(regs) || c.reads(regs)
        case .load(_, _, let a): a.reads(regs)
        }
    }

    func readsGlobal(_ g: Int) -> Bool {
        switch self {
        case .registers, .constant, .frame: false
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
