; Proof of rule div-u-small-i32, written by `weft prove --write`.
; rule: div-u-small-i32
; digest: 9723e2115c65115fc3f95c3d869108db8084df8a76cefe2f2490873955c0a693
; theory: bv
; The rule is sound when every query below is unsat: `z3 div-u-small-i32.smt2` prints
; `unsat` once.
;   rule div-u-small-i32: (i32.div_u ?x (i32.const ?c)) => (i32.const 0) if (ult ?x ?c)
;     fires (i32.div_u (i32.and ?a (i32.const 3)) (i32.const 6)) => (i32.const 0)
;     stops (i32.div_u (i32.and ?a (i32.const 7)) (i32.const 6))

(declare-const ?x (_ BitVec 32))
(declare-const ?c (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.div_u ?x (i32.const ?c))
(assert (= lhs (bvudiv ?x ?c)))
(assert (= lhs.trap (= ?c #x00000000)))
; right: (i32.const 0)
(assert (= rhs #x00000000))
(assert (= rhs.trap false))
; if (ult ?x ?c)
(assert (bvult ((_ zero_extend 32) ?x) ((_ zero_extend 32) ?c)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
