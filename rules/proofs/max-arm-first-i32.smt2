; Proof of rule max-arm-first-i32, written by `weft prove --write`.
; rule: max-arm-first-i32
; digest: fefa5a8635cf2c7c77770ac9b41f1bbbb0290225947c435c142d5ecf7c24b88b
; theory: bv
; The rule is sound when every query below is unsat: `z3 max-arm-first-i32.smt2` prints
; `unsat` once.
;   rule max-arm-first-i32:
;     (select (i32.const ?c) ?x (i32.lt_s ?x (i32.const ?c))) => (select ?x (i32.const ?c) (i32.gt_s ?x (i32.const ?c)))
;     fires (select (i32.const 0) ?a (i32.lt_s ?a (i32.const 0))) => (select ?a (i32.const 0) (i32.gt_s ?a (i32.const 0)))
;     stops (select (i32.const 0) ?a (i32.lt_s ?b (i32.const 0)))

(declare-const ?x (_ BitVec 32))
(declare-const ?c (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (select (i32.const ?c) ?x (i32.lt_s ?x (i32.const ?c)))
(assert (= lhs (ite (not (= (ite (bvslt ?x ?c) #x00000001 #x00000000) #x00000000)) ?c ?x)))
(assert (= lhs.trap false))
; right: (select ?x (i32.const ?c) (i32.gt_s ?x (i32.const ?c)))
(assert (= rhs (ite (not (= (ite (bvsgt ?x ?c) #x00000001 #x00000000) #x00000000)) ?x ?c)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
