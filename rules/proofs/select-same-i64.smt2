; Proof of rule select-same-i64, written by `weft prove --write`.
; rule: select-same-i64
; digest: 039a6e06206eb2dd5e11a51725446a643f9c70d6bb22bdd268168097afaff925
; theory: bv
; The rule is sound when every query below is unsat: `z3 select-same-i64.smt2` prints
; `unsat` once.
;   rule select-same-i64: (select ?a:i64 ?a ?c) => ?a
;     fires (select ?x:i64 ?x ?y) => ?x
;     stops (select ?x:i64 ?z ?y)

(declare-const ?a (_ BitVec 64))
(declare-const ?c (_ BitVec 32))
(declare-const lhs (_ BitVec 64))
(declare-const rhs (_ BitVec 64))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (select ?a ?a ?c)
(assert (= lhs ?a))
(assert (= lhs.trap false))
; right: ?a
(assert (= rhs ?a))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
