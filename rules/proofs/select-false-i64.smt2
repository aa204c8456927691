; Proof of rule select-false-i64, written by `weft prove --write`.
; rule: select-false-i64
; digest: d7ede28ebe43872eb4d8a564fb348a7019215b736d40b1c8452a0706f082729b
; theory: bv
; The rule is sound when every query below is unsat: `z3 select-false-i64.smt2` prints
; `unsat` once.
;   rule select-false-i64: (select ?a:i64 ?b (i32.const 0)) => ?b
;     fires (select ?x:i64 ?y (i32.const 0)) => ?y
;     stops (select ?x:i64 ?y (i32.const 7))

(declare-const ?a (_ BitVec 64))
(declare-const ?b (_ BitVec 64))
(declare-const lhs (_ BitVec 64))
(declare-const rhs (_ BitVec 64))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (select ?a ?b (i32.const 0))
(assert (= lhs ?b))
(assert (= lhs.trap false))
; right: ?b
(assert (= rhs ?b))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
