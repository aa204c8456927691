; Proof of rule load-offset-fold-wrapping, written by `weft prove --write`.
; rule: load-offset-fold-wrapping
; digest: a9e8a2a7c4a2522bca809d9face03142adaa482c7dc63cc8b70f373ed2f4c2d8
; theory: bv
; The rule is sound when every query below is unsat: `z3 load-offset-fold-wrapping.smt2` prints
; `unsat` once.
;   rule load-offset-fold-wrapping
;     (wrapping-load offset=?o (i32.add ?p (i32.const ?c))) => (wrapping-load offset=(+ ?o ?c) ?p)
;     if (ult ?c 4096)
;     if (ule (+ ?o ?c) 4294967295)
;     fires (wrapping-load offset=4 (i32.add ?x (i32.const 8))) => (wrapping-load offset=12 ?x)
;     stops (wrapping-load (i32.add ?x (i32.const -4)))

(declare-const ?p (_ BitVec 32))
(declare-const ?c (_ BitVec 32))
(declare-const ?o (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (wrapping-load offset=?o (i32.add ?p (i32.const ?c)))
(assert (= lhs (bvadd (bvadd ?p ?c) ?o)))
(assert (= lhs.trap false))
; right: (wrapping-load offset=(+ ?o ?c) ?p)
(assert (= rhs (bvadd ?p (bvadd ?o ?c))))
(assert (= rhs.trap false))
; if (ult ?c 4096)
(assert (bvult ((_ zero_extend 32) ?c) #x0000000000001000))
; if (ule (+ ?o ?c) 4294967295)
(assert (bvule (bvadd ((_ zero_extend 32) ?o) ((_ zero_extend 32) ?c)) #x00000000ffffffff))
; the bound the guards imply
(assert (bvule ?c #x00000fff))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
