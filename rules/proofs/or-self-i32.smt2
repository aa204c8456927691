; Proof of rule or-self-i32, written by `weft prove --write`.
; rule: or-self-i32
; digest: 319ab80f860d7855b2b9981c6188ab679ae36a28ac244b40900503f9fc11f5e7
; theory: bv
; The rule is sound when every query below is unsat: `z3 or-self-i32.smt2` prints
; `unsat` once.
;   rule or-self-i32: (i32.or ?x ?x) => ?x
;     fires (i32.or ?a ?a) => ?a
;     stops (i32.or ?a ?b)

(declare-const ?x (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.or ?x ?x)
(assert (= lhs (bvor ?x ?x)))
(assert (= lhs.trap false))
; right: ?x
(assert (= rhs ?x))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
