; Proof of rule eqz-lt-s-i64, written by `weft prove --write`.
; rule: eqz-lt-s-i64
; digest: b1bb9c04d80fac4935ac1c2b8a3b830d2b2edb7ea6d5e28e3f14388908fbd49c
; theory: bv
; The rule is sound when every query below is unsat: `z3 eqz-lt-s-i64.smt2` prints
; `unsat` once.
;   rule eqz-lt-s-i64: (i32.eqz (i64.lt_s ?a ?b)) => (i64.ge_s ?a ?b)
;     fires (i32.eqz (i64.lt_s ?x ?y)) => (i64.ge_s ?x ?y)
;     stops (i32.eqz (i64.lt_u ?x (i64.add ?x ?y)))

(declare-const ?a (_ BitVec 64))
(declare-const ?b (_ BitVec 64))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.eqz (i64.lt_s ?a ?b))
(assert (= lhs (ite (= (ite (bvslt ?a ?b) #x00000001 #x00000000) #x00000000) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i64.ge_s ?a ?b)
(assert (= rhs (ite (bvsge ?a ?b) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
