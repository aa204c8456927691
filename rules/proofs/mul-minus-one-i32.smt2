; Proof of rule mul-minus-one-i32, written by `weft prove --write`.
; rule: mul-minus-one-i32
; digest: 1adcebc7cd80abc992f7f59fcd619f72cd30351445eca3dc03e2f68b7513385f
; theory: bv
; The rule is sound when every query below is unsat: `z3 mul-minus-one-i32.smt2` prints
; `unsat` once.
;   rule mul-minus-one-i32: (i32.mul ?x (i32.const -1)) => (i32.sub (i32.const 0) ?x)
;     fires (i32.mul ?a (i32.const -1)) => (i32.sub (i32.const 0) ?a)
;     stops (i32.mul ?a (i32.const -2))

(declare-const ?x (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.mul ?x (i32.const -1))
(assert (= lhs (bvmul ?x #xffffffff)))
(assert (= lhs.trap false))
; right: (i32.sub (i32.const 0) ?x)
(assert (= rhs (bvsub #x00000000 ?x)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
