; Proof of rule ne-zero-bool, written by `weft prove --write`.
; rule: ne-zero-bool
; digest: 1691e43c0b1a302a434d6f7588ba02effaa49ddbf44140312baf68fb671b47b3
; theory: bv
; The rule is sound when every query below is unsat: `z3 ne-zero-bool.smt2` prints
; `unsat` once.
;   rule ne-zero-bool: (i32.ne ?x (i32.const 0)) => ?x if (ule ?x 1)
;     fires (i32.ne (i32.and ?a (i32.const 1)) (i32.const 0)) => (i32.and ?a (i32.const 1))
;     stops (i32.ne (i32.and ?a (i32.const 3)) (i32.const 0))

(declare-const ?x (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.ne ?x (i32.const 0))
(assert (= lhs (ite (not (= ?x #x00000000)) #x00000001 #x00000000)))
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
