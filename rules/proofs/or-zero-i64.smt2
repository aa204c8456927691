; Proof of rule or-zero-i64, written by `weft prove --write`.
; rule: or-zero-i64
; digest: 6bc55c0a98b1c7ec857a6fa258553587c8505721d34a7e23e43454aad622cb1c
; theory: bv
; The rule is sound when every query below is unsat: `z3 or-zero-i64.smt2` prints
; `unsat` once.
;   rule or-zero-i64: (i64.or ?x (i64.const 0)) => ?x
;     fires (i64.or ?a (i64.const 0)) => ?a
;     stops (i64.or ?a (i64.const 8))

(declare-const ?x (_ BitVec 64))
(declare-const lhs (_ BitVec 64))
(declare-const rhs (_ BitVec 64))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i64.or ?x (i64.const 0))
(assert (= lhs (bvor ?x #x0000000000000000)))
(assert (= lhs.trap false))
; right: ?x
(assert (= rhs ?x))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
