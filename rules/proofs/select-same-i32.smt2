; Proof of rule select-same-i32, written by `weft prove --write`.
; rule: select-same-i32
; digest: 09cdcc23a0c706707ea8ae841a48e540b377c737d36e9c25a32c0bb743268015
; theory: bv
; The rule is sound when every query below is unsat: `z3 select-same-i32.smt2` prints
; `unsat` once.
;   rule select-same-i32: (select ?a:i32 ?a ?c) => ?a
;     fires (select ?x:i32 ?x ?y) => ?x
;     stops (select ?x:i32 ?z ?y)

(declare-const ?a (_ BitVec 32))
(declare-const ?c (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (select ?a ?a ?c)
(assert (= lhs ?a))
(assert (= lhs.trap false))
; right: ?a
(assert (= rhs ?a))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
