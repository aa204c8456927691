; Proof of rule sub-const-i32, written by `weft prove --write`.
; rule: sub-const-i32
; digest: 302c150592e17cbeb295e9ecb77a5a5a3cc57dfc19880c154777b17984cbb21e
; theory: bv
; The rule is sound when every query below is unsat: `z3 sub-const-i32.smt2` prints
; `unsat` once.
;   rule sub-const-i32: (i32.sub ?x (i32.const ?c)) => (i32.add ?x (i32.const (neg ?c)))
;     fires (i32.sub ?a (i32.const 64)) => (i32.add ?a (i32.const -64))
;     stops (i32.sub (i32.const 64) ?a)

(declare-const ?x (_ BitVec 32))
(declare-const ?c (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.sub ?x (i32.const ?c))
(assert (= lhs (bvsub ?x ?c)))
(assert (= lhs.trap false))
; right: (i32.add ?x (i32.const (neg ?c)))
(assert (= rhs (bvadd ?x (bvneg ?c))))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
