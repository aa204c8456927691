; Proof of rule and-comm-i64, written by `weft prove --write`.
; rule: and-comm-i64
; digest: 3430261f11e9e5a3fe9b790e0acf3775d46507b57c01b67dde4b12fc9e39a2b6
; theory: bv
; The rule is sound when every query below is unsat: `z3 and-comm-i64.smt2` prints
; `unsat` once.
;   rule and-comm-i64: (i64.and ?a ?b) => (i64.and ?b ?a)
;     fires (i64.and (i64.const 255) ?x) => (i64.and ?x (i64.const 255))
;     stops (i64.or (i64.const 255) ?x)

(declare-const ?a (_ BitVec 64))
(declare-const ?b (_ BitVec 64))
(declare-const lhs (_ BitVec 64))
(declare-const rhs (_ BitVec 64))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i64.and ?a ?b)
(assert (= lhs (bvand ?a ?b)))
(assert (= lhs.trap false))
; right: (i64.and ?b ?a)
(assert (= rhs (bvand ?b ?a)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
