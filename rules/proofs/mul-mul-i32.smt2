; Proof of rule mul-mul-i32, written by `weft prove --write`.
; rule: mul-mul-i32
; digest: def8c67469a28ce8b0da59faef521edf52e5b0a00af8fe7206543609d63d6bb5
; theory: bv
; The rule is sound when every query below is unsat: `z3 mul-mul-i32.smt2` prints
; `unsat` once.
;   rule mul-mul-i32: (i32.mul (i32.mul ?x (i32.const ?a)) (i32.const ?b)) => (i32.mul ?x (i32.const (* ?a ?b)))
;     fires (i32.mul (i32.mul ?y (i32.const 3)) (i32.const 5)) => (i32.mul ?y (i32.const 15))
;     stops (i32.mul (i32.add ?y (i32.const 3)) (i32.const 5))

(declare-const ?x (_ BitVec 32))
(declare-const ?a (_ BitVec 32))
(declare-const ?b (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.mul (i32.mul ?x (i32.const ?a)) (i32.const ?b))
(assert (= lhs (bvmul (bvmul ?x ?a) ?b)))
(assert (= lhs.trap false))
; right: (i32.mul ?x (i32.const (* ?a ?b)))
(assert (= rhs (bvmul ?x (bvmul ?a ?b))))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
