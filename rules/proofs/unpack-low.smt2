; Proof of rule unpack-low, written by `weft prove --write`.
; rule: unpack-low
; digest: c1d6fa1781bbe196b0abf3212236cba35908fb3e34bd59370d9a9f9869ef2981
; theory: bv
; The rule is sound when every query below is unsat: `z3 unpack-low.smt2` prints
; `unsat` once.
;   rule unpack-low: (i32.wrap_i64 (i64.or (i64.extend_i32_u ?a) (i64.shl ?h (i64.const 32)))) => ?a
;     fires (i32.wrap_i64 (i64.or (i64.extend_i32_u ?x) (i64.shl (i64.extend_i32_u ?y) (i64.const 32)))) => ?x
;     stops (i32.wrap_i64 (i64.or (i64.extend_i32_s ?x) (i64.shl (i64.extend_i32_u ?y) (i64.const 32))))

(declare-const ?a (_ BitVec 32))
(declare-const ?h (_ BitVec 64))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.wrap_i64 (i64.or (i64.extend_i32_u ?a) (i64.shl ?h (i64.const 32))))
(assert (= lhs ((_ extract 31 0) (bvor ((_ zero_extend 32) ?a) (bvshl ?h #x0000000000000020)))))
(assert (= lhs.trap false))
; right: ?a
(assert (= rhs ?a))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
