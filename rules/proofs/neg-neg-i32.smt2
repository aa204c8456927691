; Proof of rule neg-neg-i32, written by `weft prove --write`.
; rule: neg-neg-i32
; digest: 9daf35d7378942d9ce06a1c306316a3e35f3ae743ff7c07ea4c7d3bd30ab98c2
; theory: bv
; The rule is sound when every query below is unsat: `z3 neg-neg-i32.smt2` prints
; `unsat` once.
;   rule neg-neg-i32: (i32.sub (i32.const 0) (i32.sub (i32.const 0) ?x)) => ?x
;     fires (i32.sub (i32.const 0) (i32.sub (i32.const 0) ?a)) => ?a
;     stops (i32.sub (i32.const 0) (i32.sub (i32.const 1) ?a))

(declare-const ?x (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.sub (i32.const 0) (i32.sub (i32.const 0) ?x))
(assert (= lhs (bvsub #x00000000 (bvsub #x00000000 ?x))))
(assert (= lhs.trap false))
; right: ?x
(assert (= rhs ?x))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
