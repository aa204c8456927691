; Proof of rule xor-zero-i32, written by `weft prove --write`.
; rule: xor-zero-i32
; digest: a3d12f30fce1027557ce7f4db49b790a5284ff8670981b3a79b8f101eb5df3b4
; theory: bv
; The rule is sound when every query below is unsat: `z3 xor-zero-i32.smt2` prints
; `unsat` once.
;   rule xor-zero-i32: (i32.xor ?x (i32.const 0)) => ?x
;     fires (i32.xor ?a (i32.const 0)) => ?a
;     stops (i32.xor ?a (i32.const 4))

(declare-const ?x (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.xor ?x (i32.const 0))
(assert (= lhs (bvxor ?x #x00000000)))
(assert (= lhs.trap false))
; right: ?x
(assert (= rhs ?x))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
