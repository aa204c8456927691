; Proof of rule mul-comm-i64, written by `weft prove --write`.
; rule: mul-comm-i64
; digest: d58183f6d3a61203909648398acaad54546a9b95198bb0385856eefe768f049e
; theory: bv
; The rule is sound when every query below is unsat: `z3 mul-comm-i64.smt2` prints
; `unsat` once.
;   rule mul-comm-i64: (i64.mul ?a ?b) => (i64.mul ?b ?a)
;     fires (i64.mul (i64.const 8) ?x) => (i64.mul ?x (i64.const 8))
;     stops (i64.shl (i64.const 8) ?x)

(declare-const ?a (_ BitVec 64))
(declare-const ?b (_ BitVec 64))
(declare-const lhs (_ BitVec 64))
(declare-const rhs (_ BitVec 64))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i64.mul ?a ?b)
(assert (= lhs (bvmul ?a ?b)))
(assert (= lhs.trap false))
; right: (i64.mul ?b ?a)
(assert (= rhs (bvmul ?b ?a)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
