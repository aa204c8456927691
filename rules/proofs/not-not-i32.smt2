; Proof of rule not-not-i32, written by `weft prove --write`.
; rule: not-not-i32
; digest: eb5b78e173059be37883cf3e803abf43cae0fe479b9b5503f3f3b0811e309b9d
; theory: bv
; The rule is sound when every query below is unsat: `z3 not-not-i32.smt2` prints
; `unsat` once.
;   rule not-not-i32: (i32.xor (i32.xor ?x (i32.const -1)) (i32.const -1)) => ?x
;     fires (i32.xor (i32.xor ?a (i32.const -1)) (i32.const -1)) => ?a
;     stops (i32.xor (i32.xor ?a (i32.const -1)) (i32.const 1))

(declare-const ?x (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.xor (i32.xor ?x (i32.const -1)) (i32.const -1))
(assert (= lhs (bvxor (bvxor ?x #xffffffff) #xffffffff)))
(assert (= lhs.trap false))
; right: ?x
(assert (= rhs ?x))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
