; Proof of rule add-select-zero-second-i32, written by `weft prove --write`.
; rule: add-select-zero-second-i32
; digest: 00b4c8f6ae88ba7404e904ae97883b5ee46c5c28dc959a0b1351005b7a3c80e9
; theory: bv
; The rule is sound when every query below is unsat: `z3 add-select-zero-second-i32.smt2` prints
; `unsat` once.
;   rule add-select-zero-second-i32: (i32.add ?x (select ?t (i32.const 0) ?c)) => (select (i32.add ?x ?t) ?x ?c)
;     fires (i32.add ?a (select ?b (i32.const 0) ?q)) => (select (i32.add ?a ?b) ?a ?q)
;     stops (i32.add ?a (select ?b (i32.const 2) ?q))

(declare-const ?x (_ BitVec 32))
(declare-const ?t (_ BitVec 32))
(declare-const ?c (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.add ?x (select ?t (i32.const 0) ?c))
(assert (= lhs (bvadd ?x (ite (not (= ?c #x00000000)) ?t #x00000000))))
(assert (= lhs.trap false))
; right: (select (i32.add ?x ?t) ?x ?c)
(assert (= rhs (ite (not (= ?c #x00000000)) (bvadd ?x ?t) ?x)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
