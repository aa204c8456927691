; Proof of rule eqz-eq-i64, written by `weft prove --write`.
; rule: eqz-eq-i64
; digest: e0ea1ff8cf29728281a5e697f84f8f6413bc34dcccff25c931358c8d1259ef83
; theory: bv
; The rule is sound when every query below is unsat: `z3 eqz-eq-i64.smt2` prints
; `unsat` once.
;   rule eqz-eq-i64: (i32.eqz (i64.eq ?a ?b)) => (i64.ne ?a ?b)
;     fires (i32.eqz (i64.eq ?x ?y)) => (i64.ne ?x ?y)
;     stops (i32.eqz (i64.ne ?x (i64.add ?x ?y)))

(declare-const ?a (_ BitVec 64))
(declare-const ?b (_ BitVec 64))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.eqz (i64.eq ?a ?b))
(assert (= lhs (ite (= (ite (= ?a ?b) #x00000001 #x00000000) #x00000000) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i64.ne ?a ?b)
(assert (= rhs (ite (not (= ?a ?b)) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
