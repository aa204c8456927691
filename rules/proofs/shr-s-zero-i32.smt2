; Proof of rule shr-s-zero-i32, written by `weft prove --write`.
; rule: shr-s-zero-i32
; digest: cb9ee132bbdbbf1a1cf4f247770a298970fb2a3748064e531830a1fe43327190
; theory: bv
; The rule is sound when every query below is unsat: `z3 shr-s-zero-i32.smt2` prints
; `unsat` once.
;   rule shr-s-zero-i32: (i32.shr_s ?x (i32.const ?c)) => ?x if (eq (and ?c 31) 0)
;     fires (i32.shr_s ?a (i32.const 64)) => ?a
;     stops (i32.shr_s ?a (i32.const 65))

(declare-const ?x (_ BitVec 32))
(declare-const ?c (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.shr_s ?x (i32.const ?c))
(assert (= lhs (bvashr ?x (bvand ?c #x0000001f))))
(assert (= lhs.trap false))
; right: ?x
(assert (= rhs ?x))
(assert (= rhs.trap false))
; if (eq (and ?c 31) 0)
(assert (= (bvand ((_ zero_extend 32) ?c) #x000000000000001f) #x0000000000000000))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
