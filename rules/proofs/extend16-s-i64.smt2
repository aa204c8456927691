; Proof of rule extend16-s-i64, written by `weft prove --write`.
; rule: extend16-s-i64
; digest: 47ea5c66e372ecb7e490fd88119855d67254e367a4ab3fd6a162dc855af0ddfa
; theory: bv
; The rule is sound when every query below is unsat: `z3 extend16-s-i64.smt2` prints
; `unsat` once.
;   rule extend16-s-i64: (i64.shr_s (i64.shl ?x (i64.const 48)) (i64.const 48)) => (i64.extend16_s ?x)
;     fires (i64.shr_s (i64.shl ?a (i64.const 48)) (i64.const 48)) => (i64.extend16_s ?a)
;     stops (i64.shr_s (i64.shl ?a (i64.const 48)) (i64.const 40))

(declare-const ?x (_ BitVec 64))
(declare-const lhs (_ BitVec 64))
(declare-const rhs (_ BitVec 64))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i64.shr_s (i64.shl ?x (i64.const 48)) (i64.const 48))
(assert (= lhs (bvashr (bvshl ?x #x0000000000000030) #x0000000000000030)))
(assert (= lhs.trap false))
; right: (i64.extend16_s ?x)
(assert (= rhs ((_ sign_extend 48) ((_ extract 15 0) ?x))))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
