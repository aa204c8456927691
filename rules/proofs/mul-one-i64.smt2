; Proof of rule mul-one-i64, written by `weft prove --write`.
; rule: mul-one-i64
; digest: 61521f7e218d0a3a60da71bd4487ab863874103f93596d96eb25edcd8a44ecc2
; theory: bv
; The rule is sound when every query below is unsat: `z3 mul-one-i64.smt2` prints
; `unsat` once.
;   rule mul-one-i64: (i64.mul ?x (i64.const 1)) => ?x
;     fires (i64.mul ?a (i64.const 1)) => ?a
;     stops (i64.mul ?a (i64.const 3))

(declare-const ?x (_ BitVec 64))
(declare-const lhs (_ BitVec 64))
(declare-const rhs (_ BitVec 64))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i64.mul ?x (i64.const 1))
(assert (= lhs (bvmul ?x #x0000000000000001)))
(assert (= lhs.trap false))
; right: ?x
(assert (= rhs ?x))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
