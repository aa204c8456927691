; Proof of rule select-not-bool, written by `weft prove --write`.
; rule: select-not-bool
; digest: b0458321b611758d53b96871b5338dadabc568186217cc06bf7525449a6477d9
; theory: bv
; The rule is sound when every query below is unsat: `z3 select-not-bool.smt2` prints
; `unsat` once.
;   rule select-not-bool: (select (i32.const 0) (i32.const 1) ?c) => (i32.eqz ?c)
;     fires (select (i32.const 0) (i32.const 1) ?z) => (i32.eqz ?z)
;     stops (select (i32.const 0) (i32.const 2) ?z)

(declare-const ?c (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (select (i32.const 0) (i32.const 1) ?c)
(assert (= lhs (ite (not (= ?c #x00000000)) #x00000000 #x00000001)))
(assert (= lhs.trap false))
; right: (i32.eqz ?c)
(assert (= rhs (ite (= ?c #x00000000) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
