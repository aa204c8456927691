; Proof of rule select-eqz-i64, written by `weft prove --write`.
; rule: select-eqz-i64
; digest: 990481eeadc704ec4e0b852a9bb2231e58c43cef1fc9c704c26c0adf6440bead
; theory: bv
; The rule is sound when every query below is unsat: `z3 select-eqz-i64.smt2` prints
; `unsat` once.
;   rule select-eqz-i64: (select ?a:i64 ?b (i32.eqz ?c)) => (select ?b ?a ?c)
;     fires (select ?x:i64 ?y (i32.eqz ?z)) => (select ?y ?x ?z)
;     stops (select ?x:i64 ?y (i64.eqz ?w))

(declare-const ?a (_ BitVec 64))
(declare-const ?b (_ BitVec 64))
(declare-const ?c (_ BitVec 32))
(declare-const lhs (_ BitVec 64))
(declare-const rhs (_ BitVec 64))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (select ?a ?b (i32.eqz ?c))
(assert (= lhs (ite (not (= (ite (= ?c #x00000000) #x00000001 #x00000000) #x00000000)) ?a ?b)))
(assert (= lhs.trap false))
; right: (select ?b ?a ?c)
(assert (= rhs (ite (not (= ?c #x00000000)) ?b ?a)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
