; Proof of rule eqz-ge-u-i32, written by `weft prove --write`.
; rule: eqz-ge-u-i32
; digest: 7f5edbf2e9c54edf9ebfb6516893c4ec44d67b1f1111ddf96dd36ddb1d01aec9
; theory: bv
; The rule is sound when every query below is unsat: `z3 eqz-ge-u-i32.smt2` prints
; `unsat` once.
;   rule eqz-ge-u-i32: (i32.eqz (i32.ge_u ?a ?b)) => (i32.lt_u ?a ?b)
;     fires (i32.eqz (i32.ge_u ?x ?y)) => (i32.lt_u ?x ?y)
;     stops (i32.eqz (i32.ge_s ?x (i32.add ?x ?y)))

(declare-const ?a (_ BitVec 32))
(declare-const ?b (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.eqz (i32.ge_u ?a ?b))
(assert (= lhs (ite (= (ite (bvuge ?a ?b) #x00000001 #x00000000) #x00000000) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i32.lt_u ?a ?b)
(assert (= rhs (ite (bvult ?a ?b) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
