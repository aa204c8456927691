; Proof of rule xor-comm-i64, written by `weft prove --write`.
; rule: xor-comm-i64
; digest: ddd8ebb62debf9ccce11d4722f755f00bac475939512f71050477920ffbaada8
; theory: bv
; The rule is sound when every query below is unsat: `z3 xor-comm-i64.smt2` prints
; `unsat` once.
;   rule xor-comm-i64: (i64.xor ?a ?b) => (i64.xor ?b ?a)
;     fires (i64.xor (i64.const 1) ?x) => (i64.xor ?x (i64.const 1))
;     stops (i64.and (i64.const 1) ?x)

(declare-const ?a (_ BitVec 64))
(declare-const ?b (_ BitVec 64))
(declare-const lhs (_ BitVec 64))
(declare-const rhs (_ BitVec 64))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i64.xor ?a ?b)
(assert (= lhs (bvxor ?a ?b)))
(assert (= lhs.trap false))
; right: (i64.xor ?b ?a)
(assert (= rhs (bvxor ?b ?a)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
