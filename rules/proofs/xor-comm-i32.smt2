; Proof of rule xor-comm-i32, written by `weft prove --write`.
; rule: xor-comm-i32
; digest: 1bd051149318e7705f4525efa658944d76574410e4ff436db2c2d217305a80ab
; theory: bv
; The rule is sound when every query below is unsat: `z3 xor-comm-i32.smt2` prints
; `unsat` once.
;   rule xor-comm-i32: (i32.xor ?a ?b) => (i32.xor ?b ?a)
;     fires (i32.xor (i32.const 1) ?x) => (i32.xor ?x (i32.const 1))
;     stops (i32.and (i32.const 1) ?x)

(declare-const ?a (_ BitVec 32))
(declare-const ?b (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.xor ?a ?b)
(assert (= lhs (bvxor ?a ?b)))
(assert (= lhs.trap false))
; right: (i32.xor ?b ?a)
(assert (= rhs (bvxor ?b ?a)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
