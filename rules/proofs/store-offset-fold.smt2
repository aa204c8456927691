; Proof of rule store-offset-fold, written by `weft prove --write`.
; rule: store-offset-fold
; digest: e6235c0ae9854185153fee626cc7cc235833d56d015490ab51374073bd5ce638
; theory: bv
; The rule is sound when every query below is unsat: `z3 store-offset-fold.smt2` prints
; `unsat` once.
;   rule store-offset-fold
;     (store offset=?o (i32.add ?p (i32.const ?c))) => (store offset=(+ ?o ?c) ?p)
;     if (ule ?p (- 4294967295 ?c))
;     if (ule (+ ?o ?c) 4294967295)
;     fires (store offset=8 (i32.add (i32.shl (i32.and ?i (i32.const 7)) (i32.const 2)) (i32.const 64)))
;       => (store offset=72 (i32.shl (i32.and ?i (i32.const 7)) (i32.const 2)))
;     stops (store (i32.add ?p (i32.const -4)))

(declare-const ?p (_ BitVec 32))
(declare-const ?c (_ BitVec 32))
(declare-const ?o (_ BitVec 64))
(declare-const lhs (_ BitVec 64))
(declare-const rhs (_ BitVec 64))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (store offset=?o (i32.add ?p (i32.const ?c)))
(assert (= lhs (bvadd ((_ zero_extend 32) (bvadd ?p ?c)) ?o)))
(assert (= lhs.trap false))
; right: (store offset=(+ ?o ?c) ?p)
(assert (= rhs (bvadd ((_ zero_extend 32) ?p) (bvadd ?o ((_ zero_extend 32) ?c)))))
(assert (= rhs.trap false))
; if (ule ?p (- 4294967295 ?c))
(assert (bvule ((_ zero_extend 32) ?p) (bvsub #x00000000ffffffff ((_ zero_extend 32) ?c))))
; if (ule (+ ?o ?c) 4294967295)
(assert (bvule (bvadd ?o ((_ zero_extend 32) ?c)) #x00000000ffffffff))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
