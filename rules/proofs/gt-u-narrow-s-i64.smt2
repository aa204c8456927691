; Proof of rule gt-u-narrow-s-i64, written by `weft prove --write`.
; rule: gt-u-narrow-s-i64
; digest: 030da7f6dbbef5aee3e2086d9893425475cbc4d7c0e966d3a732a96a010ec067
; theory: bv
; The rule is sound when every query below is unsat: `z3 gt-u-narrow-s-i64.smt2` prints
; `unsat` once.
;   rule gt-u-narrow-s-i64: (i64.gt_u (i64.extend_i32_s ?a) (i64.extend_i32_s ?b)) => (i32.gt_u ?a ?b)
;     fires (i64.gt_u (i64.extend_i32_s ?x) (i64.extend_i32_s ?y)) => (i32.gt_u ?x ?y)
;     stops (i64.gt_u (i64.extend_i32_s ?x) (i64.extend_i32_u ?y))

(declare-const ?a (_ BitVec 32))
(declare-const ?b (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i64.gt_u (i64.extend_i32_s ?a) (i64.extend_i32_s ?b))
(assert (= lhs (ite (bvugt ((_ sign_extend 32) ?a) ((_ sign_extend 32) ?b)) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i32.gt_u ?a ?b)
(assert (= rhs (ite (bvugt ?a ?b) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
