; Proof of rule rem-u-small-i32, written by `weft prove --write`.
; rule: rem-u-small-i32
; digest: c6f7788f04ef686e251d35a7202e1f5444dc5a8d8d6a3ac434e129f8c6ae3b7c
; theory: bv
; The rule is sound when every query below is unsat: `z3 rem-u-small-i32.smt2` prints
; `unsat` once.
;   rule rem-u-small-i32: (i32.rem_u ?x (i32.const ?c)) => ?x if (ult ?x ?c)
;     fires (i32.rem_u (i32.and ?a (i32.const 3)) (i32.const 6)) => (i32.and ?a (i32.const 3))
;     stops (i32.rem_u (i32.and ?a (i32.const 7)) (i32.const 6))

(declare-const ?x (_ BitVec 32))
(declare-const ?c (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.rem_u ?x (i32.const ?c))
(assert (= lhs (bvurem ?x ?c)))
(assert (= lhs.trap (= ?c #x00000000)))
; right: ?x
(assert (= rhs ?x))
(assert (= rhs.trap false))
; if (ult ?x ?c)
(assert (bvult ((_ zero_extend 32) ?x) ((_ zero_extend 32) ?c)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
