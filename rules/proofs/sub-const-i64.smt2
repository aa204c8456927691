; Proof of rule sub-const-i64, written by `weft prove --write`.
; rule: sub-const-i64
; digest: 9521a24432ab8a268be02e270f6c2ee9690af19fe3a6795c5489e4b09e0a1a7d
; theory: bv
; The rule is sound when every query below is unsat: `z3 sub-const-i64.smt2` prints
; `unsat` once.
;   rule sub-const-i64: (i64.sub ?x (i64.const ?c)) => (i64.add ?x (i64.const (neg ?c)))
;     fires (i64.sub ?a (i64.const 64)) => (i64.add ?a (i64.const -64))
;     stops (i64.sub (i64.const 64) ?a)

(declare-const ?x (_ BitVec 64))
(declare-const ?c (_ BitVec 64))
(declare-const lhs (_ BitVec 64))
(declare-const rhs (_ BitVec 64))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i64.sub ?x (i64.const ?c))
(assert (= lhs (bvsub ?x ?c)))
(assert (= lhs.trap false))
; right: (i64.add ?x (i64.const (neg ?c)))
(assert (= rhs (bvadd ?x (bvneg ?c))))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
