; Proof of rule ne-narrow-s-i64, written by `weft prove --write`.
; rule: ne-narrow-s-i64
; digest: 59ee1b09aa70694d44657fc2d76773dd1749824add221e2a93f92c432493ce86
; theory: bv
; The rule is sound when every query below is unsat: `z3 ne-narrow-s-i64.smt2` prints
; `unsat` once.
;   rule ne-narrow-s-i64: (i64.ne (i64.extend_i32_s ?a) (i64.extend_i32_s ?b)) => (i32.ne ?a ?b)
;     fires (i64.ne (i64.extend_i32_s ?x) (i64.extend_i32_s ?y)) => (i32.ne ?x ?y)
;     stops (i64.ne (i64.extend_i32_s ?x) (i64.extend_i32_u ?y))

(declare-const ?a (_ BitVec 32))
(declare-const ?b (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i64.ne (i64.extend_i32_s ?a) (i64.extend_i32_s ?b))
(assert (= lhs (ite (not (= ((_ sign_extend 32) ?a) ((_ sign_extend 32) ?b))) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i32.ne ?a ?b)
(assert (= rhs (ite (not (= ?a ?b)) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
