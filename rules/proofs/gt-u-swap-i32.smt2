; Proof of rule gt-u-swap-i32, written by `weft prove --write`.
; rule: gt-u-swap-i32
; digest: 5e4b2c34b55427b8c2429f9b15e712d13598f987f378a26a3fbdb519f636873b
; theory: bv
; The rule is sound when every query below is unsat: `z3 gt-u-swap-i32.smt2` prints
; `unsat` once.
;   rule gt-u-swap-i32: (i32.gt_u ?a ?b) => (i32.lt_u ?b ?a)
;     fires (i32.gt_u ?x ?y) => (i32.lt_u ?y ?x)
;     stops (i32.gt_s ?x ?y)

(declare-const ?a (_ BitVec 32))
(declare-const ?b (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.gt_u ?a ?b)
(assert (= lhs (ite (bvugt ?a ?b) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i32.lt_u ?b ?a)
(assert (= rhs (ite (bvult ?b ?a) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
