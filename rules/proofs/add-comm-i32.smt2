; Proof of rule add-comm-i32, written by `weft prove --write`.
; rule: add-comm-i32
; digest: a7e3911f2d25cb928cd27f0eb9abe5c6849c45f83da3ffb18d9815053a59702d
; theory: bv
; The rule is sound when every query below is unsat: `z3 add-comm-i32.smt2` prints
; `unsat` once.
;   rule add-comm-i32: (i32.add ?a ?b) => (i32.add ?b ?a)
;     fires (i32.add (i32.const 1) ?x) => (i32.add ?x (i32.const 1))
;     stops (i32.sub (i32.const 1) ?x)

(declare-const ?a (_ BitVec 32))
(declare-const ?b (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.add ?a ?b)
(assert (= lhs (bvadd ?a ?b)))
(assert (= lhs.trap false))
; right: (i32.add ?b ?a)
(assert (= rhs (bvadd ?b ?a)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
