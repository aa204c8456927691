; Proof of rule sub-select-zero-first-i32, written by `weft prove --write`.
; rule: sub-select-zero-first-i32
; digest: ee3a58a8b23087104306f561395c0f3efe8bc8cae0004c536e55ed939af3f872
; theory: bv
; The rule is sound when every query below is unsat: `z3 sub-select-zero-first-i32.smt2` prints
; `unsat` once.
;   rule sub-select-zero-first-i32: (i32.sub ?x (select (i32.const 0) ?t ?c)) => (select ?x (i32.sub ?x ?t) ?c)
;     fires (i32.sub ?a (select (i32.const 0) ?b ?q)) => (select ?a (i32.sub ?a ?b) ?q)
;     stops (i32.sub ?a (select (i32.const 1) ?b ?q))

(declare-const ?x (_ BitVec 32))
(declare-const ?t (_ BitVec 32))
(declare-const ?c (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.sub ?x (select (i32.const 0) ?t ?c))
(assert (= lhs (bvsub ?x (ite (not (= ?c #x00000000)) #x00000000 ?t))))
(assert (= lhs.trap false))
; right: (select ?x (i32.sub ?x ?t) ?c)
(assert (= rhs (ite (not (= ?c #x00000000)) ?x (bvsub ?x ?t))))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
