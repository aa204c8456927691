; Proof of rule extend16-s-i32, written by `weft prove --write`.
; rule: extend16-s-i32
; digest: ec9812af47a88d727e282381b9737e76cdc7ab88a852625a907670982d1191d8
; theory: bv
; The rule is sound when every query below is unsat: `z3 extend16-s-i32.smt2` prints
; `unsat` once.
;   rule extend16-s-i32: (i32.shr_s (i32.shl ?x (i32.const 16)) (i32.const 16)) => (i32.extend16_s ?x)
;     fires (i32.shr_s (i32.shl ?a (i32.const 16)) (i32.const 16)) => (i32.extend16_s ?a)
;     stops (i32.shr_s (i32.shl ?a (i32.const 16)) (i32.const 8))

(declare-const ?x (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.shr_s (i32.shl ?x (i32.const 16)) (i32.const 16))
(assert (= lhs (bvashr (bvshl ?x #x00000010) #x00000010)))
(assert (= lhs.trap false))
; right: (i32.extend16_s ?x)
(assert (= rhs ((_ sign_extend 16) ((_ extract 15 0) ?x))))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
