; Proof of rule eqz-eq-i32, written by `weft prove --write`.
; rule: eqz-eq-i32
; digest: f5a421779e26ede10d17739624d922c67c41d6a16b0aab3288994abb5cfb0a67
; theory: bv
; The rule is sound when every query below is unsat: `z3 eqz-eq-i32.smt2` prints
; `unsat` once.
;   rule eqz-eq-i32: (i32.eqz (i32.eq ?a ?b)) => (i32.ne ?a ?b)
;     fires (i32.eqz (i32.eq ?x ?y)) => (i32.ne ?x ?y)
;     stops (i32.eqz (i32.add ?x ?y))

(declare-const ?a (_ BitVec 32))
(declare-const ?b (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.eqz (i32.eq ?a ?b))
(assert (= lhs (ite (= (ite (= ?a ?b) #x00000001 #x00000000) #x00000000) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i32.ne ?a ?b)
(assert (= rhs (ite (not (= ?a ?b)) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
