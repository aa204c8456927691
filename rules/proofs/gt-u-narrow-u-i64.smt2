; Proof of rule gt-u-narrow-u-i64, written by `weft prove --write`.
; rule: gt-u-narrow-u-i64
; digest: c5f9fa76a696032c44e8643ed6848de08431862ea07e67815ece6f2a584fcca8
; theory: bv
; The rule is sound when every query below is unsat: `z3 gt-u-narrow-u-i64.smt2` prints
; `unsat` once.
;   rule gt-u-narrow-u-i64: (i64.gt_u ?a ?b) => (i32.gt_u (i32.wrap_i64 ?a) (i32.wrap_i64 ?b))
;     if (ule ?a 0xFFFFFFFF) if (ule ?b 0xFFFFFFFF)
;     fires (i64.gt_u (i64.extend_i32_u ?x) (i64.and ?y (i64.const 0xFFFF)))
;       => (i32.gt_u (i32.wrap_i64 (i64.extend_i32_u ?x)) (i32.wrap_i64 (i64.and ?y (i64.const 0xFFFF))))
;     stops (i64.gt_u (i64.extend_i32_u ?x) (i64.extend_i32_s ?y))

(declare-const ?a (_ BitVec 64))
(declare-const ?b (_ BitVec 64))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i64.gt_u ?a ?b)
(assert (= lhs (ite (bvugt ?a ?b) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i32.gt_u (i32.wrap_i64 ?a) (i32.wrap_i64 ?b))
(assert (= rhs (ite (bvugt ((_ extract 31 0) ?a) ((_ extract 31 0) ?b)) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; if (ule ?a 4294967295)
(assert (bvule ?a #x00000000ffffffff))
; if (ule ?b 4294967295)
(assert (bvule ?b #x00000000ffffffff))
; the bound the guards imply
(assert (bvule ?a #x00000000ffffffff))
; the bound the guards imply
(assert (bvule ?b #x00000000ffffffff))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
