; Proof of rule ge-u-swap-i32, written by `weft prove --write`.
; rule: ge-u-swap-i32
; digest: 8be855102215d79e7581b4727dbe3a56c8f344610b30a0c3324ec062669e15da
; theory: bv
; The rule is sound when every query below is unsat: `z3 ge-u-swap-i32.smt2` prints
; `unsat` once.
;   rule ge-u-swap-i32: (i32.ge_u ?a ?b) => (i32.le_u ?b ?a)
;     fires (i32.ge_u ?x ?y) => (i32.le_u ?y ?x)
;     stops (i32.ge_s ?x ?y)

(declare-const ?a (_ BitVec 32))
(declare-const ?b (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.ge_u ?a ?b)
(assert (= lhs (ite (bvuge ?a ?b) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i32.le_u ?b ?a)
(assert (= rhs (ite (bvule ?b ?a) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
