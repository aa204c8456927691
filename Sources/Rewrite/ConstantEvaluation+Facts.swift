import EGraph
import Rules

extension ConstantEvaluation {
    /// Whether `guard` holds for every value the bound classes can take, given their
    /// e-class facts (`facts` nil: nothing known, and the guard does not hold).
    /// `identical` says whether two class variables are bound to one class.
    public static func holds(
        _ guard: Guard, constants: (String) -> UInt64?, facts: (String) -> Facts?,
        identical: (String, String) -> Bool = { _, _ in false }
    ) -> Bool {
        holds(
            `guard`, constants: constants, values: { name in facts(name).map(GuardOperand.init) },
            identical: identical)
    }
}

extension GuardOperand {
    /// What a class's facts tell a guard: its constant when it has one, else its bounds and
    /// known bits at its type.
    public init(_ facts: Facts) {
        if let c = facts.constant {
            self = .constant(c)
        } else {
            self = .bounded(
                low: facts.low, high: facts.high, knownZeros: facts.knownZeros, knownOnes: facts.knownOnes,
                mask: facts.type.mask)
        }
    }
}
