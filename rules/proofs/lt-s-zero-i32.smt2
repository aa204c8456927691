; Proof of rule lt-s-zero-i32, written by `weft prove --write`.
; rule: lt-s-zero-i32
; digest: a924a1a572d02667fdbf88abfbc77226938aa1fbec08255de9c57cc955a3c011
; theory: bv
; The rule is sound when every query below is unsat: `z3 lt-s-zero-i32.smt2` prints
; `unsat` once.
;   rule lt-s-zero-i32: (i32.lt_s ?x (i32.const 0)) => (i32.shr_u ?x (i32.const 31))
;     fires (i32.lt_s ?a (i32.const 0)) => (i32.shr_u ?a (i32.const 31))
;     stops (i32.lt_s ?a (i32.const 1))

(declare-const ?x (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.lt_s ?x (i32.const 0))
(assert (= lhs (ite (bvslt ?x #x00000000) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i32.shr_u ?x (i32.const 31))
(assert (= rhs (bvlshr ?x #x0000001f)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
