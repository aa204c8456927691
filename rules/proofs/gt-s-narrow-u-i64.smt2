; Proof of rule gt-s-narrow-u-i64, written by `weft prove --write`.
; rule: gt-s-narrow-u-i64
; digest: cb9db10f2cb844b9e7d26e6fa1a90f837b0a2841c92660f03fa5f503f4cc963a
; theory: bv
; The rule is sound when every query below is unsat: `z3 gt-s-narrow-u-i64.smt2` prints
; `unsat` once.
;   rule gt-s-narrow-u-i64: (i64.gt_s ?a ?b) => (i32.gt_u (i32.wrap_i64 ?a) (i32.wrap_i64 ?b))
;     if (ule ?a 0xFFFFFFFF) if (ule ?b 0xFFFFFFFF)
;     fires (i64.gt_s (i64.extend_i32_u ?x) (i64.and ?y (i64.const 0xFFFF)))
;       => (i32.gt_u (i32.wrap_i64 (i64.extend_i32_u ?x)) (i32.wrap_i64 (i64.and ?y (i64.const 0xFFFF))))
;     stops (i64.gt_s (i64.extend_i32_u ?x) (i64.extend_i32_s ?y))

(declare-const ?a (_ BitVec 64))
(declare-const ?b (_ BitVec 64))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i64.gt_s ?a ?b)
(assert (= lhs (ite (bvsgt ?a ?b) #x00000001 #x00000000)))
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
