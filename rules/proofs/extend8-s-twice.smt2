; Proof of rule extend8-s-twice, written by `weft prove --write`.
; rule: extend8-s-twice
; digest: 930af6a83e9461cdfce92593f2c558078422aa174845324c7f11654fa320007c
; theory: bv
; The rule is sound when every query below is unsat: `z3 extend8-s-twice.smt2` prints
; `unsat` once.
;   rule extend8-s-twice: (i32.extend8_s (i32.extend8_s ?x)) => (i32.extend8_s ?x)
;     fires (i32.extend8_s (i32.extend8_s ?a)) => (i32.extend8_s ?a)
;     stops (i32.extend8_s (i32.extend16_s ?a))

(declare-const ?x (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.extend8_s (i32.extend8_s ?x))
(assert (= lhs ((_ sign_extend 24) ((_ extract 7 0) ((_ sign_extend 24) ((_ extract 7 0) ?x))))))
(assert (= lhs.trap false))
; right: (i32.extend8_s ?x)
(assert (= rhs ((_ sign_extend 24) ((_ extract 7 0) ?x))))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
