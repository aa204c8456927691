; Proof of rule sub-select-zero-second-i32, written by `weft prove --write`.
; rule: sub-select-zero-second-i32
; digest: 62280d313bb0f572799b464bfdb430ca46f982767778f1c546c6460e1e2b4e7c
; theory: bv
; The rule is sound when every query below is unsat: `z3 sub-select-zero-second-i32.smt2` prints
; `unsat` once.
;   rule sub-select-zero-second-i32: (i32.sub ?x (select ?t (i32.const 0) ?c)) => (select (i32.sub ?x ?t) ?x ?c)
;     fires (i32.sub ?a (select ?b (i32.const 0) ?q)) => (select (i32.sub ?a ?b) ?a ?q)
;     stops (i32.sub ?a (select ?b (i32.const 1) ?q))

(declare-const ?x (_ BitVec 32))
(declare-const ?t (_ BitVec 32))
(declare-const ?c (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.sub ?x (select ?t (i32.const 0) ?c))
(assert (= lhs (bvsub ?x (ite (not (= ?c #x00000000)) ?t #x00000000))))
(assert (= lhs.trap false))
; right: (select (i32.sub ?x ?t) ?x ?c)
(assert (= rhs (ite (not (= ?c #x00000000)) (bvsub ?x ?t) ?x)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
