; Proof of rule or-zero-i32, written by `weft prove --write`.
; rule: or-zero-i32
; digest: b4e4e95ddae71b036ec85a5e79be723ec1acfb705de22d165c324d22798dd105
; theory: bv
; The rule is sound when every query below is unsat: `z3 or-zero-i32.smt2` prints
; `unsat` once.
;   rule or-zero-i32: (i32.or ?x (i32.const 0)) => ?x
;     fires (i32.or ?a (i32.const 0)) => ?a
;     stops (i32.or ?a (i32.const 8))

(declare-const ?x (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.or ?x (i32.const 0))
(assert (= lhs (bvor ?x #x00000000)))
(assert (= lhs.trap false))
; right: ?x
(assert (= rhs ?x))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
