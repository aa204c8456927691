; Proof of rule or-or-i32, written by `weft prove --write`.
; rule: or-or-i32
; digest: 6c2756a66a95ade4d28d94919f0a635298b13bd812a256471582f4436fef254b
; theory: bv
; The rule is sound when every query below is unsat: `z3 or-or-i32.smt2` prints
; `unsat` once.
;   rule or-or-i32: (i32.or (i32.or ?x (i32.const ?a)) (i32.const ?b)) => (i32.or ?x (i32.const (or ?a ?b)))
;     fires (i32.or (i32.or ?y (i32.const 1)) (i32.const 2)) => (i32.or ?y (i32.const 3))
;     stops (i32.or (i32.xor ?y (i32.const 1)) (i32.const 2))

(declare-const ?x (_ BitVec 32))
(declare-const ?a (_ BitVec 32))
(declare-const ?b (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.or (i32.or ?x (i32.const ?a)) (i32.const ?b))
(assert (= lhs (bvor (bvor ?x ?a) ?b)))
(assert (= lhs.trap false))
; right: (i32.or ?x (i32.const (or ?a ?b)))
(assert (= rhs (bvor ?x (bvor ?a ?b))))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
