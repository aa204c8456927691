; Proof of rule sub-self-i32, written by `weft prove --write`.
; rule: sub-self-i32
; digest: da5c9c59dbec684efa2746f429e1afb20d7897c69c5cc33f43782e9213634adb
; theory: bv
; The rule is sound when every query below is unsat: `z3 sub-self-i32.smt2` prints
; `unsat` once.
;   rule sub-self-i32: (i32.sub ?x ?x) => (i32.const 0)
;     fires (i32.sub ?a ?a) => (i32.const 0)
;     stops (i32.sub ?a ?b)

(declare-const ?x (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.sub ?x ?x)
(assert (= lhs (bvsub ?x ?x)))
(assert (= lhs.trap false))
; right: (i32.const 0)
(assert (= rhs #x00000000))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
