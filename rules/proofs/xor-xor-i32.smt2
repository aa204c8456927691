; Proof of rule xor-xor-i32, written by `weft prove --write`.
; rule: xor-xor-i32
; digest: eeb194c5b9b325394be9c684d91f1266951e9d27a8d35e37aa8fd9c0fee016b1
; theory: bv
; The rule is sound when every query below is unsat: `z3 xor-xor-i32.smt2` prints
; `unsat` once.
;   rule xor-xor-i32: (i32.xor (i32.xor ?x (i32.const ?a)) (i32.const ?b)) => (i32.xor ?x (i32.const (xor ?a ?b)))
;     fires (i32.xor (i32.xor ?y (i32.const 6)) (i32.const 3)) => (i32.xor ?y (i32.const 5))
;     stops (i32.xor (i32.or ?y (i32.const 6)) (i32.const 3))

(declare-const ?x (_ BitVec 32))
(declare-const ?a (_ BitVec 32))
(declare-const ?b (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.xor (i32.xor ?x (i32.const ?a)) (i32.const ?b))
(assert (= lhs (bvxor (bvxor ?x ?a) ?b)))
(assert (= lhs.trap false))
; right: (i32.xor ?x (i32.const (xor ?a ?b)))
(assert (= rhs (bvxor ?x (bvxor ?a ?b))))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
