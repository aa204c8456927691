; Proof of rule add-comm-i64, written by `weft prove --write`.
; rule: add-comm-i64
; digest: d17b1f4d9602ee81826a22f20e28f9f6adf6500f9679f770998e713741fdbf6e
; theory: bv
; The rule is sound when every query below is unsat: `z3 add-comm-i64.smt2` prints
; `unsat` once.
;   rule add-comm-i64: (i64.add ?a ?b) => (i64.add ?b ?a)
;     fires (i64.add (i64.const 1) ?x) => (i64.add ?x (i64.const 1))
;     stops (i64.sub (i64.const 1) ?x)

(declare-const ?a (_ BitVec 64))
(declare-const ?b (_ BitVec 64))
(declare-const lhs (_ BitVec 64))
(declare-const rhs (_ BitVec 64))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i64.add ?a ?b)
(assert (= lhs (bvadd ?a ?b)))
(assert (= lhs.trap false))
; right: (i64.add ?b ?a)
(assert (= rhs (bvadd ?b ?a)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
