; Proof of rule gt-u-zero-i32, written by `weft prove --write`.
; rule: gt-u-zero-i32
; digest: 12bac24beb7bf56e4e916c3d100df2d63980af22f6a143a3c0024fd7feab88ff
; theory: bv
; The rule is sound when every query below is unsat: `z3 gt-u-zero-i32.smt2` prints
; `unsat` once.
;   rule gt-u-zero-i32: (i32.gt_u ?x (i32.const 0)) => (i32.ne ?x (i32.const 0))
;     fires (i32.gt_u ?a (i32.const 0)) => (i32.ne ?a (i32.const 0))
;     stops (i32.gt_u ?a (i32.const 1))

(declare-const ?x (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.gt_u ?x (i32.const 0))
(assert (= lhs (ite (bvugt ?x #x00000000) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i32.ne ?x (i32.const 0))
(assert (= rhs (ite (not (= ?x #x00000000)) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
