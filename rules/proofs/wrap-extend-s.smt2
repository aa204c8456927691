; Proof of rule wrap-extend-s, written by `weft prove --write`.
; rule: wrap-extend-s
; digest: 6c8f2835a1163edd7419493348a79f73642211a046da05ce06057c7f0c37b9cd
; theory: bv
; The rule is sound when every query below is unsat: `z3 wrap-extend-s.smt2` prints
; `unsat` once.
;   rule wrap-extend-s: (i32.wrap_i64 (i64.extend_i32_s ?x)) => ?x
;     fires (i32.wrap_i64 (i64.extend_i32_s ?a)) => ?a
;     stops (i32.wrap_i64 (i64.extend16_s ?b))

(declare-const ?x (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.wrap_i64 (i64.extend_i32_s ?x))
(assert (= lhs ((_ extract 31 0) ((_ sign_extend 32) ?x))))
(assert (= lhs.trap false))
; right: ?x
(assert (= rhs ?x))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
