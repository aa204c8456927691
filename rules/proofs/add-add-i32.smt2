; Proof of rule add-add-i32, written by `weft prove --write`.
; rule: add-add-i32
; digest: 029624b58713784a349531c9681a63555e1243a9ea9819b88bc8a6286a9a4dcf
; theory: bv
; The rule is sound when every query below is unsat: `z3 add-add-i32.smt2` prints
; `unsat` once.
;   rule add-add-i32: (i32.add (i32.add ?x (i32.const ?a)) (i32.const ?b)) => (i32.add ?x (i32.const (+ ?a ?b)))
;     fires (i32.add (i32.add ?y (i32.const 3)) (i32.const 4)) => (i32.add ?y (i32.const 7))
;     stops (i32.add (i32.sub ?y (i32.const 3)) (i32.const 4))

(declare-const ?x (_ BitVec 32))
(declare-const ?a (_ BitVec 32))
(declare-const ?b (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.add (i32.add ?x (i32.const ?a)) (i32.const ?b))
(assert (= lhs (bvadd (bvadd ?x ?a) ?b)))
(assert (= lhs.trap false))
; right: (i32.add ?x (i32.const (+ ?a ?b)))
(assert (= rhs (bvadd ?x (bvadd ?a ?b))))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
