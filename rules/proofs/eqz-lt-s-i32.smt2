; Proof of rule eqz-lt-s-i32, written by `weft prove --write`.
; rule: eqz-lt-s-i32
; digest: ec9666dee2e219618ee587c0016ac637741285072686ac436c1d3e32d58468b7
; theory: bv
; The rule is sound when every query below is unsat: `z3 eqz-lt-s-i32.smt2` prints
; `unsat` once.
;   rule eqz-lt-s-i32: (i32.eqz (i32.lt_s ?a ?b)) => (i32.ge_s ?a ?b)
;     fires (i32.eqz (i32.lt_s ?x ?y)) => (i32.ge_s ?x ?y)
;     stops (i32.eqz (i32.lt_u ?x (i32.add ?x ?y)))

(declare-const ?a (_ BitVec 32))
(declare-const ?b (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.eqz (i32.lt_s ?a ?b))
(assert (= lhs (ite (= (ite (bvslt ?a ?b) #x00000001 #x00000000) #x00000000) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i32.ge_s ?a ?b)
(assert (= rhs (ite (bvsge ?a ?b) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
