; Proof of rule extend-s-wrap, written by `weft prove --write`.
; rule: extend-s-wrap
; digest: e9fae2b02924fb2dfb8dc5fceb3bf6b52401a5add9c1354f5bffb7ea0dca09de
; theory: bv
; The rule is sound when every query below is unsat: `z3 extend-s-wrap.smt2` prints
; `unsat` once.
;   rule extend-s-wrap: (i64.extend_i32_s (i32.wrap_i64 ?x)) => (i64.extend32_s ?x)
;     fires (i64.extend_i32_s (i32.wrap_i64 ?a)) => (i64.extend32_s ?a)
;     stops (i64.extend_i32_u (i32.wrap_i64 ?a))

(declare-const ?x (_ BitVec 64))
(declare-const lhs (_ BitVec 64))
(declare-const rhs (_ BitVec 64))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i64.extend_i32_s (i32.wrap_i64 ?x))
(assert (= lhs ((_ sign_extend 32) ((_ extract 31 0) ?x))))
(assert (= lhs.trap false))
; right: (i64.extend32_s ?x)
(assert (= rhs ((_ sign_extend 32) ((_ extract 31 0) ?x))))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
