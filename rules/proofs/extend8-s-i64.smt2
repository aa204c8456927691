; Proof of rule extend8-s-i64, written by `weft prove --write`.
; rule: extend8-s-i64
; digest: 2a74db8139c8102de4b95d6cf64f06344e434862e36286ca20158e64480530b7
; theory: bv
; The rule is sound when every query below is unsat: `z3 extend8-s-i64.smt2` prints
; `unsat` once.
;   rule extend8-s-i64: (i64.shr_s (i64.shl ?x (i64.const 56)) (i64.const 56)) => (i64.extend8_s ?x)
;     fires (i64.shr_s (i64.shl ?a (i64.const 56)) (i64.const 56)) => (i64.extend8_s ?a)
;     stops (i64.shr_s (i64.shl ?a (i64.const 48)) (i64.const 56))

(declare-const ?x (_ BitVec 64))
(declare-const lhs (_ BitVec 64))
(declare-const rhs (_ BitVec 64))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i64.shr_s (i64.shl ?x (i64.const 56)) (i64.const 56))
(assert (= lhs (bvashr (bvshl ?x #x0000000000000038) #x0000000000000038)))
(assert (= lhs.trap false))
; right: (i64.extend8_s ?x)
(assert (= rhs ((_ sign_extend 56) ((_ extract 7 0) ?x))))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
