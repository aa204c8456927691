; Proof of rule and-disjoint-i32, written by `weft prove --write`.
; rule: and-disjoint-i32
; digest: f10e555683b786dbc76fd925207b648efda996fb139433ff726eb182798c655f
; theory: bv
; The rule is sound when every query below is unsat: `z3 and-disjoint-i32.smt2` prints
; `unsat` once.
;   rule and-disjoint-i32: (i32.and ?x (i32.const ?m)) => (i32.const 0) if (known-zero ?x ?m)
;     fires (i32.and (i32.shl ?y (i32.const 8)) (i32.const 255)) => (i32.const 0)
;     stops (i32.and (i32.shl ?y (i32.const 7)) (i32.const 255))

(declare-const ?x (_ BitVec 32))
(declare-const ?m (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.and ?x (i32.const ?m))
(assert (= lhs (bvand ?x ?m)))
(assert (= lhs.trap false))
; right: (i32.const 0)
(assert (= rhs #x00000000))
(assert (= rhs.trap false))
; if (known-zero ?x ?m)
(assert (= (bvand ((_ zero_extend 32) ?x) ((_ zero_extend 32) ?m)) #x0000000000000000))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
