; Proof of rule eq-comm-i64, written by `weft prove --write`.
; rule: eq-comm-i64
; digest: f2016d62a23bdc2ad3ca0c03a308aabc53503edfb72335586961eaf1b8addd2f
; theory: bv
; The rule is sound when every query below is unsat: `z3 eq-comm-i64.smt2` prints
; `unsat` once.
;   rule eq-comm-i64: (i64.eq ?a ?b) => (i64.eq ?b ?a)
;     fires (i64.eq (i64.const 3) ?x) => (i64.eq ?x (i64.const 3))
;     stops (i64.ne (i64.const 3) ?x)

(declare-const ?a (_ BitVec 64))
(declare-const ?b (_ BitVec 64))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i64.eq ?a ?b)
(assert (= lhs (ite (= ?a ?b) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i64.eq ?b ?a)
(assert (= rhs (ite (= ?b ?a) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
