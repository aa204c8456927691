; Proof of rule and-ones-i64, written by `weft prove --write`.
; rule: and-ones-i64
; digest: 794301f8721f4002ea0bb9a0508cbf272d64eb886e965fa07e5df972611f5cb1
; theory: bv
; The rule is sound when every query below is unsat: `z3 and-ones-i64.smt2` prints
; `unsat` once.
;   rule and-ones-i64: (i64.and ?x (i64.const -1)) => ?x
;     fires (i64.and ?a (i64.const -1)) => ?a
;     stops (i64.and ?a (i64.const 0xFFFFFFFF))

(declare-const ?x (_ BitVec 64))
(declare-const lhs (_ BitVec 64))
(declare-const rhs (_ BitVec 64))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i64.and ?x (i64.const -1))
(assert (= lhs (bvand ?x #xffffffffffffffff)))
(assert (= lhs.trap false))
; right: ?x
(assert (= rhs ?x))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
