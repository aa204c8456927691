; Proof of rule ge-s-narrow-s-i64, written by `weft prove --write`.
; rule: ge-s-narrow-s-i64
; digest: b59faf2c5751c6daad4179af389fe41f659424499b3b6935cd46c22c8aff6270
; theory: bv
; The rule is sound when every query below is unsat: `z3 ge-s-narrow-s-i64.smt2` prints
; `unsat` once.
;   rule ge-s-narrow-s-i64: (i64.ge_s (i64.extend_i32_s ?a) (i64.extend_i32_s ?b)) => (i32.ge_s ?a ?b)
;     fires (i64.ge_s (i64.extend_i32_s ?x) (i64.extend_i32_s ?y)) => (i32.ge_s ?x ?y)
;     stops (i64.ge_s (i64.extend_i32_s ?x) (i64.extend_i32_u ?y))

(declare-const ?a (_ BitVec 32))
(declare-const ?b (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i64.ge_s (i64.extend_i32_s ?a) (i64.extend_i32_s ?b))
(assert (= lhs (ite (bvsge ((_ sign_extend 32) ?a) ((_ sign_extend 32) ?b)) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i32.ge_s ?a ?b)
(assert (= rhs (ite (bvsge ?a ?b) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
