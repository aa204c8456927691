; Proof of rule eq-zero-i32, written by `weft prove --write`.
; rule: eq-zero-i32
; digest: 6d68e58b45f247fec857a5685db5837c568252348cad5c0e2ebabdf436baa8e1
; theory: bv
; The rule is sound when every query below is unsat: `z3 eq-zero-i32.smt2` prints
; `unsat` once.
;   rule eq-zero-i32: (i32.eq ?x (i32.const 0)) => (i32.eqz ?x)
;     fires (i32.eq ?a (i32.const 0)) => (i32.eqz ?a)
;     stops (i32.eq ?a (i32.const 1))

(declare-const ?x (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.eq ?x (i32.const 0))
(assert (= lhs (ite (= ?x #x00000000) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i32.eqz ?x)
(assert (= rhs (ite (= ?x #x00000000) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
