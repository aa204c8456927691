; Proof of rule and-redundant-i32, written by `weft prove --write`.
; rule: and-redundant-i32
; digest: 17d42c137c6df1630eccd543d59202befcbf80e3113e162ed8e53def8e57240f
; theory: bv
; The rule is sound when every query below is unsat: `z3 and-redundant-i32.smt2` prints
; `unsat` once.
;   rule and-redundant-i32: (i32.and ?x (i32.const ?m)) => ?x if (known-zero ?x (not ?m))
;     fires (i32.and (i32.shr_u ?y (i32.const 24)) (i32.const 255)) => (i32.shr_u ?y (i32.const 24))
;     stops (i32.and (i32.shr_u ?y (i32.const 23)) (i32.const 255))

(declare-const ?x (_ BitVec 32))
(declare-const ?m (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.and ?x (i32.const ?m))
(assert (= lhs (bvand ?x ?m)))
(assert (= lhs.trap false))
; right: ?x
(assert (= rhs ?x))
(assert (= rhs.trap false))
; if (known-zero ?x (not ?m))
(assert (= (bvand ((_ zero_extend 32) ?x) (bvnot ((_ zero_extend 32) ?m))) #x0000000000000000))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
