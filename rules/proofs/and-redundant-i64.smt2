; Proof of rule and-redundant-i64, written by `weft prove --write`.
; rule: and-redundant-i64
; digest: 18c913dab81e1116f538f26fdabd3dc1640bc36852cf9435c929246bbb72869c
; theory: bv
; The rule is sound when every query below is unsat: `z3 and-redundant-i64.smt2` prints
; `unsat` once.
;   rule and-redundant-i64: (i64.and ?x (i64.const ?m)) => ?x if (known-zero ?x (not ?m))
;     fires (i64.and (i64.extend_i32_u ?y) (i64.const 0xFFFFFFFF)) => (i64.extend_i32_u ?y)
;     stops (i64.and (i64.extend_i32_u ?y) (i64.const 0xFFFF))

(declare-const ?x (_ BitVec 64))
(declare-const ?m (_ BitVec 64))
(declare-const lhs (_ BitVec 64))
(declare-const rhs (_ BitVec 64))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i64.and ?x (i64.const ?m))
(assert (= lhs (bvand ?x ?m)))
(assert (= lhs.trap false))
; right: ?x
(assert (= rhs ?x))
(assert (= rhs.trap false))
; if (known-zero ?x (not ?m))
(assert (= (bvand ?x (bvnot ?m)) #x0000000000000000))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
