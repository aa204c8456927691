; Proof of rule ge-u-const-i32, written by `weft prove --write`.
; rule: ge-u-const-i32
; digest: 66c23d3522b67ad9106adf85559bd81e4e6ad7a9654653fc6fe8a048def14f14
; theory: bv
; The rule is sound when every query below is unsat: `z3 ge-u-const-i32.smt2` prints
; `unsat` once.
;   rule ge-u-const-i32: (i32.ge_u ?x (i32.const ?c)) => (i32.gt_u ?x (i32.const (- ?c 1))) if (ne ?c 0)
;     fires (i32.ge_u ?a (i32.const 10)) => (i32.gt_u ?a (i32.const 9))
;     stops (i32.ge_u ?a (i32.const 0))

(declare-const ?x (_ BitVec 32))
(declare-const ?c (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.ge_u ?x (i32.const ?c))
(assert (= lhs (ite (bvuge ?x ?c) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i32.gt_u ?x (i32.const (- ?c 1)))
(assert (= rhs (ite (bvugt ?x (bvsub ?c #x00000001)) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; if (ne ?c 0)
(assert (not (= ((_ zero_extend 32) ?c) #x0000000000000000)))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
