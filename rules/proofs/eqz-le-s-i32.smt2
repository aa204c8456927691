; Proof of rule eqz-le-s-i32, written by `weft prove --write`.
; rule: eqz-le-s-i32
; digest: e0174d3fe7fd54ffc636483841bf14cc0fe18c8f78aeb97b292d7c9976bc69d6
; theory: bv
; The rule is sound when every query below is unsat: `z3 eqz-le-s-i32.smt2` prints
; `unsat` once.
;   rule eqz-le-s-i32: (i32.eqz (i32.le_s ?a ?b)) => (i32.gt_s ?a ?b)
;     fires (i32.eqz (i32.le_s ?x ?y)) => (i32.gt_s ?x ?y)
;     stops (i32.eqz (i32.le_u ?x (i32.add ?x ?y)))

(declare-const ?a (_ BitVec 32))
(declare-const ?b (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.eqz (i32.le_s ?a ?b))
(assert (= lhs (ite (= (ite (bvsle ?a ?b) #x00000001 #x00000000) #x00000000) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i32.gt_s ?a ?b)
(assert (= rhs (ite (bvsgt ?a ?b) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
