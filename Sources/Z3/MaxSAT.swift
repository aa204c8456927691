import CZ3

/// A weighted partial MaxSAT problem over Boolean variables, answered by Z3's optimizer
/// (`maxres` on its SAT core): clauses that must hold, and soft literals whose weights the
/// answer keeps as small as it can (the sum of the weights of soft literals left false).
/// Several groups of soft literals are minimized lexicographically, the first group first.
///
/// Invariants: variables are numbered from 0 in the order made; every Z3 term this builds
/// holds one reference for as long as the problem lives; work is bounded by Z3's resource
/// counter (`rlimit`), never by time, so the same problem gives the same answer on every
/// machine.
public final class MaxSAT {
    /// A variable or its negation.
    public struct Literal: Hashable, Sendable {
        public var variable: Int
        public var positive: Bool

        public init(_ variable: Int, positive: Bool = true) {
            self.variable = variable
            self.positive = positive
        }

        public static prefix func ! (l: Literal) -> Literal { Literal(l.variable, positive: !l.positive) }
    }

    /// What a solve gave.
    public enum Answer: Sendable, Equatable {
        /// The best assignment there is.
        case optimal([Bool])
        /// The work limit was reached; the best assignment found by then, if any satisfies
        /// the clauses.
        case limited([Bool]?)
        /// No assignment satisfies the clauses.
        case unsatisfiable
    }

    private let context: Context
    private let optimizer: Handle<Z3_optimize>
    private var variables: [Z3_ast] = []
    private var terms: [Z3_ast] = []

    /// An empty problem whose solves stop after `work` units of Z3's resource counter.
    public init(work: UInt32) throws(Z3Error) {
        context = try Context()
        let raw = context.raw
        optimizer = try Handle(
            Z3_mk_optimize(raw), in: context, retain: Z3_optimize_inc_ref, release: Z3_optimize_dec_ref)
        let params = try Handle(Z3_mk_params(raw), in: context, retain: Z3_params_inc_ref, release: Z3_params_dec_ref)
        Z3_params_set_uint(raw, params.raw, context.symbol("rlimit"), work)
        Z3_optimize_set_params(raw, optimizer.raw, params.raw)
        try context.check()
    }

    deinit {
        for t in variables + terms { Z3_dec_ref(context.raw, t) }
    }

    /// A new variable's number.
    public func variable() throws(Z3Error) -> Int {
        let raw = context.raw
        let made = Z3_mk_const(raw, Z3_mk_int_symbol(raw, Int32(variables.count)), Z3_mk_bool_sort(raw))
        try context.check()
        guard let made else { throw Z3Error("Z3 returned no constant") }
        Z3_inc_ref(raw, made)
        variables.append(made)
        return variables.count - 1
    }

    private func term(_ l: Literal) throws(Z3Error) -> Z3_ast {
        guard l.positive else { return try keep(Z3_mk_not(context.raw, variables[l.variable])) }
        return variables[l.variable]
    }

    private func keep(_ made: Z3_ast?) throws(Z3Error) -> Z3_ast {
        try context.check()
        guard let made else { throw Z3Error("Z3 returned no term") }
        Z3_inc_ref(context.raw, made)
        terms.append(made)
        return made
    }

    /// Requires at least one of `literals` to hold (none: the problem has no answer).
    public func require(_ literals: [Literal]) throws(Z3Error) {
        var parts: [Z3_ast?] = []
        for l in literals { parts.append(try term(l)) }
        let clause = parts.count == 1 ? parts[0] : try keep(Z3_mk_or(context.raw, UInt32(parts.count), &parts))
        Z3_optimize_assert(context.raw, optimizer.raw, clause)
        try context.check()
    }

    /// Asks for `literal` to hold, at a price of `weight` (> 0) when it does not, in `group`
    /// (groups are minimized in the order first named).
    public func prefer(_ literal: Literal, weight: Int, group: String) throws(Z3Error) {
        let t = try term(literal)
        _ = Z3_optimize_assert_soft(context.raw, optimizer.raw, t, String(weight), context.symbol(group))
        try context.check()
    }

    /// Solves the problem as it stands (clauses may be added and the problem solved again).
    public func solve() throws(Z3Error) -> Answer {
        let raw = context.raw
        let status = Z3_optimize_check(raw, optimizer.raw, 0, nil)
        try context.check()
        if status == Z3_L_FALSE { return .unsatisfiable }
        let model = Z3_optimize_get_model(raw, optimizer.raw)
        // After an unknown answer Z3 may have no model, or only a partial one.
        if Z3_get_error_code(raw) != Z3_OK || model == nil {
            Z3_set_error(raw, Z3_OK)
            return .limited(nil)
        }
        guard let model else { return .limited(nil) }
        Z3_model_inc_ref(raw, model)
        defer { Z3_model_dec_ref(raw, model) }
        var values: [Bool] = []
        values.reserveCapacity(variables.count)
        for v in variables {
            var result: Z3_ast?
            guard Z3_model_eval(raw, model, v, true, &result), let result else {
                try context.check()
                return .limited(nil)
            }
            values.append(Z3_get_bool_value(raw, result) == Z3_L_TRUE)
        }
        try context.check()
        return status == Z3_L_TRUE ? .optimal(values) : .limited(values)
    }
}
