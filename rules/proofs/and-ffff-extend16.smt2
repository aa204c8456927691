; Proof of rule and-ffff-extend16, written by `weft prove --write`.
; rule: and-ffff-extend16
; digest: 4efd185feefd217b6411b3afefea62ee0f1982efb13809fa110adb50ba97f99c
; theory: bv
; The rule is sound when every query below is unsat: `z3 and-ffff-extend16.smt2` prints
; `unsat` once.
;   rule and-ffff-extend16: (i32.and (i32.extend16_s ?x) (i32.const 0xFFFF)) => (i32.and ?x (i32.const 0xFFFF))
;     fires (i32.and (i32.extend16_s ?a) (i32.const 0xFFFF)) => (i32.and ?a (i32.const 0xFFFF))
;     stops (i32.and (i32.extend8_s ?a) (i32.const 0xFFFF))

(declare-const ?x (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.and (i32.extend16_s ?x) (i32.const 65535))
(assert (= lhs (bvand ((_ sign_extend 16) ((_ extract 15 0) ?x)) #x0000ffff)))
(assert (= lhs.trap false))
; right: (i32.and ?x (i32.const 65535))
(assert (= rhs (bvand ?x #x0000ffff)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
