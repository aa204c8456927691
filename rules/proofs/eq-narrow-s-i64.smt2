; Proof of rule eq-narrow-s-i64, written by `weft prove --write`.
; rule: eq-narrow-s-i64
; digest: 41bd2fd236349e024be4c0258fc8de8889fbd3b0fcff1ef316e2319e550283cd
; theory: bv
; The rule is sound when every query below is unsat: `z3 eq-narrow-s-i64.smt2` prints
; `unsat` once.
;   rule eq-narrow-s-i64: (i64.eq (i64.extend_i32_s ?a) (i64.extend_i32_s ?b)) => (i32.eq ?a ?b)
;     fires (i64.eq (i64.extend_i32_s ?x) (i64.extend_i32_s ?y)) => (i32.eq ?x ?y)
;     stops (i64.eq (i64.extend_i32_s ?x) (i64.extend_i32_u ?y))

(declare-const ?a (_ BitVec 32))
(declare-const ?b (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i64.eq (i64.extend_i32_s ?a) (i64.extend_i32_s ?b))
(assert (= lhs (ite (= ((_ sign_extend 32) ?a) ((_ sign_extend 32) ?b)) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i32.eq ?a ?b)
(assert (= rhs (ite (= ?a ?b) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
