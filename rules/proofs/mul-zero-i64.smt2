; Proof of rule mul-zero-i64, written by `weft prove --write`.
; rule: mul-zero-i64
; digest: d475578a11f90eb950fc9914de58ec21acc16ca09e6e8cd96d2b5d9b4268790c
; theory: bv
; The rule is sound when every query below is unsat: `z3 mul-zero-i64.smt2` prints
; `unsat` once.
;   rule mul-zero-i64: (i64.mul ?x (i64.const 0)) => (i64.const 0)
;     fires (i64.mul ?a (i64.const 0)) => (i64.const 0)
;     stops (i64.mul ?a (i64.const 5))

(declare-const ?x (_ BitVec 64))
(declare-const lhs (_ BitVec 64))
(declare-const rhs (_ BitVec 64))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i64.mul ?x (i64.const 0))
(assert (= lhs (bvmul ?x #x0000000000000000)))
(assert (= lhs.trap false))
; right: (i64.const 0)
(assert (= rhs #x0000000000000000))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
