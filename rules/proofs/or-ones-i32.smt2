; Proof of rule or-ones-i32, written by `weft prove --write`.
; rule: or-ones-i32
; digest: aac97a9691cd9d6d7cd095df079d235331a51ebee4bbece0c2e463937099dfae
; theory: bv
; The rule is sound when every query below is unsat: `z3 or-ones-i32.smt2` prints
; `unsat` once.
;   rule or-ones-i32: (i32.or ?x (i32.const -1)) => (i32.const -1)
;     fires (i32.or ?a (i32.const -1)) => (i32.const -1)
;     stops (i32.or ?a (i32.const -2))

(declare-const ?x (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.or ?x (i32.const -1))
(assert (= lhs (bvor ?x #xffffffff)))
(assert (= lhs.trap false))
; right: (i32.const -1)
(assert (= rhs #xffffffff))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
