; Proof of rule and-ff-extend8, written by `weft prove --write`.
; rule: and-ff-extend8
; digest: d8129e92a0cbf5941816f4a97ea0b7218c50cef79dab78029705b5c17e0075c8
; theory: bv
; The rule is sound when every query below is unsat: `z3 and-ff-extend8.smt2` prints
; `unsat` once.
;   rule and-ff-extend8: (i32.and (i32.extend8_s ?x) (i32.const 0xFF)) => (i32.and ?x (i32.const 0xFF))
;     fires (i32.and (i32.extend8_s ?a) (i32.const 255)) => (i32.and ?a (i32.const 255))
;     stops (i32.and (i32.extend16_s ?a) (i32.const 255))

(declare-const ?x (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.and (i32.extend8_s ?x) (i32.const 255))
(assert (= lhs (bvand ((_ sign_extend 24) ((_ extract 7 0) ?x)) #x000000ff)))
(assert (= lhs.trap false))
; right: (i32.and ?x (i32.const 255))
(assert (= rhs (bvand ?x #x000000ff)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
