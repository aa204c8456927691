; Proof of rule lt-u-one-i32, written by `weft prove --write`.
; rule: lt-u-one-i32
; digest: f35289d8206f97276e9895b34761fff67a2f8b1414a8bf1375587c356e9827b9
; theory: bv
; The rule is sound when every query below is unsat: `z3 lt-u-one-i32.smt2` prints
; `unsat` once.
;   rule lt-u-one-i32: (i32.lt_u ?x (i32.const 1)) => (i32.eqz ?x)
;     fires (i32.lt_u ?a (i32.const 1)) => (i32.eqz ?a)
;     stops (i32.lt_u ?a (i32.const 2))

(declare-const ?x (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.lt_u ?x (i32.const 1))
(assert (= lhs (ite (bvult ?x #x00000001) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i32.eqz ?x)
(assert (= rhs (ite (= ?x #x00000000) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
