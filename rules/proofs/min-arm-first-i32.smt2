; Proof of rule min-arm-first-i32, written by `weft prove --write`.
; rule: min-arm-first-i32
; digest: 5ebb08455ed9c37cc1f57bb2d43991f00115c9b34e63e88f3491ad304644300e
; theory: bv
; The rule is sound when every query below is unsat: `z3 min-arm-first-i32.smt2` prints
; `unsat` once.
;   rule min-arm-first-i32:
;     (select (i32.const ?c) ?x (i32.gt_s ?x (i32.const ?c))) => (select ?x (i32.const ?c) (i32.lt_s ?x (i32.const ?c)))
;     fires (select (i32.const 255) ?a (i32.gt_s ?a (i32.const 255)))
;       => (select ?a (i32.const 255) (i32.lt_s ?a (i32.const 255)))
;     stops (select (i32.const 255) ?a (i32.gt_s ?a (i32.const 254)))

(declare-const ?x (_ BitVec 32))
(declare-const ?c (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (select (i32.const ?c) ?x (i32.gt_s ?x (i32.const ?c)))
(assert (= lhs (ite (not (= (ite (bvsgt ?x ?c) #x00000001 #x00000000) #x00000000)) ?c ?x)))
(assert (= lhs.trap false))
; right: (select ?x (i32.const ?c) (i32.lt_s ?x (i32.const ?c)))
(assert (= rhs (ite (not (= (ite (bvslt ?x ?c) #x00000001 #x00000000) #x00000000)) ?x ?c)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
