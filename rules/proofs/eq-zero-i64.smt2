; Proof of rule eq-zero-i64, written by `weft prove --write`.
; rule: eq-zero-i64
; digest: 4c514c4461dec12901061c8aca46462085857c772330063d157312a12116ac48
; theory: bv
; The rule is sound when every query below is unsat: `z3 eq-zero-i64.smt2` prints
; `unsat` once.
;   rule eq-zero-i64: (i64.eq ?x (i64.const 0)) => (i64.eqz ?x)
;     fires (i64.eq ?a (i64.const 0)) => (i64.eqz ?a)
;     stops (i64.eq ?a (i64.const 1))

(declare-const ?x (_ BitVec 64))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i64.eq ?x (i64.const 0))
(assert (= lhs (ite (= ?x #x0000000000000000) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i64.eqz ?x)
(assert (= rhs (ite (= ?x #x0000000000000000) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
