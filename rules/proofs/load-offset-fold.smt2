; Proof of rule load-offset-fold, written by `weft prove --write`.
; rule: load-offset-fold
; digest: 8525837bbde318d25c1c9c78b19b42dfd8b482757a92c20fd4cf381e9e7d05cd
; theory: bv
; The rule is sound when every query below is unsat: `z3 load-offset-fold.smt2` prints
; `unsat` once.
;   rule load-offset-fold
;     (load offset=?o (i32.add ?p (i32.const ?c))) => (load offset=(+ ?o ?c) ?p)
;     if (ule ?p (- 4294967295 ?c))
;     if (ule (+ ?o ?c) 4294967295)
;     fires (load offset=4 (i32.add (i32.and ?x (i32.const 255)) (i32.const 1024)))
;       => (load offset=1028 (i32.and ?x (i32.const 255)))
;     stops (load offset=4 (i32.add ?x (i32.const 8)))

(declare-const ?p (_ BitVec 32))
(declare-const ?c (_ BitVec 32))
(declare-const ?o (_ BitVec 64))
(declare-const lhs (_ BitVec 64))
(declare-const rhs (_ BitVec 64))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (load offset=?o (i32.add ?p (i32.const ?c)))
(assert (= lhs (bvadd ((_ zero_extend 32) (bvadd ?p ?c)) ?o)))
(assert (= lhs.trap false))
; right: (load offset=(+ ?o ?c) ?p)
(assert (= rhs (bvadd ((_ zero_extend 32) ?p) (bvadd ?o ((_ zero_extend 32) ?c)))))
(assert (= rhs.trap false))
; if (ule ?p (- 4294967295 ?c))
(assert (bvule ((_ zero_extend 32) ?p) (bvsub #x00000000ffffffff ((_ zero_extend 32) ?c))))
; if (ule (+ ?o ?c) 4294967295)
(assert (bvule (bvadd ?o ((_ zero_extend 32) ?c)) #x00000000ffffffff))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
