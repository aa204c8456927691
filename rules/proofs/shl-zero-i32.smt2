; Proof of rule shl-zero-i32, written by `weft prove --write`.
; rule: shl-zero-i32
; digest: b7064d8eb72340ff0a2d7760e47091a1d9e932b545ebafb8605435180f70a315
; theory: bv
; The rule is sound when every query below is unsat: `z3 shl-zero-i32.smt2` prints
; `unsat` once.
;   rule shl-zero-i32: (i32.shl ?x (i32.const ?c)) => ?x if (eq (and ?c 31) 0)
;     fires (i32.shl ?a (i32.const 32)) => ?a
;     stops (i32.shl ?a (i32.const 33))

(declare-const ?x (_ BitVec 32))
(declare-const ?c (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.shl ?x (i32.const ?c))
(assert (= lhs (bvshl ?x (bvand ?c #x0000001f))))
(assert (= lhs.trap false))
; right: ?x
(assert (= rhs ?x))
(assert (= rhs.trap false))
; if (eq (and ?c 31) 0)
(assert (= (bvand ((_ zero_extend 32) ?c) #x000000000000001f) #x0000000000000000))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
