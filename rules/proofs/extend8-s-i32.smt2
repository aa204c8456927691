; Proof of rule extend8-s-i32, written by `weft prove --write`.
; rule: extend8-s-i32
; digest: 7c5f53a31f34f1199c030a3d8101e58e32a0f306572eaff452672df4b5e5f2eb
; theory: bv
; The rule is sound when every query below is unsat: `z3 extend8-s-i32.smt2` prints
; `unsat` once.
;   rule extend8-s-i32: (i32.shr_s (i32.shl ?x (i32.const 24)) (i32.const 24)) => (i32.extend8_s ?x)
;     fires (i32.shr_s (i32.shl ?a (i32.const 24)) (i32.const 24)) => (i32.extend8_s ?a)
;     stops (i32.shr_s (i32.shl ?a (i32.const 24)) (i32.const 16))

(declare-const ?x (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.shr_s (i32.shl ?x (i32.const 24)) (i32.const 24))
(assert (= lhs (bvashr (bvshl ?x #x00000018) #x00000018)))
(assert (= lhs.trap false))
; right: (i32.extend8_s ?x)
(assert (= rhs ((_ sign_extend 24) ((_ extract 7 0) ?x))))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
