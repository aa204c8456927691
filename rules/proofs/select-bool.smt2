; Proof of rule select-bool, written by `weft prove --write`.
; rule: select-bool
; digest: 5c103c86e46f93c571be035da8d7d31461743bca39d954865ed1eddbf29d4b9c
; theory: bv
; The rule is sound when every query below is unsat: `z3 select-bool.smt2` prints
; `unsat` once.
;   rule select-bool: (select (i32.const 1) (i32.const 0) ?c) => (i32.ne ?c (i32.const 0))
;     fires (select (i32.const 1) (i32.const 0) ?z) => (i32.ne ?z (i32.const 0))
;     stops (select (i32.const 2) (i32.const 0) ?z)

(declare-const ?c (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (select (i32.const 1) (i32.const 0) ?c)
(assert (= lhs (ite (not (= ?c #x00000000)) #x00000001 #x00000000)))
(assert (= lhs.trap false))
; right: (i32.ne ?c (i32.const 0))
(assert (= rhs (ite (not (= ?c #x00000000)) #x00000001 #x00000000)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
