; Proof of rule unpack-high, written by `weft prove --write`.
; rule: unpack-high
; digest: 193414fccc9557942b29a7843b1420b268aa10b032c13d0d4d4650f8f9e737b6
; theory: bv
; The rule is sound when every query below is unsat: `z3 unpack-high.smt2` prints
; `unsat` once.
;   rule unpack-high: (i32.wrap_i64 (i64.shr_u (i64.or (i64.extend_i32_u ?a) (i64.shl ?h (i64.const 32))) (i64.const 32))) => (i32.wrap_i64 ?h)
;     fires (i32.wrap_i64 (i64.shr_u (i64.or (i64.extend_i32_u ?x) (i64.shl (i64.extend_i32_u ?y) (i64.const 32))) (i64.const 32)))
;       => (i32.wrap_i64 (i64.extend_i32_u ?y))
;     stops (i32.wrap_i64 (i64.shr_u (i64.or (i64.extend_i32_s ?x) (i64.shl ?y (i64.const 32))) (i64.const 32)))

(declare-const ?a (_ BitVec 32))
(declare-const ?h (_ BitVec 64))
(declare-const lhs (_ BitVec 32))
(declare-const rhs (_ BitVec 32))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i32.wrap_i64 (i64.shr_u (i64.or (i64.extend_i32_u ?a) (i64.shl ?h (i64.const 32))) (i64.const 32)))
(assert (= lhs ((_ extract 31 0) (bvlshr (bvor ((_ zero_extend 32) ?a) (bvshl ?h #x0000000000000020)) #x0000000000000020))))
(assert (= lhs.trap false))
; right: (i32.wrap_i64 ?h)
(assert (= rhs ((_ extract 31 0) ?h)))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
