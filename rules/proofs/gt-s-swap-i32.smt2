; Proof of rule gt-s-swap-i32, written by `weft prove --write`.
; rule: gt-s-swap-i32
; digest: 5b9547102e9745b8c12dbd191b468a104f8ed7e45c9bacd2445a975f33767f40
; theory: bv
; The rule is sound when every query below is unsat: `z3 gt-s-swap-i32.smt2` prints
; `unsat` once.
;   rule gt-s-swap-i32: (i32.gt_s ?a ?b) => (i32.lt_s ?b ?a)
;     fires (i32.gt_s ?x ?y) => (i32.lt_s ?y ?x)
;     stops (i32.gt_u ?x ?y)

(declare-const ?a (_ BitVec 32))
(declare-const ?b (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.gt_s ?a ?b)
(assert (= lhs (ite (bvsgt ?a ?b) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i32.lt_s ?b ?a)
(assert (= rhs (ite (bvslt ?b ?a) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
