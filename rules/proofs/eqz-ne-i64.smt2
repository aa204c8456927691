; Proof of rule eqz-ne-i64, written by `weft prove --write`.
; rule: eqz-ne-i64
; digest: 43fb864e3ae51e6f0a2690bfa0ea32177f4a0d3e66c2af4c96c08ba4f5bf787f
; theory: bv
; The rule is sound when every query below is unsat: `z3 eqz-ne-i64.smt2` prints
; `unsat` once.
;   rule eqz-ne-i64: (i32.eqz (i64.ne ?a ?b)) => (i64.eq ?a ?b)
;     fires (i32.eqz (i64.ne ?x ?y)) => (i64.eq ?x ?y)
;     stops (i32.eqz (i64.eq ?x (i64.add ?x ?y)))

(declare-const ?a (_ BitVec 64))
(declare-const ?b (_ BitVec 64))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.eqz (i64.ne ?a ?b))
(assert (= lhs (ite (= (ite (not (= ?a ?b)) #x00000001 #x00000000) #x00000000) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i64.eq ?a ?b)
(assert (= rhs (ite (= ?a ?b) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
