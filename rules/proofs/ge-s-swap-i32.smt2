; Proof of rule ge-s-swap-i32, written by `weft prove --write`.
; rule: ge-s-swap-i32
; digest: c26747a2bb3ff63a84e4f34291fbf078aa7551cdc7bb1d2662e26656665e59b4
; theory: bv
; The rule is sound when every query below is unsat: `z3 ge-s-swap-i32.smt2` prints
; `unsat` once.
;   rule ge-s-swap-i32: (i32.ge_s ?a ?b) => (i32.le_s ?b ?a)
;     fires (i32.ge_s ?x ?y) => (i32.le_s ?y ?x)
;     stops (i32.ge_u ?x ?y)

(declare-const ?a (_ BitVec 32))
(declare-const ?b (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.ge_s ?a ?b)
(assert (= lhs (ite (bvsge ?a ?b) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i32.le_s ?b ?a)
(assert (= rhs (ite (bvsle ?b ?a) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
