; Proof of rule eqz-lt-u-i32, written by `weft prove --write`.
; rule: eqz-lt-u-i32
; digest: d06f2a6eb0e68b0a416246efa123839514f35b272122f1f5c3455c3bf6d9318c
; theory: bv
; The rule is sound when every query below is unsat: `z3 eqz-lt-u-i32.smt2` prints
; `unsat` once.
;   rule eqz-lt-u-i32: (i32.eqz (i32.lt_u ?a ?b)) => (i32.ge_u ?a ?b)
;     fires (i32.eqz (i32.lt_u ?x ?y)) => (i32.ge_u ?x ?y)
;     stops (i32.eqz (i32.lt_s ?x (i32.add ?x ?y)))

(declare-const ?a (_ BitVec 32))
(declare-const ?b (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.eqz (i32.lt_u ?a ?b))
(assert (= lhs (ite (= (ite (bvult ?a ?b) #x00000001 #x00000000) #x00000000) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i32.ge_u ?a ?b)
(assert (= rhs (ite (bvuge ?a ?b) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
