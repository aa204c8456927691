; Proof of rule select-true-i32, written by `weft prove --write`.
; rule: select-true-i32
; digest: c9a421d6169d7cfe9443ab2a47314e687911c34cc867327f712d8b177177bbbf
; theory: bv
; The rule is sound when every query below is unsat: `z3 select-true-i32.smt2` prints
; `unsat` once.
;   rule select-true-i32: (select ?a:i32 ?b ?c) => ?a if (nonzero ?c)
;     fires (select ?x:i32 ?y (i32.or ?z (i32.const 1))) => ?x
;     stops (select ?x:i32 ?y (i32.and ?z (i32.const 1)))

(declare-const ?a (_ BitVec 32))
(declare-const ?b (_ BitVec 32))
(declare-const ?c (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (select ?a ?b ?c)
(assert (= lhs ?a))
(assert (= lhs.trap false))
; right: ?a
(assert (= rhs ?a))
(assert (= rhs.trap false))
; if (nonzero ?c)
(assert true)
; the bound the guards imply
(assert (bvuge ?c #x00000001))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
