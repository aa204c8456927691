; Proof of rule and-and-i32, written by `weft prove --write`.
; rule: and-and-i32
; digest: 55c296e8bc9c00bc5c4efb09956671826d8d6ccb11efb42b3cc886658c7d68fc
; theory: bv
; The rule is sound when every query below is unsat: `z3 and-and-i32.smt2` prints
; `unsat` once.
;   rule and-and-i32: (i32.and (i32.and ?x (i32.const ?a)) (i32.const ?b)) => (i32.and ?x (i32.const (and ?a ?b)))
;     fires (i32.and (i32.and ?y (i32.const 0xF0)) (i32.const 0x3C)) => (i32.and ?y (i32.const 0x30))
;     stops (i32.and (i32.or ?y (i32.const 0xF0)) (i32.const 0x3C))

(declare-const ?x (_ BitVec 32))
(declare-const ?a (_ BitVec 32))
(declare-const ?b (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.and (i32.and ?x (i32.const ?a)) (i32.const ?b))
(assert (= lhs (bvand (bvand ?x ?a) ?b)))
(assert (= lhs.trap false))
; right: (i32.and ?x (i32.const (and ?a ?b)))
(assert (= rhs (bvand ?x (bvand ?a ?b))))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
