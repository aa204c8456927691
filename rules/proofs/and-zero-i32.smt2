; Proof of rule and-zero-i32, written by `weft prove --write`.
; rule: and-zero-i32
; digest: e6793730f051ef0e6c26bcbfac021f9762e57abe3a07361e1e6ebbb21f11d1b8
; theory: bv
; The rule is sound when every query below is unsat: `z3 and-zero-i32.smt2` prints
; `unsat` once.
;   rule and-zero-i32: (i32.and ?x (i32.const 0)) => (i32.const 0)
;     fires (i32.and ?a (i32.const 0)) => (i32.const 0)
;     stops (i32.and ?a (i32.const 1))

(declare-const ?x (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.and ?x (i32.const 0))
(assert (= lhs (bvand ?x #x00000000)))
(assert (= lhs.trap false))
; right: (i32.const 0)
(assert (= rhs #x00000000))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
