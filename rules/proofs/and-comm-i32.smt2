; Proof of rule and-comm-i32, written by `weft prove --write`.
; rule: and-comm-i32
; digest: 7097e3c2155e8efeb2fbe573e32d7a80b5d750d0b78058293f66c652eec3e7de
; theory: bv
; The rule is sound when every query below is unsat: `z3 and-comm-i32.smt2` prints
; `unsat` once.
;   rule and-comm-i32: (i32.and ?a ?b) => (i32.and ?b ?a)
;     fires (i32.and (i32.const 255) ?x) => (i32.and ?x (i32.const 255))
;     stops (i32.or (i32.const 255) ?x)

(declare-const ?a (_ BitVec 32))
(declare-const ?b (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.and ?a ?b)
(assert (= lhs (bvand ?a ?b)))
(assert (= lhs.trap false))
; right: (i32.and ?b ?a)
(assert (= rhs (bvand ?b ?a)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
