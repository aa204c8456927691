; Proof of rule select-ne-zero-i32, written by `weft prove --write`.
; rule: select-ne-zero-i32
; digest: 7b7b175417f4fa72212a958fc03fb11e17b9def3f0fe5e1980be2e05d1667d38
; theory: bv
; The rule is sound when every query below is unsat: `z3 select-ne-zero-i32.smt2` prints
; `unsat` once.
;   rule select-ne-zero-i32: (select ?a:i32 ?b (i32.ne ?c (i32.const 0))) => (select ?a ?b ?c)
;     fires (select ?x:i32 ?y (i32.ne ?z (i32.const 0))) => (select ?x ?y ?z)
;     stops (select ?x:i32 ?y (i32.ne ?z (i32.const 1)))

(declare-const ?a (_ BitVec 32))
(declare-const ?b (_ BitVec 32))
(declare-const ?c (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (select ?a ?b (i32.ne ?c (i32.const 0)))
(assert (= lhs (ite (not (= (ite (not (= ?c #x00000000)) #x00000001 #x00000000) #x00000000)) ?a ?b)))
(assert (= lhs.trap false))
; right: (select ?a ?b ?c)
(assert (= rhs (ite (not (= ?c #x00000000)) ?a ?b)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
