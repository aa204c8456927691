; Proof of rule and-ones-i32, written by `weft prove --write`.
; rule: and-ones-i32
; digest: 12fb87f98db265df3798b747608cd2ec258b4c0119460b37b7aa667b53b57ea4
; theory: bv
; The rule is sound when every query below is unsat: `z3 and-ones-i32.smt2` prints
; `unsat` once.
;   rule and-ones-i32: (i32.and ?x (i32.const -1)) => ?x
;     fires (i32.and ?a (i32.const -1)) => ?a
;     stops (i32.and ?a (i32.const 0x7FFFFFFF))

(declare-const ?x (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.and ?x (i32.const -1))
(assert (= lhs (bvand ?x #xffffffff)))
(assert (= lhs.trap false))
; right: ?x
(assert (= rhs ?x))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
