; Proof of rule eqz-ne-i32, written by `weft prove --write`.
; rule: eqz-ne-i32
; digest: a0c68b8cf030d38c40a14f226f8df2e4d0267cd11cfc63fb380056a32d36a116
; theory: bv
; The rule is sound when every query below is unsat: `z3 eqz-ne-i32.smt2` prints
; `unsat` once.
;   rule eqz-ne-i32: (i32.eqz (i32.ne ?a ?b)) => (i32.eq ?a ?b)
;     fires (i32.eqz (i32.ne ?x ?y)) => (i32.eq ?x ?y)
;     stops (i32.eqz (i32.sub ?x ?y))

(declare-const ?a (_ BitVec 32))
(declare-const ?b (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.eqz (i32.ne ?a ?b))
(assert (= lhs (ite (= (ite (not (= ?a ?b)) #x00000001 #x00000000) #x00000000) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i32.eq ?a ?b)
(assert (= rhs (ite (= ?a ?b) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
