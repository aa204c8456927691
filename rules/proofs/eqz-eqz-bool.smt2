; Proof of rule eqz-eqz-bool, written by `weft prove --write`.
; rule: eqz-eqz-bool
; digest: d9d57e29fc4a11b26d2df72d20f73516d11a69a5da10245cfe11d241520e2f60
; theory: bv
; The rule is sound when every query below is unsat: `z3 eqz-eqz-bool.smt2` prints
; `unsat` once.
;   rule eqz-eqz-bool: (i32.eqz (i32.eqz ?x)) => ?x if (ule ?x 1)
;     fires (i32.eqz (i32.eqz (i32.lt_u ?a ?b))) => (i32.lt_u ?a ?b)
;     stops (i32.eqz (i32.eqz ?a))

(declare-const ?x (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.eqz (i32.eqz ?x))
(assert (= lhs (ite (= (ite (= ?x #x00000000) #x00000001 #x00000000) #x00000000) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: ?x
(assert (= rhs ?x))
(assert (= rhs.trap false))
; if (ule ?x 1)
(assert (bvule ((_ zero_extend 32) ?x) #x0000000000000001))
; the bound the guards imply
(assert (bvule ?x #x00000001))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
