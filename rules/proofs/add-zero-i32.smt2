; Proof of rule add-zero-i32, written by `weft prove --write`.
; rule: add-zero-i32
; digest: f460719f755c6010820a4fd1b0335eee724f42bfa41adfa421e27a7f2e21da90
; theory: bv
; The rule is sound when every query below is unsat: `z3 add-zero-i32.smt2` prints
; `unsat` once.
;   rule add-zero-i32: (i32.add ?x (i32.const 0)) => ?x
;     fires (i32.add ?a (i32.const 0)) => ?a
;     stops (i32.add ?a (i32.const 1))

(declare-const ?x (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.add ?x (i32.const 0))
(assert (= lhs (bvadd ?x #x00000000)))
(assert (= lhs.trap false))
; right: ?x
(assert (= rhs ?x))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
