; Proof of rule sub-self-i64, written by `weft prove --write`.
; rule: sub-self-i64
; digest: 814919870a5188abe7cf995b9e82597ada8147c4105d0826444640db99d595c4
; theory: bv
; The rule is sound when every query below is unsat: `z3 sub-self-i64.smt2` prints
; `unsat` once.
;   rule sub-self-i64: (i64.sub ?x ?x) => (i64.const 0)
;     fires (i64.sub ?a ?a) => (i64.const 0)
;     stops (i64.sub ?a ?b)

(declare-const ?x (_ BitVec 64))
(declare-const lhs (_ BitVec 64))
(declare-const rhs (_ BitVec 64))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i64.sub ?x ?x)
(assert (= lhs (bvsub ?x ?x)))
(assert (= lhs.trap false))
; right: (i64.const 0)
(assert (= rhs #x0000000000000000))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
