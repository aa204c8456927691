; Proof of rule xor-zero-i64, written by `weft prove --write`.
; rule: xor-zero-i64
; digest: a8e5fc4eabc277c118a3ad5fc902fd9ae8df2e61b24fde08d7e6aee923f1ec57
; theory: bv
; The rule is sound when every query below is unsat: `z3 xor-zero-i64.smt2` prints
; `unsat` once.
;   rule xor-zero-i64: (i64.xor ?x (i64.const 0)) => ?x
;     fires (i64.xor ?a (i64.const 0)) => ?a
;     stops (i64.xor ?a (i64.const 4))

(declare-const ?x (_ BitVec 64))
(declare-const lhs (_ BitVec 64))
(declare-const rhs (_ BitVec 64))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i64.xor ?x (i64.const 0))
(assert (= lhs (bvxor ?x #x0000000000000000)))
(assert (= lhs.trap false))
; right: ?x
(assert (= rhs ?x))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
