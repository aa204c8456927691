; Proof of rule extend16-s-small, written by `weft prove --write`.
; rule: extend16-s-small
; digest: 5178f7a49b87211d17cdbaf67f7bfaae150a916615d3a13c5d4282250824a54c
; theory: bv
; The rule is sound when every query below is unsat: `z3 extend16-s-small.smt2` prints
; `unsat` once.
;   rule extend16-s-small: (i32.extend16_s ?x) => ?x if (ule ?x 0x7FFF)
;     fires (i32.extend16_s (i32.and ?a (i32.const 0x7FFF))) => (i32.and ?a (i32.const 0x7FFF))
;     stops (i32.extend16_s (i32.and ?a (i32.const 0x8000)))

(declare-const ?x (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.extend16_s ?x)
(assert (= lhs ((_ sign_extend 16) ((_ extract 15 0) ?x))))
(assert (= lhs.trap false))
; right: ?x
(assert (= rhs ?x))
(assert (= rhs.trap false))
; if (ule ?x 32767)
(assert (bvule ((_ zero_extend 32) ?x) #x0000000000007fff))
; the bound the guards imply
(assert (bvule ?x #x00007fff))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
