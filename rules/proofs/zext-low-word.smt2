; Proof of rule zext-low-word, written by `weft prove --write`.
; rule: zext-low-word
; digest: fda094971bebdb82839c1d19da5fcefff1e365a48cc5fa9b0616625788738570
; theory: bv
; The rule is sound when every query below is unsat: `z3 zext-low-word.smt2` prints
; `unsat` once.
;   rule zext-low-word: (i64.and ?x (i64.const 0xFFFFFFFF)) => (i64.extend_i32_u (i32.wrap_i64 ?x))
;     fires (i64.and ?a (i64.const 0xFFFFFFFF)) => (i64.extend_i32_u (i32.wrap_i64 ?a))
;     stops (i64.and ?a (i64.const 0x7FFFFFFF))

(declare-const ?x (_ BitVec 64))
(declare-const lhs (_ BitVec 64))
(declare-const rhs (_ BitVec 64))
(declare-const lhs.trap Bool)
(declare-const rhs.trap Bool)
; left: (i64.and ?x (i64.const 4294967295))
(assert (= lhs (bvand ?x #x00000000ffffffff)))
(assert (= lhs.trap false))
; right: (i64.extend_i32_u (i32.wrap_i64 ?x))
(assert (= rhs ((_ zero_extend 32) ((_ extract 31 0) ?x))))
(assert (= rhs.trap false))
; the sides differ: in trapping, or in value where neither traps
(assert (or (not (= lhs.trap rhs.trap)) (and (not lhs.trap) (not (= lhs rhs)))))
(check-sat-using (then (using-params simplify :som true) solve-eqs smt))
