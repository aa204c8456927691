; Proof of rule wrap-extend-u, written by `weft prove --write`.
; rule: wrap-extend-u
; digest: 49aa242f1a3a0e291666099c695cd16593c3bc8be7af86407bdf06d9af7faed5
; theory: bv
; The rule is sound when every query below is unsat: `z3 wrap-extend-u.smt2` prints
; `unsat` once.
;   rule wrap-extend-u: (i32.wrap_i64 (i64.extend_i32_u ?x)) => ?x
;     fires (i32.wrap_i64 (i64.extend_i32_u ?a)) => ?a
;     stops (i32.wrap_i64 (i64.extend8_s ?b))

(declare-const ?x (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.wrap_i64 (i64.extend_i32_u ?x))
(assert (= lhs ((_ extract 31 0) ((_ zero_extend 32) ?x))))
(assert (= lhs.trap false))
; right: ?x
(assert (= rhs ?x))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
