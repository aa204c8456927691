; Proof of rule extend8-s-small, written by `weft prove --write`.
; rule: extend8-s-small
; digest: 6c20c4b4ea40031a44c6b8e1910fc5cbe3d43aeb5fc1482781625c0ba2582496
; theory: bv
; The rule is sound when every query below is unsat: `z3 extend8-s-small.smt2` prints
; `unsat` once.
;   rule extend8-s-small: (i32.extend8_s ?x) => ?x if (ule ?x 127)
;     fires (i32.extend8_s (i32.and ?a (i32.const 127))) => (i32.and ?a (i32.const 127))
;     stops (i32.extend8_s (i32.and ?a (i32.const 128)))

(declare-const ?x (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.extend8_s ?x)
(assert (= lhs ((_ sign_extend 24) ((_ extract 7 0) ?x))))
(assert (= lhs.trap false))
; right: ?x
(assert (= rhs ?x))
(assert (= rhs.trap false))
; if (ule ?x 127)
(assert (bvule ((_ zero_extend 32) ?x) #x000000000000007f))
; the bound the guards imply
(assert (bvule ?x #x0000007f))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
