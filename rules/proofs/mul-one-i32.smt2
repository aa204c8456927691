; Proof of rule mul-one-i32, written by `weft prove --write`.
; rule: mul-one-i32
; digest: 68d41ed58e94b0985196ea9ab917293e87aec2b86d1ccd4e620dabd04b6ef277
; theory: bv
; The rule is sound when every query below is unsat: `z3 mul-one-i32.smt2` prints
; `unsat` once.
;   rule mul-one-i32: (i32.mul ?x (i32.const 1)) => ?x
;     fires (i32.mul ?a (i32.const 1)) => ?a
;     stops (i32.mul ?a (i32.const 3))

(declare-const ?x (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.mul ?x (i32.const 1))
(assert (= lhs (bvmul ?x #x00000001)))
(assert (= lhs.trap false))
; right: ?x
(assert (= rhs ?x))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
