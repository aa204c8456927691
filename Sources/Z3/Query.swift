import CZ3

/// A satisfiability query: constants declared at their sorts, assertions in SMT-LIB2, and the
/// tactic that decides them. `script` is the same query as a standalone SMT-LIB2 file that
/// the `z3` command-line tool answers alone.
public struct Query: Hashable, Sendable {
    public var declarations: [(name: String, sort: Sort)]
    /// SMT-LIB2 commands without declarations of `declarations`: `define-fun`s and `assert`s.
    public var body: String
    public var tactic: Tactic

    public init(declarations: [(name: String, sort: Sort)], body: String, tactic: Tactic) {
        self.declarations = declarations
        self.body = body
        self.tactic = tactic
    }

    /// The query as an SMT-LIB2 script (declarations, body, `check-sat-using`).
    public var script: String {
        declarations.map { "(declare-const \($0.name) \($0.sort))\n" }.joined() + body
            + "(check-sat-using \(tactic))\n"
    }

    public static func == (a: Query, b: Query) -> Bool { a.script == b.script }
    public func hash(into hasher: inout Hasher) { hasher.combine(script) }
}

/// What Z3 answered.
public enum Outcome: Hashable, Sendable {
    /// No assignment satisfies the assertions.
    case unsat
    /// A satisfying assignment: each declared constant's value (an integer, bit-vectors as
    /// their unsigned value, Booleans as 0 or 1).
    case sat([String: UInt64])
    /// Z3 gave up (time limit, incomplete tactic), with its reason.
    case unknown(String)
}

extension Context {
    /// Decides `query`, giving up after `milliseconds` (no limit when nil).
    public func solve(_ query: Query, milliseconds: UInt32? = nil) throws(Z3Error) -> Outcome {
        var declarations: [Handle<Z3_func_decl>] = []
        for d in query.declarations {
            let decl = Z3_mk_func_decl(raw, symbol(d.name), 0, nil, sort(d.sort))
            declarations.append(
                try Handle(
                    decl, in: self, retain: { Z3_inc_ref($0, Z3_func_decl_to_ast($0, $1)) },
                    release: { Z3_dec_ref($0, Z3_func_decl_to_ast($0, $1)) }))
        }
        var names: [Z3_symbol?] = query.declarations.map { symbol($0.name) }
        var decls: [Z3_func_decl?] = declarations.map(\.raw)
        let parsed = Z3_parse_smtlib2_string(raw, query.body, 0, nil, nil, UInt32(decls.count), &names, &decls)
        let assertions = try Handle(
            parsed, in: self, retain: Z3_ast_vector_inc_ref, release: Z3_ast_vector_dec_ref)
        let tactic = try build(query.tactic, milliseconds: milliseconds)
        let solver = try Handle(
            Z3_mk_solver_from_tactic(raw, tactic.raw), in: self, retain: Z3_solver_inc_ref,
            release: Z3_solver_dec_ref)
        for i in 0..<Z3_ast_vector_size(raw, assertions.raw) {
            Z3_solver_assert(raw, solver.raw, Z3_ast_vector_get(raw, assertions.raw, i))
            try check()
        }
        let answer = Z3_solver_check(raw, solver.raw)
        try check()
        switch answer {
        case Z3_L_FALSE:
            return .unsat
        case Z3_L_TRUE:
            let model = try Handle(
                Z3_solver_get_model(raw, solver.raw), in: self, retain: Z3_model_inc_ref,
                release: Z3_model_dec_ref)
            var values: [String: UInt64] = [:]
            for (d, decl) in zip(query.declarations, declarations) {
                guard let app = Z3_mk_app(raw, decl.raw, 0, nil) else { continue }
                var result: Z3_ast?
                guard Z3_model_eval(raw, model.raw, app, true, &result), let result else { continue }
                if d.sort == .bool {
                    values[d.name] = Z3_get_bool_value(raw, result) == Z3_L_TRUE ? 1 : 0
                } else if let text = Z3_get_numeral_string(raw, result), let v = UInt64(String(cString: text)) {
                    values[d.name] = v
                }
                try check()
            }
            return .sat(values)
        default:
            let reason = Z3_solver_get_reason_unknown(raw, solver.raw).map { String(cString: $0) } ?? "unknown"
            return .unknown(reason)
        }
    }
}
