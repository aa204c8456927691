import EGraph
import Harness
import Testing
import WasmModel

/// The analyses that guards rely on, checked against concrete execution: for thousands of
/// random expressions and inputs, every computed value lies in its class's unsigned and signed
/// ranges and agrees with its known bits, and every folded constant is the value computed.
/// Some leaves are narrow loads' results (their facts assumed as lifting does), so the
/// transfer functions also start from ranges narrower than the type.
@Suite struct FactsPropertyTests {
    struct Random {
        var generator: SplitMix64
        init(state: UInt64) { generator = SplitMix64(seed: state) }
        mutating func next() -> UInt64 { generator.next() }
        mutating func below(_ n: Int) -> Int { generator.below(n) }
        /// Values that stress edges: small, large, powers of two, all ones.
        mutating func value(_ t: ScalarType) -> UInt64 {
            let v: UInt64
            switch below(5) {
            case 0: v = UInt64(below(8))
            case 1: v = t.mask - UInt64(below(4))
            case 2: v = UInt64(1) << UInt64(below(t.bits))
            default: v = next()
            }
            return v & t.mask
        }
    }

    /// An expression over leaves 0...2, built in the e-graph and evaluated concretely.
    indirect enum Expr {
        case leaf(UInt64, ScalarType)
        /// Input `n` as a narrow load `op` would give it.
        case loaded(UInt64, LoadOp)
        case constant(UInt64, ScalarType)
        case op(NumericOp, [Expr])
        case select(Expr, Expr, Expr)

        func evaluate(_ inputs: [UInt64]) -> UInt64? {
            switch self {
            case .leaf(let n, let t): return inputs[Int(n)] & t.mask
            case .loaded(let n, let op):
                let x = inputs[Int(n)]
                let v: UInt64
                switch op {
                case .i32Load8S, .i64Load8S: v = UInt64(bitPattern: Int64(Int8(truncatingIfNeeded: x)))
                case .i32Load16S, .i64Load16S: v = UInt64(bitPattern: Int64(Int16(truncatingIfNeeded: x)))
                case .i64Load32S: v = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: x)))
                case .i32Load8U, .i64Load8U: v = x & 0xFF
                case .i32Load16U, .i64Load16U: v = x & 0xFFFF
                default: v = x & 0xFFFF_FFFF
                }
                return v & type.mask
            case .constant(let v, _): return v
            case .op(let op, let args):
                let values = args.compactMap { $0.evaluate(inputs) }
                guard values.count == args.count,
                    case .value(let v)? = op.evaluate(values.first ?? 0, values.dropFirst().first ?? 0)
                else { return nil }
                return v
            case .select(let a, let b, let c):
                guard let cv = c.evaluate(inputs) else { return nil }
                return cv != 0 ? a.evaluate(inputs) : b.evaluate(inputs)
            }
        }

        func add(to g: inout EGraph) -> EClassId {
            switch self {
            case .leaf(let n, let t): return g.add(ENode(.leaf(t, n)))
            case .loaded(let n, let op):
                // A leaf of its own (lifting gives every load result one), its facts assumed.
                let k = UInt64(FactsPropertyTests.narrowLoads.firstIndex(of: op) ?? 0)
                let id = g.add(ENode(.leaf(type, 16 + 16 * n + k)))
                if let facts = Facts.loaded(op) { g.assume(id, facts) }
                return id
            case .constant(let v, let t): return g.add(ENode(.constant(t, v)))
            case .op(let op, let args): return g.add(ENode(.numeric(op), args.map { $0.add(to: &g) }))
            case .select(let a, let b, let c):
                let t: ScalarType = a.type
                return g.add(ENode(.select(t), [a.add(to: &g), b.add(to: &g), c.add(to: &g)]))
            }
        }

        var type: ScalarType {
            switch self {
            case .leaf(_, let t), .constant(_, let t): return t
            case .loaded(_, let op): return op.type == .i64 ? .i64 : .i32
            case .op(let op, _): return ScalarType(op.signature.result) ?? .i32
            case .select(let a, _, _): return a.type
            }
        }
    }

    /// Every integer operator, by result type: each has a transfer function (or the generic
    /// one) that must hold.
    static let integerOps = NumericOp.allCases.filter { op in
        let s = op.signature
        return (s.operands + [s.result]).allSatisfy { $0 == .i32 || $0 == .i64 }
    }
    static let i32Ops = integerOps.filter { $0.signature.result == .i32 }
    static let i64Ops = integerOps.filter { $0.signature.result == .i64 }

    static let narrowLoads: [LoadOp] = [
        .i32Load8S, .i32Load16S, .i32Load8U, .i32Load16U, .i64Load8S, .i64Load16S, .i64Load32S, .i64Load8U,
        .i64Load16U, .i64Load32U,
    ]

    static func expr(_ r: inout Random, depth: Int, type: ScalarType = .i32) -> Expr {
        if depth == 0 || r.below(4) == 0 {
            switch r.below(3) {
            case 0: return .leaf(UInt64(r.below(3)), type)
            case 1:
                let loads = narrowLoads.filter { ($0.type == .i64) == (type == .i64) }
                return .loaded(UInt64(r.below(3)), loads[r.below(loads.count)])
            default: return .constant(r.value(type), type)
            }
        }
        if r.below(10) == 0 {
            return .select(
                expr(&r, depth: depth - 1, type: type), expr(&r, depth: depth - 1, type: type),
                expr(&r, depth: depth - 1))
        }
        let ops = type == .i64 ? i64Ops : i32Ops
        let op = ops[r.below(ops.count)]
        let operands = op.signature.operands.map { t in expr(&r, depth: depth - 1, type: ScalarType(t) ?? .i32) }
        // Divisors are constants that cannot trap, as lifting guarantees (trapping operators
        // stay effects otherwise).
        if op.canTrap {
            let t = ScalarType(op.signature.result) ?? .i32
            return .op(op, [operands[0], .constant(UInt64(r.below(100) + 1), t)])
        }
        return .op(op, operands)
    }

    @Test func factsHoldForEveryInput() {
        var r = Random(state: 2024)
        var checked = 0
        var narrowSigned = 0
        for _ in 0..<3000 {
            let e = Self.expr(&r, depth: 4)
            var g = EGraph()
            let id = e.add(to: &g)
            let facts = g.facts(id)
            if facts.constant == nil, facts.signedLow < 0, facts.signedHigh >= 0,
                facts.signedHigh - facts.signedLow < 0xFFFF_FFFF
            {
                narrowSigned += 1
            }
            for _ in 0..<20 {
                let inputs = (0..<3).map { _ in r.value(.i64) }
                guard let v = e.evaluate(inputs) else { continue }
                checked += 1
                #expect(facts.low <= v && v <= facts.high, "\(e): \(v) outside \(facts)")
                let s = facts.type.signed(v)
                #expect(
                    facts.signedLow <= s && s <= facts.signedHigh, "\(e): \(s) outside the signed range of \(facts)")
                #expect(v & facts.knownZeros == 0, "\(e): \(v) has a bit known to be 0: \(facts)")
                #expect(v & facts.knownOnes == facts.knownOnes, "\(e): \(v) lacks a bit known to be 1: \(facts)")
                if let c = facts.constant { #expect(c == v, "\(e): folded to \(c), computes \(v)") }
            }
        }
        #expect(checked > 30000)
        #expect(narrowSigned > 100, "too few expressions with a narrow signed range: \(narrowSigned)")
    }
}
