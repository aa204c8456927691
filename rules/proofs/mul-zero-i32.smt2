; Proof of rule mul-zero-i32, written by `weft prove --write`.
; rule: mul-zero-i32
; digest: bc8e2ac47aeb42f182b8573495e80f25f441c88010d77c482a35dd4c497e01dc
; theory: bv
; The rule is sound when every query below is unsat: `z3 mul-zero-i32.smt2` prints
; `unsat` once.
;   rule mul-zero-i32: (i32.mul ?x (i32.const 0)) => (i32.const 0)
;     fires (i32.mul ?a (i32.const 0)) => (i32.const 0)
;     stops (i32.mul ?a (i32.const 5))

(declare-const ?x (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.mul ?x (i32.const 0))
(assert (= lhs (bvmul ?x #x00000000)))
(assert (= lhs.trap false))
; right: (i32.const 0)
(assert (= rhs #x00000000))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
