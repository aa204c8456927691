; Proof of rule select-false-i32, written by `weft prove --write`.
; rule: select-false-i32
; digest: e60911b2ce87b250dc2948c73546502d42df53e6ca9b4bde9da479eb93dff07a
; theory: bv
; The rule is sound when every query below is unsat: `z3 select-false-i32.smt2` prints
; `unsat` once.
;   rule select-false-i32: (select ?a:i32 ?b (i32.const 0)) => ?b
;     fires (select ?x:i32 ?y (i32.and ?z (i32.const 0))) => ?y
;     stops (select ?x:i32 ?y (i32.and ?z (i32.const 2)))

(declare-const ?a (_ BitVec 32))
(declare-const ?b (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
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
