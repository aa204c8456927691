; Proof of rule add-zero-i64, written by `weft prove --write`.
; rule: add-zero-i64
; digest: f087039fbdf7800f50f6d1985430e46243dcd69fd57d53f3c76227662888c2ed
; theory: bv
; The rule is sound when every query below is unsat: `z3 add-zero-i64.smt2` prints
; `unsat` once.
;   rule add-zero-i64: (i64.add ?x (i64.const 0)) => ?x
;     fires (i64.add ?a (i64.const 0)) => ?a
;     stops (i64.add ?a (i64.const 2))

(declare-const ?x (_ BitVec 64))
(declare-const lhs (_ BitVec 64))
(declare-const rhs (_ BitVec 64))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i64.add ?x (i64.const 0))
(assert (= lhs (bvadd ?x #x0000000000000000)))
(assert (= lhs.trap false))
; right: ?x
(assert (= rhs ?x))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
