; Proof of rule ne-comm-i32, written by `weft prove --write`.
; rule: ne-comm-i32
; digest: 1cad4475d8bcc5f44edcbfe746e29d0a7ac6b1c45bb0e5df8338ebf0697e3654
; theory: bv
; The rule is sound when every query below is unsat: `z3 ne-comm-i32.smt2` prints
; `unsat` once.
;   rule ne-comm-i32: (i32.ne ?a ?b) => (i32.ne ?b ?a)
;     fires (i32.ne (i32.const 3) ?x) => (i32.ne ?x (i32.const 3))
;     stops (i32.eq (i32.const 3) ?x)

(declare-const ?a (_ BitVec 32))
(declare-const ?b (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.ne ?a ?b)
(assert (= lhs (ite (not (= ?a ?b)) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i32.ne ?b ?a)
(assert (= rhs (ite (not (= ?b ?a)) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
