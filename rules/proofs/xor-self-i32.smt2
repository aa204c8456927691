; Proof of rule xor-self-i32, written by `weft prove --write`.
; rule: xor-self-i32
; digest: e41e75eb00b4299a5f668a3ada904d84128bc2b6f8991eef4dcd5cdeb21856b1
; theory: bv
; The rule is sound when every query below is unsat: `z3 xor-self-i32.smt2` prints
; `unsat` once.
;   rule xor-self-i32: (i32.xor ?x ?x) => (i32.const 0)
;     fires (i32.xor ?a ?a) => (i32.const 0)
;     stops (i32.xor ?a ?b)

(declare-const ?x (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.xor ?x ?x)
(assert (= lhs (bvxor ?x ?x)))
(assert (= lhs.trap false))
; right: (i32.const 0)
(assert (= rhs #x00000000))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
