import Rules
import WasmModel

/// A binding of a rule's pattern variables to concrete values, and the rule evaluated on it
/// with Wasm's semantics (`NumericOp.evaluate`) and the rules language's constants
/// (`ConstantEvaluation`): what a counterexample is checked against before it is reported.
public struct Binding: Hashable, Sendable {
    /// Class variables (`?x`) and bound constants (`?c`) with their types and bit patterns
    /// (i32 values zero-extended), in the order they appear in the left-hand side.
    public var values: [Variable]

    public struct Variable: Hashable, Sendable {
        public var name: String
        public var type: ValueType
        public var bits: UInt64
        /// A bound constant (`(i32.const ?c)`) rather than a class variable.
        public var isConstant: Bool
    }

    public init(values: [Variable]) {
        self.values = values
    }

    /// The rule's variables (class variables, then bound constants) with the given bits.
    init(of rule: Rule, bits: (String) -> UInt64) {
        values =
            rule.lhs.variables.map { .init(name: $0.name, type: $0.type, bits: bits($0.name), isConstant: false) }
            + RuleQuery.constants(in: rule.lhs).map {
                .init(name: $0.name, type: $0.type, bits: bits($0.name), isConstant: true)
            }
    }

    /// This binding as a counterexample to `rule`: the guards hold and the sides differ in
    /// trapping or in value. Nil otherwise.
    func counterexample(to rule: Rule) -> Counterexample? {
        guard rule.guards.allSatisfy(holds), let left = evaluate(rule.lhs), let right = evaluate(rule.rhs) else {
            return nil
        }
        switch (left, right) {
        case (.trap, .trap): return nil
        case (.value(let a), .value(let b)) where a == b: return nil
        default: return Counterexample(binding: self, left: left, right: right, type: rule.lhs.type)
        }
    }

    public subscript(name: String) -> UInt64? { values.first { $0.name == name }?.bits }

    /// `pattern` evaluated on this binding, or nil where a computed constant is undefined.
    public func evaluate(_ pattern: Pattern) -> Evaluation? {
        switch pattern {
        case .access: return evaluate(pattern.effectiveAddress)
        case .variable(let name, _): return self[name].map { .value($0) }
        case .constant(let type, let e):
            return ConstantEvaluation.evaluate(e, width: type == .i64 ? 64 : 32, constants: { self[$0] }).map {
                .value($0)
            }
        case .select(_, let a, let b, let c):
            guard let x = evaluate(a), let y = evaluate(b), let z = evaluate(c) else { return nil }
            for case .trap(let t) in [x, y, z] { return .trap(t) }
            guard case .value(let cond) = z else { return nil }
            return cond & 0xFFFF_FFFF != 0 ? x : y
        case .op(let op, let operands):
            var values: [UInt64] = []
            for operand in operands {
                switch evaluate(operand) {
                case nil: return nil
                case .trap(let t)?: return .trap(t)
                case .value(let v)?: values.append(v)
                }
            }
            return op.evaluate(values.first ?? 0, values.dropFirst().first ?? 0)
        }
    }

    /// Whether `guard` holds of these values: the optimizer's own check
    /// (`ConstantEvaluation.holds`), with each class variable known to be its exact value.
    public func holds(_ guard: Guard) -> Bool {
        ConstantEvaluation.holds(
            `guard`, constants: { self[$0] },
            values: { name in
                guard let v = values.first(where: { $0.name == name }) else { return nil }
                switch v.type {
                case .i32, .f32: return .constant(v.bits & 0xFFFF_FFFF)
                case .i64, .f64: return .constant(v.bits)
                default: return nil
                }
            })
    }
}
