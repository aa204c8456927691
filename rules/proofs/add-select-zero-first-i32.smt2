; Proof of rule add-select-zero-first-i32, written by `weft prove --write`.
; rule: add-select-zero-first-i32
; digest: d138e49ebc82ffc59ad1716bf8461b19a073113be6e7ba72c9c4a06e9ceafc8b
; theory: bv
; The rule is sound when every query below is unsat: `z3 add-select-zero-first-i32.smt2` prints
; `unsat` once.
;   rule add-select-zero-first-i32: (i32.add ?x (select (i32.const 0) ?t ?c)) => (select ?x (i32.add ?x ?t) ?c)
;     fires (i32.add ?a (select (i32.const 0) ?b ?q)) => (select ?a (i32.add ?a ?b) ?q)
;     stops (i32.add ?a (select (i32.const 2) ?b ?q))

(declare-const ?x (_ BitVec 32))
(declare-const ?t (_ BitVec 32))
(declare-const ?c (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.add ?x (select (i32.const 0) ?t ?c))
(assert (= lhs (bvadd ?x (ite (not (= ?c #x00000000)) #x00000000 ?t))))
(assert (= lhs.trap false))
; right: (select ?x (i32.add ?x ?t) ?c)
(assert (= rhs (ite (not (= ?c #x00000000)) ?x (bvadd ?x ?t))))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
