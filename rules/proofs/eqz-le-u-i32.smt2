; Proof of rule eqz-le-u-i32, written by `weft prove --write`.
; rule: eqz-le-u-i32
; digest: 87720a43e4d3dd039b55e69381b28c504f3505470ea239f0dfbcfcb389249d62
; theory: bv
; The rule is sound when every query below is unsat: `z3 eqz-le-u-i32.smt2` prints
; `unsat` once.
;   rule eqz-le-u-i32: (i32.eqz (i32.le_u ?a ?b)) => (i32.gt_u ?a ?b)
;     fires (i32.eqz (i32.le_u ?x ?y)) => (i32.gt_u ?x ?y)
;     stops (i32.eqz (i32.le_s ?x (i32.add ?x ?y)))

(declare-const ?a (_ BitVec 32))
(declare-const ?b (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.eqz (i32.le_u ?a ?b))
(assert (= lhs (ite (= (ite (bvule ?a ?b) #x00000001 #x00000000) #x00000000) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i32.gt_u ?a ?b)
(assert (= rhs (ite (bvugt ?a ?b) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
