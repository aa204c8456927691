; Proof of rule eqz-lt-u-i64, written by `weft prove --write`.
; rule: eqz-lt-u-i64
; digest: 171cfbad51a979d2c69fa7dabcb54bea31b2e98c6496b1efe8685a8749c8b6d9
; theory: bv
; The rule is sound when every query below is unsat: `z3 eqz-lt-u-i64.smt2` prints
; `unsat` once.
;   rule eqz-lt-u-i64: (i32.eqz (i64.lt_u ?a ?b)) => (i64.ge_u ?a ?b)
;     fires (i32.eqz (i64.lt_u ?x ?y)) => (i64.ge_u ?x ?y)
;     stops (i32.eqz (i64.lt_s ?x (i64.add ?x ?y)))

(declare-const ?a (_ BitVec 64))
(declare-const ?b (_ BitVec 64))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.eqz (i64.lt_u ?a ?b))
(assert (= lhs (ite (= (ite (bvult ?a ?b) #x00000001 #x00000000) #x00000000) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i64.ge_u ?a ?b)
(assert (= rhs (ite (bvuge ?a ?b) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
