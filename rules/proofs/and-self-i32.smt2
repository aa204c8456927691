; Proof of rule and-self-i32, written by `weft prove --write`.
; rule: and-self-i32
; digest: 63cbb82c1a50d11bc642feb60242105a6677e7504106bf42301422a468e5cfe3
; theory: bv
; The rule is sound when every query below is unsat: `z3 and-self-i32.smt2` prints
; `unsat` once.
;   rule and-self-i32: (i32.and ?x ?x) => ?x
;     fires (i32.and ?a ?a) => ?a
;     stops (i32.and ?a ?b)

(declare-const ?x (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.and ?x ?x)
(assert (= lhs (bvand ?x ?x)))
(assert (= lhs.trap false))
; right: ?x
(assert (= rhs ?x))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
