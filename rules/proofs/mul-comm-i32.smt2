; Proof of rule mul-comm-i32, written by `weft prove --write`.
; rule: mul-comm-i32
; digest: 219586a02f0f9b5526f1c01e2a9e3e77e9296208463625a564be357ce052b687
; theory: bv
; The rule is sound when every query below is unsat: `z3 mul-comm-i32.smt2` prints
; `unsat` once.
;   rule mul-comm-i32: (i32.mul ?a ?b) => (i32.mul ?b ?a)
;     fires (i32.mul (i32.const 8) ?x) => (i32.mul ?x (i32.const 8))
;     stops (i32.shl (i32.const 8) ?x)

(declare-const ?a (_ BitVec 32))
(declare-const ?b (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.mul ?a ?b)
(assert (= lhs (bvmul ?a ?b)))
(assert (= lhs.trap false))
; right: (i32.mul ?b ?a)
(assert (= rhs (bvmul ?b ?a)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
