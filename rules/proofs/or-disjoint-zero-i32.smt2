; Proof of rule or-disjoint-zero-i32, written by `weft prove --write`.
; rule: or-disjoint-zero-i32
; digest: fa76140a54b15ffaf7169b1b99708509a06124df42d3529f5b993aeeb71d7452
; theory: bv
; The rule is sound when every query below is unsat: `z3 or-disjoint-zero-i32.smt2` prints
; `unsat` once.
;   rule or-disjoint-zero-i32: (i32.or ?x (i32.const ?m)) => ?x if (eq ?m 0)
;     fires (i32.or ?y (i32.const 0)) => ?y
;     stops (i32.or ?y (i32.const 1))

(declare-const ?x (_ BitVec 32))
(declare-const ?m (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.or ?x (i32.const ?m))
(assert (= lhs (bvor ?x ?m)))
(assert (= lhs.trap false))
; right: ?x
(assert (= rhs ?x))
(assert (= rhs.trap false))
; if (eq ?m 0)
(assert (= ((_ zero_extend 32) ?m) #x0000000000000000))
; the bound the guards imply
(assert (bvule ?m #x00000000))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
