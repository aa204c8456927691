; Proof of rule extend32-s-i64, written by `weft prove --write`.
; rule: extend32-s-i64
; digest: 753d6114d8034002ae48804cfb7381a7928a6646552fe12837945af586878093
; theory: bv
; The rule is sound when every query below is unsat: `z3 extend32-s-i64.smt2` prints
; `unsat` once.
;   rule extend32-s-i64: (i64.shr_s (i64.shl ?x (i64.const 32)) (i64.const 32)) => (i64.extend32_s ?x)
;     fires (i64.shr_s (i64.shl ?a (i64.const 32)) (i64.const 32)) => (i64.extend32_s ?a)
;     stops (i64.shr_s (i64.shl ?a (i64.const 32)) (i64.const 31))

(declare-const ?x (_ BitVec 64))
(declare-const lhs (_ BitVec 64))
(declare-const rhs (_ BitVec 64))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i64.shr_s (i64.shl ?x (i64.const 32)) (i64.const 32))
(assert (= lhs (bvashr (bvshl ?x #x0000000000000020) #x0000000000000020)))
(assert (= lhs.trap false))
; right: (i64.extend32_s ?x)
(assert (= rhs ((_ sign_extend 32) ((_ extract 31 0) ?x))))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
