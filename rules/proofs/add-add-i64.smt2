; Proof of rule add-add-i64, written by `weft prove --write`.
; rule: add-add-i64
; digest: d5ca6c0ad6fd86700b307562dfec30f793384fcfba8ebc92b43d67d202ad6cd7
; theory: bv
; The rule is sound when every query below is unsat: `z3 add-add-i64.smt2` prints
; `unsat` once.
;   rule add-add-i64: (i64.add (i64.add ?x (i64.const ?a)) (i64.const ?b)) => (i64.add ?x (i64.const (+ ?a ?b)))
;     fires (i64.add (i64.add ?y (i64.const 3)) (i64.const 4)) => (i64.add ?y (i64.const 7))
;     stops (i64.add (i64.mul ?y (i64.const 3)) (i64.const 4))

(declare-const ?x (_ BitVec 64))
(declare-const ?a (_ BitVec 64))
(declare-const ?b (_ BitVec 64))
(declare-const lhs (_ BitVec 64))
(declare-const rhs (_ BitVec 64))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i64.add (i64.add ?x (i64.const ?a)) (i64.const ?b))
(assert (= lhs (bvadd (bvadd ?x ?a) ?b)))
(assert (= lhs.trap false))
; right: (i64.add ?x (i64.const (+ ?a ?b)))
(assert (= rhs (bvadd ?x (bvadd ?a ?b))))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
