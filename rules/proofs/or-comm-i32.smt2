; Proof of rule or-comm-i32, written by `weft prove --write`.
; rule: or-comm-i32
; digest: 2ff8d78118542dac2bf88f08154e8c8c052a9a462144e4e6ab7d38d66b707a9d
; theory: bv
; The rule is sound when every query below is unsat: `z3 or-comm-i32.smt2` prints
; `unsat` once.
;   rule or-comm-i32: (i32.or ?a ?b) => (i32.or ?b ?a)
;     fires (i32.or (i32.const 1) ?x) => (i32.or ?x (i32.const 1))
;     stops (i32.and (i32.const 1) ?x)

(declare-const ?a (_ BitVec 32))
(declare-const ?b (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.or ?a ?b)
(assert (= lhs (bvor ?a ?b)))
(assert (= lhs.trap false))
; right: (i32.or ?b ?a)
(assert (= rhs (bvor ?b ?a)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
