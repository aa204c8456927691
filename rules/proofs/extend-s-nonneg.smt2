; Proof of rule extend-s-nonneg, written by `weft prove --write`.
; rule: extend-s-nonneg
; digest: 9680d5230e4061accbf709c183e20cae2ee1b7342c7a436704e08648494daf60
; theory: bv
; The rule is sound when every query below is unsat: `z3 extend-s-nonneg.smt2` prints
; `unsat` once.
;   rule extend-s-nonneg: (i64.extend_i32_s ?x) => (i64.extend_i32_u ?x) if (ule ?x 0x7FFFFFFF)
;     fires (i64.extend_i32_s (i32.shr_u ?a (i32.const 1))) => (i64.extend_i32_u (i32.shr_u ?a (i32.const 1)))
;     stops (i64.extend_i32_s (i32.shr_s ?a (i32.const 1)))

(declare-const ?x (_ BitVec 32))
(declare-const lhs (_ BitVec 64))
(declare-const rhs (_ BitVec 64))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i64.extend_i32_s ?x)
(assert (= lhs ((_ sign_extend 32) ?x)))
(assert (= lhs.trap false))
; right: (i64.extend_i32_u ?x)
(assert (= rhs ((_ zero_extend 32) ?x)))
(assert (= rhs.trap false))
; if (ule ?x 2147483647)
(assert (bvule ((_ zero_extend 32) ?x) #x000000007fffffff))
; the bound the guards imply
(assert (bvule ?x #x7fffffff))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
