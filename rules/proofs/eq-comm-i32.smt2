; Proof of rule eq-comm-i32, written by `weft prove --write`.
; rule: eq-comm-i32
; digest: e91a8ae9c9ccbd3e50d30549a837d661ea32d1d02904d28141fb1d39cc79dfe5
; theory: bv
; The rule is sound when every query below is unsat: `z3 eq-comm-i32.smt2` prints
; `unsat` once.
;   rule eq-comm-i32: (i32.eq ?a ?b) => (i32.eq ?b ?a)
;     fires (i32.eq (i32.const 3) ?x) => (i32.eq ?x (i32.const 3))
;     stops (i32.ne (i32.const 3) ?x)

(declare-const ?a (_ BitVec 32))
(declare-const ?b (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.eq ?a ?b)
(assert (= lhs (ite (= ?a ?b) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i32.eq ?b ?a)
(assert (= rhs (ite (= ?b ?a) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
