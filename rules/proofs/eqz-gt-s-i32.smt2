; Proof of rule eqz-gt-s-i32, written by `weft prove --write`.
; rule: eqz-gt-s-i32
; digest: 45d46bd7c713c140a5d99ff617aebb3590aaa67ccf0d7da731a07de7e9ef96c7
; theory: bv
; The rule is sound when every query below is unsat: `z3 eqz-gt-s-i32.smt2` prints
; `unsat` once.
;   rule eqz-gt-s-i32: (i32.eqz (i32.gt_s ?a ?b)) => (i32.le_s ?a ?b)
;     fires (i32.eqz (i32.gt_s ?x ?y)) => (i32.le_s ?x ?y)
;     stops (i32.eqz (i32.gt_u ?x (i32.add ?x ?y)))

(declare-const ?a (_ BitVec 32))
(declare-const ?b (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.eqz (i32.gt_s ?a ?b))
(assert (= lhs (ite (= (ite (bvsgt ?a ?b) #x00000001 #x00000000) #x00000000) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i32.le_s ?a ?b)
(assert (= rhs (ite (bvsle ?a ?b) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
