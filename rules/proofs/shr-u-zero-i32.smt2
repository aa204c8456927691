; Proof of rule shr-u-zero-i32, written by `weft prove --write`.
; rule: shr-u-zero-i32
; digest: 37d452889b0964af1c19815d9dcab7714216d1f5caf2b84ce9056bc1c11ba976
; theory: bv
; The rule is sound when every query below is unsat: `z3 shr-u-zero-i32.smt2` prints
; `unsat` once.
;   rule shr-u-zero-i32: (i32.shr_u ?x (i32.const ?c)) => ?x if (eq (and ?c 31) 0)
;     fires (i32.shr_u ?a (i32.const 0)) => ?a
;     stops (i32.shr_u ?a (i32.const 1))

(declare-const ?x (_ BitVec 32))
(declare-const ?c (_ BitVec 32))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.shr_u ?x (i32.const ?c))
(assert (= lhs (bvlshr ?x (bvand ?c #x0000001f))))
(assert (= lhs.trap false))
; right: ?x
(assert (= rhs ?x))
(assert (= rhs.trap false))
; if (eq (and ?c 31) 0)
(assert (= (bvand ((_ zero_extend 32) ?c) #x000000000000001f) #x0000000000000000))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
