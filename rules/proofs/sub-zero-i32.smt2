; Proof of rule sub-zero-i32, written by `weft prove --write`.
; rule: sub-zero-i32
; digest: 9dcb19a365390f127b7170249a62cc0baf02ac9382b67a02de80eae87ab64eb9
; theory: bv
; The rule is sound when every query below is unsat: `z3 sub-zero-i32.smt2` prints
; `unsat` once.
;   rule sub-zero-i32: (i32.sub ?x (i32.const 0)) => ?x
;     fires (i32.sub ?a (i32.const 0)) => ?a
;     stops (i32.sub (i32.const 0) ?a)

(declare-const ?x (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.sub ?x (i32.const 0))
(assert (= lhs (bvsub ?x #x00000000)))
(assert (= lhs.trap false))
; right: ?x
(assert (= rhs ?x))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
