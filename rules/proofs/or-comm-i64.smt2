; Proof of rule or-comm-i64, written by `weft prove --write`.
; rule: or-comm-i64
; digest: 33c3386b4412ce9576d7b631dbde013055efb173355a4cbaa9b1ec89e7c2413e
; theory: bv
; The rule is sound when every query below is unsat: `z3 or-comm-i64.smt2` prints
; `unsat` once.
;   rule or-comm-i64: (i64.or ?a ?b) => (i64.or ?b ?a)
;     fires (i64.or (i64.const 1) ?x) => (i64.or ?x (i64.const 1))
;     stops (i64.and (i64.const 1) ?x)

(declare-const ?a (_ BitVec 64))
(declare-const ?b (_ BitVec 64))
(declare-const lhs (_ BitVec 64))
(declare-const rhs (_ BitVec 64))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i64.or ?a ?b)
(assert (= lhs (bvor ?a ?b)))
(assert (= lhs.trap false))
; right: (i64.or ?b ?a)
(assert (= rhs (bvor ?b ?a)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
