; Proof of rule select-true-i64, written by `weft prove --write`.
; rule: select-true-i64
; digest: 45041c0f4eef575be8fbd4e66b7a477c66c9c18bea9a75797416e930cb01f413
; theory: bv
; The rule is sound when every query below is unsat: `z3 select-true-i64.smt2` prints
; `unsat` once.
;   rule select-true-i64: (select ?a:i64 ?b ?c) => ?a if (nonzero ?c)
;     fires (select ?x:i64 ?y (i32.or ?z (i32.const 4))) => ?x
;     stops (select ?x:i64 ?y ?z)

(declare-const ?a (_ BitVec 64))
(declare-const ?b (_ BitVec 64))
(declare-const ?c (_ BitVec 32))
(declare-const lhs (_ BitVec 64))
(declare-const rhs (_ BitVec 64))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (select ?a ?b ?c)
(assert (= lhs ?a))
(assert (= lhs.trap false))
; right: ?a
(assert (= rhs ?a))
(assert (= rhs.trap false))
; if (nonzero ?c)
(assert true)
; the bound the guards imply
(assert (bvuge ?c #x00000001))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
